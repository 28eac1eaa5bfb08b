"""docs/cli.md, written from the typer app itself: every command, every option, the
configuration file and the exit codes (tests/commands/test_cli_reference.py fails when it is stale).

    python tests/cli_reference.py            # exit 1 when docs/cli.md is stale
    python tests/cli_reference.py --update   # rewrite docs/cli.md
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer.main

from chithi.app import app
from chithi.core.exit_codes import MEANINGS, ExitCode
from chithi.inputs.config import KEYS

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "cli.md"

HEADER = """\
# Command line reference

Every command and option of `chithi`, with its default and the environment variable that sets it.
Generated from the program itself by `python tests/cli_reference.py --update`; a test fails when
this page and the program disagree, so do not edit it by hand.

Help text is bilingual: Vietnamese, then English in brackets. `-h` is `--help` everywhere, and
every choice ignores case (`-f JSON`, `--fail-on Serious`).
"""

CONFIG = """\
## Configuration file

`chithi.toml`, or a `[tool.chithi]` table in pyproject.toml, found upward from the working folder
([configuration.md](configuration.md)). For each option the command line wins, then the
environment, then the configuration file, then the built-in default. Relative paths in the file
are read from its folder.

| Key | Sets | Environment |
|---|---|---|
| `ruleset` | `--ruleset` of {ruleset_commands}; what plain `validate` checks when `validate` is not set | `CHITHI_RULESET` |
| `lang` | `--lang` of {lang_commands} | `CHITHI_LANG` |
| `fail-on` | `--fail-on` of {fail_on_commands} | |
| `exceptions` | `--exceptions` of {exceptions_commands} | |
| `validate` | the rulesets plain `chithi validate` checks (files and folders) | `CHITHI_RULESET` |
"""


def _value(param: Any) -> str:
    """What an option takes, as the user writes it."""
    if getattr(param, "is_flag", False):
        return ""
    if param.metavar:
        return str(param.metavar)
    choices = getattr(param.type, "choices", None)
    if choices:
        return "|".join(str(getattr(c, "value", c)) for c in choices)
    if param.name == "output_format":
        return "FORMAT"
    name = param.type.name.upper()
    return {"PATH": "FILE", "INT RANGE": "N", "INTEGER RANGE": "N", "INTEGER": "N", "INT": "N"}.get(
        name, "TEXT" if name in ("STR", "TEXT", "STRING") else name
    )


def _default(param: Any) -> str:
    if param.name == "jobs":
        return "all cores"  # os.cpu_count(): differs from machine to machine
    shown = getattr(param, "show_default", None)
    if isinstance(shown, str):
        return shown
    default = param.default
    if default is None or default is False or default == [] or param.required:
        return ""
    return str(getattr(default, "value", default))


def _cell(text: str | None) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")


def _options_table(params: list[Any]) -> list[str]:
    rows = ["| Option | Value | Default | Environment | Meaning |", "|---|---|---|---|---|"]
    for param in params:
        if param.param_type_name != "option" or param.hidden:
            continue
        names = ", ".join(f"`{name}`" for name in [*param.opts, *param.secondary_opts])
        value = _value(param)
        default = _default(param)
        envvar = f"`{param.envvar}`" if param.envvar else ""
        rows.append(
            f"| {names} | {f'`{_cell(value)}`' if value else ''} | "
            f"{f'`{_cell(default)}`' if default else ''} | {envvar} | {_cell(param.help)} |"
        )
    return rows


def _arguments(params: list[Any]) -> list[str]:
    lines = []
    for param in params:
        if param.param_type_name != "argument":
            continue
        many = "…" if param.nargs == -1 else ""
        needed = "required" if param.required else "optional"
        lines.append(f"- `{param.name.upper()}{many}` ({needed}): {_cell(param.help)}")
    return lines


def render() -> str:
    group = typer.main.get_command(app)
    commands = group.commands  # type: ignore[attr-defined]
    parts = [HEADER, "## Global options", "", "`chithi [OPTIONS] COMMAND …`", ""]
    parts += _options_table(group.params)
    parts.append("")
    for name, command in commands.items():
        usage = " ".join(
            [f"chithi {name} [OPTIONS]"]
            + [
                f"{p.name.upper()}{'…' if p.nargs == -1 else ''}"
                if p.required
                else f"[{p.name.upper()}{'…' if p.nargs == -1 else ''}]"
                for p in command.params
                if p.param_type_name == "argument"
            ]
        )
        parts += [f"## chithi {name}", "", _cell(command.help), "", f"`{usage}`", ""]
        arguments = _arguments(command.params)
        if arguments:
            parts += [*arguments, ""]
        parts += [*_options_table(command.params), ""]

    def taking(option: str) -> str:
        return ", ".join(
            f"`{name}`"
            for name, command in commands.items()
            if any(option in p.opts for p in command.params) and name != "train"
        )

    assert set(KEYS) == {"ruleset", "lang", "fail-on", "exceptions", "validate"}, KEYS
    parts.append(
        CONFIG.format(
            ruleset_commands=taking("--ruleset"),
            lang_commands=taking("--lang"),
            fail_on_commands=taking("--fail-on"),
            exceptions_commands=taking("--exceptions"),
        )
    )
    parts += ["## Exit codes", "", "| Code | Meaning | Ý nghĩa |", "|---|---|---|"]
    parts += [
        f"| {int(code)} | {_cell(MEANINGS[code].en)} | {_cell(MEANINGS[code].vi)} |"
        for code in ExitCode
    ]
    parts += ["", "Where several apply, the highest wins.", ""]
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    text = render()
    if "--update" in argv:
        DOC.write_text(text, encoding="utf-8")
        return 0
    current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    if current != text:
        print(f"{DOC} is stale: python tests/cli_reference.py --update")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
