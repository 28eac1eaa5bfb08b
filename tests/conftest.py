from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


def pytest_configure(config: pytest.Config) -> None:
    """Tests (and the chithi processes they start) cache compiled rulesets in a folder of the
    run, never in the user's ~/.cache. Set here, before collection: importing a test module
    may already load a ruleset."""
    folder = Path(tempfile.mkdtemp(prefix="chithi-test-cache-"))  # 0700
    config.stash[_CACHE_KEY] = (folder, os.environ.get("CHITHI_CACHE_DIR"))
    os.environ["CHITHI_CACHE_DIR"] = str(folder)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _CACHE_KEY not in config.stash:
        return
    folder, previous = config.stash[_CACHE_KEY]
    shutil.rmtree(folder, ignore_errors=True)
    if previous is None:
        os.environ.pop("CHITHI_CACHE_DIR", None)
    else:
        os.environ["CHITHI_CACHE_DIR"] = previous


_CACHE_KEY = pytest.StashKey[tuple[Path, "str | None"]]()


def chithi_executable() -> str:
    """The installed console script: the one a user runs, not an import of the source tree."""
    beside_python = Path(sys.executable).parent / "chithi"
    found = str(beside_python) if beside_python.exists() else shutil.which("chithi")
    if found is None:
        pytest.fail("the chithi console script is not installed (pip install '.[test]')")
    return found


@pytest.fixture
def run_chithi():
    """Run the installed `chithi` in a subprocess; returns the CompletedProcess."""

    def run(
        *args: str,
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
        input_text: str | None = None,
    ) -> subprocess.CompletedProcess[str]:
        inherited = {k: v for k, v in os.environ.items() if k != "CHITHI_LANG"}
        environment = {**inherited, "NO_COLOR": "1", "COLUMNS": "160", **(env or {})}
        return subprocess.run(
            [chithi_executable(), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=cwd,
            env=environment,
            input=input_text,
            timeout=60,
            check=False,
        )

    return run
