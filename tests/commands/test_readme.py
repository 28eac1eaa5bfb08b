"""The README's console examples are what chithi prints (tests/readme_blocks.py runs them).

When one fails after a deliberate change of wording, `python tests/readme_blocks.py --update`
writes today's output into README.md; read the diff before committing it."""

from __future__ import annotations

import readme_blocks as blocks
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_readme_console_example_prints_what_it_shows():
    shown = blocks.examples(README)
    commands = [example.command for example in shown]
    assert len(shown) >= 8, commands  # the examples are found, not silently skipped
    assert "echo $?" in commands and any(c.startswith("chithi validate") for c in commands)
    stale = blocks.drifted(README)
    report = "\n\n".join(f"$ {e.command}\n" + "\n".join(actual) for e, actual in stale)
    assert not stale, (
        "README examples no longer match (python tests/readme_blocks.py --update):\n" + report
    )


def test_a_drifted_example_is_caught_and_update_repairs_it():
    example = "```console\n$ chithi rules --group BV --lang en\n{}\n```\n"
    actual, _ = blocks.run("chithi rules --group BV --lang en", None)
    true_text = example.format("\n".join(actual))
    assert blocks.drifted(true_text) == []
    wrong = [line.replace("BV-04", "BV-05") for line in actual]
    stale_text = example.format("\n".join(wrong))
    assert [e.command for e, _ in blocks.drifted(stale_text)] == [
        "chithi rules --group BV --lang en"
    ]
    assert blocks.drifted(blocks.update(stale_text)) == []
    assert blocks.update(stale_text) == true_text


def test_an_exit_code_example_is_compared_too():
    text = "```console\n$ chithi explain KL-99 --lang en\nx\n$ echo $?\n0\n```\n"
    stale = blocks.drifted(text)
    assert [e.command for e, _ in stale] == ["chithi explain KL-99 --lang en", "echo $?"]
    assert stale[1][1] == ["2"]


def test_an_ellipsis_stands_for_lines_but_not_for_a_changed_one():
    actual = ["head", "a", "b", "notice 2180", "c", "total 62"]
    assert blocks.matches(["head", "…", "notice 2180", "…", "total 62"], actual)
    assert blocks.matches(["head", "…"], actual)
    assert not blocks.matches(["head", "…", "notice 1754", "…", "total 62"], actual)
    assert not blocks.matches(["head", "…", "total 20"], actual)
    assert not blocks.matches(["header", "…"], actual)
    assert not blocks.matches(["head", "a"], actual)  # without `…` the whole output is shown


def test_update_keeps_the_shape_of_an_abridged_example():
    actual = ["n 710", "n 1955", "n 2180 BV-04", "x 2236 crossfire", "valid 62"]
    old = ["…", "n 1754 BV-04", "…", "valid 20"]
    new = blocks.refreshed(old, actual)
    assert new == ["…", "n 2180 BV-04", "…", "valid 62"]
    assert blocks.matches(new, actual)
