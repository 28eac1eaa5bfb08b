"""Every output format, by name: the single list that the CLI's --format choices come from."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from chithi.render import (
    github,
    html_report,
    json_summary,
    junit,
    markdown,
    sarif,
    table,
    validate_text,
)

if TYPE_CHECKING:
    from chithi.runs import CheckRun, RenderOptions, ValidateRun

CheckRenderer = Callable[["CheckRun", "RenderOptions"], str]
ValidateRenderer = Callable[["ValidateRun", "RenderOptions"], str]


def table_check(run: CheckRun, options: RenderOptions) -> str:
    """The terminal table without colour, for a file."""
    return table.plain(table.run_view(run, options))


def json_check(run: CheckRun, options: RenderOptions) -> str:
    return json_summary.render_json(run)


CHECK_RENDERERS: dict[str, CheckRenderer] = {
    "table": table_check,
    "json": json_check,
    "sarif": sarif.render_check,
    "junit": junit.render_check,
    "github": github.render_check,
    "markdown": markdown.render_check,
    "html": html_report.render_check,
}

VALIDATE_RENDERERS: dict[str, ValidateRenderer] = {
    "text": validate_text.render_validate,
    "json": validate_text.render_validate_json,
    "sarif": sarif.render_validate,
    "junit": junit.render_validate,
    "github": github.render_validate,
    "markdown": markdown.render_validate,
}
