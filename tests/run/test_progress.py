"""The progress bar shows on a terminal and never in pipes or CI logs."""

from __future__ import annotations

import os
import pty
import subprocess

from conftest import SEEDS, chithi_executable


def run_in_terminal(*args: str, env: dict[str, str]) -> bytes:
    """Run chithi with stdout and stderr on a pseudo-terminal; return all it drew."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [chithi_executable(), *args],
        stdout=terminal,
        stderr=terminal,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    os.close(terminal)
    drawn = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:
            break
        if not chunk:
            break
        drawn += chunk
    process.wait(timeout=60)
    os.close(controller)
    return drawn


def test_progress_on_a_terminal_only(run_chithi):
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "CHITHI_LANG")}
    env.update({"COLUMNS": "120", "LANG": "C.UTF-8"})
    drawn = run_in_terminal("summary", str(SEEDS), "--lang", "en", env=env)
    assert b"Checking" in drawn and b"/12" in drawn  # 11 YAML seeds and the workbook
    piped = run_chithi("summary", str(SEEDS), "--lang", "en")
    assert "Checking" not in piped.stdout + piped.stderr
    in_ci = run_in_terminal("summary", str(SEEDS), "--lang", "en", env={**env, "CI": "true"})
    assert b"Checking" not in in_ci
