"""The command line: each command parses options, calls the library, renders, returns a code.

Only this module imports typer or ends the process.
"""

from __future__ import annotations

import io
import os
import signal
import sys
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from chithi import __version__
from chithi.api import check_loaded, compiled_matcher, load_report, load_ruleset
from chithi.exit_codes import ExitCode, worst
from chithi.i18n import Lang, Text
from chithi.loading import DEFAULT_LIMITS, Limits
from chithi.model import Ruleset
from chithi.output import write_atomic
from chithi.problems import InputError, Problem, RulesetError
from chithi.redact import Redactor, redact_result
from chithi.render import match_view, rules_view
from chithi.render.json_summary import render_json
from chithi.render.safe import clean
from chithi.render.table import render_reports
from chithi.results import ReportResult
from chithi.schema_errors import SCHEMA_NAMES, schema_text

app = typer.Typer(
    name="chithi",
    help=(
        "Chấm báo cáo sự việc theo 25 biểu hiện của Chỉ thị 24-CT/TU. "
        "[Score incident reports against Directive 24-CT/TU's 25 indicators.]\n\n"
        "Mã thoát [exit codes]: 0 ổn [ok]; 1 đạt ngưỡng --fail-on [findings reach --fail-on]; "
        "2 lỗi dùng lệnh hoặc báo cáo [usage or report error]; 3 bộ quy tắc lỗi [invalid ruleset]."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class OutputLang(str, Enum):
    vi = "vi"
    en = "en"


class CheckFormat(str, Enum):
    table = "table"
    json = "json"


class ListFormat(str, Enum):
    table = "table"
    json = "json"


class SchemaName(str, Enum):
    ruleset = "ruleset"
    report = "report"
    summary = "summary"


LangOption = Annotated[
    OutputLang,
    typer.Option(
        "--lang",
        "-l",
        envvar="CHITHI_LANG",
        case_sensitive=False,
        help="Ngôn ngữ hiển thị [output language]",
    ),
]
RulesetOption = Annotated[
    Path | None,
    typer.Option(
        "--ruleset",
        "-r",
        help="Bộ quy tắc [ruleset file] (mặc định: hn-24-ct-tu-2023)",
        dir_okay=True,
    ),
]


def _stdout() -> Console:
    return Console(highlight=False, soft_wrap=False)


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True, markup=False)


def _report_problems(problems: list[Problem], lang: Lang) -> None:
    err = _stderr()
    for problem in problems:
        err.print(clean(problem.render(lang)), markup=False)


def _fail(message: Text, lang: Lang, code: ExitCode) -> NoReturn:
    _stderr().print(f"chithi: {message(lang)}", markup=False)
    raise typer.Exit(int(code))


def _ruleset_or_exit(path: Path | None, lang: Lang) -> Ruleset:
    try:
        return load_ruleset(path)
    except RulesetError as err:
        _report_problems(err.problems, lang)
        raise typer.Exit(int(ExitCode.RULESET_INVALID)) from None


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"chithi {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version_callback,
            is_eager=True,
            help="In phiên bản [print the version]",
        ),
    ] = False,
) -> None:
    """chithi"""


@app.command()
def check(
    paths: Annotated[
        list[Path], typer.Argument(help="Tệp báo cáo YAML [report files]", show_default=False)
    ],
    ruleset: RulesetOption = None,
    lang: LangOption = OutputLang.vi,
    explain: Annotated[
        bool, typer.Option("--explain", help="Giải thích điểm [explain scores]")
    ] = False,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="table | json")
    ] = CheckFormat.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Ghi ra tệp [write to file]")
    ] = None,
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
    redact: Annotated[
        bool,
        typer.Option(
            "--redact",
            help="Thay tên, số điện thoại, số CCCD bằng bí danh [pseudonymise personal data]",
        ),
    ] = False,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            help="Thoát 1 nếu báo cáo đạt mức này [exit 1 at or above this level]",
            metavar="LEVEL",
        ),
    ] = None,
) -> None:
    """Chấm báo cáo sự việc [check incident reports]."""
    language: Lang = lang.value
    rules = _ruleset_or_exit(ruleset, language)
    fail_level = _fail_level(rules, fail_on, language)
    limits = Limits(max_file_size, max_depth, max_nodes, max_string_length)
    results: list[ReportResult] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            report = load_report(path, rules, display=str(path), limits=limits)
        except InputError as err:
            problems += err.problems
            continue
        results.append(check_loaded(report, rules, str(path)))
    if redact:
        redactor = Redactor(os.environ.get("CHITHI_REDACT_KEY", "").encode() or None)
        results = [redact_result(r, redactor) for r in results]
    _report_problems(problems, language)
    if output_format is CheckFormat.json:
        _emit(render_json(rules, results, problems), output)
    else:
        _emit_table(results, language, explain, output)
    code = ExitCode.INPUT_ERROR if problems or not results else ExitCode.OK
    if fail_level is not None and any(_reaches(r, fail_level, rules) for r in results):
        code = worst(code, ExitCode.FINDINGS)
    raise typer.Exit(int(code))


