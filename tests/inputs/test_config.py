"""The configuration file (docs/configuration.md): found upward, below the command line and the
environment, its paths read from its own folder, and its mistakes located."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from conftest import ROOT, SEEDS
from helpers import copy_reader

BUNDLED = ROOT / "rulesets" / "hn-24-ct-tu-2023.yaml"
SERIOUS = SEEDS / "03-leader-repeated-delays.yaml"


@pytest.fixture
def repo(tmp_path):
    """A repository with its own ruleset (broken: a level that is not ordered), one report and a
    sub-folder the user works in."""
    (tmp_path / "rulesets").mkdir()
    data = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    data["scoring"]["levels"][1]["min_points"] = 10_000  # levels no longer ordered
    copy_reader(tmp_path / "rulesets")
    (tmp_path / "rulesets" / "my.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    shutil.copy(SERIOUS, tmp_path / "report.yaml")
    (tmp_path / "work" / "deeper").mkdir(parents=True)
    return tmp_path


def test_plain_validate_checks_the_configured_ruleset_from_a_sub_folder(run_chithi, repo):
    (repo / "chithi.toml").write_text('validate = ["rulesets/my.yaml"]\n', encoding="utf-8")
    result = run_chithi("validate", "--lang", "en", cwd=repo / "work" / "deeper")
    assert result.returncode == 3, result.stdout + result.stderr
    assert "my.yaml: INVALID" in result.stdout
    assert "hn-24-ct-tu-2023.yaml" not in result.stdout


def test_pyproject_table_sets_ruleset_and_language_for_check(run_chithi, repo):
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.chithi]\nruleset = "rulesets/my.yaml"\nlang = "en"\n',
        encoding="utf-8",
    )
    cwd = repo / "work"
    broken = run_chithi("check", "../report.yaml", cwd=cwd)
    assert broken.returncode == 3  # the configured (broken) ruleset, not the bundled one
    assert "rulesets/my.yaml" in broken.stderr
    # the command line beats the environment, which beats the file
    bundled = str(BUNDLED)
    by_option = run_chithi("check", "../report.yaml", "--ruleset", bundled, cwd=cwd)
    assert by_option.returncode == 0 and "Violation score" in by_option.stdout
    by_env = run_chithi("check", "../report.yaml", cwd=cwd, env={"CHITHI_RULESET": bundled})
    assert by_env.returncode == 0 and "Violation score" in by_env.stdout
    vietnamese = run_chithi(
        "check", "../report.yaml", cwd=cwd, env={"CHITHI_RULESET": bundled, "CHITHI_LANG": "vi"}
    )
    assert "(cá nhân, " in vietnamese.stdout and "Violation score" not in vietnamese.stdout


def test_fail_on_and_exceptions_come_from_the_file(run_chithi, repo):
    (repo / "ex").mkdir()
    (repo / "ex" / "exceptions.yaml").write_text("exceptions: []\n", encoding="utf-8")
    (repo / "chithi.toml").write_text(
        'fail-on = "moderate"\nexceptions = "ex/exceptions.yaml"\n', encoding="utf-8"
    )
    result = run_chithi("check", "../report.yaml", "-f", "json", cwd=repo / "work")
    assert result.returncode == 1  # serious reaches the configured moderate
    assert json.loads(result.stdout)["exceptions"] == []  # the file was read, from its folder
    assert (
        run_chithi("check", "../report.yaml", "--fail-on", "critical", cwd=repo / "work").returncode
        == 0
    )


def test_chithi_toml_is_found_before_a_pyproject_above_it(run_chithi, repo):
    (repo / "pyproject.toml").write_text('[tool.chithi]\nlang = "vi"\n', encoding="utf-8")
    (repo / "work" / "chithi.toml").write_text('lang = "en"\n', encoding="utf-8")
    result = run_chithi("rules", "--group", "BV", cwd=repo / "work" / "deeper")
    assert "Indicators under" in result.stdout


@pytest.mark.parametrize(
    ("content", "position", "words"),
    [
        ('lang = "en"\nrulset = "my.yaml"\n', "2:1", "did you mean 'ruleset'?"),
        ('lang = "en\n', "1:11", "invalid TOML"),
        ('lang = "en"\n  fail-on = 3\n', "2:3", "fail-on must be a string"),
        ('lang = "fr"\n', "1:1", "lang must be vi or en"),
    ],
)
def test_a_bad_file_is_located_and_exits_2(run_chithi, repo, content, position, words):
    (repo / "chithi.toml").write_text(content, encoding="utf-8")
    result = run_chithi("rules", "--lang", "en", cwd=repo / "work")
    assert result.returncode == 2
    assert result.stderr.startswith(f"{repo / 'chithi.toml'}:{position}: ")
    assert words in result.stderr and "Traceback" not in result.stderr


def test_a_pyproject_without_chithi_is_passed_over(run_chithi, repo):
    (repo / "work" / "pyproject.toml").write_text("[tool.ruff\n", encoding="utf-8")  # not ours
    (repo / "chithi.toml").write_text('lang = "en"\n', encoding="utf-8")
    result = run_chithi("rules", "--group", "BV", cwd=repo / "work")
    assert result.returncode == 0 and "Indicators under" in result.stdout


def test_chithi_ruleset_environment_chooses_what_validate_checks(run_chithi, repo):
    result = run_chithi(
        "validate", cwd=repo, env={"CHITHI_RULESET": "rulesets/my.yaml", "CHITHI_LANG": "en"}
    )
    assert result.returncode == 3 and "rulesets/my.yaml: INVALID" in result.stdout
