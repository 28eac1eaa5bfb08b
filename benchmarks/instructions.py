"""Where a check's work goes, stage by stage, in CPU instructions against the parse floor.

    python benchmarks/instructions.py [--reports 60]

Wall-clock ratios on a shared machine move by half from one minute to the next; callgrind's
instruction counts do not (the same count twice, whatever else the machine is doing). This
generates the same synthetic reports as throughput.py and counts, under
`valgrind --tool=callgrind` with a fixed hash seed:
  the floor    reading every file and parsing it with PyYAML's C loader;
  chithi       the same files through chithi's stages, each counted on top of the one before:
               YAML with positions, schema and model, matching, scoring, the JSON line;
  words only   the part of matching every word-level matcher must do whatever its rules:
               canonical form (NFC, case, tone placement, folding) and the words with offsets.
Start-up is left out of every figure (each count is minus the same run with no files), so
these are the costs that grow with the number of reports. Needs valgrind.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

STAGES = ("yaml", "schema", "match", "score", "json")  # each runs every one before it
LABELS = {
    "yaml": "YAML with positions",
    "schema": "schema and model",
    "words": "  of which words alone (canonical form, words, offsets)",
    "match": "matching",
    "score": "scoring",
    "json": "JSON line",
}


def drive(what: str, folder: str) -> None:
    """Run one stage (and every stage before it) over the reports: the program callgrind counts."""
    import yaml  # noqa: PLC0415 - only the driven process needs these

    files = sorted(str(p) for p in Path(folder).glob("*.yaml"))
    if what == "floor":
        for raw in [Path(f).read_bytes() for f in files]:
            yaml.load(raw, Loader=yaml.CSafeLoader)
        return
    from chithi.api import (  # noqa: PLC0415
        compiled_matcher,
        load_ruleset,
        match_incident,
        report_from_document,
    )
    from chithi.match.phrases import tokenize  # noqa: PLC0415
    from chithi.render.machine.json_summary import report_line  # noqa: PLC0415
    from chithi.run.batch import Source, read_source  # noqa: PLC0415
    from chithi.score.scoring import score_report  # noqa: PLC0415

    ruleset = load_ruleset()
    matcher = compiled_matcher(ruleset)
    depth = -1 if what == "none" else STAGES.index("schema" if what == "words" else what)
    for path in files if depth >= 0 else ():
        documents = read_source(Source(path, path))
        if depth < STAGES.index("schema"):
            continue
        report = report_from_document(documents[0], ruleset)
        if what == "words":  # a branch off "schema": what matching cannot do without
            for incident in report.incidents:
                tokenize(incident.summary)
                tokenize(incident.narrative)
        if depth < STAGES.index("match"):
            continue
        matches = {i.id: match_incident(matcher, i.summary, i.narrative) for i in report.incidents}
        if depth < STAGES.index("score"):
            continue
        result = score_report(report, ruleset, matches, path, None)
        if depth < STAGES.index("json"):
            continue
        report_line(result)


def instructions(what: str, folder: Path) -> int:
    """Instructions callgrind counts for one driven run."""
    out = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            __file__,
            "--drive",
            what,
            str(folder),
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    for line in out.stderr.splitlines():
        if "Collected :" in line:
            return int(line.split(":")[-1])
    raise SystemExit(f"callgrind printed no count:\n{out.stderr}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=60)
    parser.add_argument("--drive", nargs=2, metavar=("STAGE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.drive:
        drive(*args.drive)
        return 0
    if not shutil.which("valgrind"):
        print("valgrind is needed: apt-get install valgrind", file=sys.stderr)
        return 1
    sys.path.insert(0, str(Path(__file__).parent))
    from throughput import generate  # noqa: PLC0415 - the same synthetic reports

    work = Path(tempfile.mkdtemp(prefix="chithi-instructions-"))
    folder = work / "reports"
    generate(folder, args.reports)
    n = args.reports
    empty = work / "empty"
    empty.mkdir()
    # warm the compiled-ruleset cache, so no run below pays for compiling the ruleset
    drive("none", str(empty))
    base = instructions("none", folder)
    floor = instructions("floor", folder) - instructions("floor", empty)
    print(f"{n} reports; instructions per report, and as a multiple of the parse floor")
    print(f"{'parse floor (PyYAML C loader)':<56}{floor / n / 1e6:8.2f} M   1.00×")
    before = base
    counts: dict[str, int] = {}
    for stage in STAGES:
        count = instructions(stage, folder)
        counts[stage], before = count - before, count
        if stage == "schema":
            counts["words"] = instructions("words", folder) - count
    for stage in ("yaml", "schema", "match", "words", "score", "json"):
        print(f"{LABELS[stage]:<56}{counts[stage] / n / 1e6:8.2f} M {counts[stage] / floor:6.2f}×")
    total = before - base
    print(f"{'chithi, all stages':<56}{total / n / 1e6:8.2f} M {total / floor:6.2f}×")
    print(f"{'  budget for 2.5× the floor':<56}{2.5 * floor / n / 1e6:8.2f} M   2.50×")
    shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
