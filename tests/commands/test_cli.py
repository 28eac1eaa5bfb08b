"""The installed `chithi` console script, run as a user runs it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from chithi import app as chithi_app
from chithi._version import __version__
from chithi.commands import info as chithi_info
from conftest import ROOT
from helpers import incident, report_yaml, ruleset_variant

LOCATION = re.compile(r"^(?P<file>[^\n]+?):(?P<line>\d+):(?P<col>\d+): ", re.MULTILINE)


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def late_report(tmp_path):
    return write(
        tmp_path,
        "late.yaml",
        report_yaml(
            incident("Ông Thử nhiều lần đi muộn về sớm.", status="confirmed", indicators=["KL-09"])
        ),
    )


def test_version_and_module_entry_point(run_chithi):
    result = run_chithi("--version", console_script=True)  # the installed script itself
    assert result.returncode == 0
    assert result.stdout.strip() == f"chithi {__version__}"
    module = subprocess.run(
        [sys.executable, "-m", "chithi", "--version"], capture_output=True, text=True, check=False
    )
    assert module.stdout.strip() == f"chithi {__version__}"


def test_rules_lists_25_indicators_in_12_9_4(run_chithi):
    result = run_chithi("rules", "--format", "json")
    data = json.loads(result.stdout)
    assert len(data["indicators"]) == 25
    assert [(g["id"], g["count"], g["size"]) for g in data["groups"]] == [
        ("KL", 12, 12),
        ("NT", 9, 9),
        ("BV", 4, 4),
    ]
    table = run_chithi("rules", "--lang", "en").stdout
    assert "KL-01" in table and "BV-04" in table and "25/25" in table


def test_rules_filters_one_group_and_refuses_an_unknown_one(run_chithi):
    data = json.loads(run_chithi("rules", "--group", "BV", "--format", "json").stdout)
    assert [i["id"] for i in data["indicators"]] == ["BV-01", "BV-02", "BV-03", "BV-04"]
    bad = run_chithi("rules", "--group", "XX")
    assert bad.returncode == 2
    assert "XX" in bad.stderr


def test_explain_shows_one_indicator_in_both_languages(run_chithi):
    result = run_chithi("explain", "kl-03", "--lang", "en")
    assert result.returncode == 0
    assert "KL-03" in result.stdout and "1.3" in result.stdout
    assert "verbatim" in result.stdout
    # what refutes it speaks for the whole text, so the card lists it apart from look-alikes
    assert "Refuted when the text says" in result.stdout and "đã được khắc phục" in result.stdout
    vi = run_chithi("explain", "KL-03", "--lang", "vi", env={"COLUMNS": "200"}).stdout
    assert "Bị bác bỏ khi văn bản nói" in vi
    missing = run_chithi("explain", "KL-99")
    assert missing.returncode == 2
    assert "KL-99" in missing.stderr and "Traceback" not in missing.stderr


@pytest.mark.parametrize("name", ["ruleset", "report", "summary", "exceptions", "batch"])
def test_schemas_are_valid_2020_12(run_chithi, name):
    result = run_chithi("schema", name)
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_json_output_validates_against_the_summary_schema(run_chithi, late_report, tmp_path):
    out = tmp_path / "out.json"
    result = run_chithi("check", str(late_report), "--format", "json", "-o", str(out))
    assert result.returncode == 0
    summary = json.loads(out.read_text(encoding="utf-8"))
    schema = json.loads(run_chithi("schema", "summary").stdout)
    Draft202012Validator(schema).validate(summary)
    (report,) = summary["reports"]
    assert report["indicators_met"] == ["KL-09"]
    assert summary["ruleset"]["id"] == "hn-24-ct-tu-2023"
    assert len(summary["ruleset"]["sha256"]) == 64
    detection = report["incidents"][0]["results"][0]["detections"][0]
    narrative = "Ông Thử nhiều lần đi muộn về sớm."
    assert narrative[slice(*detection["span"])] == detection["matched"]
    assert not list(tmp_path.glob(".out.json.*"))  # no temporary file left behind


def test_table_output_names_indicator_outcome_and_level(run_chithi, late_report):
    vi = run_chithi("check", str(late_report))
    assert vi.returncode == 0
    assert "KL-09" in vi.stdout and "Vi phạm" in vi.stdout and "Thấp" in vi.stdout
    en = run_chithi("check", str(late_report), "--lang", "en", "--explain")
    assert "Violated" in en.stdout and "Low" in en.stdout
    assert "weight 5 × outcome 1 × status 1 × basis 1 × repeat 1 × leader 1 = 5" in en.stdout
    assert "points = weight" in en.stdout


def test_language_can_come_from_the_environment(run_chithi, late_report):
    result = run_chithi("check", str(late_report), env={"CHITHI_LANG": "en"})
    assert "Violated" in result.stdout


def test_schema_error_is_located_and_exits_2(run_chithi, tmp_path):
    source = report_yaml(incident("x", status="maybe"))
    path = write(tmp_path, "bad.yaml", source)
    line = source.splitlines().index("  status: maybe") + 1
    result = run_chithi("check", str(path), "--lang", "en")
    assert result.returncode == 2
    match = LOCATION.search(result.stderr)
    assert match is not None
    assert (match["file"], match["line"], match["col"]) == (str(path), str(line), "11")
    assert "status" in result.stderr and "confirmed" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_field_points_at_its_parent(run_chithi, tmp_path):
    path = write(
        tmp_path,
        "nofield.yaml",
        "id: A\ndate: '2024-01-01'\nunit: U\nsubject:\n  kind: person\nincidents: []\n",
    )
    result = run_chithi("check", str(path), "--lang", "en")
    assert result.returncode == 2
    assert f"{path}:5:3: $.subject: missing required field 'name'" in result.stderr


def test_unknown_field_points_at_the_key(run_chithi, tmp_path):
    source = report_yaml(incident("x")).replace("unit:", "unti: x\nunit:")
    path = write(tmp_path, "typo.yaml", source)
    result = run_chithi("check", str(path), "--lang", "en")
    assert result.returncode == 2
    assert f"{path}:3:1:" in result.stderr and "unti" in result.stderr


def test_duplicate_key_is_located_and_exits_2(run_chithi, tmp_path):
    path = write(tmp_path, "dup.yaml", "id: A\nid: B\n")
    result = run_chithi("check", str(path))
    assert result.returncode == 2
    assert f"{path}:2:1:" in result.stderr and "E-DUPLICATE-KEY" in result.stderr


def test_unknown_indicator_and_evidence_type_are_located(run_chithi, tmp_path):
    path = write(
        tmp_path,
        "ids.yaml",
        report_yaml(incident("x", indicators=["KL-99"], evidence=[{"type": "rumour"}])),
    )
    result = run_chithi("check", str(path), "--lang", "en")
    assert result.returncode == 2
    assert "KL-99" in result.stderr and "rumour" in result.stderr
    assert len(LOCATION.findall(result.stderr)) == 2


def test_one_bad_file_does_not_stop_the_others(run_chithi, late_report, tmp_path):
    bad = write(tmp_path, "bad.yaml", "id: [")
    result = run_chithi("check", str(bad), str(late_report), "--format", "json")
    assert result.returncode == 2
    summary = json.loads(result.stdout)
    assert summary["totals"] == {"files": 2, "checked": 1, "failed": 1}


def test_missing_file_and_directory_are_clear_errors(run_chithi, tmp_path):
    result = run_chithi("check", str(tmp_path / "nope.yaml"), str(tmp_path))
    assert result.returncode == 2
    assert "nope.yaml" in result.stderr and "Traceback" not in result.stderr


def test_fail_on_sets_exit_code_1(run_chithi, late_report):
    assert run_chithi("check", str(late_report), "--fail-on", "low").returncode == 1
    assert run_chithi("check", str(late_report), "--fail-on", "serious").returncode == 0
    unknown = run_chithi("check", str(late_report), "--fail-on", "extreme")
    assert unknown.returncode == 2 and "extreme" in unknown.stderr


def test_broken_ruleset_exits_3_with_its_position(run_chithi, late_report, tmp_path):
    def break_group_size(data):
        data["groups"][0]["size"] = 11

    ruleset = ruleset_variant(tmp_path, break_group_size)
    result = run_chithi("check", str(late_report), "--ruleset", str(ruleset), "--lang", "en")
    assert result.returncode == 3
    assert "RS-GROUP-SIZE" in result.stderr and LOCATION.search(result.stderr)


def test_markup_and_escapes_in_a_report_are_shown_literally(run_chithi, tmp_path):
    hostile = "[bold red]Ông Thử[/] đi muộn \x1b[31mđỏ\x1b[0m."
    path = write(tmp_path, "hostile.yaml", report_yaml(incident(hostile, status="confirmed")))
    result = run_chithi("check", str(path), "--explain", env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert result.returncode == 0
    assert "[bold red]Ông Thử[/]" in result.stdout
    assert "\x1b[31mđỏ" not in result.stdout


def test_works_from_any_directory(run_chithi, late_report, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert run_chithi("check", str(late_report), cwd=elsewhere).returncode == 0
    assert run_chithi("rules", cwd=elsewhere).returncode == 0


def test_init_writes_a_template_that_checks_clean(run_chithi, tmp_path):
    target = tmp_path / "new.yaml"
    assert run_chithi("init", str(target)).returncode == 0
    text = target.read_text(encoding="utf-8")
    assert "# Mã báo cáo" in text and "[Report id" in text
    assert run_chithi("check", str(target)).returncode == 0
    again = run_chithi("init", str(target))
    assert again.returncode == 2 and "--force" in again.stderr


def test_the_readme_error_example_is_what_chithi_prints(run_chithi):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    result = run_chithi("check", "tests/data/reports/bad-status.yaml", "--lang", "en", cwd=ROOT)
    assert result.returncode == 2
    for line in result.stderr.strip().splitlines():
        assert line in readme


def test_match_explains_each_detection_and_each_negated_phrase(run_chithi):
    text = "Qua kiểm tra không phát hiện nhận hối lộ; tuy nhiên ông A nhieu lan tre hen tra ho so."
    result = run_chithi("match", text, "--format", "json")
    data = json.loads(result.stdout)
    phrases = [
        (d["indicator"], d["confidence"]) for d in data["detections"] if d["confidence"] != "model"
    ]
    assert phrases == [("NT-06", "folded")]
    assert text[slice(*data["detections"][0]["span"])] == "tre hen"
    assert "KL-01" not in {
        d["indicator"] for d in data["detections"]
    }  # negated, also for the model
    assert all(d["uncited"] in ("points", "suggestion") for d in data["detections"])
    assert [(s["indicator"], s["cue"]) for s in data["not_counted"]] == [
        ("KL-01", "không phát hiện")
    ]
    table = run_chithi("match", "-", "--lang", "en", input_text=text)
    assert "NT-06" in table.stdout and "negated by" in table.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("check", "seeds/03-leader-repeated-delays.yaml", "--lang", "en"),
        ("rules", "--group", "BV", "--lang", "en"),
        (
            "match",
            "Qua kiểm tra, không phát hiện nhận hối lộ; tuy nhiên ông A nhieu lan tre hen tra ho so.",
            "--lang",
            "en",
        ),
    ],
)
def test_readme_shows_real_output(run_chithi, args):
    """The README's usage blocks are what chithi prints today, at 100 columns (trailing spaces
    aside, as tests/readme_blocks.py writes them)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    result = run_chithi(*args, cwd=ROOT, env={"COLUMNS": "100"})
    shown = "\n".join(line.rstrip() for line in result.stdout.strip().split("\n"))
    assert shown in "\n".join(line.rstrip() for line in readme.split("\n"))


