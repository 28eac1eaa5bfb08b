"""What every command shares: options, consoles, error lines, output targets."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from chithi.api import load_ruleset
from chithi.core.exit_codes import ExitCode
from chithi.core.i18n import Lang, Text
from chithi.core.problems import InputError, Problem, RulesetError
from chithi.core.records import record
from chithi.inputs.config import find_config, load_config
from chithi.io.output import write_atomic
from chithi.render.registry import ALL_FORMATS
from chithi.render.safe import clean

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from rich.console import Console
    from rich.progress import Progress

    from chithi.model.documents import Ruleset


class OutputLang(str, Enum):
    vi = "vi"
    en = "en"


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
InputsArgument = Annotated[
    list[str],
    typer.Argument(
        help="Tệp, thư mục, mẫu glob hoặc - (stdin) [report files, folders, globs or - for stdin]",
        show_default=False,
    ),
]
RulesetOption = Annotated[
    Path | None,
    typer.Option(
        "--ruleset",
        "-r",
        envvar="CHITHI_RULESET",
        help="Bộ quy tắc [ruleset file] (mặc định: hn-24-ct-tu-2023)",
    ),
]
OutputOption = Annotated[
    list[str] | None,
    typer.Option(
        "--output",
        "-o",
        metavar="[FORMAT:]FILE",
        help="Ghi ra tệp, có thể lặp lại; định dạng theo FORMAT: hoặc đuôi tệp [write to a "
        "file; repeatable; the format comes from FORMAT: or the file's extension, e.g. "
        "-o json:out.json -o report.md]",
    ),
]
DEFAULT_JOBS = os.cpu_count() or 1
JobsOption = Annotated[
    int,
    typer.Option("--jobs", "-j", min=1, help="Số tiến trình song song [parallel processes]"),
]
RedactOption = Annotated[
    bool,
    typer.Option(
        "--redact",
        help="Thay tên, số điện thoại, số CCCD bằng bí danh [pseudonymise personal data]",
    ),
]

IncludeTextOption = Annotated[
    bool,
    typer.Option(
        "--include-text",
        help="Đưa lời văn vào định dạng CI [put narrative text in "
        "CI formats: sarif, junit, github, markdown]",
    ),
]


QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet",
        "-q",
        help="Chỉ in lỗi và kết luận cuối [only problems and the final verdict]",
    ),
]


def config_defaults(command: str, params: set[str], lang: Lang) -> dict[str, Any]:
    """What the configuration file (docs/configuration.md) sets for `command`'s parameters
    (`params`, their names): click takes these after the command line and the environment, before
    the built-in defaults. `validate` checks the configured rulesets, else CHITHI_RULESET or the
    configured ruleset. A configuration file that cannot be used stops the run (exit 2)."""
    found = find_config(Path.cwd())
    try:
        config = load_config(found) if found else None
    except InputError as err:
        report_problems(err.problems, lang)
        raise typer.Exit(int(ExitCode.INPUT_ERROR)) from None
    values: dict[str, Any] = {}
    if config is not None:
        values = {
            "ruleset": config.ruleset and _shown(config.ruleset),
            "lang": config.lang,
            "fail_on": config.fail_on,
            "exceptions": config.exceptions and _shown(config.exceptions),
        }
    if command == "validate" and "paths" in params:
        from_env = os.environ.get("CHITHI_RULESET")
        rulesets = (config.validate or (config.ruleset,)) if config else ()
        files = [Path(from_env)] if from_env else [r for r in rulesets if r is not None]
        values["paths"] = [_shown(f) for f in files] or None
    if command == "train":
        values.pop("ruleset", None)  # the reader is trained for the bundled ruleset it ships in
    return {name: value for name, value in values.items() if name in params and value is not None}


def _shown(path: Path) -> str:
    """A path from the configuration file as the user would write it: relative to the working
    folder when it lies below it, else absolute."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path.resolve())


def stdout() -> Console:
    from rich.console import Console  # noqa: PLC0415 - JSON to a pipe never pays for rich

    return Console(highlight=False, soft_wrap=False)


def stderr() -> Console:
    from rich.console import Console  # noqa: PLC0415

    return Console(stderr=True, highlight=False, soft_wrap=True, markup=False)


