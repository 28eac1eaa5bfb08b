"""A long fuzzing soak: the fuzz suite's generators, many more examples, failures collected.

    python benchmarks/fuzz_soak.py [--examples 100000] [--jobs 2]

Each job runs its share with its own seed; a contract violation (exit code outside 0-3, a
crash, unparseable JSON) is recorded with the input that caused it, not raised, so the soak
runs to the end and prints everything it found.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from fuzzing import any_report, contract_violations, run_in_process


def soak(job: int, examples: int) -> tuple[int, list[str]]:
    found: list[str] = []
    count = 0
    folder = Path(tempfile.mkdtemp(prefix=f"chithi-soak-{job}-"))

    @seed(job)
    @settings(
        max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(content=any_report, output_format=st.sampled_from(["json", "table"]))
    def one(content: bytes, output_format: str) -> None:
        nonlocal count
        count += 1
        path = folder / "report.yaml"
        path.write_bytes(content)
        code, stdout, stderr = run_in_process("check", str(path), "--format", output_format)
        for violation in contract_violations(
            code, stdout, stderr, json_output=output_format == "json"
        ):
            found.append(f"{violation} <- {content[:120]!r}")

    one()
    return count, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    share = args.examples // args.jobs
    started = time.perf_counter()
    with multiprocessing.Pool(args.jobs) as pool:
        results = pool.starmap(soak, [(job, share) for job in range(args.jobs)])
    elapsed = time.perf_counter() - started
    total = sum(n for n, _ in results)
    problems = [p for _, found in results for p in found]
    print(f"examples run: {total} in {elapsed:.0f} s ({total / elapsed:.0f}/s), jobs {args.jobs}")
    print(f"contract violations: {len(problems)}")
    for problem in problems[:50]:
        print(f"  {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
