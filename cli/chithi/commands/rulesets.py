"""`chithi validate` and `chithi diff`: rulesets proven in CI, and policy changes made visible."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from chithi.api import bundled_rulesets, load_ruleset_document
from chithi.commands.common import (
    IncludeTextOption,
    LangOption,
    OutputLang,
    OutputOption,
    QuietOption,
    append_step_summary,
    deliver,
    fail,
    output_targets,
    print_tally,
    ruleset_or_exit,
    stdout,
)
from chithi.core.exit_codes import ExitCode
from chithi.core.i18n import Lang, Text
from chithi.model.runs import RenderOptions, ValidateRun
from chithi.render.registry import DIFF_RENDERERS, VALIDATE_RENDERERS
from chithi.render.terminal.tally import validate_tally
from chithi.run.batch import YAML_SUFFIXES

FORMATS = ", ".join(VALIDATE_RENDERERS)


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Bộ quy tắc cần kiểm [rulesets to validate] (mặc định: bộ đi kèm [bundled])",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Cảnh báo cũng là lỗi [warnings fail]")
    ] = False,
    require_sourced: Annotated[
        bool,
        typer.Option(
            "--require-sourced", help="Biểu hiện tái dựng là lỗi [reconstructed indicators fail]"
        ),
    ] = False,
    lang: LangOption = OutputLang.vi,
    output_format: Annotated[
        str | None, typer.Option("--format", "-f", help=FORMATS, show_default="text")
    ] = None,
    output: OutputOption = None,
    include_text: IncludeTextOption = False,
    quiet: QuietOption = False,
) -> None:
    """Kiểm tra bộ quy tắc: lược đồ, ý nghĩa, tự kiểm thử [validate rulesets]."""
    # Imported here: `chithi check`, the command started most often, never needs them.
    from chithi.render.documents import step_summary  # noqa: PLC0415
    from chithi.run.selftest import CHECKS, validate_paths  # noqa: PLC0415

    language: Lang = lang.value
    targets = output_targets(output, output_format, "text", VALIDATE_RENDERERS, language)
    chosen = _ruleset_files(paths) if paths else bundled_rulesets()
    if not chosen:
        fail(Text("không có bộ quy tắc nào để kiểm", "no ruleset to validate"), language)
    run = ValidateRun(
        tuple(validate_paths(chosen, require_sourced=require_sourced)), strict, CHECKS
    )
    options = RenderOptions(lang=language, include_text=include_text, quiet=quiet)
    deliver(targets, lambda fmt: VALIDATE_RENDERERS[fmt](run, options))
    append_step_summary(targets, lambda: step_summary.for_validate(run, options))
    readable = [v for v in run.rulesets if not v.unreadable]
    invalid = sum(bool(v.failing(strict)) for v in readable)
    tally = validate_tally(len(readable) - invalid, invalid, len(run.rulesets) - len(readable))
    print_tally(targets, tally, language, several=len(run.rulesets) > 1, quiet=False)
    code = ExitCode.OK
    if any(v.failing(strict) and not v.unreadable for v in run.rulesets):
        code = ExitCode.RULESET_INVALID
    elif any(v.unreadable for v in run.rulesets):
        code = ExitCode.INPUT_ERROR
    raise typer.Exit(int(code))


def diff(
    old: Annotated[Path, typer.Argument(help="Bản cũ [old ruleset]")],
    new: Annotated[Path, typer.Argument(help="Bản mới [new ruleset]")],
    lang: LangOption = OutputLang.vi,
    output_format: Annotated[
        str | None,
        typer.Option("--format", "-f", help=", ".join(DIFF_RENDERERS), show_default="table"),
    ] = None,
    output: OutputOption = None,
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code",
            help="Thoát 1 khi có thay đổi, như git diff [exit 1 when the policy changed]",
        ),
    ] = False,
) -> None:
    """So sánh chính sách của hai bộ quy tắc [policy changes between two rulesets]."""
    from chithi.model.diff import RulesetDiff, diff_rulesets  # noqa: PLC0415 - see validate
    from chithi.render.terminal import diff_view  # noqa: PLC0415

    language: Lang = lang.value
    targets = output_targets(output, output_format, "table", DIFF_RENDERERS, language)
    before, after = ruleset_or_exit(old, language), ruleset_or_exit(new, language)
    changes = diff_rulesets(_data(old), _data(new))
    diff = RulesetDiff(changes, f"{before.id} {before.version}", f"{after.id} {after.version}")

    deliver(
        targets,
        lambda fmt: DIFF_RENDERERS[fmt](diff, language),
        lambda: stdout().print(diff_view.diff_table(changes, language)),
    )
    raise typer.Exit(int(ExitCode.FINDINGS if exit_code and changes else ExitCode.OK))


def _data(path: Path) -> dict[str, Any]:
    """The ruleset as plain data (ruleset_or_exit has validated it) for a structural comparison."""
    data: dict[str, Any] = load_ruleset_document(path).data
    return data


def _ruleset_files(paths: list[Path]) -> list[Path]:
    """A folder stands for the rulesets in it (`chithi validate rulesets/`), not below it:
    its `tests/` folder holds the rulesets' test reports."""
    return [
        found
        for path in paths
        for found in (
            sorted(p for p in path.iterdir() if p.name.endswith(YAML_SUFFIXES) and p.is_file())
            if path.is_dir()
            else [path]
        )
    ]
