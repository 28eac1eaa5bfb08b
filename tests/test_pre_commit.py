"""The pre-commit hooks, run through a real `pre-commit try-repo` on a temporary git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from chithi.api import default_ruleset_path
from conftest import ROOT
from helpers import copy_reader

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
pytestmark = pytest.mark.skipif(
    not PRE_COMMIT.exists() or shutil.which("git") is None,
    reason="pre-commit (test extra) and git are needed",
)


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def try_repo(workdir: Path, hook: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "NO_COLOR": "1",
        "CHITHI_LANG": "en",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), hook, "--all-files"],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def test_validate_hook_refuses_a_bad_ruleset_and_passes_a_good_one(tmp_path):
    work = tmp_path / "policies"
    (work / "rulesets").mkdir(parents=True)
    git(work, "init", "-q")
    shutil.copy(default_ruleset_path(), work / "rulesets" / "good.yaml")
    copy_reader(work / "rulesets")
    broken = yaml.safe_load(default_ruleset_path().read_text(encoding="utf-8"))
    broken["groups"][0]["size"] = 11
    (work / "rulesets" / "bad.yaml").write_text(
        yaml.safe_dump(broken, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    git(work, "add", ".")
    home = tmp_path / "pre-commit-home"

    failing = try_repo(work, "chithi-validate", home)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "rulesets/bad.yaml" in failing.stdout and "RS-GROUP-SIZE" in failing.stdout
    assert "rulesets/good.yaml: valid" in failing.stdout

    (work / "rulesets" / "bad.yaml").unlink()
    git(work, "add", "-A")
    passing = try_repo(work, "chithi-validate", home)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout

    (work / "reports").mkdir()
    shutil.copy(ROOT / "seeds" / "01-clean.yaml", work / "reports" / "clean.yaml")
    git(work, "add", "-A")
    assert try_repo(work, "chithi-check", home).returncode == 0
    shutil.copy(ROOT / "seeds" / "10-corruption-min-level.yaml", work / "reports" / "bribe.yaml")
    git(work, "add", "-A")
    serious = try_repo(work, "chithi-check", home)
    assert serious.returncode == 1
    assert "::error file=reports/bribe.yaml" in serious.stdout
