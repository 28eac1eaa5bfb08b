"""Reports from a sheet's rows: the same plain data a YAML report holds, checked the same way.

Each row's cells become fields of a report's data, and each field's cell becomes its position,
so the schema and the ruleset checks (validate/report.py) locate every problem at the cell a
spreadsheet user finds it: `FILE:Sheet!C12`. Only what a sheet adds is checked here: headers,
dates written as text, and report fields that disagree between the rows of one report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from chithi.core.codes import E_EMPTY, E_SHEET, E_SHEET_CONFLICT, E_SHEET_DATE, E_SHEET_HEADER
from chithi.core.fixes import did_you_mean
from chithi.core.i18n import Text, text
from chithi.core.problems import InputError, Problem
from chithi.core.text import fold, lower_preserving_length
from chithi.io.loading import Document, Positions
from chithi.model.sheet_form import COLUMNS, EVIDENCE, INCIDENT, REPORT, WAIVER, Column
from chithi.validate.report import report_from_document

if TYPE_CHECKING:
    from chithi.io.tables import CellValue, Table
    from chithi.model.documents import Report, Ruleset

PathKey = tuple[str | int, ...]
_WORDS = re.compile(r"\w+")


def header_key(value: str) -> str:
    """Words only, lower case, without diacritics: 'Mã báo cáo / Report ID' → 'ma bao cao report id'."""
    return " ".join(_WORDS.findall(fold(lower_preserving_length(value))))


def _header_forms() -> dict[str, Column]:
    forms: dict[str, Column] = {}
    for column in COLUMNS:
        vi, en = header_key(column.vi), header_key(column.en)
        for form in (vi, en, f"{vi} {en}", f"{en} {vi}", header_key(column.key.replace("_", " "))):
            forms.setdefault(form, column)
    return forms


_FORMS = _header_forms()
_REPORT_ID = next(c for c in COLUMNS if c.key == "id")


def header_column(value: str) -> Column | None:
    """The column a header names, in either language, whatever its case or diacritics."""
    return _FORMS.get(header_key(value))


def is_report_header(cells: list[CellValue]) -> bool:
    """Whether a row is this form's header: it names the report id column."""
    return any(isinstance(c, str) and _FORMS.get(header_key(c)) is _REPORT_ID for c in cells)


def is_note_header(value: str) -> bool:
    """A column headed '#…' or 'Ghi chú / Notes' is the user's own, and never read."""
    return value.lstrip().startswith("#") or header_key(value) in {
        "ghi chu",
        "notes",
        "ghi chu notes",
    }


def read_header(table: Table) -> tuple[dict[int, Column], list[Problem]]:
    """Which column of the table holds which field; unknown and repeated headers are problems."""
    row, cells = table.rows[0]
    found: dict[int, Column] = {}
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, cell in enumerate(cells, start=1):
        if cell is None or (isinstance(cell, str) and is_note_header(cell)):
            continue
        column = _FORMS.get(header_key(str(cell)))
        if column is None:
            headers = [c.header for c in COLUMNS]
            meant = did_you_mean(str(cell), headers) or did_you_mean(
                str(cell), [c.vi for c in COLUMNS] + [c.en for c in COLUMNS]
            )
            hint = (
                text(f" — có phải ý là '{meant}'?", f" — did you mean '{meant}'?")
                if meant
                else text("", "")
            )
            problems.append(
                table.problem(
                    row,
                    number,
                    E_SHEET_HEADER,
                    text(
                        f"cột '{cell}' không phải cột của báo cáo; cột ghi chú riêng thì đặt tên bắt đầu bằng '#'",
                        f"column '{cell}' is not a report column; start a column of your own notes with '#'",
                    )
                    + hint,
                )
            )
        elif column.key in seen:
            problems.append(
                table.problem(
                    row,
                    number,
                    E_SHEET_HEADER,
                    text(
                        f"cột '{column.header}' lặp lại (đã có ở cột {seen[column.key]})",
                        f"column '{column.header}' is repeated (already column {seen[column.key]})",
                    ),
                )
            )
        else:
            seen[column.key] = number
            found[number] = column
    if not any(c.key == "incidents.id" for c in found.values()) and not problems:
        problems.append(
            table.problem(
                row,
                1,
                E_SHEET_HEADER,
                text(
                    "thiếu cột 'Mã sự việc / Incident id'; tạo mẫu bằng `chithi init báo-cáo.xlsx`",
                    "the 'Mã sự việc / Incident id' column is missing; make a template with `chithi init report.xlsx`",
                ),
            )
        )
    return found, problems


# ---- One cell's value, as the report's plain data holds it ----

