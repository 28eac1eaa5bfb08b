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
    """Run chithi as a user does; returns a CompletedProcess.

    In-process by default (the console script's own `main`, with argv, environment, working
    folder and standard streams swapped for the call): a process start costs more than most
    commands, and about 240 calls made the suite slow. `console_script=True`, or
    CHITHI_TEST_SUBPROCESS=1 for the whole run, starts the installed script instead; the tests
    of the entry point, signals and the pre-commit hook always do.
    """

    def run(
        *args: str,
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
        input_text: str | None = None,
        console_script: bool = False,
    ) -> subprocess.CompletedProcess[str]:
        inherited = {k: v for k, v in os.environ.items() if k != "CHITHI_LANG"}
        environment = {**inherited, "NO_COLOR": "1", "COLUMNS": "160", **(env or {})}
        if console_script or os.environ.get("CHITHI_TEST_SUBPROCESS") == "1":
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
        return _in_process(list(args), cwd, environment, input_text)

    return run


def _in_process(
    args: list[str], cwd: Path | None, environment: dict[str, str], input_text: str | None
) -> subprocess.CompletedProcess[str]:
    """`chithi ARGS` through chithi.app.main in this process, everything it touches restored."""
    import io  # noqa: PLC0415
    import signal  # noqa: PLC0415

    from chithi import app  # noqa: PLC0415
    from chithi.commands import chrome  # noqa: PLC0415

    saved_env, saved_cwd = dict(os.environ), Path.cwd()
    saved_streams = (sys.argv, sys.stdin, sys.stdout, sys.stderr)
    saved_signals = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    saved_lang, saved_trace = dict(chrome._CHOSEN), dict(app._SHOW_TRACEBACK)
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        os.environ.clear()
        os.environ.update(environment)
        if cwd is not None:
            os.chdir(cwd)
        sys.argv = ["chithi", *args]
        sys.stdin = io.TextIOWrapper(io.BytesIO((input_text or "").encode("utf-8")), "utf-8")
        sys.stdout, sys.stderr = out, err
        try:
            app.main()
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    finally:
        sys.argv, sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        for number, handler in saved_signals.items():
            signal.signal(number, handler)
        chrome._CHOSEN.update(saved_lang)
        app._SHOW_TRACEBACK.update(saved_trace)
    return subprocess.CompletedProcess(["chithi", *args], code, out.getvalue(), err.getvalue())
