"""How fast and in how much memory chithi refuses hostile files, against a normal check.

    python benchmarks/hostile_inputs.py

Each case runs the installed `chithi check` in a fresh process and reports wall time and peak
resident memory (of that process alone), beside the same for one ordinary seed report, so the
ratios are measured in one run on one machine.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def billion_laughs() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def measure(chithi: str, path: Path) -> tuple[int, float, float]:
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True)\n"
        "print(r.returncode, time.perf_counter() - t,"
        " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, chithi, "check", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return int(out[0]), float(out[1]), float(out[2])


def main() -> int:
    chithi = shutil.which("chithi") or str(Path(sys.executable).parent / "chithi")
    folder = Path(tempfile.mkdtemp(prefix="chithi-hostile-"))
    cases = {
        "seed report (baseline)": ROOT / "seeds" / "03-leader-repeated-delays.yaml",
        "billion laughs": folder / "laughs.yaml",
        "200 MB file": folder / "big.yaml",
        "100,000-deep nesting": folder / "deep.yaml",
    }
    cases["billion laughs"].write_text(billion_laughs(), encoding="utf-8")
    with cases["200 MB file"].open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    cases["100,000-deep nesting"].write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    base_time = base_mem = 0.0
    print(f"{'case':<26} {'exit':>4} {'seconds':>8} {'× seed':>7} {'peak MB':>8} {'× seed':>7}")
    for name, path in cases.items():
        code, seconds, peak = measure(chithi, path)
        if not base_time:
            base_time, base_mem = seconds, peak
        print(
            f"{name:<26} {code:>4} {seconds:>8.2f} {seconds / base_time:>7.2f} "
            f"{peak:>8.1f} {peak / base_mem:>7.2f}"
        )
    print("limits: refused (exit 2) in under 2 s and 200 MB each is the target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