def test_h_is_help_and_diff_exit_code_says_whether_the_policy_changed(run_chithi, tmp_path):
    assert run_chithi("-h").returncode == 0 and "Cách dùng" in run_chithi("-h").stdout
    assert "--fail-on" in run_chithi("check", "-h").stdout
    ruleset = str(ROOT / "rulesets" / "hn-24-ct-tu-2023.yaml")
    old = str(ROOT / "tests" / "data" / "rulesets" / "hn-24-ct-tu-2023-1.0.0.yaml")
    assert run_chithi("diff", old, ruleset).returncode == 0  # without --exit-code: 0, as before
    assert run_chithi("diff", old, ruleset, "--exit-code").returncode == 1
    assert run_chithi("diff", ruleset, ruleset, "--exit-code").returncode == 0


def test_a_crash_is_exit_4_with_a_way_to_see_the_trace(monkeypatch, capsys):
    """A bug in chithi is not bad input (2): it exits 4, says so, and --traceback or
    CHITHI_DEBUG=1 prints the trace."""

    def broken(_name):
        raise RuntimeError("planted bug")

    monkeypatch.setattr(chithi_info, "schema_text", broken)
    monkeypatch.delenv("CHITHI_DEBUG", raising=False)
    plain, traced = ["chithi", "schema", "report"], ["chithi", "--traceback", "schema", "report"]
    for argv, trace in ((plain, False), (traced, True)):
        monkeypatch.setattr("sys.argv", argv)
        with pytest.raises(SystemExit) as stopped:
            chithi_app.main()
        assert stopped.value.code == 4
        err = capsys.readouterr().err
        assert "planted bug" in err and "--traceback" in err
        assert ("Traceback (most recent call last)" in err) is trace


