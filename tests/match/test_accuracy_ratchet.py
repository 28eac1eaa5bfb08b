"""A ratchet: reading may get better, never quietly worse.

The floors in tests/data/corpus/ratchet.json are the figures reached when they were last
raised (see benchmarks/accuracy.py). Raise them when reading improves; lowering one needs a
reason in the commit message. The combined reader's floors are its figures on the frozen test
split: they are measured, never tuned to, and held here so a later change cannot lose them.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from chithi.api import compiled_matcher
from chithi.train.corpus import (
    Counts,
    combined_detectors,
    evaluate,
    figures,
    load_corpus,
    load_split,
    memoised_reader,
    points_from,
)
from conftest import DATA, ROOT
from helpers import bundled

FLOORS = json.loads((DATA / "corpus" / "ratchet.json").read_text(encoding="utf-8"))


def detect(text: str) -> set[str]:
    return {d.indicator for d in compiled_matcher(bundled()).match(text).detections}


@pytest.fixture(scope="module")
def dev():
    return evaluate(detect, load_corpus(DATA / "corpus"))


@pytest.fixture(scope="module")
def heldout():
    return evaluate(detect, load_corpus(DATA / "corpus-heldout"))


def test_micro_figures_do_not_fall(dev):
    assert dev.micro.f1 >= FLOORS["dev"]["micro_f1"]
    assert dev.micro.precision >= FLOORS["dev"]["micro_precision"]


def test_no_indicator_recall_falls_below_its_floor(dev):
    for indicator, floor in FLOORS["dev"]["recall"].items():
        assert dev.per_indicator.get(indicator, Counts()).recall >= floor, indicator


def test_hard_negatives_stay_silent(dev):
    """Round 1's negatives are all silent; round 2 still has a few known ones (see ratchet.json).

    A negative that starts to fire fails; one that falls silent should leave the list.
    """
    known = set(FLOORS["dev"]["known_negative_hits"])
    firing = {case.id for case, _ in dev.negative_hits}
    assert firing - known == set(), "new false alarms on hard negatives"
    assert known - firing == set(), "fixed: remove these from known_negative_hits"


def test_text_without_diacritics_is_not_left_behind(dev):
    with_marks, without = dev.by_slice["vi"], dev.by_slice["vi-no-diacritics"]
    assert with_marks.recall - without.recall <= 0.05


def test_held_out_figures_do_not_fall(heldout):
    """Never tuned on: this is the honest measure of how matching generalises."""
    assert heldout.micro.f1 >= FLOORS["heldout"]["micro_f1"]
    assert heldout.micro.precision >= FLOORS["heldout"]["micro_precision"]
    assert len(heldout.negative_hits) <= FLOORS["heldout"]["max_negative_hits"]


@pytest.fixture(scope="module")
def frozen_test():
    points, found = combined_detectors(bundled())
    return figures(points, found, load_split(DATA / "corpus", "test"))


def test_the_combined_reader_holds_its_figures_on_the_frozen_test_split(frozen_test):
    floors = FLOORS["test"]
    assert frozen_test.points.micro.precision >= floors["points_precision"]
    assert frozen_test.points.micro.recall >= floors["points_recall"]
    assert frozen_test.clean_flagged <= floors["clean_flagged_max"]
    assert frozen_test.found.micro.recall >= floors["found_recall"]


def test_text_without_diacritics_reads_as_well_on_the_test_split(frozen_test):
    with_marks = frozen_test.found.by_slice["vi"].recall
    without = frozen_test.found.by_slice["vi-no-diacritics"].recall
    assert with_marks - without <= FLOORS["test"]["diacritics_gap_max"]


def test_a_higher_points_bar_never_gives_more_points():
    """What `benchmarks/accuracy.py --bars` compares: one reading of each text, several bars."""
    read = memoised_reader(bundled())
    low, shipped, high = (points_from(read, bar) for bar in (0.85, 0.95, 0.99))
    texts = [case.text for case in load_split(DATA / "corpus", "dev")[:400]]
    for text in texts:
        assert high(text) <= shipped(text) <= low(text), text
    assert any(shipped(text) < low(text) for text in texts), "no reading between the bars"


@pytest.mark.parametrize("split", ["test", "all"])
def test_thresholds_are_never_compared_on_the_test_split(split):
    benchmark = ROOT / "benchmarks" / "accuracy.py"
    done = subprocess.run(
        [sys.executable, str(benchmark), "--split", split, "--bars", "0.85,0.95"],
        check=False,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "the test split is only measured" in done.stderr