class ProgressBar:
    """A bar with count, rate and time left, on a terminal only: never in CI logs or pipes."""

    def __init__(self, lang: Lang, hidden: bool = False) -> None:
        self._lang = lang
        self._hidden = hidden  # --quiet
        self._progress: Progress | None = None
        self.total = 0  # how many sources the run found: the tally is for runs over several

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def start(self, total: int) -> Callable[[], None]:
        self.total = total
        shown = sys.stdout.isatty() and sys.stderr.isatty() and not os.environ.get("CI")
        if not shown or total < 2 or self._hidden:
            return lambda: None
        from chithi.commands.progress import make_progress  # noqa: PLC0415 - terminals only

        self._progress = make_progress(Text("Đang kiểm", "Checking")(self._lang))
        self._progress.start()
        task = self._progress.add_task("", total=total)
        progress = self._progress
        return lambda: progress.advance(task)


def report_problems(problems: Sequence[Problem], lang: Lang) -> None:
    if not problems:
        return  # a clean run never builds a console
    err = stderr()
    for problem in problems:
        err.print(clean(problem.render(lang)), markup=False)


def fail(message: Text, lang: Lang, code: ExitCode = ExitCode.INPUT_ERROR) -> NoReturn:
    stderr().print(clean(f"chithi: {message(lang)}"), markup=False)
    raise typer.Exit(int(code))


def ruleset_or_exit(path: Path | None, lang: Lang) -> Ruleset:
    try:
        return load_ruleset(path)
    except RulesetError as err:
        report_problems(err.problems, lang)
        raise typer.Exit(int(ExitCode.RULESET_INVALID)) from None


@record
class OutputTarget:
    """One output a command writes: a format, to a file or to standard output."""

    format: str
    path: Path | None  # None: standard output


# What a file's extension says it holds. `.txt` is plain text: `table` or `text`, whichever the
# command writes. `.sarif.json` (GitHub's other name for SARIF) is looked at before `.json`.
EXTENSIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (".sarif.json", ("sarif",)),
    (".json", ("json",)),
    (".sarif", ("sarif",)),
    (".xml", ("junit",)),
    (".md", ("markdown",)),
    (".markdown", ("markdown",)),
    (".html", ("html",)),
    (".htm", ("html",)),
    (".csv", ("csv",)),
    (".txt", ("table", "text")),
)


def output_targets(
    values: list[str] | None,
    chosen: str | None,
    default: str,
    known: Iterable[str],
    lang: Lang,
) -> list[OutputTarget]:
    """Where each output goes and in which format, decided before any work (docs/ci.md):

    1. `-o FORMAT:FILE` names its format. A FORMAT that some command writes but this one does
       not is refused, never taken as part of the file name.
    2. `-o FILE` takes the format its extension says (`.json`, `.sarif`, `.xml` for junit,
       `.md`, `.html`, `.csv`, `.txt`); one this command cannot write is refused, and so is an
       explicit `--format` that says otherwise (they cannot disagree silently).
    3. `-o FILE` with another extension, `-o -` and no -o at all (standard output) take
       `--format` (`chosen`, None when not given), else `default`.

    Every format must be one of `known` (this command's formats); a file's folder must exist."""
    formats = list(known)
    chosen = chosen.lower() if chosen else chosen  # `-f JSON` is json: choices ignore case
    fallback = chosen or default
    if fallback not in formats:
        names = ", ".join(formats)
        fail(
            Text(f"--format phải là một trong: {names}", f"--format must be one of: {names}"), lang
        )
    if not values:
        return [OutputTarget(fallback, None)]
    return [_output_target(value, chosen, fallback, formats, lang) for value in values]


def _output_target(
    value: str, chosen: str | None, fallback: str, formats: list[str], lang: Lang
) -> OutputTarget:
    names = ", ".join(formats)
    head, sep, tail = value.partition(":")
    if sep and head.lower() in ALL_FORMATS:
        named = head.lower()
        if named not in formats:
            fail(
                Text(
                    f"-o {value}: lệnh này không ghi được định dạng {named}; "
                    f"định dạng ghi được: {names}",
                    f"-o {value}: this command cannot write {named}; it writes: {names}",
                ),
                lang,
            )
        if not tail:
            fail(Text(f"-o {value}: thiếu tên tệp", f"-o {value}: missing file name"), lang)
        return OutputTarget(named, None if tail == "-" else writable_file(Path(tail), lang))
    if value == "-":
        return OutputTarget(fallback, None)
    path = writable_file(Path(value), lang)
    implied = _implied_format(path, formats)
    if implied is None:
        return OutputTarget(fallback, path)
    if implied not in formats:
        fail(
            Text(
                f"-o {value}: đuôi tệp là định dạng {implied}, lệnh này không ghi được; "
                f"định dạng ghi được: {names}",
                f"-o {value}: the extension means {implied}, which this command cannot write; "
                f"it writes: {names}",
            ),
            lang,
        )
    if chosen is not None and chosen != implied:
        fail(
            Text(
                f"-o {value}: đuôi tệp là định dạng {implied} nhưng --format là {chosen}; "
                f"chọn một: -o {implied}:{value} hoặc -o {chosen}:{value}",
                f"-o {value}: the extension means {implied} but --format says {chosen}; "
                f"choose one: -o {implied}:{value} or -o {chosen}:{value}",
            ),
            lang,
        )
    return OutputTarget(implied, path)


