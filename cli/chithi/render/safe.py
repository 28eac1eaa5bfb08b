"""User text is shown, never obeyed: terminal controls neutralised, Markdown markup escaped.

(HTML has its own type, render/documents/markup.py, loaded only for `--format html`.)
"""

from __future__ import annotations

import re

# Characters Markdown (GitHub's included) could read as markup, a link, HTML or a mention.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&@$])")
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


def md(value: str) -> str:
    """One line of Markdown text that renders literally: no markup, links, HTML or mentions."""
    flat = " ".join(clean(value.replace("\r", " ")).split())
    return _MD_SPECIAL.sub(r"\\\1", flat)


def md_code(value: str) -> str:
    """One line as a Markdown code span: shown verbatim, backticks inside included."""
    flat = " ".join(clean(value.replace("\r", " ")).split())
    fence = "`" * (max(map(len, re.findall("`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"
