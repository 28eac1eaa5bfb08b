"""Write the two workbooks the README's spreadsheet example checks: the `chithi init` template
filled in as a clerk would, each with the one mistake the example shows.

    python docs/examples/sheets/make.py      # from the repository root, chithi installed
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

HERE = Path(__file__).resolve().parent
CHITHI = str(Path(sys.executable).parent / "chithi")
INCIDENTS = "Sự việc - Incidents"
FILLED = {  # header (English half) → what the clerk typed instead of the example
    "unit": "UBND phường Ngọc Thụy, quận Long Biên",
    "subject": "Trần Minh Quân",
    "summary": "Hồ sơ cấp giấy chứng nhận trễ hẹn 30 ngày",
    "narrative": (
        "Hồ sơ cấp giấy chứng nhận của hộ ông Đỗ Văn Hải nộp ngày 02/01/2024 đến nay trễ hẹn"
        " 30 ngày; người dân phải đi lại nhiều lần."
    ),
}


def _column(sheet: object, wanted: str) -> int:
    for cell in sheet[1]:  # type: ignore[index]
        if str(cell.value or "").lower().split("/")[-1].strip() == wanted:
            return int(cell.column)
    raise KeyError(wanted)


def write(name: str, mistakes: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        template = Path(folder) / "template.xlsx"
        subprocess.run([CHITHI, "init", str(template), "--lang", "en"], check=True)
        book = load_workbook(template)
        sheet = book[INCIDENTS]
        for header, value in {**FILLED, **mistakes}.items():
            sheet.cell(row=2, column=_column(sheet, header), value=value)
        book.save(HERE / name)


if __name__ == "__main__":
    write("status-in-words.xlsx", {"status": "chưa xác minh"})
    write("date-day-or-month.xlsx", {"incident date": "03/04/2024"})
