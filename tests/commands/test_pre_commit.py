"""The pre-commit hooks of .pre-commit-hooks.yaml, run by a real `pre-commit` on a temporary
git repository.

chithi is installed into the hooks' environment once per session: the hooks come from one
snapshot of this repository (a git commit of the working tree, as `pre-commit try-repo` makes)
pinned by its sha, so every run after the first reuses the environment pre-commit built. With
CHITHI_PRE_COMMIT_HOME set, the snapshot and the environment are kept in that folder between
sessions: a later session with the same sources installs nothing and needs no network."""

from __future__ import annotations

import hashlib
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
# Fixed identity and dates: the snapshot's sha depends on its files alone.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@t",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@t",
    "GIT_AUTHOR_DATE": "2000-01-01T00:00:00Z",
    "GIT_COMMITTER_DATE": "2000-01-01T00:00:00Z",
}


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV},
    )
    return done.stdout.strip()


def source_files() -> list[str]:
    """What a clone of the working tree would hold: tracked and new files, ignored ones left."""
    listed = git(ROOT, "ls-files", "--cached", "--others", "--exclude-standard", "-z")
    return sorted(name for name in listed.split("\0") if name and (ROOT / name).is_file())


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory) -> Path:
    kept = os.environ.get("CHITHI_PRE_COMMIT_HOME")
    return Path(kept) if kept else tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="session")
def hooks(pre_commit_home) -> tuple[Path, str]:
    """The snapshot of this repository the hooks come from, and its commit."""
    files = source_files()
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + b"\0" + (ROOT / name).read_bytes())
    snapshot = pre_commit_home / f"chithi-{digest.hexdigest()[:16]}"
    if not (snapshot / ".git").exists():
        shutil.rmtree(snapshot, ignore_errors=True)
        for name in files:
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, snapshot / name)
        git(snapshot, "init", "-q")
        git(snapshot, "add", "-A")
        git(snapshot, "commit", "-q", "-m", "snapshot")
    return snapshot, git(snapshot, "rev-parse", "HEAD")


def run_hook(workdir: Path, hook: str, hooks: tuple[Path, str], home: Path):
    repo, rev = hooks
    config = {"repos": [{"repo": str(repo), "rev": rev, "hooks": [{"id": hook}]}]}
    (workdir / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env["CHITHI_LANG"] = "en"
    return subprocess.run(
        [str(PRE_COMMIT), "run", hook, "--all-files", "--config", ".pre-commit-config.yaml"],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def test_validate_hook_refuses_a_bad_ruleset_and_passes_a_good_one(
    tmp_path, hooks, pre_commit_home
):
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

    failing = run_hook(work, "chithi-validate", hooks, pre_commit_home)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "rulesets/bad.yaml" in failing.stdout and "RS-GROUP-SIZE" in failing.stdout
    assert "rulesets/good.yaml: valid" in failing.stdout

    (work / "rulesets" / "bad.yaml").unlink()
    git(work, "add", "-A")
    passing = run_hook(work, "chithi-validate", hooks, pre_commit_home)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout


def test_check_hook_passes_a_clean_report_and_stops_a_serious_one(tmp_path, hooks, pre_commit_home):
    work = tmp_path / "unit"
    (work / "reports").mkdir(parents=True)
    git(work, "init", "-q")
    shutil.copy(ROOT / "seeds" / "01-clean.yaml", work / "reports" / "clean.yaml")
    git(work, "add", "-A")
    clean = run_hook(work, "chithi-check", hooks, pre_commit_home)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    shutil.copy(ROOT / "seeds" / "10-corruption-min-level.yaml", work / "reports" / "bribe.yaml")
    git(work, "add", "-A")
    serious = run_hook(work, "chithi-check", hooks, pre_commit_home)
    assert serious.returncode == 1
    assert "::error file=reports/bribe.yaml" in serious.stdout
