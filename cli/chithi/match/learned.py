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
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from chithi.core.records import record

if TYPE_CHECKING:
    from collections.abc import Sequence

    from chithi.match.matcher import TextMatch

MAGIC = b"CHITHI-READER\n"
FORMAT = 1
CHAR_SIZES = (2, 3, 4, 5)
_CACHE_LIMIT = 1 << 16


class ReaderFileError(ValueError):
    """A model file that is not one, or not whole."""


def word_grams(key: str) -> list[str]:
    """A folded word's own features: its character 2–5-grams with word edges, and the word."""
    padded = f" {key} "
    last = len(padded)
    return [padded[i : i + n] for n in CHAR_SIZES for i in range(last - n + 1)] + [f"w:{key}"]


@record
class Units:
    """What the model reads of a text: each distinct kept word once (its character grams and
    itself), and single features: kept word pairs ("b:"), words the rules set aside ("x:") and
    their pairs ("xb:"). Set-aside words are features of their own, so "không phát hiện … nhận
    tiền" teaches the model something, yet can never carry a detection (strongest())."""

    words: tuple[str, ...]
    singles: tuple[str, ...]


_PAIR, _ASIDE, _ASIDE_PAIR = "b:{} {}".format, "x:{}".format, "xb:{} {}".format


def units(keys: Sequence[str], kept: Sequence[tuple[int, int]]) -> Units:
    """The units of a text from its folded words and the runs the rules keep."""
    words: list[str] = []
    singles: list[str] = []
    at = 0
    for lo, hi in (*kept, (len(keys), len(keys))):  # the last pair closes the text
        if at < lo:  # words the rules set aside, between two kept runs
            aside = keys[at:lo]
            singles += map(_ASIDE, aside)
            singles += map(_ASIDE_PAIR, aside, aside[1:])
        run = keys[lo:hi]
        words += run
        singles += map(_PAIR, run, run[1:])
        at = hi
    return Units(tuple(dict.fromkeys(words)), tuple(dict.fromkeys(singles)))


def unit_counts(u: Units) -> tuple[list[dict[str, int]], list[str]]:
    """Each word unit's feature counts, and the single features: what training weighs."""
    per_word = []
    for key in u.words:
        counts: dict[str, int] = {}
        for gram in word_grams(key):
            counts[gram] = counts.get(gram, 0) + 1
        per_word.append(counts)
    return per_word, list(u.singles)


@record
class Calibration:
    """Turns a model score, and whether a phrase matched too, into one calibrated probability."""

    z: float
    hit: float
    z_hit: float
    bias: float

    def confidence(self, z: float, hit: bool) -> float:
        h = 1.0 if hit else 0.0
        x = self.z * z + self.hit * h + self.z_hit * z * h + self.bias
        return 1.0 / (1.0 + math.exp(-x)) if x > -700 else 0.0


@record
class SentenceWeight:
    """The sentence of one field whose kept words weigh most for an indicator, and its
    heaviest words."""

    field: str
    start: int  # the sentence's offsets in the field's text
    end: int
    words: tuple[tuple[int, int], ...]  # the heaviest words' offsets, heaviest first


@dataclass(slots=True)
class Reading:
    """The model's scores for one incident's texts, and what it needs to explain them."""

    scores: dict[str, float]  # indicator → z
    _model: ReaderModel
    _texts: tuple[tuple[str, TextMatch], ...]

    def strongest(self, indicator: str, top: int = 3) -> SentenceWeight | None:
        """The kept stretch that adds most to the indicator's score, with its heaviest words.
        None when no kept stretch weighs for it: set-aside words never carry a detection."""
        model, k = self._model, self._model.index[indicator]
        best: tuple[float, str, TextMatch, int] | None = None
        for field, match in self._texts:
            if match.tokens is None:
                continue
            keys = match.tokens.keys
            for r, (lo, hi) in enumerate(match.kept):
                run = keys[lo:hi]
                weight = sum(model.word_vector(key)[k] for key in dict.fromkeys(run))
                weight += sum(model.single_vector(p)[k] for p in map(_PAIR, run, run[1:]))
                if best is None or weight > best[0]:
                    best = (weight, field, match, r)
        if best is None or best[0] <= 0:
            return None
        _, field, match, r = best
        tokens = match.tokens
        assert tokens is not None
        lo, hi = match.kept[r]
        first: dict[str, int] = {}  # each distinct word once, where it first occurs
        for i in range(lo, hi):
            first.setdefault(tokens.keys[i], i)
        word_weight = {key: model.word_vector(key)[k] for key in first}
        heaviest = sorted(first, key=word_weight.__getitem__, reverse=True)[:top]
        spans: list[tuple[int, int]] = []  # token ranges, heaviest first
        for key in (key for key in heaviest if word_weight[key] > 0):
            i = first[key]
            # A syllable alone says little in Vietnamese: show the pair the model also weighs.
            if i + 1 < hi and model.single_vector(f"b:{key} {tokens.keys[i + 1]}")[k] > 0:
                span = (i, i + 1)
            elif i > lo and model.single_vector(f"b:{tokens.keys[i - 1]} {key}")[k] > 0:
                span = (i - 1, i)
            else:
                span = (i, i)
            if not any(a <= span[1] and span[0] <= b for a, b in spans):
                spans.append(span)
        start, end = match.sentences[r]
        offsets = tuple((tokens.starts[a], tokens.ends[b]) for a, b in spans)
        return SentenceWeight(field, start, end, offsets)


