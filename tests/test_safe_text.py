"""User text shown in a terminal or a JSON file never carries control or reordering characters."""

from __future__ import annotations

import sys

from hypothesis import given
from hypothesis import strategies as st

from chithi.render.safe import _CONTROL, clean, json_text

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
