"""The command line: the typer app, its commands, and the one boundary where errors are caught.

Only this package (app.py and commands/) imports typer or ends the process.
"""

from __future__ import annotations

import copy
import io
import os
import signal
import sys
from typing import IO, Annotated, NoReturn, Protocol, cast

import typer

from chithi._version import __version__
from chithi.commands import check, imports, info, rulesets, summary, train
from chithi.commands.chrome import (
    ChithiCommand,
    ChithiGroup,
    choose_language,
    in_language,
    use_language,
)
from chithi.commands.common import config_defaults, stderr
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
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=ChithiGroup,
)
app.command("check", cls=ChithiCommand)(check.check)
app.command("summary", cls=ChithiCommand)(summary.summary)
app.command("validate", cls=ChithiCommand)(rulesets.validate)
app.command("diff", cls=ChithiCommand)(rulesets.diff)
app.command("rules", cls=ChithiCommand)(info.rules)
app.command("explain", cls=ChithiCommand)(info.explain)
app.command("match", cls=ChithiCommand)(info.match)
app.command("schema", cls=ChithiCommand)(info.schema)
app.command("init", cls=ChithiCommand)(info.init)
app.command("import", cls=ChithiCommand)(imports.import_reports)
app.command("train", cls=ChithiCommand)(train.train)


_SHOW_TRACEBACK = {"on": False}  # set by --traceback, read where an error is caught


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"chithi {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
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
    no_color: Annotated[
        bool,
        typer.Option("--no-color", help="Không tô màu [no colours; as NO_COLOR=1 does]"),
    ] = False,
) -> None:
    """chithi"""
    _SHOW_TRACEBACK["on"] = traceback
    if no_color:
        os.environ["NO_COLOR"] = "1"  # rich reads it in every console made from here on
    command = ctx.invoked_subcommand
    found = ctx.command.get_command(ctx, command) if command else None  # type: ignore[attr-defined]
    if command and found is not None:
        params = {p.name for p in found.params if p.name}
        ctx.default_map = {
            command: config_defaults(command, params, choose_language(sys.argv[1:], os.environ))
        }


def _stop(signum: int, _frame: object) -> NoReturn:
    """Ctrl-C or SIGTERM: say so and exit; atomic writers clean up as the exit unwinds."""
    stderr().print("chithi: đã dừng [interrupted]")
    raise SystemExit(130 if signum == signal.SIGINT else 143)


# click's own error class, the base of the usage errors it shows (typer re-exports a subclass)
_CLICK_ERROR: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)


class _ClickError(Protocol):
    exit_code: int

    def show(self, file: IO[str]) -> None: ...


# Options before a command name that leave the command's own run unchanged.
_PLAIN_GLOBALS = frozenset({"--traceback", "--no-color"})


def _for_arguments(args: list[str]) -> typer.Typer:
    """The app with only the command these arguments run, when they plainly run one: building all
    eleven commands' options from their signatures costs ~10 ms of every start. Help, completion,
    a version or an unknown name get the whole app, so they list every command as before."""
    named = next((i for i, arg in enumerate(args) if not arg.startswith("-")), None)
    if named is None or not _PLAIN_GLOBALS.issuperset(args[:named]):
        return app
    chosen = [c for c in app.registered_commands if c.name == args[named]]
    if not chosen or "_CHITHI_COMPLETE" in os.environ:  # shell completion reads the whole app
        return app
    only = copy.copy(app)
    only.registered_commands = chosen
    return only


def _run() -> int:
    """The app, with click's usage errors shown in the user's language instead of by click."""
    try:
        command = typer.main.get_command(_for_arguments(sys.argv[1:]))
        # One name in usage lines however chithi was started (console script, python -m, a test).
        result = command.main(standalone_mode=False, prog_name="chithi")
    except _CLICK_ERROR as err:
        usage_error = cast("_ClickError", err)
        shown = io.StringIO()
        usage_error.show(file=shown)
        sys.stderr.write(in_language(shown.getvalue()))
        return int(usage_error.exit_code)
    except typer.Abort:
        sys.stderr.write(in_language("Aborted!\n"))
        return 1
    return result if isinstance(result, int) else 0


def main() -> None:
    """Entry point: run the app; any unforeseen error becomes one clear line, not a traceback."""
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    use_language(choose_language(sys.argv[1:], os.environ))
    try:
        sys.exit(_run())
    except SystemExit:
        raise
    except Exception as err:  # the one boundary where everything is caught
        if _SHOW_TRACEBACK["on"] or os.environ.get("CHITHI_DEBUG", "") not in ("", "0"):
            import traceback  # noqa: PLC0415 (only after a crash: ~3 ms at every start)

            traceback.print_exc()
        stderr().print(
            f"chithi: lỗi nội bộ [internal error]: {type(err).__name__}: {err}\n"
            "Đây là lỗi của chithi, không phải của dữ liệu: chạy lại với --traceback (hoặc"
            " CHITHI_DEBUG=1) và gửi kèm dấu vết. [A bug in chithi, not in your input: run again"
            " with --traceback (or CHITHI_DEBUG=1) and report the trace.]"
        )
        sys.exit(int(ExitCode.INTERNAL_ERROR))
