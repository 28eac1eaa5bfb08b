"""Train the learned reader from the labelled corpus (`chithi train`; needs the `train` extra).

Only `chithi train` imports this module, so scikit-learn, numpy and scipy are imported here at
the top and never by `chithi check`. Everything is chosen on the training split alone, by
cross-validation grouped by writer (a writer's cases are never on both sides of a fold):

1. the regularisation C (and class weighting), by mean average precision of held-out scores,
   each indicator's model fitted over features scaled by how much they say of it (_evidence);
2. a calibration σ(a·z + b·hit + c·z·hit + d) of held-out model scores z and phrase hits,
   fitted on the cases the phrases were not tuned on;
3. per indicator, the confidence from which a text-only detection is suggested for review:
   the highest that keeps recall (phrases or model) at SUGGEST_RECALL on held-out scores.

The dev split then picks the one figure the ruleset carries, `scoring.text_only.min_confidence`.
The test split is never read here. Fitting is deterministic (lbfgs, fixed folds, sorted
vocabulary): the same corpus, ruleset and library versions give the same file, byte for byte.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import sklearn
from joblib import Parallel, delayed
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score
from sklearn.model_selection import GroupKFold

from chithi.core.records import record
from chithi.inputs.rulesets import compiled_matcher
from chithi.match.learned import Units, dumps, unit_counts, units
from chithi.train.corpus import Case, load_split

if TYPE_CHECKING:
    from pathlib import Path

    from chithi.model.documents import Ruleset

MIN_DF = 2
MAX_FEATURES = 75_000
C_GRID = (8.0, 16.0, 32.0)
# Held-out scores need every writer out once, not a fold per writer: past ten folds, each more
# costs a full round of fits and adds little (GroupKFold puts whole writers together).
MAX_FOLDS = 10
CLASS_WEIGHTS = ("balanced",)  # unweighted fits lost on every grid tried (docs/matching.md)
SUGGEST_RECALL = 0.92
# Below this a model reading is noise to a reader: on dev, thresholds down to 0.02 gave 1.5
# wrong suggestions per narrative for 0.934 recall; from 0.05, 1.2 for 0.922.
SUGGEST_FLOOR = 0.05
POINT_PRECISION = 0.95
CLEAN_FLAGGED = 0.02  # at most this share of clean dev narratives may get a point-bearing one
CONFIDENCE_GRID = tuple(round(0.5 + 0.01 * i, 2) for i in range(50))  # 0.50 … 0.99
PHRASE_TUNED = "corpus"  # the writer whose cases the phrase lists were tuned on
RULESET_EXAMPLES = "ruleset-examples"  # the ruleset's own examples, written with its phrases
# The ruleset's examples are its authors' statement of what an indicator is and is not. Together
# they weigh this share of the corpus cases, however many the corpus has: 3 cases each when it had
# 2,695 (ruleset 1.2.0), and as it grew the same weight let "Đảng ủy đã tổ chức kiểm tra, giám sát
# thường xuyên…", a must-not-match example of KL-04, read as KL-04 at 0.998.
EXAMPLE_SHARE = 0.128


@record
class Trained:
    model: bytes
    min_confidence: float
    dev_precision: float
    dev_recall: float
    summary: dict[str, Any]
    dev_scores: dict[str, dict[str, float]]  # case id → indicator → z, as training scores it


@record
class Read:
    """One case as the reader sees it: its units and the indicators its phrases matched."""

    case: Case
    units: Units
    hits: frozenset[str]

    @property
    def features(self) -> set[str]:
        per_word, singles = unit_counts(self.units)
        return {g for counts in per_word for g in counts} | set(singles)


@record
class Labelled:
    """A set of read cases as arrays: features, labels, weights (0 for a `may` reading)."""

    reads: list[Read]
    x: Any  # csr matrix, case × feature
    y: Any  # case × indicator, 1 when `must`
    w: Any  # case × indicator: a `may` reading counts neither for nor against
    hits: Any  # case × indicator, 1 when a phrase matched
    writers: Any


def read_cases(cases: list[Case], ruleset: Ruleset) -> list[Read]:
    matcher = compiled_matcher(ruleset)
    out = []
    for case in cases:
        found = matcher.match(case.text)
        assert found.tokens is not None
        hits = frozenset(d.indicator for d in found.detections)
        out.append(Read(case, units(found.tokens.keys, found.kept), hits))
    return out


def ruleset_examples(ruleset: Ruleset) -> list[Case]:
    """The ruleset's own examples as training cases: a `match` example is a positive of its
    indicator, a `no_match` one a negative of it; neither says anything of the others (`may`).
    They are short sentences with exactly the contrasts the corpus has few of ("tổ chức kiểm
    tra thường xuyên" is praise, not KL-04)."""
    everyone = frozenset(i.id for i in ruleset.indicators)
    cases = []
    for indicator in ruleset.indicators:
        for kind, examples in (
            ("match", indicator.examples_match),
            ("no", indicator.examples_no_match),
        ):
            for n, example in enumerate(examples):
                must = frozenset({indicator.id}) if kind == "match" else frozenset()
                cases.append(
                    Case(
                        id=f"{indicator.id}-{kind}-{n}",
                        lang="vi",
                        diacritics=True,
                        must=must,
                        may=everyone - {indicator.id},
                        text=example,
                        writer=RULESET_EXAMPLES,
                    )
                )
    return cases


def example_weight(writers: Any) -> float:
    """What one ruleset example weighs, in corpus cases: together they weigh EXAMPLE_SHARE."""
    examples = int((writers == RULESET_EXAMPLES).sum())
    return EXAMPLE_SHARE * (len(writers) - examples) / examples if examples else 1.0


@record
class Splits:
    """The train split (with the ruleset's examples) and the dev split, as the reader sees them:
    features over the training vocabulary, labels and weights, examples not yet weighted."""

    indicators: list[str]
    vocabulary: list[str]
    idf: Any
    train: Labelled
    dev: Labelled


def featurise(corpus: Path, ruleset: Ruleset) -> Splits:
    indicators = [i.id for i in ruleset.indicators]
    train_reads = read_cases(load_split(corpus, "train") + ruleset_examples(ruleset), ruleset)
    vocabulary = _vocabulary(train_reads)
    index = {gram: i for i, gram in enumerate(vocabulary)}
    idf = _idf(train_reads, index)
    dev_reads = read_cases(load_split(corpus, "dev"), ruleset)
    return Splits(
        indicators=indicators,
        vocabulary=vocabulary,
        idf=idf,
        train=_labelled(train_reads, indicators, index, idf),
        dev=_labelled(dev_reads, indicators, index, idf),
    )


def train(corpus: Path, ruleset: Ruleset) -> Trained:
    splits = featurise(corpus, ruleset)
    indicators, vocabulary, idf = splits.indicators, splits.vocabulary, splits.idf
    train_set, dev_set = splits.train, splits.dev
    train_set.w[train_set.writers == RULESET_EXAMPLES] *= example_weight(train_set.writers)

    folds = _folds(train_set)
    cv_map, c, cw, z_oof = max(
        (_cross_validate(train_set, folds, c, cw) for c in C_GRID for cw in CLASS_WEIGHTS),
        key=lambda found: found[0],
    )
    coef, intercepts = fit_every_indicator(train_set, c, cw)

    # Calibration and suggestion thresholds from the cases the phrases were not written for.
    untuned = untuned_rows(train_set)
    calibration = _calibrate(z_oof[untuned], train_set, untuned)
    conf_oof = _confidence(calibration, z_oof, train_set.hits)
    suggest = {
        ind: _suggest_threshold(
            conf_oof[untuned, k],
            train_set.hits[untuned, k],
            train_set.y[untuned, k],
            train_set.w[untuned, k],
        )
        for k, ind in enumerate(indicators)
    }

    z_dev = np.asarray(dev_set.x @ coef.T) + np.array(intercepts)
    conf_dev = _confidence(calibration, z_dev, dev_set.hits)
    min_confidence, dev_p, dev_r = _point_threshold(conf_dev, dev_set.y, dev_set.w)

    header = {
        "indicators": indicators,
        "ruleset": {"id": ruleset.id, "version": ruleset.version},
        "intercepts": [round(v, 6) for v in intercepts],
        "calibration": {k: round(v, 6) for k, v in calibration.items()},
        "suggest_thresholds": suggest,
        "features": {
            "char": [2, 5],
            "word": [1, 2],
            "folded": True,
            "min_df": MIN_DF,
            "scaled_by": "log-count ratio",
        },
        "training": {
            "cases": len(train_set.reads),
            "writers": sorted(set(train_set.writers.tolist())),
            "C": c,
            "class_weight": cw,
            "example_weight": round(example_weight(train_set.writers), 4),
            "cv_mean_average_precision": round(cv_map, 4),
            "scikit_learn": sklearn.__version__,
        },
        "dev": {
            "cases": len(dev_set.reads),
            "min_confidence": min_confidence,
            "precision": round(dev_p, 4),
            "recall": round(dev_r, 4),
        },
    }
    weights = (coef * idf).T.astype("float32")  # feature × indicator, idf folded in
    model = dumps(header, vocabulary, idf.astype("float32").tolist(), weights.ravel().tolist())
    scores = {
        r.case.id: {ind: float(z_dev[row, k]) for k, ind in enumerate(indicators)}
        for row, r in enumerate(dev_set.reads)
    }
    return Trained(model, min_confidence, dev_p, dev_r, header, scores)


def fit_every_indicator(data: Labelled, c: float, cw: str | None) -> tuple[Any, list[float]]:
    """One logistic regression per indicator on every case: (indicator × feature, intercepts)."""
    everything = np.arange(len(data.reads))
    final = Parallel(n_jobs=-1)(
        delayed(_fit)(data, k, everything, c, cw) for k in range(data.y.shape[1])
    )
    return np.array([m.coef for m in final]), [m.intercept for m in final]


def untuned_rows(data: Labelled) -> Any:
    """The cases the phrases were not written for (all cases when there is none of those)."""
    untuned = (data.writers != PHRASE_TUNED) & (data.writers != RULESET_EXAMPLES)
    return untuned if untuned.any() else ~untuned


def _vocabulary(reads: list[Read]) -> list[str]:
    """Features in at least MIN_DF training texts; the MAX_FEATURES most frequent, then sorted."""
    df: dict[str, int] = {}
    for r in reads:
        for gram in r.features:
            df[gram] = df.get(gram, 0) + 1
    kept = [g for g, d in df.items() if d >= MIN_DF]
    kept.sort(key=lambda g: (-df[g], g))
    return sorted(kept[:MAX_FEATURES])


def _idf(reads: list[Read], index: dict[str, int]) -> Any:
    """Smoothed inverse document frequency, as scikit-learn's TfidfTransformer computes it."""
    df = np.zeros(len(index))
    for r in reads:
        df[[index[g] for g in r.features if g in index]] += 1
    return np.log((1 + len(reads)) / (1 + df)) + 1.0


def _labelled(
    reads: list[Read], indicators: list[str], index: dict[str, int], idf: Any
) -> Labelled:
    return Labelled(
        reads=reads,
        x=_vectors(reads, index, idf),
        y=np.array([[i in r.case.must for i in indicators] for r in reads], dtype=int),
        w=np.array([[i not in r.case.may for i in indicators] for r in reads], dtype=float),
        hits=np.array([[i in r.hits for i in indicators] for r in reads], dtype=float),
        writers=np.array([r.case.writer for r in reads]),
    )


def _vectors(reads: list[Read], index: dict[str, int], idf: Any) -> Any:
    """Each text as the reader scores it (learned.ReaderModel.read): the idf-weighted counts of
    its units' features over a norm that adds each unit's own squared length."""
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for row, r in enumerate(reads):
        per_word, singles = unit_counts(r.units)
        counts: dict[int, float] = {}
        square = 0.0
        for word in per_word:
            mine = [(index[g], c) for g, c in word.items() if g in index]
            square += sum((c * idf[i]) ** 2 for i, c in mine)
            for i, c in mine:
                counts[i] = counts.get(i, 0.0) + c
        for single in singles:
            found = index.get(single)
            if found is not None:
                square += idf[found] ** 2
                counts[found] = counts.get(found, 0.0) + 1
        norm = float(np.sqrt(square)) or 1.0
        rows += [row] * len(counts)
        cols += list(counts)
        vals += [c * idf[i] / norm for i, c in counts.items()]
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(reads), len(index)), dtype=float)


