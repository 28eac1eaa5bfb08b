"""Cells from an .xlsx workbook or a .csv file, read within the limits, never evaluated.

A workbook is a zip: its members' uncompressed sizes are checked before anything is unpacked,
so a zip bomb or a giant shared-strings table is refused from the directory alone. Macros
(.xlsm, vbaProject.bin) and links to other workbooks are refused, not ignored: the file is not
what a report sheet should be. A formula is refused at its cell: chithi never computes one, and
a cached value could be anything the file's author wrote. openpyxl is imported here, and only
here, when a workbook is actually read: checking YAML never loads it.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from chithi.core.codes import E_LIMIT, E_SHEET, E_SHEET_FORMULA, E_SHEET_LINK, E_SHEET_MACRO
from chithi.core.i18n import Text, text
from chithi.core.problems import InputError, Problem
from chithi.io.loading import DEFAULT_LIMITS, Limits, decode

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

CellValue = str | int | float | bool | date | datetime | time | None
# A workbook may unpack to this many times the file-size limit, and no more.
UNPACKED_FACTOR = 10
_MAX_MEMBERS = 1_000
_MAX_COLUMNS = 64  # far beyond the report's columns; a sheet claiming 16,384 is not read wide


def column_letter(column: int) -> str:
    """1 → A, 27 → AA: the way a spreadsheet names its columns."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class Table:
    """The non-empty rows of one sheet: (row number as the spreadsheet shows it, cells)."""

    file: str
    sheet: str | None  # None for a CSV file
    rows: list[tuple[int, list[CellValue]]] = field(default_factory=list)

    def cell(self, row: int, column: int) -> str:
        """`Sheet!C12` in a workbook, `C12` in a CSV file (docs/formats.md)."""
        name = f"{column_letter(column)}{row}"
        return f"{self.sheet}!{name}" if self.sheet is not None else name

    def problem(self, row: int, column: int, code: str, message: Text) -> Problem:
        return Problem(self.file, row, column, code, message, cell=self.cell(row, column))


def read_table(
    raw: bytes,
    display: str,
    suffix: str,
    wanted: Callable[[list[CellValue]], bool],
    limits: Limits = DEFAULT_LIMITS,
) -> Table:
    """The first sheet whose header row `wanted` accepts (a CSV file has only one)."""
    if suffix == ".csv":
        return _read_csv(raw, display, limits)
    return _read_workbook(raw, display, suffix, wanted, limits)


def _refused(file: str, code: str, message: Text) -> InputError:
    return InputError([Problem(file, None, None, code, message)])


# ---- CSV ----


def _read_csv(raw: bytes, display: str, limits: Limits) -> Table:
    source = decode(raw, display)  # UTF-8, BOM or not; UTF-16 and binary files are named
    if source.startswith("\ufeff"):
        source = source[1:]
    table = Table(display, None)
    reader = csv.reader(io.StringIO(source, newline=""), delimiter=_separator(source))
    counter = _Counter(table, limits)
    try:
        for number, record in enumerate(reader, start=1):
            cells: list[CellValue] = [value if value.strip() else None for value in record]
            counter.add(number, cells)
    except csv.Error as err:
        raise InputError(
            [
                table.problem(
                    reader.line_num,
                    1,
                    E_SHEET,
                    text(f"dòng CSV không đọc được ({err})", f"unreadable CSV row ({err})"),
                )
            ]
        ) from None
    return table


def _separator(source: str) -> str:
    """`,` or `;` (Excel in a Vietnamese locale writes `;`), or a tab: the most frequent one
    outside quotes on the header line."""
    header, quoted = [], False
    for char in source:
        if char == '"':
            quoted = not quoted
        elif char in "\r\n" and not quoted:
            break
        elif not quoted:
            header.append(char)
    line = "".join(header)
    return max((",", ";", "\t"), key=line.count)


