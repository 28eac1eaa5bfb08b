"""Vietnamese-aware text canonicalisation: NFC, lower case, one tone-mark placement, folding.

Every transformation here keeps one output character per input character, so a span found
in the canonical or folded text is the same span in the (NFC) original: explanations can
quote exactly what the reporter wrote.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from itertools import accumulate

from chithi.core.records import record

TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
WORD = re.compile(r"\w+")
_WORDS_AND_GAPS = re.compile(r"(\w+)")
# Nuclei whose tone mark the old orthography puts on the first vowel (hòa, hòe, thủy) and the
# new one on the second (hoà, hoè, thuỷ). Only these differ between the two conventions.
_SHIFTED_NUCLEI = frozenset({"oa", "oe", "uy"})
_VOWELS = frozenset("aeiouy")


@cache
def _split_char(char: str) -> tuple[str, str, str]:
    """(base letter, quality marks, tone mark) of one precomposed character."""
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    tone = "".join(m for m in marks if m in TONE_MARKS)
    quality = "".join(m for m in marks if m not in TONE_MARKS)
    return base, quality, tone


def _compose(base: str, quality: str, tone: str) -> str:
    composed = unicodedata.normalize("NFC", base + quality + tone)
    # A mark that does not compose would lengthen the text; keep the spans intact instead.
    return composed if len(composed) == 1 else unicodedata.normalize("NFC", base + quality)


def _retone_word(word: str) -> str:
    """Move the tone of an old-style oa/oe/uy syllable to the second vowel (hòa → hoà)."""
    parts = [_split_char(c) for c in word]
    vowel_positions = [i for i, (b, _, _) in enumerate(parts) if b.lower() in _VOWELS]
    if len(vowel_positions) != 2 or vowel_positions[1] != len(word) - 1:
        return word  # a final consonant or another shape: both conventions agree
    first, second = vowel_positions
    if second != first + 1 or word[:first].lower().endswith("q"):
        return word  # "quý": qu is an onset, the tone is already on y
    nucleus = (parts[first][0] + parts[second][0]).lower()
    if nucleus not in _SHIFTED_NUCLEI or parts[first][1] or parts[second][1]:
        return word
    tone = parts[first][2]
    if not tone or parts[second][2]:
        return word
    chars = list(word)
    chars[first] = _compose(parts[first][0], "", "")
    chars[second] = _compose(parts[second][0], "", tone)
    return "".join(chars)


@cache
def fold_char(char: str) -> str:
    """One character without any diacritic; đ → d (NFD leaves đ alone)."""
    if char in "đĐ":
        return "d" if char == "đ" else "D"
    base = unicodedata.normalize("NFD", char)[0]
    return base if len(base) == 1 else char


@record
class CanonicalText:
    """The original text (NFC) with its canonical and folded forms, all of equal length."""

    original: str
    canonical: str

    @property
    def folded(self) -> str:
        return fold(self.canonical)


def lower_preserving_length(text: str) -> str:
    # str.lower() turns a few characters (İ) into two; those keep their own case instead.
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := c.lower()) == 1 else c for c in text)


# Only a word ending in a toned o/u followed by a/e/y can be written in the old style. The
# pairs are looked for first (str.find is a C scan, the regex walks every word); the regex
# starts only at a word's start (the look-behind) instead of retrying from each letter.
_OLD_STYLE_PAIRS = (*(o + v for o in "òóỏõọ" for v in "ae"), *(u + "y" for u in "ùúủũụ"))
_OLD_STYLE = re.compile(r"(?<!\w)\w*(?:[òóỏõọ][ae]|[ùúủũụ]y)(?!\w)")
# Latin letters with diacritics (Latin-1 to Latin Extended Additional, where Vietnamese lives).
_FOLDABLE = [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]


@cache
def _fold_table() -> str:
    """Indexed by code point, as str.translate takes it. A complete table rather than a dict of
    the letters that change: a dict miss (every ASCII letter) costs translate an exception."""
    table = [chr(c) for c in range(_FOLDABLE[-1] + 1)]
    for c in _FOLDABLE:
        table[c] = fold_char(table[c])
    return "".join(table)


def fold(text: str) -> str:
    """Every character without its diacritics (fold_char), in one C pass."""
    return text.translate(_fold_table())


def canonicalize(text: str) -> CanonicalText:
    original = unicodedata.normalize("NFC", text)
    lowered = lower_preserving_length(original)
    canonical = lowered
    if any(pair in lowered for pair in _OLD_STYLE_PAIRS):
        canonical = _OLD_STYLE.sub(lambda m: _retone_word(m.group()), lowered)
    return CanonicalText(original=original, canonical=canonical)


def canonical_phrase(phrase: str) -> str:
    """The canonical form of a ruleset phrase: words only, single-spaced."""
    return " ".join(WORD.findall(canonicalize(phrase).canonical))


def name_key(name: str) -> str:
    """How two writings of one name compare: NFC, single spaces, case folded."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


@record
class Span:
    """Character offsets [start, end) in a text."""

    start: int
    end: int


# A sentence ends after . ! ? … and space, at a blank line, or before a bulleted line. A single
# newline is only a wrapped line (YAML `|` blocks keep them) and does not end a sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n[ \t]*\n\s*|\n(?=[ \t]*[-*•+][ \t])")


def words_and_offsets(text: str) -> tuple[list[str], list[int], list[int]]:
    """The words of `text` with their start and end offsets, from one regex pass: split keeps
    the gaps between words, and their running lengths are the offsets (no per-word step)."""
    parts = _WORDS_AND_GAPS.split(text)  # gap, word, gap, word, …, gap
    offsets = list(accumulate(map(len, parts)))
    return parts[1::2], offsets[0:-1:2], offsets[1::2]


def sentence_spans(text: str) -> list[Span]:
    """Sentences as spans of `text` (see _SENTENCE_END)."""
    spans: list[Span] = []
    start = 0
    for boundary in _SENTENCE_END.finditer(text):
        if text[start : boundary.start()].strip():
            spans.append(_trimmed(text, start, boundary.start()))
        start = boundary.end()
    if text[start:].strip():
        spans.append(_trimmed(text, start, len(text)))
    return spans


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)
