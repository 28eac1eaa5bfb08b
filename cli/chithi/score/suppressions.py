"""Exceptions (`--exceptions FILE`): an indicator suppressed for a unit or a person, for a while.

Unlike inline skips, each carries a reason, an owner and an expiry date, and every output lists
what became of it: applied (and where), unused, expired (no longer applies) or refused (the
indicator is `non_suppressible`).

Where an exception applied is read from the results: every row records the exception that
suppressed it, so nothing is written down while scoring and nothing is shipped back from workers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from chithi.model.runs import ExceptionEntry, ExceptionRecord, ExceptionStatus

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from chithi.model.documents import Report, Ruleset
    from chithi.model.results import ReportResult

Use = tuple[str, str, str]  # (exception id, report path, incident id)


@dataclass(frozen=True)
class ExceptionSet:
    """The entries of one file, judged against one ruleset and one day."""

    entries: tuple[ExceptionEntry, ...]
    ruleset: Ruleset
    today: date

    def _standing(self, entry: ExceptionEntry) -> ExceptionStatus | None:
        """refused or expired, whatever the reports hold; None while the entry can apply."""
        indicator = self.ruleset.indicator(entry.indicator)
        if indicator is not None and indicator.non_suppressible:
            return "refused"
        if date.fromisoformat(entry.expires) < self.today:
            return "expired"
        return None

    def suppressing(self, report: Report, indicator: str) -> ExceptionEntry | None:
        for entry in self.entries:
            live = self._standing(entry) is None
            if live and entry.indicator == indicator and entry.covers(report):
                return entry
        return None

    def records(
        self, applied: Mapping[str, Sequence[tuple[str, str]]]
    ) -> tuple[ExceptionRecord, ...]:
        """Each entry and what became of it, given where it applied (see `uses`)."""
        return tuple(
            ExceptionRecord.of(
                e,
                self._standing(e) or ("applied" if applied.get(e.id) else "unused"),
                tuple(applied.get(e.id, ())),
            )
            for e in self.entries
        )


def uses(result: ReportResult) -> tuple[Use, ...]:
    """Where exceptions applied in one report, read from its rows, in row order."""
    return tuple(
        (row.exception, result.path, incident.incident.id)
        for incident in result.incidents
        for row in incident.rows
        if row.exception is not None
    )
