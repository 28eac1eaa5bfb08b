"""Every seed report checks with the result its own `expected:` block states, in both languages."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.yaml"))


def expected_of(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))["expected"]


def test_there_are_at_least_eight_seeds_and_a_sources_note():
    assert len(SEED_FILES) >= 8
    sources = (SEEDS / "SOURCES.md").read_text(encoding="utf-8")
    assert "24-CT/TU" in sources and "VOV" in sources


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("seed", SEED_FILES, ids=[p.stem for p in SEED_FILES])
def test_seed_checks_as_its_file_says(run_chithi, seed, lang):
    result = run_chithi("check", str(seed), "--format", "json", "--lang", lang)
    assert result.returncode == 0, result.stderr
    (report,) = json.loads(result.stdout)["reports"]
    expected = expected_of(seed)
    assert report["level"]["id"] == expected["level"]
    assert report["indicators_met"] == expected["indicators"]
    table = run_chithi("check", str(seed), "--lang", lang, "--explain")
    assert table.returncode == 0
    level_name = next(
        lv
        for lv in yaml.safe_load(
            (SEEDS.parent / "rulesets" / "hn-24-ct-tu-2023.yaml").read_text(encoding="utf-8")
        )["scoring"]["levels"]
        if lv["id"] == expected["level"]
    )["name"][lang]
    assert level_name in table.stdout
    for indicator in expected["indicators"]:
        assert indicator in table.stdout


def test_together_the_seeds_show_every_feature(run_chithi):
    result = run_chithi("check", *map(str, SEED_FILES), "--format", "json")
    reports = json.loads(result.stdout)["reports"]
    rows = [r for rep in reports for i in rep["incidents"] for r in i["results"]]
    outcomes = {r["outcome"] for r in rows}
    assert {"violated", "not_violated", "waived"} <= outcomes
    assert {r["group"] for r in rows if r["outcome"] in ("violated", "probable")} == {
        "KL",
        "NT",
        "BV",
    }
    assert any(r["factors"]["repeat"] > 1 for r in rows)
    assert any(r["factors"]["leader"] > 1 for r in rows)
    assert any(d["confidence"] == "folded" for r in rows for d in r["detections"])
    assert any(i["not_counted"] for rep in reports for i in rep["incidents"])
    assert any(rep["level"]["forced_by"] for rep in reports)
    assert any(rep["level"]["id"] == "none" for rep in reports)
    assert any(rep["subject"]["kind"] == "organisation" for rep in reports)
