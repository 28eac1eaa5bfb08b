"""Throughput per core of `chithi check` and `chithi summary`, for docs/scale.md.

    python benchmarks/scale.py [--reports 2000] [--jobs 2]

Generates N synthetic reports (benchmarks/throughput.py's generator), then runs each command
once on one job and once on --jobs, and prints wall time and the CPU time the run used (its
processes' user + system time). Reports per CPU-second is the figure that holds on a shared
machine: wall time there depends on what else runs, CPU time much less.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import generate  # the benchmarks folder is not a package: found by sys.path

CHITHI = str(Path(sys.executable).parent / "chithi")


def run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, every process of the run)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([CHITHI, *args], stdout=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="chithi-scale-"))
    try:
        generate(folder, args.reports)
        run(["check", str(folder / "r000000.yaml"), "-f", "json"])  # warm the ruleset cache
        print(f"{args.reports} reports, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
        for command in (["check", "-f", "json"], ["summary", "-f", "json"]):
            for jobs in (1, args.jobs):
                wall, cpu = run([command[0], str(folder), *command[1:], "-j", str(jobs)])
                print(
                    f"{command[0]:8} -j {jobs}: wall {wall:6.1f} s ({args.reports / wall:5.0f}/s),"
                    f" CPU {cpu:6.1f} s ({args.reports / cpu:5.0f} reports per CPU-second,"
                    f" {args.reports / cpu * 3600:,.0f} per core-hour)"
                )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
