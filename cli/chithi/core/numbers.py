"""Numbers as each language writes them: 21,04 and 89,4 % in Vietnamese, 21.04 and 89.4% in
English. Only for what people read (terminal, HTML, markdown); JSON, SARIF, JUnit and CSV keep
the machine form.

Our own and not Babel's: Babel writes the same vi forms, but importing it and loading its vi
locale data costs ~110 ms at the first number (measured, docs/performance.md), paid at every
pre-commit run for two rules: a decimal comma, and a dot between thousands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chithi.core.i18n import Lang


def number(value: float, lang: Lang) -> str:
    """`value` as `{value:g}` writes it (2, 1.5, 21.04), in `lang`'s notation."""
    shown = f"{value:g}" if abs(value) < 1e6 else f"{value:.0f}"
    return _localise(shown, lang)


def fixed(value: float, digits: int, lang: Lang) -> str:
    """`value` with exactly `digits` decimals (89.4), in `lang`'s notation."""
    return _localise(f"{value:.{digits}f}", lang)


def percent(value: float, lang: Lang, digits: int = 1) -> str:
    """A percentage already in 0..100: "89,4 %" (a space before %, as Vietnamese writes it) or
    "89.4%"."""
    shown = fixed(value, digits, lang)
    return f"{shown} %" if lang == "vi" else f"{shown}%"


def _localise(shown: str, lang: Lang) -> str:
    whole, dot, decimals = shown.partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    if len(digits) > 4:  # 12345 → 12.345 / 12,345; four digits stay together (2024, not 2.024)
        groups: list[str] = []
        while digits:
            groups.insert(0, digits[-3:])
            digits = digits[:-3]
        digits = ("." if lang == "vi" else ",").join(groups)
    if lang == "vi":
        return f"{sign}{digits}{',' if dot else ''}{decimals}"
    return f"{sign}{digits}{dot}{decimals}"
