"""Many results, one view: totals per unit, person, group, indicator, month and level.

Results are added one at a time and only counters are kept, so memory does not grow with the
number of reports.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chithi.text import name_key

if TYPE_CHECKING:
    from chithi.model import Ruleset
    from chithi.results import ReportResult

COUNTED = ("violated", "probable")


@dataclass
class Tally:
    """What a row of the summary adds up: reports, incidents, indicators met, points, worst level."""

    reports: int = 0
    incidents: int = 0
    indicators_met: int = 0
    points: float = 0.0
    highest_level: int = 0  # index into the ruleset's levels


@dataclass
class Aggregate:
    ruleset: Ruleset
    reports: int = 0
    units: dict[str, Tally] = field(default_factory=dict)
    persons: dict[str, Tally] = field(default_factory=dict)  # keyed by the name as first written
    groups: dict[str, Tally] = field(default_factory=dict)
    months: dict[str, Tally] = field(default_factory=dict)
    indicators: Counter[str] = field(default_factory=Counter)
    levels: Counter[str] = field(default_factory=Counter)
    _person_names: dict[str, str] = field(default_factory=dict)  # name_key → as first written

    def add(self, result: ReportResult) -> None:
        report = result.report
        order = [lv.id for lv in self.ruleset.scoring.levels]
        level = order.index(result.level.id)
        self.reports += 1
        self.levels[result.level.id] += 1
        met = len(result.indicators_met)
        incidents = len(report.incidents)
        _bump(self.units, report.unit, incidents, met, result.total, level)
        if report.subject.kind == "person":
            # One person named in several reports is one row (spacing and case ignored).
            name = " ".join(report.subject.name.split())
            shown = self._person_names.setdefault(name_key(name), name)
            _bump(self.persons, shown, incidents, met, result.total, level)
        for incident in result.incidents:
            month = incident.incident.date[:7]
            counted = [r for r in incident.rows if r.outcome in COUNTED]
            tally = self.months.setdefault(month, Tally())
            tally.incidents += 1
            tally.indicators_met += len(counted)
            tally.points = round(tally.points + sum(r.points for r in incident.rows), 2)
            for row in counted:
                self.indicators[row.indicator_id] += 1
        for group in result.groups:
            tally = self.groups.setdefault(group.group, Tally())
            tally.reports += 1
            tally.indicators_met += group.met
            tally.points = round(tally.points + group.points, 2)

    def units_ranked(self) -> list[tuple[str, Tally]]:
        return sorted(self.units.items(), key=lambda kv: (-kv[1].points, kv[0]))

    def most_frequent(self, n: int = 10) -> list[tuple[str, int]]:
        order = {i.id: k for k, i in enumerate(self.ruleset.indicators)}
        return sorted(self.indicators.items(), key=lambda kv: (-kv[1], order.get(kv[0], 0)))[:n]


def _bump(
    table: dict[str, Tally], key: str, incidents: int, met: int, points: float, level: int
) -> None:
    tally = table.setdefault(key, Tally())
    tally.reports += 1
    tally.incidents += incidents
    tally.indicators_met += met
    tally.points = round(tally.points + points, 2)
    tally.highest_level = max(tally.highest_level, level)
