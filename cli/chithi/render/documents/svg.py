"""Charts as inline SVG: no script, no fonts to fetch, text that stays selectable.

Every colour and size is a presentation attribute, not CSS, so a chart still draws with styles
switched off; every bar carries its number as text beside it, so it reads without colour too.
Each bar is a `rect class="bar"` with `data-value` (and `data-max`), which the browser test
measures against the numbers it was drawn from.
"""

from __future__ import annotations

import re

from chithi.render.documents.figures import Bar
from chithi.render.documents.markup import EMPTY, Html

WIDTH = 640
BAR_AREA = 440  # the longest bar, in px
ROW = 34  # one label line above one bar
BAR_HEIGHT = 14
INK, BAR, TRACK = "#1a1a1a", "#2f4b7c", "#e6e6e6"
FONT = Html('font-family="sans-serif" font-size="13"')
_MONTH = re.compile(r"(\d{4})-(\d{2})")
MAX_LABEL = 90  # characters; longer labels are cut and kept whole in the tooltip
__all__ = ["Bar", "bar_chart", "column_chart"]


def _number(value: float) -> str:
    return f"{value:g}"


def bar_chart(bars: list[Bar], title: str) -> Html:
    """Horizontal bars on one scale; each label sits above its bar so long titles fit."""
    scale_max = max([b.maximum or 0 for b in bars] + [b.value for b in bars] + [0])
    height = ROW * len(bars) + 8
    parts = [
        Html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{w}" '
            'height="{h}" viewBox="0 0 {w} {h}" {font} fill="{ink}">'
        ).format(w=WIDTH, h=height, font=FONT, ink=INK),
        Html("<title>{}</title>").format(title),
    ]
    for n, item in enumerate(bars):
        top = n * ROW
        label = item.label if len(item.label) <= MAX_LABEL else item.label[: MAX_LABEL - 1] + "…"
        parts.append(
            Html('<text x="0" y="{}">{}<title>{}</title></text>').format(
                top + 12, label, item.label
            )
        )
        y = top + 16
        if item.maximum is not None:
            track = _length(item.maximum, scale_max)
            parts.append(
                Html(
                    '<rect class="track" x="0" y="{}" width="{:.2f}" height="{}" '
                    'fill="{}" stroke="#999" stroke-width="0.5"/>'
                ).format(y, track, BAR_HEIGHT, TRACK)
            )
        length = _length(item.value, scale_max)
        data_max = (
            Html(' data-max="{}"').format(_number(item.maximum))
            if item.maximum is not None
            else EMPTY
        )
        parts.append(
            Html(
                '<rect class="bar" x="0" y="{}" width="{:.2f}" height="{}" '
                'fill="{}" data-value="{}"{}/>'
            ).format(y, length, BAR_HEIGHT, BAR, _number(item.value), data_max)
        )
        reach = _length(max(item.value, item.maximum or 0), scale_max)
        shown = item.note or _number(item.value)
        parts.append(Html('<text x="{:.2f}" y="{}">{}</text>').format(reach + 6, y + 11, shown))
    parts.append(Html("</svg>"))
    return EMPTY.join(parts)


def column_chart(columns: list[Bar], title: str) -> Html:
    """Vertical columns left to right (a trend over months); the number sits on each column."""
    plot_height, top, bottom = 160, 20, 36
    slot = max(30, min(80, (WIDTH - 20) // max(len(columns), 1)))
    width = max(WIDTH, slot * len(columns) + 20)
    height = top + plot_height + bottom
    scale_max = max([c.value for c in columns] + [0])
    baseline = top + plot_height
    parts = [
        Html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{w}" '
            'height="{h}" viewBox="0 0 {w} {h}" {font} fill="{ink}">'
        ).format(w=width, h=height, font=FONT, ink=INK),
        Html("<title>{}</title>").format(title),
        Html('<line x1="0" y1="{b}" x2="{w}" y2="{b}" stroke="#999"/>').format(b=baseline, w=width),
    ]
    for n, column in enumerate(columns):
        x = 10 + n * slot
        length = column.value / scale_max * plot_height if scale_max > 0 else 0.0
        centre = x + slot / 2
        parts.append(
            Html(
                '<rect class="bar" x="{}" y="{:.2f}" width="{}" '
                'height="{:.2f}" fill="{}" data-value="{}"/>'
            ).format(x + 4, baseline - length, slot - 8, length, BAR, _number(column.value))
        )
        parts.append(
            Html('<text x="{:.1f}" y="{:.2f}" text-anchor="middle">{}</text>').format(
                centre, baseline - length - 4, column.note or _number(column.value)
            )
        )
        parts.append(_column_label(column.label, centre, baseline, first=n == 0))
    parts.append(Html("</svg>"))
    return EMPTY.join(parts)


def _column_label(label: str, centre: float, baseline: int, *, first: bool) -> Html:
    """Under a column: a month as "03", with the year below it at January and at the start."""
    x = Html('x="{:.1f}" text-anchor="middle" font-size="11"').format(centre)
    month = _MONTH.fullmatch(label)
    if month is None:
        return Html('<text {} y="{}">{}</text>').format(x, baseline + 16, label)
    year, number = month.groups()
    year_line = (
        Html('<text {} y="{}">{}</text>').format(x, baseline + 30, year)
        if first or number == "01"
        else EMPTY
    )
    return Html('<text {} y="{}">{}<title>{}</title></text>{}').format(
        x, baseline + 16, number, label, year_line
    )


def _length(value: float, scale_max: float) -> float:
    return value / scale_max * BAR_AREA if scale_max > 0 else 0.0
