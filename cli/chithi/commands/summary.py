"""`chithi summary`: many reports aggregated per unit, person, group, indicator, month, level."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Annotated

import typer

from chithi.commands.common import (
    DEFAULT_JOBS,
    InputsArgument,
    JobsOption,
    LangOption,
    OutputLang,
    OutputOption,
    ProgressBar,
    RedactOption,
    RulesetOption,
    deliver,
    nothing_checked,
    output_targets,
    report_problems,
    ruleset_or_exit,
    stdout,
)
from chithi.core.exit_codes import ExitCode
from chithi.core.i18n import Lang
from chithi.core.problems import Problem
from chithi.render.registry import SUMMARY_FORMATS
from chithi.run.batch import check_and_finish
from chithi.score.aggregate import Aggregate, Contribution, contribution
from chithi.score.redact import Redactor, redact_result, redactor_from_env

if TYPE_CHECKING:
    from chithi.model.results import ReportResult


def summary(
    paths: InputsArgument,
    ruleset: RulesetOption = None,
    lang: LangOption = OutputLang.vi,
    output_format: Annotated[
        str | None,
        typer.Option("--format", "-f", help=", ".join(SUMMARY_FORMATS), show_default="table"),
    ] = None,
    output: OutputOption = None,
    jobs: JobsOption = DEFAULT_JOBS,
    redact: RedactOption = False,
) -> None:
    """Tổng hợp nhiều báo cáo [aggregate many reports]."""
    from chithi.render.terminal import summary_view, table  # noqa: PLC0415 - `check` starts without them

    language: Lang = lang.value
    targets = output_targets(output, output_format, "table", SUMMARY_FORMATS, language)
    rules = ruleset_or_exit(ruleset, language)
    aggregate = Aggregate(rules)
    redactor = redactor_from_env() if redact else None
    problems: list[Problem] = []
    # Each report is reduced to its contribution where it was checked: with --jobs only that
    # travels back, and only counters are kept.
    reduce = partial(_contribution, redactor)
    with ProgressBar(language) as bar:
        for item in check_and_finish(paths, rules, reduce, jobs=jobs, on_sources=bar.start):
            if isinstance(item, Problem):
                problems.append(item)
            else:
                aggregate.add_contribution(item[1])
    report_problems(problems, language)
    if not aggregate.reports:
        targets = nothing_checked(targets, language)

    def render(fmt: str) -> str:
        if fmt == "json":
            return summary_view.summary_json(aggregate)
        if fmt == "csv":
            return summary_view.summary_csv(aggregate, language)
        if fmt == "html":
            from chithi.render.documents import html_report  # noqa: PLC0415 - only for this format

            return html_report.render_summary(aggregate, language)
        if fmt == "markdown":
            from chithi.render.documents import markdown  # noqa: PLC0415 - only for this format

            return markdown.render_summary(aggregate, language)
        return table.plain(summary_view.summary_table(aggregate, language))

    deliver(
        targets, render, lambda: stdout().print(summary_view.summary_table(aggregate, language))
    )
    failed = problems or not aggregate.reports
    raise typer.Exit(int(ExitCode.INPUT_ERROR if failed else ExitCode.OK))


def _contribution(redactor: Redactor | None, result: ReportResult) -> Contribution:
    return contribution(result if redactor is None else redact_result(result, redactor))
