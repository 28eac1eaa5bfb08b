"""Exceptions with owners and expiry dates, and policy diffs between ruleset versions."""

from __future__ import annotations

import json

import yaml

from helpers import incident, report_yaml, ruleset_variant

LATE = "Ông Thử nhiều lần đi muộn về sớm."
BRIBE = "Ông Thử nhận hối lộ của chủ đầu tư."


def exceptions_file(tmp_path, *entries):
    path = tmp_path / "exceptions.yaml"
    path.write_text(
        yaml.safe_dump({"exceptions": list(entries)}, allow_unicode=True), encoding="utf-8"
    )
    return path


def entry(ident, indicator, expires, **scope):
    return {
        "id": ident,
        "indicator": indicator,
        "scope": scope or {"unit": "UBND phường Thử Nghiệm"},
        "reason": "Trực bão theo quyết định 12/QĐ",
        "owner": "Chánh Văn phòng",
        "expires": expires,
    }


def run_check(run_chithi, tmp_path, exceptions, *extra):
    report = tmp_path / "r.yaml"
    report.write_text(
        report_yaml(
            incident(LATE + " " + BRIBE, status="confirmed", indicators=["KL-09", "KL-01"])
        ),
        encoding="utf-8",
    )
    result = run_chithi(
        "check",
        str(report),
        "--exceptions",
        str(exceptions),
        "--today",
        "2025-01-15",
        "--format",
        "json",
        *extra,
    )
    return result, json.loads(result.stdout)


def outcomes(summary):
    return {
        r["indicator"]: (r["outcome"], r["exception"], r["points"])
        for r in summary["reports"][0]["incidents"][0]["results"]
    }


def test_live_exception_applies_and_is_listed(run_chithi, tmp_path):
    path = exceptions_file(tmp_path, entry("EX-1", "KL-09", "2025-06-30"))
    result, summary = run_check(run_chithi, tmp_path, path)
    assert result.returncode == 0
    assert outcomes(summary)["KL-09"] == ("waived", "EX-1", 0)
    (record,) = summary["exceptions"]
    assert record["status"] == "applied"
    assert record["applied_to"] == [{"path": str(tmp_path / "r.yaml"), "incident": "SV-1"}]


def test_expired_exception_stops_applying_and_is_reported(run_chithi, tmp_path):
    path = exceptions_file(tmp_path, entry("EX-OLD", "KL-09", "2024-12-31"))
    _, summary = run_check(run_chithi, tmp_path, path)
    assert outcomes(summary)["KL-09"][0] == "violated"
    assert summary["exceptions"][0]["status"] == "expired"
    table = run_chithi(
        "check",
        str(tmp_path / "r.yaml"),
        "--exceptions",
        str(path),
        "--today",
        "2025-01-15",
        "--lang",
        "en",
    )
    assert "EX-OLD" in table.stdout and "expired, not applied" in table.stdout


def test_non_suppressible_indicator_refuses_exceptions(run_chithi, tmp_path):
    path = exceptions_file(tmp_path, entry("EX-BRIBE", "KL-01", "2030-01-01"))
    _, summary = run_check(run_chithi, tmp_path, path)
    assert outcomes(summary)["KL-01"][0] == "violated"
    assert summary["exceptions"][0]["status"] == "refused"
    assert summary["reports"][0]["level"]["id"] == "serious"


def test_scope_must_match_the_unit_or_person(run_chithi, tmp_path):
    path = exceptions_file(
        tmp_path,
        entry("EX-P", "KL-09", "2030-01-01", person="Người Khác"),
        entry("EX-ME", "KL-09", "2030-01-01", person="nguyễn  văn thử"),
    )
    _, summary = run_check(run_chithi, tmp_path, path)
    assert outcomes(summary)["KL-09"][1] == "EX-ME"
    assert {e["id"]: e["status"] for e in summary["exceptions"]} == {
        "EX-P": "unused",
        "EX-ME": "applied",
    }


def test_a_bad_exceptions_file_is_located_and_exits_2(run_chithi, tmp_path):
    path = exceptions_file(tmp_path, {**entry("EX-1", "KL-99", "2025-02-30")})
    report = tmp_path / "r.yaml"
    report.write_text(report_yaml(incident(LATE)), encoding="utf-8")
    result = run_chithi("check", str(report), "--exceptions", str(path), "--lang", "en")
    assert result.returncode == 2
    assert "expires" in result.stderr and f"{path}:" in result.stderr


def test_diff_reports_exactly_the_changes_made(run_chithi, tmp_path):
    def change(data):
        data.pop("reader")  # renaming an indicator needs a retrained reader: compare policy alone
        data["version"] = "9.0.0"
        kl03 = next(i for i in data["indicators"] if i["id"] == "KL-03")
        kl03["weight"] = 9
        removed_phrase = kl03["match"]["phrases"]["vi"].pop(0)
        kl03["match"]["phrases"]["vi"].append("tái phạm lần hai")
        data["scoring"]["levels"][3]["min_score"] = 30
        data["scoring"]["evidence"]["reliability"]["witness"] = 0.55
        next(i for i in data["indicators"] if i["id"] == "KL-06")["id"] = "KL-13"
        data["groups"][0]["size"] = 12
        change.removed = removed_phrase

    old = ruleset_variant(tmp_path, lambda d: d.pop("reader"))
    old_version = yaml.safe_load(old.read_text("utf-8"))["version"]
    (tmp_path / "old.yaml").write_bytes(old.read_bytes())
    new = ruleset_variant(tmp_path, change)
    result = run_chithi("diff", str(tmp_path / "old.yaml"), str(new), "--format", "json")
    assert result.returncode == 0, result.stderr
    got = {
        (
            c["kind"],
            c["path"],
            json.dumps(c["old"], ensure_ascii=False),
            json.dumps(c["new"], ensure_ascii=False),
        )
        for c in json.loads(result.stdout)["changes"]
    }
    assert got == {
        ("changed", "version", json.dumps(old_version), '"9.0.0"'),
        ("changed", "indicators[KL-03].weight", "6", "9"),
        (
            "removed",
            "indicators[KL-03].match.phrases.vi",
            json.dumps(change.removed, ensure_ascii=False),
            "null",
        ),
        ("added", "indicators[KL-03].match.phrases.vi", "null", '"tái phạm lần hai"'),
        ("changed", "scoring.levels[serious].min_score", "25", "30"),
        ("changed", "scoring.evidence.reliability.witness", "0.5", "0.55"),
        ("renamed", "indicators[KL-13]", '"KL-06"', '"KL-13"'),
    }
    markdown = run_chithi(
        "diff", str(tmp_path / "old.yaml"), str(new), "--format", "markdown", "--lang", "en"
    )
    # brackets escaped: the path reads literally, never as a link
    assert "| KL-03 | changed | indicators\\[KL-03\\].weight | 6 | 9 |" in markdown.stdout
    same = run_chithi("diff", str(new), str(new), "--lang", "en")
    assert "same policy" in same.stdout
