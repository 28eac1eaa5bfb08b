"""Finding phrases in tokenised text, with and without diacritics.

A phrase matches a run of consecutive words. Each text word must equal the phrase word
(canonical form), or carry no diacritics at all and equal it once folded: "dun day" finds
"đùn đẩy", but "đẩy" never finds "đây" — a word written with other marks is another word.
Folded words also drop English inflections (`word_key`): "delays" and "delayed" find "delay".
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import compress, pairwise
from operator import attrgetter
from typing import Generic, TypeVar

from chithi.core.records import record
from chithi.core.text import canonical_phrase, canonicalize, fold, words_and_offsets

T = TypeVar("T")


@record
class Tokens:
    """The words of one text as parallel lists, with the canonical text the offsets refer to.

    Lists, not one object per word: a report has hundreds of words and a batch millions, and
    every list is built by C loops (a regex split, map over cached functions), not a loop per word.
    """

    original: str
    canonical: str
    words: list[str]  # canonical: every mark the writer typed
    keys: list[str]  # folded, English inflection removed (word_key): what phrases are indexed by
    unaccented: list[bool]  # typed without any diacritic
    starts: list[int]
    ends: list[int]

    def __len__(self) -> int:
        return len(self.words)

    def first_at(self, offset: int) -> int:
        """Index of the first word starting at or after `offset`."""
        return bisect_left(self.starts, offset)


def tokenize(raw: str) -> Tokens:
    canon = canonicalize(raw)
    words, starts, ends = words_and_offsets(canon.canonical)
    return Tokens(
        original=canon.original,
        canonical=canon.canonical,
        words=words,
        keys=list(map(_key_of, words)),
        unaccented=list(map(_unaccented, words)),
        starts=starts,
        ends=ends,
    )


# Per word, cached: a narrative repeats a few thousand syllables, and str.translate costs
# hundreds of instructions a character (a table lookup through the mapping protocol).
@lru_cache(maxsize=1 << 16)
def _key_of(word: str) -> str:
    return word_key(fold(word))


@lru_cache(maxsize=1 << 16)
def _unaccented(word: str) -> bool:
    return fold(word) == word


@record
class Phrase(Generic[T]):
    """A phrase to look for, with its words as written and as folded, and what a hit carries."""

    text: str  # as the ruleset wrote it
    canonical: tuple[str, ...]
    folded: tuple[str, ...]
    payload: T
    rank: int = 0  # at one word: single words first, then the order given (see PhraseIndex)
    # Folded words the same stretch of text must also hold for a hit to be worth making: a part
    # of a near rule ("nhận") is nothing without the rule's other parts ("tiền").
    needs: frozenset[str] = frozenset()

    def __reduce__(self) -> tuple[type[Phrase[T]], tuple[object, ...]]:
        # The ruleset cache holds a couple of thousand phrases, unpickled at every start: through
        # __init__ that is several times faster than the field-by-field setstate of frozen slots.
        fields = (self.text, self.canonical, self.folded, self.payload, self.rank, self.needs)
        return type(self), fields


@dataclass(slots=True)
class Hit(Generic[T]):
    """Where a phrase was found, in token positions."""

    phrase: Phrase[T]
    first: int  # token index
    last: int  # token index, inclusive
    folded: bool  # at least one word matched only without diacritics


def make_phrase(text: str, payload: T) -> Phrase[T] | None:
    """None when the phrase has no words left after normalisation."""
    words = tuple(canonical_phrase(text).split())
    if not words:
        return None
    # keyed exactly as text words are (tokenize), so the index compares like with like
    return Phrase(text, words, tuple(map(_key_of, words)), payload)


# (ending, shortest word it is taken from, what replaces it); the first that fits is used
_INFLECTIONS = (
    ("ies", 5, "y"),
    ("ied", 5, "y"),
    ("ing", 6, ""),
    ("ed", 5, ""),
    ("sses", 5, "ss"),
    ("xes", 4, "x"),
    ("ches", 5, "ch"),
    ("shes", 5, "sh"),
    ("s", 4, ""),
)
_NOT_PLURAL = ("ss", "us", "is")  # process, status, basis
_DOUBLED_FINAL = frozenset("bdgkmnprt")  # stopped, referred; not staffed, filled, passed


@lru_cache(maxsize=1 << 16)
def word_key(folded: str) -> str:
    """A folded word with its English inflection removed: delays, delayed, delaying → delay;
    approve, approved, approving → approv; stopped → stop; bodies → body.

    Vietnamese is left as it is: no syllable ends in s, d or "ing", and none of five letters or
    more ends in e (abbreviations such as VPĐKĐĐ keep their doubled letters: nothing was
    stripped). Irregular forms (took, paid) are not covered.
    """
    stem = folded
    for ending, shortest, replacement in _INFLECTIONS:
        if len(folded) >= shortest and folded.endswith(ending):
            if ending != "s" or not folded.endswith(_NOT_PLURAL):
                stem = folded[: -len(ending)] + replacement
            break
    if stem != folded and len(stem) > 3 and stem[-1] == stem[-2] in _DOUBLED_FINAL:
        return stem[:-1]  # stopp(ed) → stop
    if len(stem) > 4 and stem.endswith("e"):
        return stem[:-1]  # approve, approv(ed) → approv
    return stem


class PhraseIndex(Generic[T]):
    """Phrases keyed by their folded words: single words by the word, longer phrases by their
    first two words, so the words worth a closer look are picked out by C loops (map, pairwise,
    compress) and only those cost Python steps. Common syllables begin many phrases ("không",
    "người"), but few pairs of them do."""

    def __init__(self, phrases: list[Phrase[T]]) -> None:
        self._singles: dict[str, list[Phrase[T]]] = defaultdict(list)
        self._longer: dict[tuple[str, ...], list[Phrase[T]]] = defaultdict(list)
        sizes: dict[tuple[str, str], set[int]] = defaultdict(set)
        for order, phrase in enumerate(phrases):
            # Of several phrases found at one word, single words come first, then the order given.
            ranked = replace(phrase, rank=order + len(phrases) * (len(phrase.folded) > 1))
            if len(phrase.folded) == 1:
                self._singles[phrase.folded[0]].append(ranked)
            else:
                self._longer[phrase.folded].append(ranked)
                sizes[phrase.folded[0], phrase.folded[1]].add(len(phrase.folded))
        self._sizes = {pair: sorted(n) for pair, n in sizes.items()}
        self._conditional = any(phrase.needs for phrase in phrases)

    def __bool__(self) -> bool:
        return bool(self._singles or self._longer)

    def find(self, tokens: Tokens, lo: int = 0, hi: int | None = None) -> list[Hit[T]]:
        """Every hit lying within words[lo:hi], overlaps included, in text order; at one word,
        single words first, then in the order the phrases were given. A phrase whose `needs`
        are not all among these words is not looked for."""
        keys = tokens.keys[lo:hi]
        hits: list[Hit[T]] = []
        singles, longer, sizes = self._singles, self._longer, self._sizes
        words, unaccented = tokens.words, tokens.unaccented
        present = set(keys) if self._conditional else set()
        for i in compress(range(len(keys)), map(singles.__contains__, keys)):
            at = lo + i
            for phrase in singles[keys[i]]:
                if not phrase.needs <= present:
                    continue
                if words[at] == phrase.canonical[0]:
                    hits.append(Hit(phrase, at, at, False))
                elif unaccented[at]:
                    hits.append(Hit(phrase, at, at, True))
        pairs = list(pairwise(keys))
        for i in compress(range(len(pairs)), map(sizes.__contains__, pairs)):
            for size in sizes[pairs[i]]:
                if i + size > len(keys):
                    break
                for phrase in longer.get(tuple(keys[i : i + size]), ()):
                    if not phrase.needs <= present:
                        continue
                    if (hit := _accepted(phrase, tokens, lo + i)) is not None:
                        hits.append(hit)
        hits.sort(key=_POSITION)
        return hits


_POSITION = attrgetter("first", "phrase.rank")


def _accepted(phrase: Phrase[T], tokens: Tokens, i: int) -> Hit[T] | None:
    """The folded words are equal already; each word's marks must be too, or absent."""
    words, unaccented = tokens.words, tokens.unaccented
    folded = False
    for offset, canon in enumerate(phrase.canonical):
        if words[i + offset] != canon:
            if not unaccented[i + offset]:
                return None
            folded = True
    return Hit(phrase, i, i + len(phrase.canonical) - 1, folded)
