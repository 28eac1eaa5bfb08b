"""`chithi check`: score incident reports against a ruleset.

Modules that only some runs need (exceptions, the GitHub step summary, each output format) are
imported where they are used: every import here is paid at each start, and pre-commit starts
chithi often."""

from __future__ import annotations

import sys
from collections import Counter
from contextlib import ExitStack, suppress
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from chithi.api import RunOutcome, check_stream
from chithi.commands.common import (
    DEFAULT_JOBS,
    IncludeTextOption,
    InputsArgument,
    JobsOption,
    LangOption,
    OutputLang,
    OutputOption,
    OutputTarget,
    ProgressBar,
    QuietOption,
    RedactOption,
    RulesetOption,
    append_step_summary,
    deliver,
    fail,
    nothing_checked,
    output_targets,
    print_tally,
    quiet_targets,
    report_problems,
    ruleset_or_exit,
    stdout,
)
from chithi.core.exit_codes import ExitCode, worst
from chithi.core.fixes import suggestion
from chithi.core.i18n import Lang, Text
from chithi.core.problems import InputError, Problem
from chithi.io.loading import DEFAULT_LIMITS, Limits
from chithi.io.output import atomic_writer
from chithi.model.documents import Ruleset
from chithi.model.results import ReportResult
from chithi.model.runs import CheckRun, RenderOptions
from chithi.render.registry import CHECK_RENDERERS
from chithi.render.terminal.tally import check_tally
from chithi.score.redact import redactor_from_env

if TYPE_CHECKING:
    from chithi.render.machine.json_summary import JsonStream
    from chithi.score.suppressions import ExceptionSet

FORMATS = ", ".join(CHECK_RENDERERS)


def check(
    paths: InputsArgument,
    ruleset: RulesetOption = None,
    lang: LangOption = OutputLang.vi,
    explain: Annotated[
        bool, typer.Option("--explain", help="Giải thích điểm [explain scores]")
    ] = False,
    output_format: Annotated[
        str | None, typer.Option("--format", "-f", help=FORMATS, show_default="table")
    ] = None,
    output: OutputOption = None,
    include_text: IncludeTextOption = False,
    exceptions: Annotated[
        Path | None, typer.Option("--exceptions", help="Tệp ngoại lệ có thời hạn [exceptions file]")
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            metavar="YYYY-MM-DD",
            help="Ngày xét hạn ngoại lệ [date for expiry; default today]",
        ),
    ] = None,
    redact: RedactOption = False,
    max_file_size: Annotated[
        int,
        typer.Option(
            "--max-file-size", min=1, help="Giới hạn kích thước tệp, byte [file size limit, bytes]"
        ),
    ] = DEFAULT_LIMITS.max_bytes,
    max_depth: Annotated[
        int, typer.Option("--max-depth", min=1, help="Giới hạn độ lồng [nesting depth limit]")
    ] = DEFAULT_LIMITS.max_depth,
    max_nodes: Annotated[
        int, typer.Option("--max-nodes", min=1, help="Giới hạn số nút YAML [YAML node limit]")
    ] = DEFAULT_LIMITS.max_nodes,
    max_string_length: Annotated[
        int,
        typer.Option(
            "--max-string-length", min=1, help="Giới hạn độ dài chuỗi [string length limit]"
        ),
    ] = DEFAULT_LIMITS.max_string,
    jobs: JobsOption = DEFAULT_JOBS,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            metavar="LEVEL",
            help="Thoát 1 nếu báo cáo đạt mức này [exit 1 at or above this level]",
        ),
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Chấm báo cáo sự việc [check incident reports]."""
    language: Lang = lang.value
    targets = output_targets(output, output_format, "table", CHECK_RENDERERS, language)
    targets = quiet_targets(targets, quiet)
    rules = ruleset_or_exit(ruleset, language)
    outcome = RunOutcome(rules, _fail_level(rules, fail_on, language))
    suppressions = _exceptions(exceptions, rules, today, language)
    limits = Limits(max_file_size, max_depth, max_nodes, max_string_length)
    redactor = redactor_from_env() if redact else None
    results: list[ReportResult] = []
    problems: list[Problem] = []
    levels: Counter[str] = Counter()  # reports per level, for the tally
    # Nothing checked: _NothingChecked unwinds the -o files a JSON stream holds open.
    with suppress(_NothingChecked), ExitStack() as outputs:
        stream = _json_stream(targets, rules, outputs)
        # A stream's reports become their JSON lines where they were checked: with --jobs only
        # the line travels back, and nothing is kept. Otherwise the results are kept to render.
        finish = _report_line if stream else None
        with ProgressBar(language, hidden=quiet) as bar:
            for item in check_stream(
                paths,
                rules,
                finish,
                limits,
                jobs=jobs,
                exceptions=suppressions,
                redactor=redactor,
                on_sources=bar.start,
            ):
                if isinstance(item, Problem):
                    problems.append(item)
                    continue
                outcome.add(item)
                levels[item.level] += 1
                if stream:
                    stream.line(item.value)
                else:
                    results.append(item.value)
        report_problems(problems, language)
        if not outcome.checked:
            targets = nothing_checked(targets, language)
        records = outcome.exception_records(suppressions)
        if stream:
            stream.finish(problems, records)
            if not outcome.checked:
                raise _NothingChecked
        else:
            run = CheckRun(
                rules,
                tuple(results),
                tuple(problems),
                records,
                str(exceptions) if exceptions else None,
            )
            options = RenderOptions(lang=language, explain=explain, include_text=include_text)
            deliver(
                targets,
                lambda fmt: CHECK_RENDERERS[fmt](run, options),
                lambda: _print_table(run, options),
            )
            append_step_summary(targets, lambda: _step_summary(run, options))
    if outcome.checked:
        several = len(paths) > 1 or bar.total > 1
        tally = check_tally(rules, levels, len({p.file for p in problems}))
        print_tally(targets, tally, language, several=several, quiet=quiet)
    code = ExitCode.INPUT_ERROR if problems or not outcome.checked else ExitCode.OK
    if outcome.reached:
        code = worst(code, ExitCode.FINDINGS)
    raise typer.Exit(int(code))


class _NothingChecked(Exception):
    """Raised through the -o files a JSON stream holds open: each drops its temporary file, and
    the file it would have replaced keeps what it held (standard output has its document)."""


def _report_line(result: ReportResult) -> str:
    """A report's JSON line, made where it was checked."""
    from chithi.render.machine.json_summary import report_line  # noqa: PLC0415

    return report_line(result)