def _folds(data: Labelled) -> list[tuple[Any, Any]]:
    """Folds by writer (at most MAX_FOLDS, several writers to a fold when there are more);
    with too few writers (a small corpus), by position instead."""
    n = len(data.reads)
    groups = data.writers if len(set(data.writers.tolist())) >= 3 else np.arange(n) % 5
    splitter = GroupKFold(n_splits=min(MAX_FOLDS, len(set(groups.tolist()))))
    return list(splitter.split(data.x, groups=groups))


@record
class Fitted:
    """One indicator's linear model over the unscaled features: the evidence scale is folded
    into its coefficients, so the run-time reader scores it as any linear model."""

    coef: Any  # one per feature
    intercept: float

    def scores(self, x: Any) -> Any:
        return np.asarray(x @ self.coef).ravel() + self.intercept


def _evidence(x: Any, y: Any, w: Any) -> Any:
    """How much each feature says of an indicator: |log| of the ratio of its document
    frequencies in the indicator's cases and in the others, add-one smoothed (the naive-Bayes
    log-count ratio of Wang and Manning, 2012, "Baselines and bigrams"). The regression is fitted
    over features scaled by it, so the penalty lets a word the indicator's cases share through
    more cheaply than one spread evenly over everything."""
    present = x.copy()
    present.data[:] = 1.0
    counted = w > 0
    inside = 1.0 + np.asarray(present[counted & (y == 1)].sum(axis=0)).ravel()
    outside = 1.0 + np.asarray(present[counted & (y == 0)].sum(axis=0)).ravel()
    return np.abs(np.log((inside / inside.sum()) / (outside / outside.sum())))


