"""`chithi summary`: many reports aggregated per unit, person, group, indicator, month, level."""

from __future__ import annotations

from typing import Annotated

import typer

from chithi.api import summarise
from chithi.commands.common import (
    DEFAULT_JOBS,
    InputsArgument,
    JobsOption,
    LangOption,
    OutputLang,
    OutputOption,
    ProgressBar,
    QuietOption,
    RedactOption,
    RulesetOption,
    deliver,
    nothing_checked,
    output_targets,
    print_tally,
    quiet_targets,
    report_problems,
    ruleset_or_exit,
    stdout,
)
from chithi.core.exit_codes import ExitCode
from chithi.core.i18n import Lang
from chithi.render.registry import SUMMARY_RENDERERS
from chithi.render.terminal.tally import check_tally
from chithi.score.redact import redactor_from_env


def summary(
    paths: InputsArgument,
    ruleset: RulesetOption = None,
    lang: LangOption = OutputLang.vi,
    output_format: Annotated[
        str | None,
        typer.Option("--format", "-f", help=", ".join(SUMMARY_RENDERERS), show_default="table"),
    ] = None,
    output: OutputOption = None,
    jobs: JobsOption = DEFAULT_JOBS,
    redact: RedactOption = False,
    quiet: QuietOption = False,
) -> None:
    """Tổng hợp nhiều báo cáo [aggregate many reports]."""
    from chithi.render.terminal import summary_view  # noqa: PLC0415 - `check` starts without it

    language: Lang = lang.value
    targets = output_targets(output, output_format, "table", SUMMARY_RENDERERS, language)
    targets = quiet_targets(targets, quiet)
    rules = ruleset_or_exit(ruleset, language)
    redactor = redactor_from_env() if redact else None
    with ProgressBar(language, hidden=quiet) as bar:
        summarised = summarise(paths, rules, jobs=jobs, redactor=redactor, on_sources=bar.start)
    aggregate, problems = summarised.aggregate, summarised.problems
    report_problems(problems, language)
    if not aggregate.reports:
        targets = nothing_checked(targets, language)

    deliver(
        targets,
        lambda fmt: SUMMARY_RENDERERS[fmt](aggregate, language),
        lambda: stdout().print(summary_view.summary_table(aggregate, language)),
    )
    if aggregate.reports:
        tally = check_tally(rules, aggregate.levels, len({p.file for p in problems}))
        several = len(paths) > 1 or bar.total > 1
        print_tally(targets, tally, language, several=several, quiet=quiet)
    failed = problems or not aggregate.reports
    raise typer.Exit(int(ExitCode.INPUT_ERROR if failed else ExitCode.OK))
