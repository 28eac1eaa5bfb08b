"""Precision, recall and F1 of chithi's matcher on the labelled corpus, beside a naive baseline.

    python benchmarks/accuracy.py [--corpus tests/data/corpus] [--ruleset FILE] [--show-errors]

The baseline is what a first attempt would do: look for each phrase of the same ruleset as a
plain substring of the text (`phrase in text`: no case folding, word boundaries, Unicode or
diacritic normalisation, or negation). A second, stronger baseline also lower-cases the text,
so a reader can see how much of the gain that one step gives. All run in the same process.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from chithi.api import compiled_matcher, load_ruleset
from chithi.corpus import Counts, Evaluation, evaluate, load_corpus

if TYPE_CHECKING:
    from chithi.model import Ruleset

ROOT = Path(__file__).resolve().parent.parent


def chithi_detector(ruleset: Ruleset):  # type: ignore[no-untyped-def]
    matcher = compiled_matcher(ruleset)
    return lambda text: {d.indicator for d in matcher.match(text).detections}


def naive_detector(ruleset: Ruleset):  # type: ignore[no-untyped-def]
    phrases = [(i.id, p) for i in ruleset.indicators for p in i.match.phrases]
    return lambda text: {i for i, p in phrases if p in text}


def lowercase_detector(ruleset: Ruleset):  # type: ignore[no-untyped-def]
    phrases = [(i.id, p.lower()) for i in ruleset.indicators for p in i.match.phrases]
    return lambda text: {i for i, p in phrases if p in text.lower()}


def row(name: str, c: Counts) -> str:
    return f"  {name:<22} P {c.precision:6.3f}   R {c.recall:6.3f}   F1 {c.f1:6.3f}   (tp {c.tp}, fp {c.fp}, fn {c.fn})"


def report(title: str, result: Evaluation, negatives: int, show_errors: bool) -> None:
    print(f"\n== {title} ==")
    print(row("micro", result.micro))
    for name in ("vi", "vi-no-diacritics", "en"):
        print(row(name, result.by_slice.get(name, Counts())))
    print(f"  hard negatives with a detection: {len(result.negative_hits)} of {negatives}")
    for case, found in result.negative_hits if show_errors or title.startswith("chithi") else ():
        print(f"    NEG {case.id}: {sorted(found)}  {case.text[:100]}")
    if show_errors:
        for case, wrong in result.false_positives:
            if not case.negative:
                print(f"    FP  {case.id}: {sorted(wrong)}  {case.text[:100]}")
        for case, missed in result.misses:
            print(f"    FN  {case.id}: {sorted(missed)}  {case.text[:100]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "data" / "corpus")
    parser.add_argument("--ruleset", type=Path, default=None)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    ruleset = load_ruleset(args.ruleset)
    cases = load_corpus(args.corpus)
    negatives = sum(c.negative for c in cases)
    ours = evaluate(chithi_detector(ruleset), cases)
    naive = evaluate(naive_detector(ruleset), cases)
    lowered = evaluate(lowercase_detector(ruleset), cases)
    print(
        f"corpus: {len(cases)} cases ({negatives} hard negatives); ruleset {ruleset.id} {ruleset.version}"
    )
    report("chithi matcher", ours, negatives, args.show_errors)
    report("naive baseline: plain substring", naive, negatives, False)
    report("stronger baseline: lower-cased substring", lowered, negatives, False)

    print("\n== per indicator (chithi) ==")
    worst = sorted(ours.per_indicator.items(), key=lambda kv: kv[1].recall)
    for indicator, counts in sorted(ours.per_indicator.items()):
        print(row(indicator, counts))
    print("\n== figures ==")
    vi, folded = ours.by_slice.get("vi", Counts()), ours.by_slice.get("vi-no-diacritics", Counts())
    ratio = ours.micro.f1 / naive.micro.f1 if naive.micro.f1 else float("inf")
    print(
        f"  micro F1 {ours.micro.f1:.3f} (target ≥ 0.90), precision {ours.micro.precision:.3f} (≥ 0.95)"
    )
    print(f"  lowest indicator recall {worst[0][0]} {worst[0][1].recall:.3f} (≥ 0.6)")
    print(f"  hard negatives with a detection {len(ours.negative_hits)} (target 0)")
    print(
        f"  recall with diacritics {vi.recall:.3f}, without {folded.recall:.3f}: gap "
        f"{100 * (vi.recall - folded.recall):+.1f} points (within 5)"
    )
    print(
        f"  F1 versus naive baseline: {ratio:.2f}× (target ≥ 2×); versus lower-cased "
        f"substring: {ours.micro.f1 / lowered.micro.f1 if lowered.micro.f1 else float('inf'):.2f}×"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
