"""How the learned reader grows with blind writers: the figure that says what more data buys.

    python benchmarks/learning_curve.py [--sizes 4,8,16] [--repeats 2] [--folds 5]

Trains the reader as `chithi train` does (same features, same per-indicator logistic
regression, C from the shipped model, calibration on writer-grouped held-out scores) on the
rounds 1–2 corpus, the first blind set and the ruleset's examples plus a sample of N of the
train split's blind writers, and scores the **dev** split (the test split is never read here).
For each N it prints, averaged over --repeats samples:

- mAP: mean over indicators of average precision (ranking alone, no threshold);
- points R at ≥ 0.95: recall of readings whose calibrated confidence reaches 0.95, the bar a
  text-only reading must pass to carry points, with their precision;
- R at pooled P 0.95: the recall of the best threshold whose precision over everything above
  it is ≥ 0.95 (what an average-precision rule could reach at most).

Needs the `train` extra (scikit-learn). Takes a few minutes per size on two cores.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import average_precision_score

from chithi.api import compiled_reader, load_ruleset
from chithi.train import fit

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
BAR = 0.95
ALWAYS = {fit.PHRASE_TUNED, "heldout", fit.RULESET_EXAMPLES}


def scores(train: fit.Labelled, rows: Any, dev: fit.Labelled, c: float, cw: str | None) -> Any:
    """Dev confidences of a reader trained on `rows` and calibrated on its own held-out scores."""
    subset = fit.Labelled(
        reads=[train.reads[i] for i in rows],
        x=train.x[rows],
        y=train.y[rows],
        w=train.w[rows],
        hits=train.hits[rows],
        writers=train.writers[rows],
    )
    subset.w[subset.writers == fit.RULESET_EXAMPLES] *= fit.example_weight(subset.writers)
    _, _, _, z_oof = fit._cross_validate(subset, fit._folds(subset), c, cw)
    untuned = fit.untuned_rows(subset)
    calibration = fit._calibrate(z_oof[untuned], subset, untuned)
    coef, intercepts = fit.fit_every_indicator(subset, c, cw)
    z_dev = np.asarray(dev.x @ coef.T) + np.array(intercepts)
    return fit._confidence(calibration, z_dev, dev.hits)


def measure(conf: Any, dev: fit.Labelled) -> tuple[float, float, float, float]:
    scored, y = dev.w > 0, dev.y
    positives = int(((y == 1) & scored).sum())
    ap = np.mean(
        [
            average_precision_score(y[scored[:, k], k], conf[scored[:, k], k])
            for k in range(y.shape[1])
        ]
    )
    called = (conf >= BAR) & scored
    tp = int((called & (y == 1)).sum())
    precision = tp / int(called.sum()) if called.any() else 1.0
    order = np.argsort(-conf[scored])
    truth = y[scored][order]
    hits = np.cumsum(truth)
    precisions = hits / np.arange(1, len(truth) + 1)
    reachable = hits[precisions >= BAR]
    pooled = float(reachable.max()) / positives if reachable.size else 0.0
    return float(ap), tp / positives, precision, pooled


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="", help="writer counts, e.g. 4,8,16 (default: a spread)"
    )
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument(
        "--folds", type=int, default=5, help="writer-grouped folds for calibration (training: 10)"
    )
    args = parser.parse_args()
    fit.MAX_FOLDS = args.folds  # fewer rounds of fits per point; calibration barely moves

    ruleset = load_ruleset()
    model = compiled_reader(ruleset).model
    training = model.header["training"] if model is not None else {}
    c = float(training.get("C", fit.C_GRID[1]))
    cw = training.get("class_weight", fit.CLASS_WEIGHTS[0])
    splits = fit.featurise(CORPUS, ruleset)
    train, dev = splits.train, splits.dev

    blind = sorted(set(train.writers.tolist()) - ALWAYS)
    asked = [int(s) for s in args.sizes.split(",")] if args.sizes else _spread(len(blind))
    sizes = sorted({min(n, len(blind)) for n in asked})  # more than there are means all of them
    print(f"dev split: {len(dev.reads)} cases; {len(blind)} blind train writers; C {c}")
    print(
        "| blind writers | training cases | dev mAP | points R at ≥ 0.95 (P) | R at pooled P 0.95 |"
    )
    print("|---|---|---|---|---|")
    for n in sizes:
        runs = []
        for seed in range(args.repeats if n < len(blind) else 1):
            chosen = set(random.Random(seed).sample(blind, n)) | ALWAYS
            rows = np.nonzero(np.isin(train.writers, sorted(chosen)))[0]
            runs.append((len(rows), *measure(scores(train, rows, dev, c, cw), dev)))
        cases, ap, recall, precision, pooled = (float(np.mean(v)) for v in zip(*runs, strict=True))
        print(
            f"| {n} | {cases:,.0f} | {ap:.3f} | {recall:.3f} ({precision:.3f}) | {pooled:.3f} |",
            flush=True,
        )
    return 0


def _spread(most: int) -> list[int]:
    sizes = [n for n in (2, 4, 8, 16, 32) if n < most]
    return [*sizes, most]


if __name__ == "__main__":
    raise SystemExit(main())
