"""Finding phrases in tokenised text, with and without diacritics.

A phrase matches a run of consecutive words. Each text word must equal the phrase word
(canonical form), or carry no diacritics at all and equal it once folded: "dun day" finds
"đùn đẩy", but "đẩy" never finds "đây" — a word written with other marks is another word.
Folded words also drop English inflections (`word_key`): "delays" and "delayed" find "delay".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from chithi.text import WORD, canonical_phrase, canonicalize, fold_char

T = TypeVar("T")


# Token and Hit are made by the hundred thousand: plain slotted classes, not frozen ones, whose
# __init__ would go through object.__setattr__ for every field. Nothing mutates them.
@dataclass(slots=True)
class Token:
    canonical: str
    folded: str
    start: int
    end: int
    unaccented: bool  # typed without any diacritic


@dataclass(frozen=True, slots=True)
class Tokens:
    """The words of one text, with the canonical text the offsets refer to."""

    original: str
    canonical: str
    items: tuple[Token, ...]


def tokenize(raw: str) -> Tokens:
    canon = canonicalize(raw)
    folded = canon.folded
    items = []
    for m in WORD.finditer(canon.canonical):
        word, (start, end) = m.group(), m.span()
        plain = folded[start:end]
        # canonical keeps every mark the writer typed; folded has none
        items.append(Token(word, word_key(plain), start, end, plain == word))
    return Tokens(canon.original, canon.canonical, tuple(items))


@dataclass(frozen=True, slots=True)
class Phrase(Generic[T]):
    text: str  # as the ruleset wrote it
    canonical: tuple[str, ...]
    folded: tuple[str, ...]
    payload: T


@dataclass(slots=True)
class Hit(Generic[T]):
    phrase: Phrase[T]
    first: int  # token index
    last: int  # token index, inclusive
    folded: bool  # at least one word matched only without diacritics


def make_phrase(text: str, payload: T) -> Phrase[T] | None:
    """None when the phrase has no words left after normalisation."""
    words = tuple(canonical_phrase(text).split())
    if not words:
        return None
    folded = tuple(word_key("".join(fold_char(c) for c in w)) for w in words)
    return Phrase(text, words, folded, payload)


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
    """Phrases keyed by their first folded word, and longer ones by their first two, so each
    text word costs two dict lookups and only plausible phrases are compared word by word."""

    def __init__(self, phrases: list[Phrase[T]]) -> None:
        self._single: dict[str, list[Phrase[T]]] = defaultdict(list)
        self._pairs: dict[tuple[str, str], list[Phrase[T]]] = defaultdict(list)
        for phrase in phrases:
            if len(phrase.folded) == 1:
                self._single[phrase.folded[0]].append(phrase)
            else:
                self._pairs[phrase.folded[0], phrase.folded[1]].append(phrase)

    def __bool__(self) -> bool:
        return bool(self._single or self._pairs)

    def find(self, tokens: tuple[Token, ...], lo: int = 0, hi: int | None = None) -> list[Hit[T]]:
        """Every hit lying within tokens[lo:hi], overlaps included, in text order."""
        stop = len(tokens) if hi is None else hi
        hits: list[Hit[T]] = []
        single, pairs = self._single, self._pairs
        for i in range(lo, stop):
            token = tokens[i]
            for phrase in single.get(token.folded, ()):
                # the folded word is equal already; the marks must be too, or absent from the text
                if token.canonical == phrase.canonical[0]:
                    hits.append(Hit(phrase, i, i, False))
                elif token.unaccented:
                    hits.append(Hit(phrase, i, i, True))
            if i + 1 < stop:
                for phrase in pairs.get((token.folded, tokens[i + 1].folded), ()):
                    hit = _match_at(phrase, tokens, i, stop)
                    if hit is not None:
                        hits.append(hit)
        return hits


def _match_at(phrase: Phrase[T], tokens: tuple[Token, ...], i: int, stop: int) -> Hit[T] | None:
    if i + len(phrase.canonical) > stop:
        return None
    folded = False
    for offset, (canon, fold) in enumerate(zip(phrase.canonical, phrase.folded, strict=True)):
        token = tokens[i + offset]
        if token.canonical == canon:
            continue
        if token.unaccented and token.folded == fold:
            folded = True
            continue
        return None
    return Hit(phrase, i, i + len(phrase.canonical) - 1, folded)
