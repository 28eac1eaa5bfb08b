"""The shell every HTML document shares: one self-contained file, readable offline and on paper.

No script, no external resource: a Content-Security-Policy forbids fetching anything, so the file
behaves the same from a USB stick as on a server. Styles are inline and only decorate: headings,
tables and the charts' own attributes carry the meaning, so the page reads with CSS off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chithi._version import __version__
from chithi.render import labels as L
from chithi.render.documents.figures import document_facts
from chithi.render.documents.markup import EMPTY, NEWLINE, Html

if TYPE_CHECKING:
    from collections.abc import Iterable

    from chithi.core.i18n import Lang
    from chithi.model.documents import Ruleset

CSP = Html("default-src 'none'; style-src 'unsafe-inline'; img-src data:")

STYLE = """
:root { color: #1a1a1a; background: #fff; }
body { font-family: "Noto Sans", "Segoe UI", Arial, sans-serif; font-size: 11pt;
  line-height: 1.45; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #2f4b7c; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: 10pt; }
th, td { border: 1px solid #bbb; padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #eef1f6; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
dl.meta dt { font-weight: bold; } dl.meta dd { margin: 0; }
.panel { border: 1px solid #999; border-left: 8px solid #2f4b7c; padding: .5rem .9rem;
  margin: .8rem 0; }
.panel .score { font-size: 1.2rem; font-weight: bold; margin: 0; }
.dim { color: #555; font-size: .92em; }
figure { margin: .8rem 0 1.2rem; } figcaption { font-weight: bold; margin-bottom: .3rem; }
svg.chart { max-width: 100%; height: auto; }
mark { background: #ffe56b; color: inherit; font-weight: bold; }
blockquote { margin: .3rem 0; padding-left: .6rem; border-left: 3px solid #bbb; }
.outcome-violated { font-weight: bold; color: #b00020; }
.outcome-probable { color: #a04d00; } .outcome-waived { color: #555; }
footer { margin-top: 2rem; border-top: 1px solid #bbb; }
@page { size: A4; margin: 14mm 12mm 16mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #555; } }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  section.report { break-before: page; }
  h2, h3, figcaption { break-after: avoid; }
  figure, .panel, tr, blockquote, article.incident > h3 + p { break-inside: avoid; }
  thead { display: table-header-group; }
}
"""


# The ruleset names level colours as terminal colours; these are their print-safe equivalents.
LEVEL_COLOURS = {
    "green": "#3b7d3b",
    "cyan": "#1f7a8c",
    "yellow": "#b38f00",
    "dark_orange": "#c85a00",
    "orange": "#c85a00",
    "red": "#b00020",
    "magenta": "#8b2f8b",
    "blue": "#2f4b7c",
}


def level_colour(colour: str) -> str:
    return LEVEL_COLOURS.get(colour.rsplit(maxsplit=1)[-1] if colour else "", "#2f4b7c")


def page(title: str, lang: Lang, body: Iterable[Html]) -> str:
    """The whole document; `body` is Html, so any plain text in it would show, escaped."""
    head = Html(
        '<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="chithi {version}">\n'
        "<title>{title}</title>\n<style>{style}</style>\n</head>\n<body>\n"
    ).format(lang=lang, csp=CSP, version=__version__, title=title, style=Html(STYLE))
    return str(head + NEWLINE.join(body) + Html("\n</body>\n</html>\n"))


def header(title: str, ruleset: Ruleset, lang: Lang, reports: int) -> Html:
    rows = document_facts(ruleset, lang, reports)
    items = EMPTY.join(Html("<dt>{}</dt><dd>{}</dd>").format(k, v) for k, v in rows)
    return Html('<header>\n<h1>{}</h1>\n<dl class="meta">{}</dl>\n</header>').format(title, items)


def figure(svg: Html, caption: str) -> Html:
    return Html("<figure>\n<figcaption>{}</figcaption>\n{}\n</figure>").format(caption, svg)


def table(
    headers: list[str], rows: Iterable[list[str | Html]], numeric: tuple[int, ...] = ()
) -> Html:
    """A table; a cell that is text is escaped, one that is Html (a link, a mark) is kept."""

    def cell(tag: str, n: int, value: str | Html) -> Html:
        css = Html(' class="num"') if n in numeric else EMPTY
        return Html("<{tag}{css}>{value}</{tag}>").format(tag=Html(tag), css=css, value=value)

    head = EMPTY.join(cell("th", n, h) for n, h in enumerate(headers))
    body = EMPTY.join(
        Html("<tr>{}</tr>\n").format(EMPTY.join(cell("td", n, v) for n, v in enumerate(row)))
        for row in rows
    )
    return Html("<table>\n<thead><tr>{}</tr></thead>\n<tbody>\n{}</tbody>\n</table>").format(
        head, body
    )


def footer(lang: Lang) -> Html:
    return Html('<footer><p class="dim">{}. {}. chithi {}</p></footer>').format(
        L.SCORE_NOTE(lang), L.COMPLIANCE_NOTE(lang), __version__
    )