class _Counter:
    """Adds rows to a table while keeping to the limits: cells and rows count as nodes."""

    def __init__(self, table: Table, limits: Limits) -> None:
        self.table, self.limits, self.nodes = table, limits, 0

    def add(self, number: int, cells: list[CellValue]) -> None:
        self.nodes += 1
        for column, value in enumerate(cells, start=1):
            if value is None:
                continue
            self.nodes += 1
            if isinstance(value, str) and len(value) > self.limits.max_string:
                raise InputError(
                    [
                        self.table.problem(
                            number,
                            column,
                            E_LIMIT,
                            text(
                                f"ô dài hơn giới hạn {self.limits.max_string:,} ký tự (--max-string-length)",
                                f"cell is longer than the {self.limits.max_string:,}-character limit (--max-string-length)",
                            ),
                        )
                    ]
                )
        if self.nodes > self.limits.max_nodes:
            raise InputError(
                [
                    self.table.problem(
                        number,
                        1,
                        E_LIMIT,
                        text(
                            f"bảng có hơn {self.limits.max_nodes:,} dòng và ô (--max-nodes)",
                            f"the sheet has more than {self.limits.max_nodes:,} rows and cells (--max-nodes)",
                        ),
                    )
                ]
            )
        if any(value is not None for value in cells):
            while cells and cells[-1] is None:
                cells.pop()
            self.table.rows.append((number, cells))


# ---- Workbooks ----


