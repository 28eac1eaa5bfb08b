"""An exceptions file (`--exceptions FILE`) read, validated against the ruleset, and built."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chithi.core.codes import E_DUPLICATE_EXCEPTION, E_SCHEMA, E_UNKNOWN_INDICATOR
from chithi.core.i18n import text
from chithi.core.problems import InputError, Problem
from chithi.io.loading import load_path
from chithi.model.runs import ExceptionEntry
from chithi.score.suppressions import ExceptionSet
from chithi.validate.report import unknown_indicator
from chithi.validate.schema import validate

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from chithi.model.documents import Ruleset


def load_exceptions(path: Path, ruleset: Ruleset, today: date) -> ExceptionSet:
    """Read and validate an exceptions file; problems raise InputError (exit 2), located."""
    doc = load_path(path)
    if not isinstance(doc.data, dict):
        raise InputError(
            [
                Problem(
                    doc.file,
                    1,
                    1,
                    E_SCHEMA,
                    text(
                        "tệp ngoại lệ phải là một ánh xạ có khóa 'exceptions'",
                        "an exceptions file must be a mapping with an 'exceptions' key",
                    ),
                )
            ]
        )
    problems = validate(doc, "exceptions", E_SCHEMA)
    known = {i.id for i in ruleset.indicators}
    seen: set[str] = set()
    for n, item in enumerate(doc.data.get("exceptions", []) if not problems else []):
        if item["indicator"] not in known:
            line, column = doc.positions.of_value(("exceptions", n, "indicator"))
            problems.append(
                Problem(
                    doc.file,
                    line,
                    column,
                    E_UNKNOWN_INDICATOR,
                    unknown_indicator(item["indicator"], ruleset.id),
                )
            )
        if item["id"] in seen:
            line, column = doc.positions.of_value(("exceptions", n, "id"))
            problems.append(
                Problem(
                    doc.file,
                    line,
                    column,
                    E_DUPLICATE_EXCEPTION,
                    text(
                        f"mã ngoại lệ '{item['id']}' bị lặp",
                        f"exception id '{item['id']}' is repeated",
                    ),
                )
            )
        seen.add(item["id"])
    if problems:
        raise InputError(problems)
    entries = tuple(
        ExceptionEntry(
            item["id"],
            item["indicator"],
            item["scope"].get("unit"),
            item["scope"].get("person"),
            item["reason"],
            item["owner"],
            item["expires"],
        )
        for item in doc.data["exceptions"]
    )
    return ExceptionSet(entries, ruleset, today)