def _json_stream(
    targets: list[OutputTarget], rules: Ruleset, outputs: ExitStack
) -> JsonStream | None:
    """When every output is JSON, reports are written as they are checked and then let go:
    memory stays flat however many reports a run holds. A terminal gets the whole document at
    the end instead, so the progress bar and the JSON do not interleave."""
    if any(t.format != "json" or (t.path is None and sys.stdout.isatty()) for t in targets):
        return None
    from chithi.render.machine.json_summary import JsonStream  # noqa: PLC0415

    writers = [
        sys.stdout.write if t.path is None else outputs.enter_context(atomic_writer(t.path)).write
        for t in targets
    ]

    def write(text: str) -> None:
        for writer in writers:
            writer(text)

    stream = JsonStream(rules, write)
    stream.start()
    return stream


def _print_table(run: CheckRun, options: RenderOptions) -> None:
    from chithi.render.terminal import table  # noqa: PLC0415 - rich tables only for the terminal view

    stdout().print(table.run_view(run, options))


def _step_summary(run: CheckRun, options: RenderOptions) -> str:
    from chithi.render.documents import step_summary  # noqa: PLC0415 - only under GitHub Actions

    return step_summary.for_check(run, options)


def _exceptions(
    path: Path | None, rules: Ruleset, today: str | None, lang: Lang
) -> ExceptionSet | None:
    if path is None:
        return None
    from chithi.inputs.suppressions import load_exceptions  # noqa: PLC0415 - only with --exceptions

    try:
        day = date.fromisoformat(today) if today else date.today()
    except ValueError:
        fail(
            Text(
                f"--today: ngày không hợp lệ '{today}' (YYYY-MM-DD)",
                f"--today: invalid date '{today}' (YYYY-MM-DD)",
            ),
            lang,
        )
    try:
        return load_exceptions(path, rules, day)
    except InputError as err:
        report_problems(err.problems, lang)
        raise typer.Exit(int(ExitCode.INPUT_ERROR)) from None


def _fail_level(rules: Ruleset, fail_on: str | None, lang: Lang) -> str | None:
    if fail_on is None:
        return None
    levels = [lv.id for lv in rules.scoring.levels]
    by_case = {level.lower(): level for level in levels}  # `--fail-on Serious` is serious
    if fail_on.lower() in by_case:
        return by_case[fail_on.lower()]
    fail(
        Text(
            f"--fail-on: mức '{fail_on}' không có; chọn một trong: {', '.join(levels)}",
            f"--fail-on: no level '{fail_on}'; choose one of: {', '.join(levels)}",
        )
        + suggestion(fail_on, levels),
        lang,
    )
