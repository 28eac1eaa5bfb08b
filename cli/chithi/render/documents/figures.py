"""The facts and numbers behind every document: shared by HTML (SVG charts) and markdown
(text bars), so both always say the same."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from chithi._version import __version__
from chithi.core.numbers import number
from chithi.core.records import record
from chithi.render import labels as L

_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")

if TYPE_CHECKING:
    from chithi.core.i18n import Lang
    from chithi.model.documents import Ruleset
    from chithi.model.results import IndicatorResult, ReportResult
    from chithi.score.aggregate import Aggregate


@record
class Bar:
    """One bar of a chart: an SVG bar in HTML (svg.py), a text bar in markdown."""

    label: str
    value: float
    maximum: float | None = None  # drawn as a grey track behind the bar: "3 of 12"
    note: str = ""  # printed after the number, e.g. "3/12"


def document_facts(ruleset: Ruleset, lang: Lang, reports: int) -> list[tuple[str, str]]:
    """What was checked against what: ruleset, source directive, how sure its wording is."""
    counts = {"verbatim-source": 0, "partial-source": 0, "reconstructed": 0}
    for indicator in ruleset.indicators:
        counts[indicator.provenance] = counts.get(indicator.provenance, 0) + 1
    provenance = L.PROVENANCE_COUNTS.format(
        verbatim=counts["verbatim-source"],
        partial=counts["partial-source"],
        reconstructed=counts["reconstructed"],
    )(lang)
    return [
        (
            L.SOURCE(lang),
            f"{ruleset.source_document} — {ruleset.source_title(lang)} "
            f"({ruleset.source_issuer(lang)}, {ruleset.source_date})",
        ),
        (L.RULESET(lang), f"{ruleset.id} {ruleset.version} · sha256 {ruleset.sha256[:16]}…"),
        (L.PROVENANCE(lang), f"{provenance}. {ruleset.source_notes(lang)}"),
        (L.REPORTS(lang), str(reports)),
        (L.GENERATED(lang), date.today().isoformat()),
        (L.TOOL(lang), f"chithi {__version__}"),
    ]


def report_groups(result: ReportResult, lang: Lang) -> list[Bar]:
    """One report: indicators met in each group against the group's size (3 of 12)."""
    bars = []
    for score in result.groups:
        group = result.ruleset.group(score.group)
        label = f"{score.group} {group.title(lang)}" if group else score.group
        bars.append(Bar(label, score.met, score.size, f"{score.met}/{score.size}"))
    return bars


def batch_groups(agg: Aggregate, lang: Lang) -> list[Bar]:
    """Many reports: indicators met per group against size × reports, the most there could be."""
    bars = []
    for group in agg.ruleset.groups:
        met = agg.groups[group.id].indicators_met if group.id in agg.groups else 0
        most = group.size * agg.reports
        bars.append(Bar(f"{group.id} {group.title(lang)}", met, most, f"{met}/{most}"))
    return bars


def frequent(agg: Aggregate, lang: Lang, n: int = 10) -> list[Bar]:
    bars = []
    for indicator_id, count in agg.most_frequent(n):
        indicator = agg.ruleset.indicator(indicator_id)
        title = indicator.title(lang) if indicator else ""
        bars.append(Bar(f"{indicator_id} {title}".strip(), count))
    return bars


def trend(agg: Aggregate) -> list[Bar]:
    """Indicators met per month, every month between the first and the last (gaps show as 0)."""
    months = sorted(m for m in agg.months if _MONTH.fullmatch(m))
    if not months:
        return []
    out = []
    for month in _month_range(months[0], months[-1]):
        tally = agg.months.get(month)
        out.append(Bar(month, tally.indicators_met if tally else 0))
    return out


def units(agg: Aggregate, lang: Lang, n: int = 15) -> list[Bar]:
    # the note is the number people read: 36,45 in Vietnamese; data-value keeps 36.45
    return [Bar(unit, t.points, note=number(t.points, lang)) for unit, t in agg.units_ranked()[:n]]


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:])
    end = (int(last[:4]), int(last[5:]))
    out: list[str] = []
    while (year, month) <= end and len(out) < 240:  # 20 years: a typo in a date stays readable
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def factors_text(row: IndicatorResult, lang: Lang) -> str:
    """The row's factors as a product; a waived or excepted row says why its points are 0."""
    f = row.factors
    # the table's header names the factors (L.FACTORS); --explain, which has none, names each
    text = " × ".join(
        number(value, lang)
        for value in (f.weight, f.outcome, f.status, f.basis, f.repeat, f.leader)
    )
    if row.repeat_of:
        text += f" ({L.REPEAT_OF.format(incidents=', '.join(row.repeat_of))(lang)})"
    if row.points == 0 and f.product != 0:
        text += f" → 0 ({L.OUTCOME['waived'](lang).lower()})"
    return text


def ranked_tallies(agg: Aggregate, lang: Lang) -> list[tuple[str, list[list[str]]]]:
    """The units (ranked) and persons tables of a batch, as cells: one section name and its rows
    each, for HTML and markdown alike (columns as render/terminal/summary_view.COLUMNS)."""
    out = []
    for section, tallies in (
        ("units", agg.units_ranked()),
        ("persons", sorted(agg.persons.items())),
    ):
        rows = [
            [
                key,
                str(t.reports),
                str(t.incidents),
                str(t.indicators_met),
                number(t.points, lang),
                agg.ruleset.scoring.levels[t.highest_level].name(lang),
            ]
            for key, t in tallies
        ]
        if rows:
            out.append((section, rows))
    return out
