"""docs/cli.md lists every command and option as the program has them today."""

from __future__ import annotations

import typer.main

import cli_reference
from chithi.app import app
from conftest import ROOT


def test_docs_cli_md_is_what_the_program_says():
    written = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == cli_reference.render(), (
        "docs/cli.md is stale: run python tests/cli_reference.py --update"
    )


def test_every_command_and_option_is_in_docs_cli_md():
    written = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    sections = written.split("\n## ")
    for name, command in group.commands.items():
        (section,) = [s for s in sections if s.startswith(f"chithi {name}\n")]
        for param in command.params:
            for option in param.opts if param.param_type_name == "option" else []:
                assert f"`{option}`" in section, (name, option)
    for heading in ("Global options", "Configuration file", "Exit codes"):
        assert f"\n## {heading}\n" in written
    assert "| 4 | an internal error" in written and "`CHITHI_RULESET`" in written