def test_choices_ignore_case_and_a_wrong_level_gets_a_suggestion(run_chithi):
    seed = str(ROOT / "seeds" / "03-leader-repeated-delays.yaml")
    assert json.loads(run_chithi("rules", "--group", "kl", "-f", "JSON").stdout)["indicators"]
    upper = run_chithi("check", seed, "-f", "JSON", "--fail-on", "Serious")
    assert upper.returncode == 1 and json.loads(upper.stdout)["reports"]  # serious is reached
    wrong = run_chithi("check", seed, "--fail-on", "serios", "--lang", "en")
    assert wrong.returncode == 2 and "did you mean 'serious'" in wrong.stderr


def test_a_run_of_one_command_builds_only_that_command_and_reads_the_same(run_chithi, monkeypatch):
    """A plain `chithi check …` builds only `check` (start-up time); what it shows is the same
    as the whole app's, and help, a misspelt command or completion still get every command."""
    only = chithi_app._for_arguments(["--no-color", "check", "x.yaml"])
    assert [c.name for c in only.registered_commands] == ["check"]
    whole = len(chithi_app.app.registered_commands)
    for args in (["--help", "check"], ["chek"], [], ["--version"], ["-h"]):
        assert len(chithi_app._for_arguments(args).registered_commands) == whole
    shown = ["check", "--help"], ["validate", "-h"], ["check", "--bogus"], ["rules", "-f", "x"]
    pruned = [run_chithi(*args) for args in shown]
    with monkeypatch.context() as whole_app:
        whole_app.setattr(chithi_app, "_for_arguments", lambda _args: chithi_app.app)
        for args, seen in zip(shown, pruned, strict=True):
            full = run_chithi(*args)
            assert (seen.stdout, seen.stderr, seen.returncode) == (
                full.stdout,
                full.stderr,
                full.returncode,
            )
    group_help = run_chithi("--help", "check").stdout
    assert all(f" {c.name} " in group_help for c in chithi_app.app.registered_commands)
    assert "Không có lệnh 'chek'" in run_chithi("chek").stderr