def _fail_level(rules: Ruleset, fail_on: str | None, lang: Lang) -> str | None:
    if fail_on is None or rules.level(fail_on) is not None:
        return fail_on
    known = ", ".join(lv.id for lv in rules.scoring.levels)
    _fail(
        Text(
            f"--fail-on: mức '{fail_on}' không có; chọn một trong: {known}",
            f"--fail-on: no level '{fail_on}'; choose one of: {known}",
        ),
        lang,
        ExitCode.INPUT_ERROR,
    )


def _reaches(result: ReportResult, level_id: str, rules: Ruleset) -> bool:
    order = [lv.id for lv in rules.scoring.levels]
    return order.index(result.level.id) >= order.index(level_id)


def _emit(content: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(content)
    else:
        write_atomic(output, content)


def _emit_table(
    results: list[ReportResult], lang: Lang, explain: bool, output: Path | None
) -> None:
    if output is None:
        render_reports(results, _stdout(), lang, explain=explain)
        return
    buffer = io.StringIO()
    render_reports(
        results,
        Console(file=buffer, width=120, no_color=True, highlight=False),
        lang,
        explain=explain,
    )
    write_atomic(output, buffer.getvalue())


@app.command()
def rules(
    ruleset: RulesetOption = None,
    group: Annotated[
        str | None, typer.Option("--group", "-g", help="Chỉ nhóm này [only this group]")
    ] = None,
    lang: LangOption = OutputLang.vi,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
) -> None:
    """Liệt kê các biểu hiện [list the ruleset's indicators]."""
    language: Lang = lang.value
    loaded = _ruleset_or_exit(ruleset, language)
    if group is not None and loaded.group(group) is None:
        known = ", ".join(g.id for g in loaded.groups)
        _fail(
            Text(
                f"không có nhóm '{group}'; chọn một trong: {known}",
                f"no group '{group}'; choose one of: {known}",
            ),
            language,
            ExitCode.INPUT_ERROR,
        )
    if output_format is ListFormat.json:
        sys.stdout.write(rules_view.rules_json(loaded, group))
    else:
        _stdout().print(rules_view.rules_table(loaded, group, language))


@app.command()
def explain(
    indicator: Annotated[str, typer.Argument(help="Mã biểu hiện, ví dụ KL-03 [indicator id]")],
    ruleset: RulesetOption = None,
    lang: LangOption = OutputLang.vi,
) -> None:
    """Xem đầy đủ một biểu hiện [show one indicator in full]."""
    language: Lang = lang.value
    loaded = _ruleset_or_exit(ruleset, language)
    found = loaded.indicator(indicator.strip().upper())
    if found is None:
        _fail(
            Text(
                f"không có biểu hiện '{indicator}' trong {loaded.id} (xem: chithi rules)",
                f"no indicator '{indicator}' in {loaded.id} (see: chithi rules)",
            ),
            language,
            ExitCode.INPUT_ERROR,
        )
    _stdout().print(rules_view.indicator_card(loaded, found, language))


@app.command()
def match(
    text: Annotated[
        str, typer.Argument(help="Câu cần thử, hoặc - để đọc stdin [text, or - for stdin]")
    ],
    ruleset: RulesetOption = None,
    lang: LangOption = OutputLang.vi,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
) -> None:
    """Thử bộ nhận diện trên một đoạn văn [run the matcher on a text]."""
    language: Lang = lang.value
    loaded = _ruleset_or_exit(ruleset, language)
    source = sys.stdin.read() if text == "-" else text
    found = compiled_matcher(loaded).match(source)
    if output_format is ListFormat.json:
        sys.stdout.write(match_view.match_json(found))
    else:
        _stdout().print(match_view.match_view(found, loaded, language))


@app.command()
def schema(name: Annotated[SchemaName, typer.Argument(help="ruleset | report | summary")]) -> None:
    """In JSON Schema [print a JSON Schema]."""
    assert name.value in SCHEMA_NAMES
    sys.stdout.write(schema_text(name.value))


@app.command()
def init(
    file: Annotated[
        Path | None, typer.Argument(help="Tệp sẽ tạo [file to create]; bỏ trống: in ra")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè [overwrite]")] = False,
    lang: LangOption = OutputLang.vi,
) -> None:
    """Tạo mẫu báo cáo có chú thích [write a commented report template]."""
    template = resources.files("chithi.templates").joinpath("report.yaml").read_text("utf-8")
    if file is None:
        sys.stdout.write(template)
        return
    if file.exists() and not force:
        _fail(
            Text(
                f"{file} đã tồn tại; dùng --force để ghi đè",
                f"{file} already exists; use --force to overwrite",
            ),
            lang.value,
            ExitCode.INPUT_ERROR,
        )
    write_atomic(file, template)
    _stderr().print(Text(f"đã tạo {file}", f"created {file}")(lang.value))


def _stop(signum: int, _frame: object) -> NoReturn:
    """Ctrl-C or SIGTERM: say so and exit; atomic writers clean up as the exit unwinds."""
    _stderr().print("chithi: đã dừng [interrupted]")
    raise SystemExit(130 if signum == signal.SIGINT else 143)


def main() -> None:
    """Entry point: run the app; any unforeseen error becomes one clear line, not a traceback."""
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    try:
        app()
    except SystemExit:
        raise
    except Exception as err:  # the one boundary where everything is caught
        _stderr().print(f"chithi: lỗi nội bộ [internal error]: {type(err).__name__}: {err}")
        sys.exit(int(ExitCode.INPUT_ERROR))
