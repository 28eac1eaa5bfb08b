"""Text bars: readable without colour, in any terminal, log or file."""

from __future__ import annotations

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: float, maximum: float, width: int = 12) -> str:
    """A bar of `width` cells, filled in eighths of a cell in proportion to value / maximum."""
    if maximum <= 0 or value <= 0:
        return "·" * width
    eighths = round(min(value / maximum, 1.0) * width * 8)
    full, part = divmod(eighths, 8)
    cells = "█" * full + (_EIGHTHS[part] if part else "")
    return cells + "·" * (width - len(cells))