class ReaderModel:
    """A trained model, loaded from its file; scores texts with cached per-word sums."""

    def __init__(
        self,
        header: dict[str, Any],
        vocabulary: list[str],
        idf: array[float],
        weights: array[float]
        | memoryview[float],  # a view: mapped from the ruleset cache's side file
        sha256: str,
    ) -> None:
        self.header = header
        self.sha256 = sha256
        self.indicators: tuple[str, ...] = tuple(header["indicators"])
        self.index = {ind: k for k, ind in enumerate(self.indicators)}
        self.intercepts: tuple[float, ...] = tuple(header["intercepts"])
        self.calibration = Calibration(**header["calibration"])
        self.suggest: dict[str, float] = dict(header["suggest_thresholds"])
        self.vocabulary = dict(zip(vocabulary, range(len(vocabulary)), strict=True))
        self.idf = idf
        self.weights = weights  # idf × coefficient, row-major: feature × indicator
        self._zero = (0.0,) * len(self.indicators)
        self._words: dict[str, tuple[tuple[float, ...], float]] = {}
        self._singles: dict[str, tuple[tuple[float, ...], float]] = {}

    def __getstate__(self) -> dict[str, Any]:  # pickled without the caches
        # a mapped view is copied into an array: spawned --jobs workers get plain data
        weights = self.weights if isinstance(self.weights, array) else array("f", self.weights)
        return {**self.parts(), "weights": weights}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**{**state, "vocabulary": state["vocabulary"].split("\n")})  # type: ignore[misc]

    def parts(self) -> dict[str, Any]:
        """What is pickled but the weights, which the ruleset cache keeps apart (cache.py)."""
        return {
            "header": self.header,
            # one string, not 75,000: unpickling it and splitting it is several times faster
            "vocabulary": "\n".join(self.vocabulary),
            "idf": self.idf,
            "sha256": self.sha256,
        }

    @classmethod
    def from_parts(
        cls, parts: dict[str, Any], weights: array[float] | memoryview[float]
    ) -> ReaderModel:
        model = cls.__new__(cls)
        model.__setstate__({**parts, "weights": weights})
        return model

    def _row(self, i: int) -> tuple[float, ...]:
        k = len(self.indicators)
        return tuple(self.weights[i * k : (i + 1) * k])

    def _word(self, key: str) -> tuple[tuple[float, ...], float]:
        """A word's summed weights and squared norm: the same in every text that holds it."""
        known = self._words.get(key)
        if known is None:
            counts: dict[int, int] = {}
            for i in map(self.vocabulary.get, word_grams(key)):
                if i is not None:
                    counts[i] = counts.get(i, 0) + 1
            rows = [tuple(n * w for w in self._row(i)) for i, n in counts.items()]
            vector = tuple(map(sum, zip(*rows, strict=True))) if rows else self._zero
            square = sum((n * self.idf[i]) ** 2 for i, n in counts.items())
            if len(self._words) >= _CACHE_LIMIT:
                self._words.clear()
            known = self._words[key] = (vector, square)
        return known

    def _single(self, feature: str) -> tuple[tuple[float, ...], float]:
        known = self._singles.get(feature)
        if known is None:
            i = self.vocabulary.get(feature)
            known = (self._zero, 0.0) if i is None else (self._row(i), self.idf[i] ** 2)
            if len(self._singles) >= _CACHE_LIMIT:
                self._singles.clear()
            self._singles[feature] = known
        return known

    def word_vector(self, key: str) -> tuple[float, ...]:
        return self._word(key)[0]

    def single_vector(self, feature: str) -> tuple[float, ...]:
        return self._single(feature)[0]

    def read(self, texts: Sequence[tuple[str, TextMatch]]) -> Reading:
        """Score the fields of one incident as one text (each distinct word once)."""
        words: dict[str, None] = {}
        singles: dict[str, None] = {}
        for _field, match in texts:  # each distinct word once across the fields; no pair spans two
            if match.tokens is not None:
                u = units(match.tokens.keys, match.kept)
                words.update(dict.fromkeys(u.words))
                singles.update(dict.fromkeys(u.singles))
        known, cached = self.vocabulary, self._words
        # most word pairs are in no training text: only those in the vocabulary weigh anything
        parts = [cached[w] if w in cached else self._word(w) for w in words]
        parts += map(self._single, filter(known.__contains__, singles))
        norm = math.sqrt(sum(square for _, square in parts)) or 1.0
        vectors = [vector for vector, square in parts if square]
        total = tuple(map(sum, zip(*vectors, strict=True))) if vectors else self._zero
        scores = {ind: total[k] / norm + self.intercepts[k] for ind, k in self.index.items()}
        return Reading(scores, self, tuple(texts))

    def confidence(self, z: float, hit: bool) -> float:
        return self.calibration.confidence(z, hit)


def dumps(
    header: dict[str, Any], vocabulary: list[str], idf: Sequence[float], weights: Sequence[float]
) -> bytes:
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


def loads(raw: bytes, sha256: str | None = None) -> ReaderModel:
    """A model from its file's bytes; `sha256` when the caller has hashed them already."""
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
    try:
        model = ReaderModel(
            header, vocabulary, idf, weights, sha256 or hashlib.sha256(raw).hexdigest()
        )
    except (ValueError, KeyError, TypeError) as err:  # a header that does not describe a model
        raise ReaderFileError(f"header: {err}") from None
    if len(idf) != len(vocabulary) or len(weights) != len(vocabulary) * len(model.indicators):
        raise ReaderFileError("array sizes do not agree with the vocabulary")
    return model


def _le(values: array[float]) -> bytes:
    if sys.byteorder == "big":
        values = array("f", values)
        values.byteswap()
    return values.tobytes()
