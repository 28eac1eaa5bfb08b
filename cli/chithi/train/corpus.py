"""Labelled narratives and the precision/recall of a detector on them.

A case lists the indicators it `must` trigger and those it `may` trigger. A detection of a
`must` indicator is a true positive, a missed `must` a false negative, and a detection of an
indicator in neither list a false positive; `may` detections count neither way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import yaml

from chithi.core.records import record
from chithi.inputs.rulesets import compiled_reader
from chithi.model.detections import text_alone_convicts

if TYPE_CHECKING:
    from pathlib import Path

    from chithi.match.matcher import TextMatch
    from chithi.model.documents import Ruleset

Detector = Callable[[str], set[str]]


@record
class Case:
    id: str
    lang: str
    diacritics: bool
    must: frozenset[str]
    may: frozenset[str]
    text: str
    writer: str = ""
    genre: str = "unspecified"

    @property
    def negative(self) -> bool:
        return not self.must


def load_corpus(folder: Path, writer: str = "") -> list[Case]:
    cases: list[Case] = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name == "splits.yaml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data["cases"]:
            cases.append(
                Case(
                    id=str(item["id"]),
                    lang=item["lang"],
                    diacritics=bool(item["diacritics"]),
                    must=frozenset(item.get("must") or ()),
                    may=frozenset(item.get("may") or ()),
                    text=item["text"],
                    writer=writer,
                    genre=item.get("genre", "unspecified"),
                )
            )
    return cases


SPLITS = ("train", "dev", "test")


def writer_folder(corpus: Path, writer: str) -> Path:
    """Round 1 and 2 live in corpus/ itself, the first blind set beside it, every later writer
    in corpus/writers/<id>/."""
    if writer == "corpus":
        return corpus
    if writer == "heldout":
        return corpus.parent / "corpus-heldout"
    return corpus / "writers" / writer


def load_split(corpus: Path, split: str) -> list[Case]:
    """The cases of one split (train, dev, test) as corpus/splits.yaml assigns writers."""
    writers = yaml.safe_load((corpus / "splits.yaml").read_text(encoding="utf-8"))[split]
    return [case for w in writers for case in load_corpus(writer_folder(corpus, w), w)]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class Evaluation:
    micro: Counts = field(default_factory=Counts)
    per_indicator: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_slice: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_genre: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    negative_hits: list[tuple[Case, set[str]]] = field(default_factory=list)
    false_positives: list[tuple[Case, set[str]]] = field(default_factory=list)
    misses: list[tuple[Case, set[str]]] = field(default_factory=list)


def slice_of(case: Case) -> str:
    if case.lang == "en":
        return "en"
    return "vi" if case.diacritics else "vi-no-diacritics"


def evaluate(detect: Detector, cases: Iterable[Case]) -> Evaluation:
    result = Evaluation()
    for case in cases:
        found = detect(case.text)
        counts = Counts()
        for indicator in case.must:
            hit = indicator in found
            per = result.per_indicator[indicator]
            per.tp += hit
            per.fn += not hit
            counts.tp += hit
            counts.fn += not hit
        wrong = found - case.must - case.may
        for indicator in wrong:
            result.per_indicator[indicator].fp += 1
        counts.fp += len(wrong)
        result.micro.add(counts)
        result.by_slice[slice_of(case)].add(counts)
        result.by_genre[case.genre].add(counts)
        if case.negative and found - case.may:
            result.negative_hits.append((case, found - case.may))
        if wrong:
            result.false_positives.append((case, wrong))
        missed = set(case.must - found)
        if missed:
            result.misses.append((case, missed))
    return result


@record
class Figures:
    """What the issue's targets are stated in, for one reader on one split."""

    points: Evaluation  # detections that would carry points uncited
    found: Evaluation  # every detection: points and suggestions together
    negatives: int

    @property
    def clean_flagged(self) -> float:
        """The share of clean narratives with a point-bearing detection."""
        return len(self.points.negative_hits) / self.negatives if self.negatives else 0.0


def figures(points: Detector, found: Detector, cases: list[Case]) -> Figures:
    return Figures(evaluate(points, cases), evaluate(found, cases), sum(c.negative for c in cases))


def combined_detectors(ruleset: Ruleset) -> tuple[Detector, Detector]:
    """The phrases and learned reader as a report would use them on an uncited narrative:
    (what would carry points, everything detected, suggestions included)."""
    read = memoised_reader(ruleset)
    return points_from(read, ruleset.scoring.text_min_confidence), found_by(read)


def memoised_reader(ruleset: Ruleset) -> Callable[[str], TextMatch]:
    """The combined reader of one ruleset, reading each distinct text once."""
    reader = compiled_reader(ruleset)
    memo: dict[str, TextMatch] = {}

    def read(text: str) -> TextMatch:
        if text not in memo:
            memo[text] = reader.read_text(text)
        return memo[text]

    return read


def points_from(read: Callable[[str], TextMatch], bar: float) -> Detector:
    """What carries points uncited when text alone must reach `bar` (the ruleset's
    scoring.text_only.min_confidence, or another bar to compare it with)."""

    def points(text: str) -> set[str]:
        found = read(text)
        return {
            i
            for i, c in found.confidence.items()
            if text_alone_convicts(c, [d for d in found.detections if d.indicator == i], bar)
        }

    return points


def found_by(read: Callable[[str], TextMatch]) -> Detector:
    return lambda text: {d.indicator for d in read(text).detections}
