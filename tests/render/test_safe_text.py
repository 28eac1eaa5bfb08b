"""User text shown in a terminal or a JSON file never carries control or reordering characters."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from chithi.model.diff import Change
from chithi.render.safe import _CONTROL, clean, json_text, md
from chithi.render.terminal.diff_view import diff_markdown

CONTROLS = [chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]] + [
    chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
]


def test_every_character_the_pattern_removes_is_unprintable():
    # clean() and json_text() return printable text untouched without running the pattern:
    # that shortcut is right only while no character it removes counts as printable.
    removed = [chr(c) for c in range(sys.maxunicode + 1) if _CONTROL.match(chr(c))]
    assert removed == CONTROLS
    assert not [c for c in removed if c.isprintable()]


@given(st.text(alphabet=st.sampled_from([*CONTROLS, "a", "ệ", " ", "\n", "\u00a0", "\u2028"])))
def test_no_control_survives_cleaning_or_json_escaping(value):
    assert not _CONTROL.search(clean(value))
    assert len(clean(value)) == len(value)  # one character for one: spans still line up
    assert not _CONTROL.search(json_text(value))


HOSTILE = "<script>x</script> *bold* _it_ @someone [link](http://e) `code` | cell & ~del~"


def test_a_ruleset_diff_in_markdown_shows_user_text_literally():
    """The diff's cells use the one Markdown escaper: no HTML, emphasis, mention or link."""
    change = Change("changed", "indicators[KL-01].title", HOSTILE, "plain")
    shown = diff_markdown([change], "en", "old`x`.yaml", "new.yaml")
    row = shown.splitlines()[-1]
    assert row.count(" | ") == 4  # the `|` in the text did not open a column
    assert not re.search(r"(?<!\\)[<>*_`@\[\]~&]", row.replace("\\\\", ""))
    assert "\\<script\\>" in row and "\\@someone" in row and "\\*bold\\*" in row
    assert "``old`x`.yaml``" in shown  # a backtick in a file name stays inside its code span


@settings(derandomize=True)
@given(st.text())
def test_markdown_escaping_leaves_no_markup_character_bare(value):
    escaped = md(value)
    assert "\n" not in escaped
    assert not re.search(r"(?<!\\)[<>*_`|@\[\]]", escaped.replace("\\\\", ""))
