"""`chithi validate`: the bundled ruleset is clean, and each way of breaking one is caught."""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml

from chithi.api import default_ruleset_path
from helpers import copy_reader, incident, report_yaml

LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>\w+): .* \[(?P<code>[A-Z-]+)\]$",
    re.MULTILINE,
)


def bundled_data():
    return yaml.safe_load(default_ruleset_path().read_text(encoding="utf-8"))


def write_ruleset(tmp_path, data, name="rules.yaml"):
    copy_reader(tmp_path)
    path = tmp_path / name
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
    )
    return path


def findings(result):
    return [(m["code"], int(m["line"]), m["severity"]) for m in LINE.finditer(result.stdout)]


def line_of(path, number):
    return path.read_text(encoding="utf-8").splitlines()[number - 1]


def test_the_bundled_ruleset_validates_clean(run_chithi):
    result = run_chithi("validate", "--lang", "en")
    assert result.returncode == 0, result.stdout
    codes = {code for code, _, _ in findings(result)}
    assert codes <= {"RS-RECONSTRUCTED", "RS-EXAMPLE-CROSSFIRE"}
    assert "valid" in result.stdout and "INVALID" not in result.stdout
    strict = run_chithi("validate", "--strict")
    assert strict.returncode == 0


def indicator(data, ident):
    return next(i for i in data["indicators"] if i["id"] == ident)


BREAKAGES = {
    "RS-SCHEMA": (lambda d: indicator(d, "KL-03").__setitem__("weight", "heavy"), "weight: heavy"),
    "RS-DUPLICATE-ID": (lambda d: indicator(d, "KL-02").__setitem__("id", "KL-01"), "id: KL-01"),
    "RS-DUPLICATE-GROUP": (lambda d: d["groups"][2].__setitem__("id", "NT"), "id: NT"),
    "RS-UNKNOWN-GROUP": (lambda d: indicator(d, "KL-04").__setitem__("group", "XX"), "group: XX"),
    "RS-ID-PREFIX": (lambda d: indicator(d, "KL-05").__setitem__("id", "NT-99"), "id: NT-99"),
    "RS-GROUP-SIZE": (lambda d: d["groups"][0].__setitem__("size", 11), "size: 11"),
    "RS-LEVELS": (lambda d: d["scoring"]["levels"][3].__setitem__("min_score", 5), "min_score: 5"),
    "RS-UNKNOWN-LEVEL": (
        lambda d: indicator(d, "KL-01").__setitem__("min_level", "extreme"),
        "min_level: extreme",
    ),
    "RS-THRESHOLDS": (
        lambda d: d["scoring"]["evidence"]["thresholds"].__setitem__("probable", 0.9),
        "probable: 0.9",
    ),
    "RS-EMPTY-PHRASE": (
        lambda d: indicator(d, "NT-02")["match"]["phrases"]["vi"].append("–"),
        "- –",
    ),
    "RS-EXAMPLE-MISSED": (
        lambda d: indicator(d, "NT-04")["examples"]["match"].append(
            "Hôm nay trời đẹp, mọi việc bình thường."
        ),
        "Hôm nay trời đẹp",
    ),
    "RS-EXAMPLE-FIRED": (
        lambda d: indicator(d, "KL-09")["examples"]["no_match"].append(
            "Ông A đi muộn về sớm suốt tháng."
        ),
        "Ông A đi muộn về sớm suốt tháng.",
    ),
}
WARNINGS = {
    "RS-SHARED-PHRASE": (
        lambda d: indicator(d, "NT-05")["match"]["phrases"]["vi"].append(
            indicator(d, "NT-04")["match"]["phrases"]["vi"][0]
        ),
        None,
    ),
    "RS-NO-EXAMPLES": (lambda d: indicator(d, "BV-03")["examples"].pop("no_match"), "id: BV-03"),
    # KL-11's own breach word ("bịa đặt") refuting KL-01 would clear a bribe told beside it
    "RS-REFUTATION-IS-A-BREACH": (
        lambda d: indicator(d, "KL-01")["match"]["refuted_by"].append("bịa đặt"),
        "- bịa đặt",
    ),
}


@pytest.mark.parametrize("code", sorted(BREAKAGES))
def test_each_breakage_is_caught_with_its_id_position_and_exit_3(run_chithi, tmp_path, code):
    change, expected_text = BREAKAGES[code]
    data = bundled_data()
    change(data)
    path = write_ruleset(tmp_path, data)
    result = run_chithi("validate", str(path), "--lang", "en")
    assert result.returncode == 3, result.stdout
    lines = [line for c, line, severity in findings(result) if c == code and severity == "error"]
    assert lines, result.stdout
    assert any(expected_text in line_of(path, n) for n in lines), [line_of(path, n) for n in lines]


