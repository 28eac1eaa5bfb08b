"""A Word document as a report skeleton: tables whose headers are the sheet's columns become
incidents (or whole reports, when they carry the report id); failing that, the paragraphs become
one incident's narrative. Nothing is guessed: what cannot be read is left out, for `chithi check`
to name (docs/formats.md, "Word documents")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chithi.io.tables import CellValue, Table
from chithi.validate.sheet_report import header_column, table_documents

if TYPE_CHECKING:
    from chithi.core.problems import Problem
    from chithi.io.word import WordDocument

_SKELETON = "\0skeleton"  # stands for the report id a table of incidents does not carry


def _report_table(word: WordDocument, k: int, rows: list[list[str]]) -> Table | None:
    """The table as a sheet, when its header row is the sheet form's (ids or narrative in it)."""
    if len(rows) < 2:
        return None
    columns = [header_column(cell) for cell in rows[0] if cell.strip()]
    if not columns or None in columns:
        return None
    keys = {c.key for c in columns if c is not None}
    if not keys & {"incidents.id", "incidents.narrative"}:
        return None
    table = Table(word.file, f"Bảng {k}")
    for number, row in enumerate(rows, start=1):
        cells: list[CellValue] = [cell or None for cell in row]
        if "id" not in keys:  # a table of incidents only: one report, its id left to the user
            cells = ["Mã báo cáo" if number == 1 else _SKELETON, *cells]
        if "incidents.id" not in keys:
            cells = ["Mã sự việc" if number == 1 else None, *cells]
        if any(c is not None for c in cells[1:]):
            table.rows.append((number, cells))
    return table


def word_reports(word: WordDocument) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The reports' plain data (possibly incomplete), and what could not be read."""
    reports: list[dict[str, Any]] = []
    problems: list[Problem] = []
    skeleton: dict[str, Any] = {}
    for k, rows in enumerate(word.tables, start=1):
        table = _report_table(word, k, rows)
        if table is None:
            continue
        documents, found = table_documents(table)
        problems += found
        for doc, sheet_problems in documents:
            problems += sheet_problems
            if doc.data.get("id") == _SKELETON:
                for key, value in doc.data.items():
                    if key == "incidents":
                        skeleton.setdefault(key, []).extend(value)
                    elif key != "id":
                        skeleton.setdefault(key, value)
            else:
                reports.append(doc.data)
    if not reports and not skeleton and word.paragraphs:
        narrative = "\n\n".join(paragraph for _, paragraph in word.paragraphs)
        skeleton = {"incidents": [{"narrative": narrative}]}
    if skeleton:
        reports.append(skeleton)
    return reports, problems