def _implied_format(path: Path, formats: list[str]) -> str | None:
    """The format `path`'s extension stands for (the one of its kind this command writes), or
    None when the extension says nothing."""
    name = path.name.lower()
    for extension, kinds in EXTENSIONS:
        if name.endswith(extension):
            return next((kind for kind in kinds if kind in formats), kinds[0])
    return None


def writable_file(path: Path, lang: Lang) -> Path:
    """`path`, once it is known to be a file chithi can put there: its folder exists (chithi
    never creates folders: a mistyped path would scatter results where nobody looks) and it is
    not itself a folder. Checked before any work, so a long run never fails at its end."""
    folder = path.parent
    if not folder.is_dir():
        fail(
            Text(
                f"không ghi được {path}: thư mục {folder} không tồn tại "
                "(chithi không tự tạo thư mục)",
                f"cannot write {path}: folder {folder} does not exist "
                "(chithi does not create folders)",
            )
            if not folder.exists()
            else Text(
                f"không ghi được {path}: {folder} không phải thư mục",
                f"cannot write {path}: {folder} is not a folder",
            ),
            lang,
        )
    if path.is_dir():
        fail(
            Text(
                f"không ghi được {path}: đó là một thư mục",
                f"cannot write {path}: it is a folder",
            ),
            lang,
        )
    return path


def deliver(
    targets: list[OutputTarget],
    render: Callable[[str], str],
    print_table: Callable[[], None] | None = None,
) -> None:
    """Write each target atomically; the table on a terminal keeps its colours."""
    for target in targets:
        if target.path is None and print_table is not None and target.format in ("table", "text"):
            print_table()
        elif target.path is None:
            typer.echo(render(target.format), nl=False)
        else:
            write_atomic(target.path, render(target.format))


def quiet_targets(targets: list[OutputTarget], quiet: bool) -> list[OutputTarget]:
    """With --quiet the table or text meant for the terminal is left out; files and machine
    formats on standard output are still written (they are data, not talk)."""
    if not quiet:
        return targets
    return [t for t in targets if t.path is not None or t.format not in ("table", "text")]


def print_tally(
    targets: list[OutputTarget], line: Text, lang: Lang, *, several: bool, quiet: bool
) -> None:
    """The run's last line (render/terminal/tally.py) on standard output, after the table: for
    a run over several files, or as the verdict of --quiet; never into a machine format there."""
    if not (several or quiet):
        return
    if any(t.path is None and t.format not in ("table", "text") for t in targets):
        return
    typer.echo(clean(line(lang)))


def nothing_checked(targets: list[OutputTarget], lang: Lang) -> list[OutputTarget]:
    """No report was checked: every -o file keeps what it held (an empty result must not replace
    an earlier run's, nor pass for a clean run) and the user is told; standard output still gets
    its document, whose totals say that nothing was checked."""
    files = [str(t.path) for t in targets if t.path is not None]
    if files:
        names = ", ".join(files)
        note = Text(
            f"không có báo cáo nào được kiểm; không ghi {names}",
            f"no report was checked; {names} not written",
        )
        stderr().print(clean(f"chithi: {note(lang)}"), markup=False)
    return [t for t in targets if t.path is None]


def append_step_summary(targets: list[OutputTarget], markdown: Callable[[], str]) -> None:
    """GitHub shows only the first annotations: the whole table goes to the step summary."""
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and any(t.format == "github" for t in targets):
        with Path(summary).open("a", encoding="utf-8") as handle:
            handle.write(markdown())