_ISO = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00)?)?$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YES = {"co", "yes", "true", "x", "1", "dung", "phai"}
_NO = {"khong", "no", "false", "0", "sai"}
_LIST_SEPARATORS = re.compile(r"[,;\s]+")


def sheet_date(value: CellValue) -> str | Text:
    """An ISO date from a date cell, ISO text or unambiguous dd/mm/yyyy text; the text as it is
    for the schema to judge; or why a day-first date cannot be read safely."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    written = _plain(value).strip()
    iso = _ISO.match(written)
    if iso:
        return iso.group(1)
    m = _DAY_FIRST.match(written)
    if m is None:
        return written
    first, second, year = (int(g) for g in m.groups())
    if second > 12 >= first:
        return text(
            f"ngày '{written}' viết tháng trước (tháng/ngày/năm), không phải ngày/tháng/năm: nếu là"
            f" ngày {second} tháng {first} thì viết {year}-{first:02d}-{second:02d}",
            f"date '{written}' is written month first (mm/dd/yyyy), not dd/mm/yyyy: if it is"
            f" day {second} of month {first}, write {year}-{first:02d}-{second:02d}",
        )
    if first <= 12 and first != second:
        return text(
            f"ngày '{written}' có thể là ngày {first} tháng {second} hoặc ngày {second} tháng {first}:"
            f" viết {year}-{second:02d}-{first:02d} hoặc {year}-{first:02d}-{second:02d}, hoặc dùng ô kiểu ngày",
            f"date '{written}' could be day {first} of month {second} or day {second} of month {first}:"
            f" write {year}-{second:02d}-{first:02d} or {year}-{first:02d}-{second:02d}, or use a date cell",
        )
    try:
        return date(year, second, first).isoformat()
    except ValueError:
        return written  # a day that does not exist: the schema says so


def _plain(value: CellValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return "" if value is None else str(value)


def cell_value(column: Column, value: CellValue) -> Any:
    """What the report's data holds for this cell (a Text: why it cannot be read)."""
    if column.kind == "date":
        return sheet_date(value)
    if column.kind == "bool":
        if isinstance(value, bool):
            return value
        word = header_key(_plain(value))
        return True if word in _YES else False if word in _NO else _plain(value)
    if column.kind == "list":
        return [v for v in _LIST_SEPARATORS.split(_plain(value)) if v]
    return _plain(value).strip()


# ---- Rows into reports ----


@dataclass
class _Report:
    first_row: int
    data: dict[str, Any] = field(default_factory=dict)
    positions: Positions = field(default_factory=Positions)
    written: dict[PathKey, tuple[Any, int, int]] = field(default_factory=dict)
    incidents: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _path(column: Column, incident: int | None, item: int | None = None) -> PathKey:
    parts = column.key.split(".")
    if column.level == REPORT:
        return tuple(parts)
    if column.level == INCIDENT:
        return ("incidents", incident or 0, parts[1])
    group = "evidence" if column.level == EVIDENCE else "waive"
    return ("incidents", incident or 0, group, item or 0, parts[1])


def _put(target: _Report, path: PathKey, value: Any, where: tuple[int, int]) -> None:
    node: Any = target.data
    for depth, key in enumerate(path[:-1]):
        target.positions.values.setdefault(path[: depth + 1], where)
        fresh: Any = [] if isinstance(path[depth + 1], int) else {}
        if isinstance(node, list):
            assert isinstance(key, int)  # a list's place in a path is always its index
            if key == len(node):
                node.append(fresh)
            node = node[key]
        else:
            node = node.setdefault(key, fresh)
    node[path[-1]] = value
    target.positions.values[path] = where


def _conflict(
    table: Table, row: int, col: int, column: Column, first: tuple[Any, int, int]
) -> Problem:
    was, at_row, at_col = first
    cell = table.cell(at_row, at_col)
    return table.problem(
        row,
        col,
        E_SHEET_CONFLICT,
        text(
            f"'{column.header}' khác với ô {cell} ('{was}') của cùng báo cáo: để trống hoặc viết giống",
            f"'{column.header}' differs from cell {cell} ('{was}') of the same report: leave it blank or write the same",
        ),
    )