def _fit(data: Labelled, k: int, rows: Any, c: float, cw: str | None) -> Fitted:
    x, y, w = data.x[rows], data.y[rows, k], data.w[rows, k]
    scale = _evidence(x, y, w)  # from these rows alone: a held-out fold never shapes it
    model = LogisticRegression(C=c, class_weight=cw, max_iter=5000)
    model.fit(x @ sparse.diags(scale), y, sample_weight=w)
    return Fitted(model.coef_[0] * scale, float(model.intercept_[0]))


def _cross_validate(
    data: Labelled, folds: list[tuple[Any, Any]], c: float, cw: str | None
) -> tuple[float, float, str | None, Any]:
    """Held-out scores for every case, and their mean average precision over indicators."""
    indicators = range(data.y.shape[1])
    jobs = [(f, k) for f in range(len(folds)) for k in indicators]
    fitted = Parallel(n_jobs=-1)(delayed(_fit)(data, k, folds[f][0], c, cw) for f, k in jobs)
    z = np.zeros(data.y.shape)
    for (f, k), model in zip(jobs, fitted, strict=True):
        z[folds[f][1], k] = model.scores(data.x[folds[f][1]])
    counted = data.w > 0
    score = float(
        np.mean(
            [
                average_precision_score(data.y[counted[:, k], k], z[counted[:, k], k])
                for k in indicators
            ]
        )
    )
    return score, c, cw, z


