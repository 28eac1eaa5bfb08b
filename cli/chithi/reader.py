"""The learned reader: which indicators a text describes, as one calibrated confidence each.

A linear model (one logistic regression per indicator) over folded character 2–5-grams of each
word and word 1–2-grams, TF-IDF weighted and L2-normalised, trained at build time by
`chithi train` (scikit-learn, the `train` extra). Here it is read with the standard library
alone: the feature function below is the one training used, so a text gets the same features.

Only the words the rules keep are read (`TextMatch.kept`): a clause under "không phát hiện",
a negated phrase, a refuted report are set aside before the model sees the text, so a sentence
the rules set aside cannot carry a detection.

The phrase matcher and the model meet in one confidence per (text, indicator):

    confidence = σ(a·z + b·hit + c·z·hit + d)

where z is the model's score and hit whether a phrase matched, fitted on held-out scores of the
training split (docs/matching.md). A text-only detection carries points only when that
confidence reaches the ruleset's `scoring.text_only.min_confidence`.
"""

from __future__ import annotations

import hashlib
import json
import math
import struct
import sys
from array import array
from collections import Counter
from dataclasses import dataclass
from itertools import chain
from operator import add
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from pathlib import Path

    from chithi.matching import TextMatch

MAGIC = b"CHITHI-READER\n"
FORMAT = 1
CHAR_SIZES = (2, 3, 4, 5)
_WORD_CACHE_LIMIT = 1 << 16


class ReaderFileError(ValueError):
    """A model file that is not one, or not whole."""


def word_grams(key: str) -> list[str]:
    """A folded word's own features: its character 2–5-grams with word edges, and the word."""
    padded = f" {key} "
    last = len(padded)
    return [padded[i : i + n] for n in CHAR_SIZES for i in range(last - n + 1)] + [f"w:{key}"]


def bigram(first: str, second: str) -> str:
    return f"b:{first} {second}"


def text_features(runs: Iterable[Sequence[str]]) -> list[str]:
    """Every feature of a text, repeated as often as it occurs. `runs` are the stretches of
    folded words the rules keep; word pairs never span two runs."""
    features: list[str] = []
    for keys in runs:
        for key in keys:
            features += word_grams(key)
        features += [bigram(a, b) for a, b in zip(keys, keys[1:])]
    return features


def kept_runs(match: TextMatch) -> list[tuple[int, int]]:
    return list(match.kept)


@dataclass(frozen=True, slots=True)
class Calibration:
    z: float
    hit: float
    z_hit: float
    bias: float

    def confidence(self, z: float, hit: bool) -> float:
        h = 1.0 if hit else 0.0
        x = self.z * z + self.hit * h + self.z_hit * z * h + self.bias
        return 1.0 / (1.0 + math.exp(-x)) if x > -700 else 0.0


@dataclass(frozen=True, slots=True)
class SentenceWeight:
    """The sentence of one field that carries most weight for an indicator, and its words."""

    field: str
    start: int  # offsets in the field's text
    end: int
    words: tuple[tuple[int, int], ...]  # the strongest words' offsets, strongest first


@dataclass(slots=True)
class Reading:
    """The model's scores for one incident's texts, and what it needs to explain them."""

    scores: dict[str, float]  # indicator → z
    _model: ReaderModel
    _texts: tuple[tuple[str, TextMatch], ...]
    _sentences: list[tuple[int, int, list[float]]]  # (text index, run index, weight per indicator)
    _norm: float

    def strongest(self, indicator: str, top: int = 3) -> SentenceWeight | None:
        """The kept stretch that adds most to the indicator's score, with its heaviest words."""
        k = self._model.index[indicator]
        if not self._sentences:
            return None
        t, r, weights = max(self._sentences, key=lambda s: s[2][k])
        if weights[k] <= 0:
            return None
        field, match = self._texts[t]
        tokens, (lo, hi) = match.tokens, match.kept[r]
        if tokens is None:
            return None
        by_word = sorted(
            range(lo, hi), key=lambda i: self._model.word_vector(tokens.keys[i])[k], reverse=True
        )
        strongest = [i for i in by_word[:top] if self._model.word_vector(tokens.keys[i])[k] > 0]
        start, end = match.kept_span(r)
        return SentenceWeight(
            field, start, end, tuple((tokens.starts[i], tokens.ends[i]) for i in strongest)
        )


