"""The command line: the typer app, its commands, and the one boundary where errors are caught.

Only this package (app.py and commands/) imports typer or ends the process.
"""

from __future__ import annotations

import os
import signal
import sys
import traceback
from typing import Annotated, NoReturn

import typer

from chithi._version import __version__
from chithi.commands import check, imports, info, rulesets, summary, train
from chithi.commands.common import stderr
from chithi.core.exit_codes import ExitCode

app = typer.Typer(
    name="chithi",
    help=(
        "Chấm báo cáo sự việc theo 25 biểu hiện của Chỉ thị 24-CT/TU. "
        "[Score incident reports against Directive 24-CT/TU's 25 indicators.]\n\n"
        "Mã thoát [exit codes]: 0 ổn [ok]; 1 đạt ngưỡng --fail-on [findings reach --fail-on]; "
        "2 lỗi dùng lệnh hoặc báo cáo [usage or report error]; 3 bộ quy tắc lỗi [invalid ruleset]; "
        "4 lỗi nội bộ của chithi [internal error]."
    ),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.command("check")(check.check)
app.command("summary")(summary.summary)
app.command("validate")(rulesets.validate)
app.command("diff")(rulesets.diff)
app.command("rules")(info.rules)
app.command("explain")(info.explain)
app.command("match")(info.match)
app.command("schema")(info.schema)
app.command("init")(info.init)
app.command("import")(imports.import_reports)
app.command("train")(train.train)


_SHOW_TRACEBACK = {"on": False}  # set by --traceback, read where an error is caught


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
    traceback: Annotated[
        bool,
        typer.Option(
            "--traceback",
            envvar="CHITHI_DEBUG",
            help="Lỗi nội bộ thì in toàn bộ dấu vết [print the trace of an internal error]",
        ),
    ] = False,
) -> None:
    """chithi"""
    _SHOW_TRACEBACK["on"] = traceback


def _stop(signum: int, _frame: object) -> NoReturn:
    """Ctrl-C or SIGTERM: say so and exit; atomic writers clean up as the exit unwinds."""
    stderr().print("chithi: đã dừng [interrupted]")
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
        if _SHOW_TRACEBACK["on"] or os.environ.get("CHITHI_DEBUG", "") not in ("", "0"):
            traceback.print_exc()
        stderr().print(
            f"chithi: lỗi nội bộ [internal error]: {type(err).__name__}: {err}\n"
            "Đây là lỗi của chithi, không phải của dữ liệu: chạy lại với --traceback (hoặc"
            " CHITHI_DEBUG=1) và gửi kèm dấu vết. [A bug in chithi, not in your input: run again"
            " with --traceback (or CHITHI_DEBUG=1) and report the trace.]"
        )
        sys.exit(int(ExitCode.INTERNAL_ERROR))
