"""The bundled ruleset's own examples, run through the real matcher (semgrep's ruleid/ok idea)."""

from __future__ import annotations

from collections import Counter

import pytest
import yaml

from chithi.api import compiled_matcher, default_ruleset_path
from helpers import bundled

# The examples are read from the file, not through load_ruleset: collecting the tests compiles
# and caches no ruleset.
INDICATORS = yaml.safe_load(default_ruleset_path().read_text(encoding="utf-8"))["indicators"]
MUST = [(i["id"], t) for i in INDICATORS for t in i.get("examples", {}).get("match", ())]
MUST_NOT = [(i["id"], t) for i in INDICATORS for t in i.get("examples", {}).get("no_match", ())]


def detected(text: str) -> set[str]:
    return {d.indicator for d in compiled_matcher(bundled()).match(text).detections}


def test_the_directive_has_25_indicators_in_groups_of_12_9_4():
    assert Counter(i.group for i in bundled().indicators) == {"KL": 12, "NT": 9, "BV": 4}
    assert [g.size for g in bundled().groups] == [12, 9, 4]
    assert [i.id for i in bundled().indicators][:3] == ["KL-01", "KL-02", "KL-03"]
    assert bundled().indicators[-1].id == "BV-04"


def test_every_indicator_has_two_positive_and_one_negative_example():
    for indicator in bundled().indicators:
        assert len(indicator.examples_match) >= 2, indicator.id
        assert len(indicator.examples_no_match) >= 1, indicator.id


def test_provenance_follows_the_research_note():
    provenance = {i.id: i.provenance for i in bundled().indicators}
    assert {k for k, v in provenance.items() if v == "verbatim-source"} == {
        "KL-01",
        "KL-02",
        "KL-03",
        "KL-04",
    }
    assert {k for k, v in provenance.items() if v == "partial-source"} == {"KL-05"}
    assert sum(v == "reconstructed" for v in provenance.values()) == 20


@pytest.mark.parametrize(
    ("indicator", "text"), MUST, ids=[f"{i}-match-{n}" for n, (i, _) in enumerate(MUST)]
)
def test_must_match_example_fires_its_indicator(indicator, text):
    assert indicator in detected(text)


@pytest.mark.parametrize(
    ("indicator", "text"), MUST_NOT, ids=[f"{i}-no-match-{n}" for n, (i, _) in enumerate(MUST_NOT)]
)
def test_must_not_match_example_stays_silent(indicator, text):
    assert indicator not in detected(text)
