"""How well chithi reads narratives: the combined reader, the phrases alone and a keyword baseline.

    python benchmarks/accuracy.py [--split test|dev|train|all] [--corpus tests/data/corpus]
                                  [--ruleset FILE] [--show-errors]
    python benchmarks/accuracy.py --split dev --bars 0.80,0.85,0.90,0.95

The corpus is split by writer (tests/data/corpus/splits.yaml): `chithi train` learns on train
and picks the points threshold on dev; the test split (the default here) is only ever measured.
For each reader, two views of the same detections:

- points: what would carry points in a report that does not cite the indicator. For the combined
  reader, a calibrated confidence ≥ the ruleset's scoring.text_only.min_confidence. For the
  phrases alone and the keyword baseline, every detection (how phrases were scored before 1.1.0).
- found: every detection, suggestions for review included.

The keyword baseline looks for each phrase of the same ruleset, folded (lower case, no
diacritics), as a plain substring: no word boundaries, no negation, no learned reader.
A `may` label counts neither way (tests/data/corpus/README.md). All run in the same process.

`--bars` reads the split once and shows what other points thresholds would give: precision,
recall, clean narratives with points, and how often the least sure point-bearing readings (from
one bar to the next) are right. It is how a board weighs its own `min_confidence`. It refuses
the test split: a bar chosen by looking there would make the test figures a tuned number.
"""

from __future__ import annotations

import argparse
import sys
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from chithi.api import compiled_matcher, compiled_reader, load_ruleset
from chithi.core.text import fold
from chithi.train.corpus import (
    SPLITS,
    Case,
    Counts,
    Evaluation,
    Figures,
    combined_detectors,
    evaluate,
    figures,
    load_split,
    memoised_reader,
    points_from,
)

if TYPE_CHECKING:
    from chithi.model.documents import Ruleset
    from chithi.train.corpus import Detector

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"precision": 0.95, "recall": 0.75, "clean_flagged": 0.02, "found_recall": 0.90}


def phrases_alone(ruleset: Ruleset) -> Detector:
    matcher = compiled_matcher(ruleset)
    return lambda text: {d.indicator for d in matcher.match(text).detections}


def keywords(ruleset: Ruleset) -> Detector:
    phrases = [(i.id, fold(p.lower())) for i in ruleset.indicators for p in i.match.phrases]
    return lambda text: {i for i, p in phrases if p in fold(text.lower())}


def row(name: str, c: Counts) -> str:
    return (
        f"  {name:<24} P {c.precision:6.3f}   R {c.recall:6.3f}   F1 {c.f1:6.3f}"
        f"   (tp {c.tp}, fp {c.fp}, fn {c.fn})"
    )


def table(title: str, result: Evaluation, negatives: int, details: bool) -> None:
    print(f"\n-- {title} --")
    print(row("all", result.micro))
    for name in ("vi", "vi-no-diacritics", "en"):
        print(row(name, result.by_slice.get(name, Counts())))
    for genre, counts in sorted(result.by_genre.items()):
        print(row(f"genre {genre}", counts))
    print(f"  clean narratives with a detection: {len(result.negative_hits)} of {negatives}")
    if details:
        for indicator, counts in sorted(result.per_indicator.items()):
            print(row(indicator, counts))


def misses(result: Evaluation, limit: int) -> None:
    print(f"\n-- what the combined reader still misses (first {limit}) --")
    for case, missed in result.misses[:limit]:
        print(f"  FN {case.id} {sorted(missed)} [{case.genre}] {case.text[:110]}")
    for case, wrong in result.false_positives[:limit]:
        print(f"  FP {case.id} {sorted(wrong)} [{case.genre}] {case.text[:110]}")


def verdict(name: str, value: float, target: float, higher: bool) -> str:
    ok = value >= target if higher else value <= target
    sign = "≥" if higher else "≤"
    return f"  {name:<48} {value:6.3f}  (target {sign} {target}) {'met' if ok else 'NOT MET'}"


def summary(f: Figures) -> None:
    print("\n== figures (combined reader) ==")
    print(
        verdict(
            "precision of point-bearing detections",
            f.points.micro.precision,
            TARGETS["precision"],
            True,
        )
    )
    print(
        verdict(
            "recall of point-bearing detections", f.points.micro.recall, TARGETS["recall"], True
        )
    )
    print(
        verdict(
            "clean narratives with a point-bearing detection",
            f.clean_flagged,
            TARGETS["clean_flagged"],
            False,
        )
    )
    print(
        verdict(
            "recall of suggestions and points together",
            f.found.micro.recall,
            TARGETS["found_recall"],
            True,
        )
    )