def check_zip(raw: bytes, display: str, limits: Limits, what: Text) -> zipfile.ZipFile:
    """The archive, once its directory shows nothing that unpacks beyond the limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _refused(
            display,
            E_SHEET,
            text(
                f"tệp không phải {what.vi} hợp lệ (tệp zip hỏng)",
                f"the file is not a valid {what.en} (a broken zip archive)",
            ),
        ) from None
    ceiling = limits.max_bytes * UNPACKED_FACTOR
    unpacked = sum(member.file_size for member in members)
    if len(members) > _MAX_MEMBERS or unpacked > ceiling:
        raise _refused(
            display,
            E_LIMIT,
            text(
                f"{what.vi} giải nén ra {unpacked:,} byte trong {len(members):,} phần, quá giới hạn"
                f" {ceiling:,} byte ({UNPACKED_FACTOR} lần --max-file-size): có thể là bom zip; không mở",
                f"the {what.en} unpacks to {unpacked:,} bytes in {len(members):,} parts, beyond the"
                f" {ceiling:,}-byte limit ({UNPACKED_FACTOR} times --max-file-size): possibly a zip bomb; not opened",
            ),
        )
    return archive


_WORKBOOK = text("bảng tính", "workbook")


def _read_workbook(
    raw: bytes,
    display: str,
    suffix: str,
    wanted: Callable[[list[CellValue]], bool],
    limits: Limits,
) -> Table:
    archive = check_zip(raw, display, limits, _WORKBOOK)
    _refuse_active_content(archive, display, suffix, limits)
    import openpyxl  # noqa: PLC0415 - only a workbook pays for it (docs/performance.md)

    # openpyxl warns about what it drops (extensions, default styles): nothing a clerk can act on
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _open_and_read(openpyxl, raw, display, wanted, limits)


def _open_and_read(
    openpyxl: Any,
    raw: bytes,
    display: str,
    wanted: Callable[[list[CellValue]], bool],
    limits: Limits,
) -> Table:
    try:
        book = openpyxl.load_workbook(
            io.BytesIO(raw), read_only=True, data_only=False, keep_links=False, keep_vba=False
        )
    except InputError:
        raise
    except Exception as err:  # any malformed part: say so, never a traceback
        raise _unreadable(display, err) from None
    try:
        return _first_report_sheet(book, display, wanted, limits)
    except InputError:
        raise
    except Exception as err:  # malformed sheet XML surfaces while iterating
        raise _unreadable(display, err) from None
    finally:
        book.close()


def _refuse_active_content(
    archive: zipfile.ZipFile, display: str, suffix: str, limits: Limits
) -> None:
    names = archive.namelist()
    if suffix == ".xlsm" or any(n.lower().endswith("vbaproject.bin") for n in names):
        raise _refused(
            display,
            E_SHEET_MACRO,
            text(
                "bảng tính có macro (.xlsm, vbaProject.bin): chithi không mở tệp có macro;"
                " lưu lại dưới dạng .xlsx (Excel Workbook) rồi kiểm tra",
                "the workbook holds macros (.xlsm, vbaProject.bin): chithi does not open files"
                " with macros; save it as .xlsx (Excel Workbook) and check that",
            ),
        )
    if any(n.lower().startswith("xl/externallinks/") for n in names):
        raise _refused(
            display,
            E_SHEET_LINK,
            text(
                "bảng tính liên kết tới bảng tính khác (external links): chép giá trị vào"
                " (Dán đặc biệt → Giá trị) và xóa liên kết (Dữ liệu → Sửa liên kết)",
                "the workbook links to other workbooks (external links): paste the values in"
                " (Paste Special → Values) and break the links (Data → Edit Links)",
            ),
        )
    shared = next((m for m in archive.infolist() if m.filename == "xl/sharedStrings.xml"), None)
    if shared is not None and shared.file_size > 2 * limits.max_bytes:
        raise _refused(
            display,
            E_LIMIT,
            text(
                f"bảng chuỗi dùng chung (sharedStrings.xml) giải nén ra {shared.file_size:,} byte,"
                f" quá giới hạn {2 * limits.max_bytes:,} byte (2 lần --max-file-size); không mở",
                f"the shared-strings table (sharedStrings.xml) unpacks to {shared.file_size:,} bytes,"
                f" beyond the {2 * limits.max_bytes:,}-byte limit (2 times --max-file-size); not opened",
            ),
        )


def _first_report_sheet(
    book: object, display: str, wanted: Callable[[list[CellValue]], bool], limits: Limits
) -> Table:
    sheets = list(getattr(book, "worksheets", []))
    for sheet in sheets:
        header = next(_rows(sheet, 1, _MAX_COLUMNS), None)
        if header is None or not wanted(_values(display, sheet.title, 1, header, limits)):
            continue
        table = Table(display, sheet.title)
        counter = _Counter(table, limits)
        width = max(
            (i + 1 for i, c in enumerate(header) if getattr(c, "value", None) is not None),
            default=1,
        )
        for number, row in enumerate(_rows(sheet, None, width), start=1):
            counter.add(number, _values(display, sheet.title, number, row, limits))
        return table
    names = ", ".join(f"'{s.title}'" for s in sheets) or "—"
    raise _refused(
        display,
        E_SHEET,
        text(
            f"không trang tính nào ({names}) có dòng tiêu đề với cột 'Mã báo cáo / Report id';"
            " tạo mẫu bằng `chithi init báo-cáo.xlsx`",
            f"no sheet ({names}) has a header row with a 'Mã báo cáo / Report id' column;"
            " make a template with `chithi init report.xlsx`",
        ),
    )


def _rows(sheet: object, last: int | None, width: int) -> Iterator[tuple[object, ...]]:
    rows: Iterator[tuple[object, ...]] = sheet.iter_rows(  # type: ignore[attr-defined]
        min_row=1, max_row=last, max_col=width
    )
    return rows


def _values(
    display: str, sheet: str, number: int, row: tuple[object, ...], limits: Limits
) -> list[CellValue]:
    values: list[CellValue] = []
    for column, cell in enumerate(row, start=1):
        value = getattr(cell, "value", None)
        if getattr(cell, "data_type", None) == "f" or not isinstance(
            value, (str, int, float, date, time, type(None))
        ):
            where = Table(display, sheet)
            raise InputError(
                [
                    where.problem(
                        number,
                        column,
                        E_SHEET_FORMULA,
                        text(
                            "ô chứa công thức: chithi không tính công thức từ tệp; chép giá trị"
                            " vào (Dán đặc biệt → Giá trị)",
                            "the cell holds a formula: chithi never computes formulas from a"
                            " file; paste its value instead (Paste Special → Values)",
                        ),
                    )
                ]
            )
        if isinstance(value, str) and not value.strip():
            value = None
        values.append(value)
    return values


def _unreadable(display: str, err: Exception) -> InputError:
    """A workbook whose parts openpyxl cannot parse: say what failed, never a traceback."""
    return _refused(
        display,
        E_SHEET,
        text(
            f"không đọc được bảng tính ({type(err).__name__}: {str(err)[:120]})",
            f"cannot read the workbook ({type(err).__name__}: {str(err)[:120]})",
        ),
    )