def _calibrate(z: Any, data: Labelled, rows: Any) -> dict[str, float]:
    counted = (data.w[rows] > 0).ravel()
    zz, hh = z.ravel()[counted], data.hits[rows].ravel()[counted]
    features = np.column_stack([zz, hh, zz * hh])
    model = LogisticRegression(C=100.0, max_iter=5000).fit(features, data.y[rows].ravel()[counted])
    a, b, c = (float(v) for v in model.coef_[0])
    return {"z": a, "hit": b, "z_hit": c, "bias": float(model.intercept_[0])}


def _confidence(cal: dict[str, float], z: Any, hits: Any) -> Any:
    x = cal["z"] * z + cal["hit"] * hits + cal["z_hit"] * z * hits + cal["bias"]
    return 1.0 / (1.0 + np.exp(-x))


def _suggest_threshold(conf: Any, hits: Any, y: Any, w: Any) -> float:
    """The highest confidence that still suggests SUGGEST_RECALL of the indicator's cases."""
    positives = (y == 1) & (w > 0)
    total = int(positives.sum())
    for t in (0.5, 0.4, 0.3, 0.25, 0.2, 0.15, 0.1, 0.07, SUGGEST_FLOOR):
        found = int((positives & ((conf >= t) | (hits > 0))).sum())
        if total == 0 or found / total >= SUGGEST_RECALL:
            return t
    return SUGGEST_FLOOR


def _point_threshold(conf: Any, y: Any, w: Any) -> tuple[float, float, float]:
    """The lowest confidence from which every higher one keeps precision ≥ POINT_PRECISION
    and flags at most CLEAN_FLAGGED of the clean narratives; never below POINT_PRECISION itself.

    Why the floor: precision over all detections above a threshold is an average, and the many
    detections at 0.99 carry the few just above it. A conviction is one detection, not an
    average: text alone carries points only when that reading, by the calibrated reader's own
    account, is right at least as often as the bar the ruleset sets for points. (With three more
    writers, the average rule chose 0.86, where the calibrated bands held about 0.75-0.85 true.)
    """
    scored = w > 0
    clean = y.sum(axis=1) == 0
    chosen = CONFIDENCE_GRID[-1]
    for t in reversed([t for t in CONFIDENCE_GRID if t >= POINT_PRECISION]):
        called = (conf >= t) & scored
        tp = int((called & (y == 1)).sum())
        fp = int((called & (y == 0)).sum())
        flagged = float(called[clean].any(axis=1).mean()) if clean.any() else 0.0
        if (tp + fp and tp / (tp + fp) < POINT_PRECISION) or flagged > CLEAN_FLAGGED:
            break
        chosen = t
    called = (conf >= chosen) & scored
    tp = int((called & (y == 1)).sum())
    fp = int((called & (y == 0)).sum())
    positives = int(((y == 1) & scored).sum())
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / positives if positives else 1.0
    return chosen, precision, recall
