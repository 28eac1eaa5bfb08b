"""What CI and shell users expect of a command line: a tally at the end of a long run, --quiet,
--no-color and shell completion."""

from __future__ import annotations

import json
import re
from collections import Counter

from conftest import ROOT, SEEDS

BAD = str(ROOT / "tests" / "data" / "reports" / "bad-status.yaml")
RULESETS = str(ROOT / "rulesets")
COLOUR = re.compile(r"\x1b\[(?:[0-9]+;)*(?:3[0-8]|9[0-7])[;m]")


# Every seed report a folder run checks: YAML and the spreadsheet twin (the .docx is imported, not checked)
SEED_REPORTS = len([p for p in SEEDS.iterdir() if p.suffix in (".yaml", ".xlsx", ".csv")])


def seed_levels(run_chithi):
    data = json.loads(run_chithi("check", str(SEEDS), "-f", "json").stdout)
    return Counter(report["level"]["id"] for report in data["reports"])


def test_a_run_over_many_files_ends_with_a_tally(run_chithi):
    levels = seed_levels(run_chithi)
    assert sum(levels.values()) == SEED_REPORTS and len(levels) > 1
    result = run_chithi("check", str(SEEDS), BAD, "--lang", "en")
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith(f"{SEED_REPORTS} reports checked: ") and last.endswith(
        "; 1 file refused"
    )
    assert f"Serious {levels['serious']}" in last and f"Low {levels['low']}" in last
    # the highest level first
    assert last.index("Serious") < last.index("Moderate") < last.index("Low")
    summary = run_chithi("summary", str(SEEDS))
    assert (
        summary.stdout.strip()
        .splitlines()[-1]
        .startswith(f"Đã kiểm {SEED_REPORTS} báo cáo: Nghiêm trọng")
    )


def test_the_tally_keeps_out_of_one_file_and_out_of_machine_formats(run_chithi, tmp_path):
    one = run_chithi("check", str(SEEDS / "01-clean.yaml"), "--lang", "en")
    assert "checked" not in one.stdout
    as_json = run_chithi("check", str(SEEDS), "-f", "json", "--lang", "en")
    json.loads(as_json.stdout)  # nothing after the document
    as_sarif = run_chithi("summary", str(SEEDS), "-f", "json", "--lang", "en")
    json.loads(as_sarif.stdout)
    # written to a file, standard output is free for the tally (also when the JSON streams)
    to_file = run_chithi("check", str(SEEDS), "-o", str(tmp_path / "r.json"), "--lang", "en")
    assert to_file.stdout.startswith(f"{SEED_REPORTS} reports checked: ")
    json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))


def test_validate_tallies_several_rulesets(run_chithi, tmp_path):
    missing = str(tmp_path / "missing.yaml")
    result = run_chithi("validate", RULESETS, missing, "--lang", "en")
    assert result.returncode == 2
    last = result.stdout.strip().splitlines()[-1]
    assert last == "1 ruleset validated: 1 valid, 0 INVALID; 1 file refused"


def test_quiet_prints_only_problems_and_the_verdict(run_chithi):
    loud = run_chithi("check", str(SEEDS / "03-leader-repeated-delays.yaml"), "--lang", "en")
    assert len(loud.stdout.splitlines()) > 20
    quiet = run_chithi(
        "check", str(SEEDS / "03-leader-repeated-delays.yaml"), BAD, "-q", "--lang", "en"
    )
    assert quiet.stdout == "1 report checked: Serious 1; 1 file refused\n"
    assert quiet.returncode == 2 and "bad-status.yaml:9:13" in quiet.stderr
    summary = run_chithi("summary", str(SEEDS), "--quiet", "--lang", "en")
    assert (
        summary.stdout.startswith(f"{SEED_REPORTS} reports checked: ")
        and summary.stdout.count("\n") == 1
    )
    validate = run_chithi("validate", RULESETS, "-q", "--lang", "en")
    assert validate.stdout.splitlines() == [
        line
        for line in run_chithi("validate", RULESETS, "--lang", "en").stdout.splitlines()
        if ": notice: " not in line
    ]
    assert len(validate.stdout.splitlines()) == 1 and ": valid — 0 errors" in validate.stdout


def test_no_color_option_is_no_colour_even_when_forced(run_chithi):
    report = str(SEEDS / "02-discipline-kl.yaml")
    forced = {"NO_COLOR": "", "FORCE_COLOR": "1"}
    assert COLOUR.search(run_chithi("check", report, env=forced).stdout)
    plain = run_chithi("--no-color", "check", report, env=forced)
    assert plain.returncode == 0 and "KL-" in plain.stdout and not COLOUR.search(plain.stdout)


def test_shell_completion_is_on(run_chithi):
    script = run_chithi("--show-completion", "bash")
    assert script.returncode == 0 and "_CHITHI_COMPLETE" in script.stdout
    assert "--install-completion" in run_chithi("-h").stdout
    # what the shell asks while the user types `chithi che<TAB>` and `chithi check --fa<TAB>`
    commands = run_chithi(
        env={"_CHITHI_COMPLETE": "complete_bash", "COMP_WORDS": "chithi che", "COMP_CWORD": "1"}
    )
    assert commands.stdout.split() == ["check"]
    options = run_chithi(
        env={
            "_CHITHI_COMPLETE": "complete_bash",
            "COMP_WORDS": "chithi check --fa",
            "COMP_CWORD": "2",
        }
    )
    assert options.stdout.split() == ["--fail-on"]
