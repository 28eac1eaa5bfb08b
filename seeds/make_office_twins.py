"""Write seed 12 the ways a ward keeps it: as a workbook and as a Word document.

    python seeds/make_office_twins.py

12-one-stop-shop.xlsx is what `chithi init report.xlsx` writes, filled in (real date cells, one
row per incident, one more per further evidence item or waiver); 12-one-stop-shop.docx holds the
same rows as a Word table, written by python-docx (not by chithi's reader). Their YAML twin is
tests/data/sheet-twins/12-one-stop-shop.yaml, outside seeds/ so that `chithi check seeds/` does
not count the report twice; tests/inputs/test_sheets.py checks that all three give the same result.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import yaml

from chithi.io.sheet_writer import xlsx_bytes
from chithi.model.sheet_form import COLUMNS, rows_from_report

HERE = Path(__file__).parent
TWIN = "12-one-stop-shop"
SOURCE = HERE.parent / "tests" / "data" / "sheet-twins" / f"{TWIN}.yaml"


def main() -> None:
    data = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    rows = rows_from_report(data)
    used = [c for c in COLUMNS if any(c.key in row for row in rows)]
    dated = [
        {k: date.fromisoformat(v) if k.endswith("date") else v for k, v in row.items()}
        for row in rows
    ]
    (HERE / f"{TWIN}.xlsx").write_bytes(xlsx_bytes(used, dated, {}))
    document = docx.Document()
    document.add_heading("BÁO CÁO KẾT QUẢ GIÁM SÁT THỦ TỤC HÀNH CHÍNH", level=1)
    document.add_paragraph(
        "Tổ giám sát thủ tục hành chính phường Khương Đình báo cáo các sự việc sau:"
    )
    table = document.add_table(rows=1, cols=len(used))
    for cell, column in zip(table.rows[0].cells, used, strict=True):
        cell.text = column.header
    for row in rows:
        cells = table.add_row().cells
        for cell, column in zip(cells, used, strict=True):
            value = row.get(column.key)
            cell.text = (
                ""
                if value is None
                else ("có" if value is True else "không" if value is False else str(value))
            )
    document.save(str(HERE / f"{TWIN}.docx"))


if __name__ == "__main__":
    main()
