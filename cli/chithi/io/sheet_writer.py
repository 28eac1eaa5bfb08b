"""Writing the spreadsheet form: `chithi init report.xlsx|csv`, and sheets made from reports.

A workbook gets bilingual headers with a comment each, drop-down lists (strict where the value
is one word from a short list, a suggestion where a cell may hold several ids), a frozen header
row and widths that fit. A CSV file is UTF-8 with a BOM: without it Excel reads Vietnamese as
mojibake. openpyxl is imported only when a workbook is written.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from chithi.io.tables import column_letter
from chithi.model.sheet_form import SHEET_NAME

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from chithi.io.tables import CellValue
    from chithi.model.sheet_form import Column

LISTS_SHEET = "Danh sách - Lists"
# A cell may hold several ids ("KL-09, KL-10"): its list suggests, and does not refuse.
_SUGGESTED = {"incidents.indicators", "evidence.indicators", "expected.indicators"}


def csv_bytes(columns: Sequence[Column], rows: Sequence[Mapping[str, CellValue]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.header for c in columns])
    for row in rows:
        writer.writerow([_text(row.get(c.key)) for c in columns])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def _text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def xlsx_bytes(
    columns: Sequence[Column],
    rows: Sequence[Mapping[str, CellValue]],
    choices: Mapping[str, Sequence[str]],
    lang_first: str = "vi",
) -> bytes:
    """A workbook: the report sheet first, then the lists its drop-downs offer."""
    from openpyxl import Workbook  # noqa: PLC0415 - only writing a workbook pays for it
    from openpyxl.comments import Comment  # noqa: PLC0415
    from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = SHEET_NAME
    sheet.append([c.header for c in columns])
    for number, column in enumerate(columns, start=1):
        cell = sheet.cell(1, number)
        first, second = (column.help_vi, column.help_en)
        if lang_first == "en":
            first, second = second, first
        cell.comment = Comment(f"{first}\n[{second}]", "chithi", width=260, height=110)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[column_letter(number)].width = column.width
    for row in rows:
        sheet.append([row.get(c.key) for c in columns])
    for number, column in enumerate(columns, start=1):
        if column.kind == "date":
            for row_number in range(2, len(rows) + 2):
                sheet.cell(row_number, number).number_format = "yyyy-mm-dd"
        if column.key == "incidents.narrative":
            for row_number in range(2, len(rows) + 2):
                sheet.cell(row_number, number).alignment = Alignment(wrap_text=True)
    sheet.freeze_panes = "A2"
    lists = book.create_sheet(LISTS_SHEET)
    list_column = 0
    for number, column in enumerate(columns, start=1):
        values = choices.get(column.key)
        if not values:
            continue
        list_column += 1
        letter = column_letter(list_column)
        lists.cell(1, list_column, column.header)
        for k, value in enumerate(values, start=2):
            lists.cell(k, list_column, value)
        strict = column.key not in _SUGGESTED
        rule = DataValidation(
            type="list",
            formula1=f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=True,
            showErrorMessage=strict,
            errorTitle="chithi",
            error="Chọn một giá trị trong danh sách [pick a value from the list]",
        )
        sheet.add_data_validation(rule)
        rule.add(f"{column_letter(number)}2:{column_letter(number)}1000")
    lists.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
