"""`chithi summary`: the aggregate of many reports as a terminal table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.table import Table

from chithi._version import __version__
from chithi.core.i18n import Text
from chithi.core.numbers import number
from chithi.render.bars import bar
from chithi.render.safe import clean, json_text

if TYPE_CHECKING:
    from chithi.core.i18n import Lang
    from chithi.score.aggregate import Aggregate, Tally

SECTIONS = {
    "units": Text("Đơn vị (xếp theo mức, rồi điểm)", "Units (ranked by level, then points)"),
    "persons": Text("Cá nhân", "Persons"),
    "groups": Text("Nhóm biểu hiện", "Indicator groups"),
    "months": Text("Theo tháng (ngày sự việc)", "By month (incident date)"),
    "indicators": Text("Biểu hiện gặp nhiều nhất", "Most frequent indicators"),
    "levels": Text("Số báo cáo theo mức", "Reports per level"),
}
COLUMNS = {
    "key": Text("Mục", "Item"),
    "reports": Text("Báo cáo", "Reports"),
    "incidents": Text("Sự việc", "Incidents"),
    "indicators_met": Text("Biểu hiện", "Indicators met"),
    "points": Text("Điểm", "Points"),
    "highest_level": Text("Mức cao nhất", "Highest level"),
}


def _rows(agg: Aggregate) -> dict[str, list[tuple[str, Tally]]]:
    return {
        "units": agg.units_ranked(),
        "persons": sorted(agg.persons.items()),
        "groups": [(g.id, agg.groups[g.id]) for g in agg.ruleset.groups if g.id in agg.groups],
        "months": sorted(agg.months.items()),
    }


def _level_name(agg: Aggregate, index: int, lang: Lang) -> str:
    return agg.ruleset.scoring.levels[index].name(lang)


def summary_table(agg: Aggregate, lang: Lang) -> RenderableType:
    parts: list[RenderableType] = []
    for section, rows in _rows(agg).items():
        table = Table(title=SECTIONS[section](lang), title_justify="left", header_style="bold")
        for column, header in COLUMNS.items():
            table.add_column(header(lang), justify="left" if column == "key" else "right")
        for key, t in rows:
            level = _level_name(agg, t.highest_level, lang)
            table.add_row(
                clean(key),
                str(t.reports or ""),
                str(t.incidents),
                str(t.indicators_met),
                number(t.points, lang),
                level,
            )
        parts.append(table)
    frequent = Table(title=SECTIONS["indicators"](lang), title_justify="left", header_style="bold")
    frequent.add_column(COLUMNS["key"](lang))
    frequent.add_column("n", justify="right")
    frequent.add_column("", no_wrap=True)
    most = agg.most_frequent()
    for indicator_id, count in most:
        indicator = agg.ruleset.indicator(indicator_id)
        frequent.add_row(
            f"{indicator_id} {indicator.title(lang) if indicator else ''}",
            str(count),
            bar(count, most[0][1], 20),
        )
    levels = Table(title=SECTIONS["levels"](lang), title_justify="left", header_style="bold")
    levels.add_column(COLUMNS["highest_level"](lang))
    levels.add_column(COLUMNS["reports"](lang), justify="right")
    for lv in agg.ruleset.scoring.levels:
        levels.add_row(lv.name(lang), str(agg.levels.get(lv.id, 0)))
    return Group(*parts, frequent, levels)


def _tally_json(agg: Aggregate, key: str, t: Tally) -> dict[str, Any]:
    return {
        "key": key,
        "reports": t.reports,
        "incidents": t.incidents,
        "indicators_met": t.indicators_met,
        "points": t.points,
        "highest_level": agg.ruleset.scoring.levels[t.highest_level].id,
    }


def summary_json(agg: Aggregate) -> str:
    document: dict[str, Any] = {
        "schema_version": 1,
        "tool": {"name": "chithi", "version": __version__},
        "ruleset": {
            "id": agg.ruleset.id,
            "version": agg.ruleset.version,
            "sha256": agg.ruleset.sha256,
        },
        "reports": agg.reports,
    }
    for section, rows in _rows(agg).items():
        document[section] = [_tally_json(agg, key, t) for key, t in rows]
    document["indicators"] = [
        {"id": i, "count": n} for i, n in agg.most_frequent(len(agg.indicators))
    ]
    document["levels"] = {lv.id: agg.levels.get(lv.id, 0) for lv in agg.ruleset.scoring.levels}
    return json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def summary_csv(agg: Aggregate, lang: Lang) -> str:
    """One sheet: a `section` column tells the tables apart. UTF-8 with BOM so spreadsheets
    open the Vietnamese intact."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["section", *COLUMNS])
    for section, rows in _rows(agg).items():
        for key, t in rows:
            writer.writerow(
                [
                    section,
                    _cell(key),
                    t.reports,
                    t.incidents,
                    t.indicators_met,
                    t.points,
                    agg.ruleset.scoring.levels[t.highest_level].id,
                ]
            )
    for indicator_id, count in agg.most_frequent(len(agg.indicators)):
        writer.writerow(["indicators", indicator_id, "", "", count, "", ""])
    for lv in agg.ruleset.scoring.levels:
        writer.writerow(["levels", lv.id, agg.levels.get(lv.id, 0), "", "", "", ""])
    return "\ufeff" + buffer.getvalue()


def _cell(value: str) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    text = clean(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


# The format registry's signature (render/registry.py): one aggregate, one language.
def render_plain(agg: Aggregate, lang: Lang) -> str:
    from chithi.render.terminal.table import plain  # noqa: PLC0415 - table pulls in scoring; only a file needs it

    return plain(summary_table(agg, lang))


def render_json(agg: Aggregate, lang: Lang) -> str:
    return summary_json(agg)
