"""The phrase index against the plainest possible search: every phrase tried at every word."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from chithi.core.text import WORD, canonicalize
from chithi.match.phrases import Hit, Phrase, PhraseIndex, make_phrase, tokenize

# Few, overlapping syllables, with and without marks, so phrases collide and share first words.
SYLLABLES = ["không", "khong", "kiểm", "kiem", "tra", "trà", "đẩy", "đây", "day", "delays", "delay"]
phrase_texts = st.lists(
    st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=4).map(" ".join),
    min_size=1,
    max_size=12,
)
# What each phrase needs beside it (folded words): none, or a few as a near-rule part does.
needs_lists = st.lists(
    st.frozensets(st.sampled_from(["khong", "kiem", "tra", "day", "delay"]), max_size=2),
    min_size=12,
    max_size=12,
)
texts = st.lists(
    st.one_of(st.sampled_from(SYLLABLES), st.sampled_from([",", ".", " ", "Không", "KIỂM"])),
    max_size=40,
).map(" ".join)


def made(phrases: list[str], needs: list[frozenset[str]]) -> list[Phrase[int]]:
    built = (make_phrase(t, n) for n, t in enumerate(phrases))
    return [replace(p, needs=needs[p.payload]) for p in built if p is not None]


def brute_force(
    phrases: list[str], needs: list[frozenset[str]], text: str
) -> list[tuple[str, int, int, bool]]:
    """Try every phrase at every word: the rule of phrases.py, written out the slow way."""
    tokens = tokenize(text)
    found = []
    for i in range(len(tokens)):
        here = []
        for phrase in made(phrases, needs):
            if not phrase.needs.issubset(tokens.keys):
                continue
            size = len(phrase.canonical)
            if i + size > len(tokens):
                continue
            span = range(i, i + size)
            if [tokens.keys[j] for j in span] != list(phrase.folded):
                continue
            exact = [tokens.words[j] == phrase.canonical[j - i] for j in span]
            if all(e or tokens.unaccented[j] for e, j in zip(exact, span, strict=True)):
                here.append(
                    (size > 1, phrase.payload, (phrase.text, i, i + size - 1, not all(exact)))
                )
        found += [hit for _, _, hit in sorted(here)]
    return found


def as_tuples(hits: list[Hit[int]]) -> list[tuple[str, int, int, bool]]:
    return [(h.phrase.text, h.first, h.last, h.folded) for h in hits]


@settings(max_examples=300)
@given(phrase_texts, needs_lists, texts)
def test_the_index_finds_what_trying_every_phrase_everywhere_finds(phrases, needs, text):
    index = PhraseIndex(made(phrases, needs))
    assert as_tuples(index.find(tokenize(text))) == brute_force(phrases, needs, text)


@given(phrase_texts, texts, st.integers(0, 40), st.integers(0, 40))
def test_a_search_within_words_lo_to_hi_finds_only_phrases_lying_wholly_inside(
    phrases, text, lo, hi
):
    no_needs = [frozenset[str]()] * len(phrases)
    tokens = tokenize(text)
    everywhere = as_tuples(PhraseIndex(made(phrases, no_needs)).find(tokens))
    inside = [h for h in everywhere if h[1] >= lo and h[2] < hi]
    assert as_tuples(PhraseIndex(made(phrases, no_needs)).find(tokens, lo, hi)) == inside


def test_a_phrase_needing_words_is_found_only_beside_them():
    part = replace(make_phrase("nhận", 0), needs=frozenset({"nhan", "tien"}))
    index = PhraseIndex([part])
    assert index.find(tokenize("cán bộ nhận hồ sơ")) == []
    assert [h.first for h in index.find(tokenize("cán bộ nhận tiền"))] == [2]
    # only the words searched count: "tiền" in the next sentence's words is not beside it
    tokens = tokenize("cán bộ nhận hồ sơ. Sau đó tiền")
    assert index.find(tokens, 0, 5) == []


@given(st.text())
def test_tokens_are_the_words_of_the_canonical_text_at_their_offsets(value):
    tokens = tokenize(value)
    canonical = canonicalize(value).canonical
    assert tokens.words == WORD.findall(canonical)
    assert [canonical[s:e] for s, e in zip(tokens.starts, tokens.ends, strict=True)] == tokens.words
    assert len(tokens.keys) == len(tokens.unaccented) == len(tokens.words)
