"""Every output format, by name: the single list that the CLI's --format choices come from.

A renderer's module is imported only when its format is asked for: start-up time matters in
pre-commit, and one run uses one or two of a dozen renderers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from importlib import import_module
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from chithi.core.i18n import Lang
    from chithi.model.diff import RulesetDiff
    from chithi.model.runs import CheckRun, RenderOptions, ValidateRun
    from chithi.score.aggregate import Aggregate

CheckRenderer = Callable[["CheckRun", "RenderOptions"], str]
ValidateRenderer = Callable[["ValidateRun", "RenderOptions"], str]
SummaryRenderer = Callable[["Aggregate", "Lang"], str]
DiffRenderer = Callable[["RulesetDiff", "Lang"], str]
R = TypeVar("R")


class Renderers(Mapping[str, R], Generic[R]):
    """Format name → renderer, from "module:function" paths under chithi.render."""

    def __init__(self, paths: dict[str, str]) -> None:
        self._paths = paths

    def __getitem__(self, name: str) -> R:
        module, _, function = self._paths[name].partition(":")
        renderer: R = getattr(import_module(f"chithi.render.{module}"), function)
        return renderer

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


CHECK_RENDERERS: Renderers[CheckRenderer] = Renderers(
    {
        "table": "terminal.table:render_plain",
        "json": "machine.json_summary:render_check",
        "sarif": "machine.sarif:render_check",
        "junit": "machine.junit:render_check",
        "github": "machine.github:render_check",
        "markdown": "documents.markdown:render_check",
        "html": "documents.html_report:render_check",
    }
)

VALIDATE_RENDERERS: Renderers[ValidateRenderer] = Renderers(
    {
        "text": "terminal.validate_text:render_validate",
        "json": "terminal.validate_text:render_validate_json",
        "sarif": "machine.sarif:render_validate",
        "junit": "machine.junit:render_validate",
        "github": "machine.github:render_validate",
        "markdown": "documents.markdown:render_validate",
    }
)

SUMMARY_RENDERERS: Renderers[SummaryRenderer] = Renderers(
    {
        "table": "terminal.summary_view:render_plain",
        "json": "terminal.summary_view:render_json",
        "csv": "terminal.summary_view:summary_csv",
        "html": "documents.html_report:render_summary",
        "markdown": "documents.markdown:render_summary",
    }
)

DIFF_RENDERERS: Renderers[DiffRenderer] = Renderers(
    {
        "table": "terminal.diff_view:render_plain",
        "markdown": "terminal.diff_view:render_markdown",
        "json": "terminal.diff_view:render_json",
    }
)

# Every format some command writes: `-o FORMAT:FILE` with one of these names a format, never
# part of a file name, so a format this command cannot write is refused, not used as a name.
ALL_FORMATS = frozenset(
    (*CHECK_RENDERERS, *VALIDATE_RENDERERS, *SUMMARY_RENDERERS, *DIFF_RENDERERS)
)
