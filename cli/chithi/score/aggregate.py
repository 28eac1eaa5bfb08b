"""Many results, one view: totals per unit, person, group, indicator, month and level.

Results are added one at a time and only counters are kept, so memory does not grow with the
number of reports.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from chithi.core.records import record
from chithi.core.text import name_key

if TYPE_CHECKING:
    from chithi.model.documents import Ruleset
    from chithi.model.results import ReportResult

COUNTED = ("violated", "probable")


@dataclass
class Tally:
    """What a row of the summary adds up: reports, incidents, indicators met, points, worst level."""

    reports: int = 0
    incidents: int = 0
    indicators_met: int = 0
    points: float = 0.0
    highest_level: int = 0  # index into the ruleset's levels

    def plus(self, other: Tally) -> Tally:
        return Tally(
            self.reports + other.reports,
            self.incidents + other.incidents,
            self.indicators_met + other.indicators_met,
            round(self.points + other.points, 2),
            max(self.highest_level, other.highest_level),
        )


@record
class Contribution:
    """What one report adds to the totals. Small: with --jobs it is made in the worker that
    checked the report, and only it travels back."""

    unit: str
    person: str | None  # the subject's name, spacing tidied; None when the subject is a unit
    level: str
    incidents: int
    met: int
    total: float
    months: tuple[tuple[str, tuple[str, ...], float], ...]  # per incident: month, counted, points
    # per group: id, indicators met, points, incidents where one of its indicators was met
    groups: tuple[tuple[str, int, float, int], ...]


def contribution(result: ReportResult) -> Contribution:
    report = result.report
    person = " ".join(report.subject.name.split()) if report.subject.kind == "person" else None
    return Contribution(
        unit=report.unit,
        person=person,
        level=result.level.id,
        incidents=len(report.incidents),
        met=len(result.indicators_met),
        total=result.total,
        months=tuple(
            (
                incident.incident.date[:7],
                tuple(r.indicator_id for r in incident.rows if r.outcome in COUNTED),
                sum(r.points for r in incident.rows),
            )
            for incident in result.incidents
        ),
        groups=tuple(
            (g.group, g.met, g.points, _incidents_meeting(result, g.group)) for g in result.groups
        ),
    )


@dataclass
class Aggregate:
    """Reports summed by unit, person, group, month, indicator and level, for `chithi summary`."""

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
        self.add_contribution(contribution(result))

    def add_contribution(self, c: Contribution) -> None:
        order = [lv.id for lv in self.ruleset.scoring.levels]
        level = order.index(c.level)
        self.reports += 1
        self.levels[c.level] += 1
        _bump(self.units, c.unit, c.incidents, c.met, c.total, level)
        if c.person is not None:
            # One person named in several reports is one row (spacing and case ignored).
            shown = self._person_names.setdefault(name_key(c.person), c.person)
            _bump(self.persons, shown, c.incidents, c.met, c.total, level)
        for month, counted, points in c.months:
            tally = self.months.setdefault(month, Tally())
            tally.incidents += 1
            tally.indicators_met += len(counted)
            tally.points = round(tally.points + points, 2)
            tally.highest_level = max(tally.highest_level, level)
            for indicator in counted:
                self.indicators[indicator] += 1
        for group, met, points, incidents in c.groups:
            tally = self.groups.setdefault(group, Tally())
            tally.reports += 1
            tally.incidents += incidents
            tally.indicators_met += met
            tally.points = round(tally.points + points, 2)
            if met:  # the worst level among reports where the group was met at all
                tally.highest_level = max(tally.highest_level, level)

    def merge(self, other: Aggregate) -> Aggregate:
        """Both aggregates as one, `self`'s reports first (a person keeps the name first
        written). Neither is changed; merging is associative, so partitions of a batch can be
        summarised apart (docs/scale.md) and merged into what one run would have made."""
        merged = Aggregate(self.ruleset, self.reports + other.reports)
        merged._person_names = {**other._person_names, **self._person_names}
        for mine, theirs, into in (
            (self.units, other.units, merged.units),
            (self.groups, other.groups, merged.groups),
            (self.months, other.months, merged.months),
        ):
            _merge_tallies(mine, theirs, into)
        # a person named in both is one row, under the name `self` saw first
        theirs = {merged._person_names[name_key(n)]: t for n, t in other.persons.items()}
        _merge_tallies(self.persons, theirs, merged.persons)
        merged.indicators = self.indicators + other.indicators
        merged.levels = self.levels + other.levels
        return merged

    def units_ranked(self) -> list[tuple[str, Tally]]:
        """Worst level first, then points: a serious unit never sits below a moderate one that
        happens to have more points."""
        return sorted(
            self.units.items(), key=lambda kv: (-kv[1].highest_level, -kv[1].points, kv[0])
        )

    def most_frequent(self, n: int = 10) -> list[tuple[str, int]]:
        order = {i.id: k for k, i in enumerate(self.ruleset.indicators)}
        return sorted(self.indicators.items(), key=lambda kv: (-kv[1], order.get(kv[0], 0)))[:n]


def _merge_tallies(
    first: dict[str, Tally], second: dict[str, Tally], into: dict[str, Tally]
) -> None:
    # copies: adding to the merged aggregate later must not change the two it came from
    into.update({key: replace(tally) for key, tally in first.items()})
    for key, tally in second.items():
        into[key] = into[key].plus(tally) if key in into else replace(tally)


def _incidents_meeting(result: ReportResult, group: str) -> int:
    return sum(
        any(r.group == group and r.outcome in COUNTED for r in incident.rows)
        for incident in result.incidents
    )


def _bump(
    table: dict[str, Tally], key: str, incidents: int, met: int, points: float, level: int
) -> None:
    tally = table.setdefault(key, Tally())
    tally.reports += 1
    tally.incidents += incidents
    tally.indicators_met += met
    tally.points = round(tally.points + points, 2)
    tally.highest_level = max(tally.highest_level, level)
