"""A report from a path: read within the limits, validated against the ruleset, built."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from chithi.core.codes import E_SHEET
from chithi.core.i18n import text
from chithi.core.problems import InputError, Problem
from chithi.io.loading import DEFAULT_LIMITS, Limits, load_path, read_bytes
from chithi.io.suffixes import TABLE_SUFFIXES
from chithi.validate.report import report_from_document

if TYPE_CHECKING:
    from chithi.io.tables import Table
    from chithi.model.documents import Report, Ruleset


def load_report(
    path: Path, ruleset: Ruleset, display: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Report:
    """One report: a YAML file, or a sheet that holds exactly one report."""
    if is_table(str(path)):
        found = sheet_reports(str(path), display or str(path), ruleset, limits)
        problems = [item for item in found if isinstance(item, Problem)]
        reports = [item[1] for item in found if not isinstance(item, Problem)]
        if problems:
            raise InputError(problems)
        if len(reports) == 1:
            return reports[0]
        raise InputError(
            [
                Problem(
                    display or str(path),
                    None,
                    None,
                    E_SHEET,
                    text(
                        f"bảng có {len(reports)} báo cáo, không phải một",
                        f"the sheet holds {len(reports)} reports, not one",
                    ),
                )
            ]
        )
    doc = load_path(path, display, limits)
    return report_from_document(doc, ruleset)


def is_table(path: str) -> bool:
    return path.lower().endswith(TABLE_SUFFIXES)


def read_sheet(path: str, display: str, limits: Limits = DEFAULT_LIMITS) -> Table:
    """The report sheet of a workbook or CSV file, within the limits (InputError otherwise)."""
    # Here, not at the top: a YAML check never pays for the sheet readers.
    from chithi.io.tables import read_table  # noqa: PLC0415
    from chithi.validate.sheet_report import is_report_header  # noqa: PLC0415

    raw = read_bytes(Path(path), display, limits)
    return read_table(raw, display, Path(path).suffix.lower(), is_report_header, limits)


def sheet_reports(
    path: str, display: str, ruleset: Ruleset, limits: Limits = DEFAULT_LIMITS
) -> list[tuple[str, Report] | Problem]:
    """Every report of a workbook or CSV file, each named as batch names a YAML stream's."""
    from chithi.validate.sheet_report import table_reports  # noqa: PLC0415

    try:
        table = read_sheet(path, display, limits)
    except InputError as err:
        return list(err.problems)
    return table_reports(table, ruleset)
