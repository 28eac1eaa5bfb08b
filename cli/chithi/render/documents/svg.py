"""Charts as inline SVG: no script, no fonts to fetch, text that stays selectable.

Every colour and size is a presentation attribute, not CSS, so a chart still draws with styles
switched off; every bar carries its number as text beside it, so it reads without colour too.
Each bar is a `rect class="bar"` with `data-value` (and `data-max`), which the browser test
measures against the numbers it was drawn from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from chithi.render.safe import clean

WIDTH = 640
BAR_AREA = 440  # the longest bar, in px
ROW = 34  # one label line above one bar
BAR_HEIGHT = 14
INK, BAR, TRACK = "#1a1a1a", "#2f4b7c", "#e6e6e6"
FONT = 'font-family="sans-serif" font-size="13"'
_MONTH = re.compile(r"(\d{4})-(\d{2})")
MAX_LABEL = 90  # characters; longer labels are cut and kept whole in the tooltip


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    maximum: float | None = None  # drawn as a grey track behind the bar: "3 of 12"
    note: str = ""  # printed after the number, e.g. "3/12"


def esc(value: str) -> str:
    """Text for HTML or SVG: markup escaped, terminal and bidi controls neutralised."""
    return escape(clean(value), quote=True)


def _number(value: float) -> str:
    return f"{value:g}"


def bar_chart(bars: list[Bar], title: str) -> str:
    """Horizontal bars on one scale; each label sits above its bar so long titles fit."""
    scale_max = max([b.maximum or 0 for b in bars] + [b.value for b in bars] + [0])
    height = ROW * len(bars) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{WIDTH}" '
        f'height="{height}" viewBox="0 0 {WIDTH} {height}" {FONT} fill="{INK}">',
        f"<title>{esc(title)}</title>",
    ]
    for n, item in enumerate(bars):
        top = n * ROW
        label = item.label if len(item.label) <= MAX_LABEL else item.label[: MAX_LABEL - 1] + "…"
        parts.append(
            f'<text x="0" y="{top + 12}">{esc(label)}<title>{esc(item.label)}</title></text>'
        )
        y = top + 16
        if item.maximum is not None:
            track = _length(item.maximum, scale_max)
            parts.append(
                f'<rect class="track" x="0" y="{y}" width="{track:.2f}" height="{BAR_HEIGHT}" '
                f'fill="{TRACK}" stroke="#999" stroke-width="0.5"/>'
            )
        length = _length(item.value, scale_max)
        data_max = f' data-max="{_number(item.maximum)}"' if item.maximum is not None else ""
        parts.append(
            f'<rect class="bar" x="0" y="{y}" width="{length:.2f}" height="{BAR_HEIGHT}" '
            f'fill="{BAR}" data-value="{_number(item.value)}"{data_max}/>'
        )
        reach = _length(max(item.value, item.maximum or 0), scale_max)
        shown = item.note or _number(item.value)
        parts.append(f'<text x="{reach + 6:.2f}" y="{y + 11}">{esc(shown)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def column_chart(columns: list[Bar], title: str) -> str:
    """Vertical columns left to right (a trend over months); the number sits on each column."""
    plot_height, top, bottom = 160, 20, 36
    slot = max(30, min(80, (WIDTH - 20) // max(len(columns), 1)))
    width = max(WIDTH, slot * len(columns) + 20)
    height = top + plot_height + bottom
    scale_max = max([c.value for c in columns] + [0])
    baseline = top + plot_height
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" {FONT} fill="{INK}">',
        f"<title>{esc(title)}</title>",
        f'<line x1="0" y1="{baseline}" x2="{width}" y2="{baseline}" stroke="#999"/>',
    ]
    for n, column in enumerate(columns):
        x = 10 + n * slot
        length = column.value / scale_max * plot_height if scale_max > 0 else 0.0
        centre = x + slot / 2
        parts.append(
            f'<rect class="bar" x="{x + 4}" y="{baseline - length:.2f}" width="{slot - 8}" '
            f'height="{length:.2f}" fill="{BAR}" data-value="{_number(column.value)}"/>'
        )
        parts.append(
            f'<text x="{centre:.1f}" y="{baseline - length - 4:.2f}" text-anchor="middle">'
            f"{esc(column.note or _number(column.value))}</text>"
        )
        parts.append(_column_label(column.label, centre, baseline, first=n == 0))
    parts.append("</svg>")
    return "".join(parts)


def _column_label(label: str, centre: float, baseline: int, *, first: bool) -> str:
    """Under a column: a month as "03", with the year below it at January and at the start."""
    x = f'x="{centre:.1f}" text-anchor="middle" font-size="11"'
    month = _MONTH.fullmatch(label)
    if month is None:
        return f'<text {x} y="{baseline + 16}">{esc(label)}</text>'
    year, number = month.groups()
    year_line = f'<text {x} y="{baseline + 30}">{year}</text>' if first or number == "01" else ""
    return f'<text {x} y="{baseline + 16}">{number}<title>{label}</title></text>{year_line}'


def _length(value: float, scale_max: float) -> float:
    return value / scale_max * BAR_AREA if scale_max > 0 else 0.0
