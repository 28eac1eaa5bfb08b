"""Text bars for group scores and indicator frequency."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chithi.render.bars import bar
from conftest import SEEDS


def test_bars_fill_in_proportion():
    assert bar(0, 12) == "·" * 12
    assert bar(12, 12) == "█" * 12
    assert bar(6, 12) == "█" * 6 + "·" * 6
    assert bar(4, 9, 12) == "█████▍······"


@given(st.floats(0, 100), st.floats(0, 100), st.integers(1, 40))
def test_a_bar_always_has_its_width(value, maximum, width):
    assert len(bar(value, maximum, width)) == width


def test_check_and_summary_draw_bars_within_80_columns(run_chithi):
    table = run_chithi(
        "check", str(SEEDS / "09-avoidance-nt.yaml"), "--lang", "en", env={"COLUMNS": "80"}
    )
    assert "█████▍······" in table.stdout  # NT: 4 of 9 indicators met
    summary = run_chithi("summary", str(SEEDS), "--lang", "en", env={"COLUMNS": "80"})
    assert "████████████████████" in summary.stdout  # the most frequent indicator: a full bar
    for output in (table.stdout, summary.stdout):
        assert max(len(line) for line in output.splitlines()) <= 80
