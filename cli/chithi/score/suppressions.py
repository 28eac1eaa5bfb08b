"""Exceptions (`--exceptions FILE`): an indicator suppressed for a unit or a person, for a while.

Unlike inline skips, each carries a reason, an owner and an expiry date, and every output lists
what became of it: applied (and where), unused, expired (no longer applies) or refused (the
indicator is `non_suppressible`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from chithi.api import unknown_indicator
from chithi.core.i18n import text
from chithi.core.problems import InputError, Problem
from chithi.io.loading import load_path
from chithi.model.runs import ExceptionEntry, ExceptionRecord, ExceptionStatus
from chithi.validate.schema import validate

if TYPE_CHECKING:
    from pathlib import Path

    from chithi.model.documents import Report, Ruleset


@dataclass
class ExceptionSet:
    """The entries of one file, judged against one ruleset and one day; records where they apply."""

    entries: tuple[ExceptionEntry, ...]
    ruleset: Ruleset
    today: date
    applied: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def status(self, entry: ExceptionEntry) -> ExceptionStatus:
        indicator = self.ruleset.indicator(entry.indicator)
        if indicator is not None and indicator.non_suppressible:
            return "refused"
        if date.fromisoformat(entry.expires) < self.today:
            return "expired"
        return "applied" if self.applied.get(entry.id) else "unused"

    def suppressing(self, report: Report, indicator: str) -> ExceptionEntry | None:
        for entry in self.entries:
            live = self.status(entry) in ("applied", "unused")
            if live and entry.indicator == indicator and entry.covers(report):
                return entry
        return None

    def record(self, entry: ExceptionEntry, path: str, incident: str) -> None:
        self.applied.setdefault(entry.id, []).append((path, incident))

    def records(self) -> tuple[ExceptionRecord, ...]:
        return tuple(
            ExceptionRecord.of(e, self.status(e), tuple(self.applied.get(e.id, ())))
            for e in self.entries
        )


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
                    "E-SCHEMA",
                    text(
                        "tệp ngoại lệ phải là một ánh xạ có khóa 'exceptions'",
                        "an exceptions file must be a mapping with an 'exceptions' key",
                    ),
                )
            ]
        )
    problems = validate(doc, "exceptions", "E-SCHEMA")
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
                    "E-UNKNOWN-INDICATOR",
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
                    "E-DUPLICATE-EXCEPTION",
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