@pytest.mark.parametrize("code", sorted(WARNINGS))
def test_warnings_pass_but_fail_under_strict(run_chithi, tmp_path, code):
    change, expected_text = WARNINGS[code]
    data = bundled_data()
    change(data)
    path = write_ruleset(tmp_path, data)
    result = run_chithi("validate", str(path), "--lang", "en")
    assert result.returncode == 0, result.stdout
    lines = [line for c, line, severity in findings(result) if c == code and severity == "warning"]
    assert lines
    if expected_text:
        assert any(expected_text in line_of(path, n) for n in lines)
    assert run_chithi("validate", str(path), "--strict").returncode == 3


def test_require_sourced_fails_on_reconstructed_indicators(run_chithi):
    result = run_chithi("validate", "--require-sourced", "--lang", "en")
    assert result.returncode == 3
    assert sum(c == "RS-RECONSTRUCTED" and s == "error" for c, _, s in findings(result)) == 20


def test_duplicate_key_and_unreadable_file(run_chithi, tmp_path):
    broken = tmp_path / "dup.yaml"
    broken.write_text("id: a\nid: b\n", encoding="utf-8")
    result = run_chithi("validate", str(broken), "--lang", "en")
    assert result.returncode == 3 and f"{broken}:2:1:" in result.stdout
    missing = run_chithi("validate", str(tmp_path / "absent.yaml"), "--lang", "en")
    assert missing.returncode == 2 and "E-READ" in missing.stdout


def test_test_reports_beside_a_ruleset_are_run(run_chithi, tmp_path):
    path = tmp_path / "rules.yaml"
    shutil.copy(default_ruleset_path(), path)
    copy_reader(tmp_path)
    tests = tmp_path / "tests"
    tests.mkdir()
    good = (
        report_yaml(incident("Ông Thử đi muộn về sớm.", status="confirmed"))
        + "expected: {level: low, indicators: [KL-09]}\n"
    )
    (tests / "good.yaml").write_text(good, encoding="utf-8")
    assert run_chithi("validate", str(path)).returncode == 0
    wrong = good.replace("level: low", "level: critical")
    (tests / "wrong.yaml").write_text(wrong, encoding="utf-8")
    (tests / "other-ruleset.yaml").write_text(
        wrong.replace("expected: {", "expected: {ruleset: someone-else, "), encoding="utf-8"
    )
    (tests / "broken.yaml").write_text("id: [", encoding="utf-8")
    result = run_chithi("validate", str(path), "--lang", "en", "--format", "json")
    assert result.returncode == 3
    (summary,) = json.loads(result.stdout)["rulesets"]
    codes = sorted(p["code"] for p in summary["problems"] if p["severity"] == "error")
    assert codes == ["RS-TEST-FAILED", "RS-TEST-INVALID"]
    failed = next(p for p in summary["problems"] if p["code"] == "RS-TEST-FAILED")
    assert failed["file"].endswith("wrong.yaml") and failed["line"] is not None
    assert summary["test_reports"] == {"passed": 1, "failed": 2}


def test_a_folder_stands_for_the_rulesets_in_it_not_its_tests(run_chithi, tmp_path):
    shutil.copy(default_ruleset_path(), tmp_path / "a.yaml")
    copy_reader(tmp_path)
    (tmp_path / "b.yml").write_text("id: a\nid: b\n", encoding="utf-8")
    (tmp_path / "tests").mkdir()
    passing = report_yaml(incident("Ông Thử đi muộn về sớm.", status="confirmed"))
    (tmp_path / "tests" / "ok.yaml").write_text(
        passing + "expected: {level: low, indicators: [KL-09]}\n", encoding="utf-8"
    )
    result = run_chithi("validate", str(tmp_path), "--lang", "en", "--format", "json")
    assert result.returncode == 3  # b.yml is broken; a.yaml and its test report pass
    rulesets = json.loads(result.stdout)["rulesets"]
    assert [r["path"].rsplit("/", 1)[-1] for r in rulesets] == ["a.yaml", "b.yml"]
    assert rulesets[0]["valid"] and rulesets[0]["test_reports"] == {"passed": 1, "failed": 0}
