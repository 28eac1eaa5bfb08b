"""HTML as a type: text becomes HTML only by being escaped, so a forgotten escape cannot inject.

`Html` is a markupsafe `Markup`: templates are written as `Html("<p>{}</p>").format(value)`, and
every value that is not already `Html` is escaped on the way in (format, join, +). Only the HTML
renderers import this module, so markupsafe loads only for `--format html`.
"""

from __future__ import annotations

from html import escape
from typing import Any

from markupsafe import Markup

from chithi.render.safe import clean


class Html(Markup):
    __slots__ = ()

    @classmethod
    def escape(cls, s: Any) -> Html:
        """Markup escaped (quotes too, for attributes); terminal and bidi controls neutralised."""
        if hasattr(s, "__html__"):
            return cls(s.__html__())
        return cls(escape(clean(str(s)), quote=True))


def esc(value: object) -> Html:
    return Html.escape(value)


NEWLINE = Html("\n")
EMPTY = Html("")
