"""`chithi import`: reports from a sheet, a CSV file or a Word document, as YAML to edit.

A sheet's reports are exactly what `chithi check` reads from it, so checking the YAML gives the
same result as checking the sheet. A Word document gives a skeleton: what it holds, no more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chithi.core.codes import E_EMPTY, E_READ
from chithi.core.i18n import text
from chithi.core.problems import InputError, Problem
from chithi.inputs.reports import is_table, read_sheet
from chithi.io.loading import DEFAULT_LIMITS, Limits, read_bytes
from chithi.io.report_writer import missing_fields, report_yaml

WORD_SUFFIXES = (".docx",)
_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass(frozen=True)
class Imported:
    stem: str  # the file name to write, without .yaml
    data: dict[str, Any]
    source: str  # where it came from, as the user named it
    missing: tuple[str, ...]  # required fields the source did not hold

    def yaml(self) -> str:
        comments = [f"Nhập từ {self.source} bằng `chithi import` [imported from {self.source}]"]
        if self.missing:
            fields = ", ".join(self.missing)
            comments.append(f"Cần bổ sung [to complete]: {fields}")
        return report_yaml(self.data, comments)


def read_word_file(path: str, display: str, limits: Limits = DEFAULT_LIMITS) -> Any:
    from chithi.io.word import read_word  # noqa: PLC0415 - only a Word document needs it

    return read_word(read_bytes(Path(path), display, limits), display, limits)


def import_file(
    path: str, display: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[list[Imported], list[Problem]]:
    """The reports one file holds, with the problems that kept some of them out."""
    lowered = path.lower()
    try:
        if is_table(lowered):
            from chithi.validate.sheet_report import table_documents  # noqa: PLC0415

            documents, problems = table_documents(read_sheet(path, display, limits))
            found = []
            for doc, sheet_problems in documents:
                problems += sheet_problems
                if not sheet_problems:
                    found.append(doc.data)
        elif lowered.endswith(WORD_SUFFIXES):
            from chithi.validate.word_report import word_reports  # noqa: PLC0415

            found, problems = word_reports(read_word_file(path, display, limits))
        else:
            return [], [
                Problem(
                    display,
                    None,
                    None,
                    E_READ,
                    text(
                        "chithi import đọc tệp .xlsx, .csv hoặc .docx",
                        "chithi import reads .xlsx, .csv or .docx files",
                    ),
                )
            ]
    except InputError as err:
        return [], list(err.problems)
    stem = Path(display).stem
    imported = [
        Imported(
            _UNSAFE.sub("_", str(data["id"])).strip("._") if data.get("id") else stem,
            data,
            display,
            tuple(missing_fields(data)),
        )
        for data in found
    ]
    if not imported and not problems:
        problems.append(
            Problem(
                display,
                None,
                None,
                E_EMPTY,
                text(
                    "không có gì để nhập: tệp không có chữ",
                    "nothing to import: the file holds no text",
                ),
            )
        )
    return imported, problems