def table_documents(table: Table) -> tuple[list[tuple[Document, list[Problem]]], list[Problem]]:
    """Each report of the table as a Document whose positions are (row, column) of its cells,
    with the problems only a sheet can have; and the problems of the table as a whole."""
    if not table.rows:
        return [], [
            Problem(table.file, None, None, E_EMPTY, text("bảng trống", "the sheet is empty"))
        ]
    columns, problems = read_header(table)
    if problems:
        return [], problems
    where_of = {column.key: number for number, column in columns.items()}
    reports: dict[str, _Report] = {}
    current: _Report | None = None
    for row, cells in table.rows[1:]:
        values: dict[str, tuple[Any, int]] = {}
        for number, column in columns.items():
            raw = cells[number - 1] if number <= len(cells) else None
            if raw is not None:
                values[column.key] = (cell_value(column, raw), number)
        if not values:
            continue
        report_id = values.get("id", (None, 0))[0]
        if report_id:
            current = reports.setdefault(report_id, _Report(row))
        elif current is None:
            problems.append(
                table.problem(
                    row,
                    where_of["id"],
                    E_SHEET,
                    text(
                        "dòng không có mã báo cáo, và không có dòng nào ở trên để tiếp nối",
                        "the row has no report id, and no row above it to continue",
                    ),
                )
            )
            continue
        _add_row(table, current, row, values, where_of)
    if not reports and not problems:
        problems.append(
            table.problem(
                table.rows[0][0],
                1,
                E_EMPTY,
                text(
                    "bảng có dòng tiêu đề nhưng không có dòng sự việc nào",
                    "the sheet has a header row but no incident rows",
                ),
            )
        )
    return [
        (Document(table.file, r.data, r.positions, b""), r.problems) for r in reports.values()
    ], problems


def _add_row(
    table: Table,
    report: _Report,
    row: int,
    values: dict[str, tuple[Any, int]],
    where_of: dict[str, int],
) -> None:
    def cell(column: Column) -> tuple[int, int]:
        return (row, values[column.key][1] if column.key in values else where_of.get(column.key, 1))

    by_level: dict[str, list[Column]] = {REPORT: [], INCIDENT: [], EVIDENCE: [], WAIVER: []}
    for column in COLUMNS:
        if column.key in values:
            by_level[column.level].append(column)
    report.positions.values.setdefault((), (row, where_of["id"]))
    for column in by_level[REPORT]:
        _set(table, report, _path(column, None), column, values[column.key][0], cell(column))
    incidents: list[dict[str, Any]] = report.data.setdefault("incidents", [])
    report.positions.values.setdefault(("incidents",), (row, where_of["incidents.id"]))
    incident_id = values.get("incidents.id", (None, 0))[0]
    opens = [c for c in by_level[INCIDENT] if c.key != "incidents.id"]
    if incident_id in report.incidents:
        n = report.incidents[incident_id]
    elif incident_id is None and not opens and incidents:
        n = len(incidents) - 1  # a row with only evidence or a waiver: one more for the last
    else:
        n = len(incidents)
        incidents.append({})
        report.positions.values[("incidents", n)] = (row, where_of["incidents.id"])
        if incident_id is not None:
            report.incidents[incident_id] = n
    for column in by_level[INCIDENT]:
        _set(table, report, _path(column, n), column, values[column.key][0], cell(column))
    for level, group in ((EVIDENCE, "evidence"), (WAIVER, "waive")):
        if by_level[level]:
            k = len(incidents[n].get(group, []))
            for column in by_level[level]:
                _put(report, _path(column, n, k), values[column.key][0], cell(column))


def _set(
    table: Table, report: _Report, path: PathKey, column: Column, value: Any, where: tuple[int, int]
) -> None:
    if isinstance(value, Text):
        report.problems.append(table.problem(*where, E_SHEET_DATE, value))
        return
    first = report.written.get(path)
    if first is None:
        report.written[path] = (value, *where)
        _put(report, path, value, where)
    elif first[0] != value:
        report.problems.append(_conflict(table, *where, column, first))


def at_cells(table: Table, problems: list[Problem]) -> list[Problem]:
    """Problems found in a report's data, located at the cells its positions came from."""
    return [
        Problem(
            p.file,
            p.line,
            p.column,
            p.code,
            p.message,
            p.severity,
            table.cell(p.line, p.column or 1),
        )
        if p.line is not None and p.cell is None
        else p
        for p in problems
    ]


def table_reports(table: Table, ruleset: Ruleset) -> list[tuple[str, Report] | Problem]:
    """Every report of the table, each named FILE (one report) or FILE#N; or its problems."""
    documents, problems = table_documents(table)
    found: list[tuple[str, Report] | Problem] = list(problems)
    for n, (doc, sheet_problems) in enumerate(documents):
        if sheet_problems:
            found += sheet_problems
            continue
        name = table.file if len(documents) == 1 else f"{table.file}#{n + 1}"
        try:
            found.append((name, report_from_document(doc, ruleset)))
        except InputError as err:
            found += at_cells(table, err.problems)
    return found
