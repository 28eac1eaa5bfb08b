"""Exceptions (`--exceptions FILE`): an indicator suppressed for a unit or a person, for a while.

Unlike inline skips, each carries a reason, an owner and an expiry date, and every output lists
what became of it: applied (and where), unused, expired (no longer applies) or refused (the
indicator is `non_suppressible`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from chithi.model.runs import ExceptionEntry, ExceptionRecord, ExceptionStatus

if TYPE_CHECKING:
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