class ReaderModel:
    """A trained model, loaded from its file; scores folded words with cached per-word sums."""

    def __init__(
        self,
        header: dict[str, Any],
        vocabulary: list[str],
        idf: array[float],
        weights: array[float],
        sha256: str,
    ) -> None:
        self.header = header
        self.sha256 = sha256
        self.indicators: tuple[str, ...] = tuple(header["indicators"])
        self.index = {ind: k for k, ind in enumerate(self.indicators)}
        self.intercepts: tuple[float, ...] = tuple(header["intercepts"])
        self.calibration = Calibration(**header["calibration"])
        self.suggest: dict[str, float] = dict(header["suggest_thresholds"])
        self.vocabulary = {gram: i for i, gram in enumerate(vocabulary)}
        self.idf = idf
        self.weights = weights  # idf × coefficient, row-major: feature × indicator
        self._words: dict[str, tuple[list[float], tuple[int, ...]]] = {}
        self._zero = [0.0] * len(self.indicators)

    def __getstate__(self) -> dict[str, Any]:  # pickled into the ruleset cache without its caches
        return {
            "header": self.header,
            "vocabulary": list(self.vocabulary),
            "idf": self.idf,
            "weights": self.weights,
            "sha256": self.sha256,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state)  # type: ignore[misc]

    def _row(self, i: int) -> array[float]:
        k = len(self.indicators)
        return self.weights[i * k : (i + 1) * k]

    def _word(self, key: str) -> tuple[list[float], tuple[int, ...]]:
        """A word's summed weights and feature ids: the same for every text that holds it."""
        known = self._words.get(key)
        if known is None:
            ids = tuple(i for i in map(self.vocabulary.get, word_grams(key)) if i is not None)
            vector = self._zero
            for i in ids:
                vector = list(map(add, vector, self._row(i)))
            if len(self._words) >= _WORD_CACHE_LIMIT:
                self._words.clear()
            known = self._words[key] = (vector, ids)
        return known

    def word_vector(self, key: str) -> list[float]:
        return self._word(key)[0]

    def read(self, texts: Sequence[tuple[str, TextMatch]]) -> Reading:
        """Score the words the rules kept in each (field, match), as one text."""
        ids: list[int] = []
        sentences: list[tuple[int, int, list[float]]] = []
        total = self._zero
        for t, (_field, match) in enumerate(texts):
            if match.tokens is None:
                continue
            keys = match.tokens.keys
            for r, (lo, hi) in enumerate(match.kept):
                run = keys[lo:hi]
                vector = self._zero
                for key in run:
                    word_vector, word_ids = self._word(key)
                    vector = list(map(add, vector, word_vector))
                    ids += word_ids
                for pair in map(bigram, run, run[1:]):
                    i = self.vocabulary.get(pair)
                    if i is not None:
                        vector = list(map(add, vector, self._row(i)))
                        ids.append(i)
                sentences.append((t, r, vector))
                total = list(map(add, total, vector))
        idf = self.idf
        norm = math.sqrt(sum((n * idf[i]) ** 2 for i, n in Counter(ids).items())) or 1.0
        scores = {
            ind: total[k] / norm + self.intercepts[k] for ind, k in self.index.items()
        }
        scaled = [(t, r, [w / norm for w in v]) for t, r, v in sentences]
        return Reading(scores, self, tuple(texts), scaled, norm)

    def confidence(self, z: float, hit: bool) -> float:
        return self.calibration.confidence(z, hit)


def dumps(header: dict[str, Any], vocabulary: list[str], idf: Sequence[float], weights: Sequence[float]) -> bytes:
    """The model file: magic, header length, JSON header, vocabulary, then float32 arrays."""
    vocab = "\n".join(vocabulary).encode("utf-8")
    idf_bytes, weight_bytes = _le(array("f", idf)), _le(array("f", weights))
    full = {
        **header,
        "format": FORMAT,
        "sizes": {"vocabulary": len(vocab), "idf": len(idf_bytes), "weights": len(weight_bytes)},
    }
    head = json.dumps(full, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return MAGIC + struct.pack("<Q", len(head)) + head + vocab + idf_bytes + weight_bytes


def loads(raw: bytes) -> ReaderModel:
    if not raw.startswith(MAGIC) or len(raw) < len(MAGIC) + 8:
        raise ReaderFileError("not a chithi reader model")
    at = len(MAGIC)
    (length,) = struct.unpack_from("<Q", raw, at)
    at += 8
    try:
        header = json.loads(raw[at : at + length])
        sizes = header["sizes"]
        at += length
        vocab_end = at + sizes["vocabulary"]
        idf_end = vocab_end + sizes["idf"]
        weights_end = idf_end + sizes["weights"]
        if weights_end != len(raw) or header.get("format") != FORMAT:
            raise ReaderFileError("truncated, padded or of another format")
        vocabulary = raw[at:vocab_end].decode("utf-8").split("\n")
        idf, weights = array("f"), array("f")
        idf.frombytes(raw[vocab_end:idf_end])
        weights.frombytes(raw[idf_end:weights_end])
    except (ValueError, KeyError, TypeError) as err:
        raise ReaderFileError(str(err)) from None
    if sys.byteorder == "big":
        idf.byteswap()
        weights.byteswap()
    if len(idf) != len(vocabulary) or len(weights) != len(vocabulary) * len(header["indicators"]):
        raise ReaderFileError("array sizes do not agree with the vocabulary")
    return ReaderModel(header, vocabulary, idf, weights, hashlib.sha256(raw).hexdigest())


def load(path: Path) -> ReaderModel:
    return loads(path.read_bytes())


def _le(values: array[float]) -> bytes:
    if sys.byteorder == "big":
        values = array("f", values)
        values.byteswap()
    return values.tobytes()


def chain_ids(groups: Iterable[Iterable[int]]) -> list[int]:
    return list(chain.from_iterable(groups))
