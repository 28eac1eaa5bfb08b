"""Neutralise terminal control in user text: it is shown, never obeyed."""

from __future__ import annotations

import re

# C0/C1 controls (except newline and tab), and bidi overrides/isolates that reorder text.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(value: str) -> str:
    """Replace each control character by U+FFFD: one character for one, so spans still line up."""
    if value.isprintable():  # a C scan, many times faster than the regex: none of them is
        return value
    return _CONTROL.sub("\ufffd", value)


def json_text(value: str) -> str:
    """JSON text from json.dumps(ensure_ascii=False) with bidi and C1 controls escaped (\\u202e).

    json.dumps escapes C0 controls itself; the rest would still reorder or control a terminal
    that shows the file (`cat out.json`). They can only occur inside strings, so this is safe.
    """
    if value.isprintable():  # as in clean(): nothing to escape
        return value
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", value)