def calibration(ruleset: Ruleset, cases: list[Case]) -> None:
    """Reliability table and Brier score of the combined confidence over every (case,
    indicator) pair that counts (a `may` pair counts neither way)."""
    reader = compiled_reader(ruleset)
    pairs = [
        (confidence, indicator in case.must)
        for case in cases
        for indicator, confidence in reader.all_confidences(case.text).items()
        if indicator not in case.may
    ]
    if not pairs:
        print("\n(no learned reader: no calibration to measure)")
        return
    brier = sum((c - y) ** 2 for c, y in pairs) / len(pairs)
    print(f"\n== calibration: {len(pairs)} (case, indicator) pairs, Brier score {brier:.4f} ==")
    print("  confidence    pairs   mean confidence   share that are true")
    edges = (0.0, 0.02, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 0.9, 0.95, 1.0001)
    for lo, hi in pairwise(edges):
        inside = [(c, y) for c, y in pairs if lo <= c < hi]
        if inside:
            mean = sum(c for c, _ in inside) / len(inside)
            true = sum(y for _, y in inside) / len(inside)
            print(f"  {lo:4.2f}–{min(hi, 1):4.2f}   {len(inside):6d}   {mean:15.3f}   {true:19.3f}")


def bars_table(ruleset: Ruleset, cases: list[Case], bars: list[float]) -> None:
    """The same readings under other points thresholds, lowest bar first. For the least sure
    point-bearing readings (from one bar to the next): how many, the share right, and of the
    wrong ones how many name an indicator beside another breach and how many a clean narrative."""
    read = memoised_reader(ruleset)
    negatives = sum(c.negative for c in cases)
    own = ruleset.scoring.text_min_confidence
    print(f"\n== points thresholds compared (the ruleset's own: {own}) ==")
    print(
        "  bar      P       R     clean with points    least sure readings"
        "   share true   wrong: beside a breach / clean"
    )
    tops = [*bars[1:], 1.0001]
    for bar, top in zip(bars, tops, strict=True):
        points = points_from(read, bar)
        result = evaluate(points, cases)
        marginal = [
            (indicator in case.must, case.negative)
            for case in cases
            for indicator in points(case.text)
            if indicator not in case.may and read(case.text).confidence[indicator] < top
        ]
        right = sum(true for true, _ in marginal)
        clean_wrong = sum(not true and clean for true, clean in marginal)
        share = f"{right / len(marginal):10.3f}" if marginal else "         –"
        flagged = len(result.negative_hits)
        print(
            f"  {bar:4.2f}  {result.micro.precision:6.3f}  {result.micro.recall:6.3f}"
            f"  {flagged:4d} of {negatives} ({flagged / max(negatives, 1):5.1%})"
            f"   {bar:4.2f}–{min(top, 1.0):4.2f}: {len(marginal):5d}   {share}"
            f"   {len(marginal) - right - clean_wrong:5d} / {clean_wrong}"
        )


def parse_bars(text: str) -> list[float]:
    try:
        bars = sorted({float(v) for v in text.split(",") if v.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of confidences: {text!r}") from None
    if not bars or not all(0.0 < b <= 1.0 for b in bars):
        raise argparse.ArgumentTypeError(f"confidences lie in (0, 1]: {text!r}")
    return bars


def load(corpus: Path, split: str) -> list[Case]:
    if split == "all":
        return [c for s in SPLITS for c in load_split(corpus, s)]
    return load_split(corpus, split)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "data" / "corpus")
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="test")
    parser.add_argument("--ruleset", type=Path, default=None)
    parser.add_argument("--show-errors", action="store_true", help="list up to 40 misses each")
    parser.add_argument(
        "--bars",
        type=parse_bars,
        help="compare points thresholds, e.g. 0.85,0.90,0.95 (not on test)",
    )
    args = parser.parse_args()
    if args.bars and args.split in ("test", "all"):  # "all" holds the test split too
        parser.error("--bars compares thresholds on dev or train; the test split is only measured")
    ruleset = load_ruleset(args.ruleset)
    cases = load(args.corpus, args.split)
    negatives = sum(c.negative for c in cases)
    writers = sorted({c.writer for c in cases})
    print(
        f"split {args.split}: {len(cases)} cases ({negatives} clean), writers {', '.join(writers)};"
        f" ruleset {ruleset.id} {ruleset.version}, points from confidence"
        f" ≥ {ruleset.scoring.text_min_confidence}"
    )
    if args.bars:
        bars_table(ruleset, cases, args.bars)
        return 0
    points, found = combined_detectors(ruleset)
    ours = figures(points, found, cases)
    phrase = phrases_alone(ruleset)
    base = keywords(ruleset)
    print("\n== combined reader: phrases and learned reader ==")
    table("points", ours.points, negatives, details=True)
    table("points and suggestions", ours.found, negatives, details=True)
    print("\n== phrases alone (every detection carried points before 1.1.0) ==")
    table("detections", figures(phrase, phrase, cases).points, negatives, details=False)
    print("\n== keyword baseline: folded substring of any phrase ==")
    table("detections", figures(base, base, cases).points, negatives, details=False)
    misses(ours.found, 40 if args.show_errors else 15)
    calibration(ruleset, cases)
    summary(ours)
    return 0


if __name__ == "__main__":
    sys.exit(main())
