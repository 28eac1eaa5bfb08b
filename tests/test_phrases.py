"""The phrase index against the plainest possible search: every phrase tried at every word."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from chithi.phrases import Hit, PhraseIndex, make_phrase, tokenize
from chithi.text import WORD, canonicalize

# Few, overlapping syllables, with and without marks, so phrases collide and share first words.
SYLLABLES = ["không", "khong", "kiểm", "kiem", "tra", "trà", "đẩy", "đây", "day", "delays", "delay"]
phrase_texts = st.lists(
    st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=4).map(" ".join),
    min_size=1,
    max_size=12,
)
texts = st.lists(
    st.one_of(st.sampled_from(SYLLABLES), st.sampled_from([",", ".", " ", "Không", "KIỂM"])),
    max_size=40,
).map(" ".join)


def brute_force(phrases: list[str], text: str) -> list[tuple[str, int, int, bool]]:
    """Try every phrase at every word: the rule of phrases.py, written out the slow way."""
    tokens = tokenize(text)
    found = []
    made = [p for p in (make_phrase(t, n) for n, t in enumerate(phrases)) if p is not None]
    for i in range(len(tokens)):
        here = []
        for phrase in made:
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
@given(phrase_texts, texts)
def test_the_index_finds_what_trying_every_phrase_everywhere_finds(phrases, text):
    made = [p for p in (make_phrase(t, n) for n, t in enumerate(phrases)) if p is not None]
    assert as_tuples(PhraseIndex(made).find(tokenize(text))) == brute_force(phrases, text)


@given(phrase_texts, texts, st.integers(0, 40), st.integers(0, 40))
def test_a_search_within_words_lo_to_hi_finds_only_phrases_lying_wholly_inside(
    phrases, text, lo, hi
):
    made = [p for p in (make_phrase(t, n) for n, t in enumerate(phrases)) if p is not None]
    tokens = tokenize(text)
    everywhere = as_tuples(PhraseIndex(made).find(tokens))
    inside = [h for h in everywhere if h[1] >= lo and h[2] < hi]
    assert as_tuples(PhraseIndex(made).find(tokens, lo, hi)) == inside


@given(st.text())
def test_tokens_are_the_words_of_the_canonical_text_at_their_offsets(value):
    tokens = tokenize(value)
    canonical = canonicalize(value).canonical
    assert tokens.words == WORD.findall(canonical)
    assert [canonical[s:e] for s, e in zip(tokens.starts, tokens.ends, strict=True)] == tokens.words
    assert len(tokens.keys) == len(tokens.unaccented) == len(tokens.words)
