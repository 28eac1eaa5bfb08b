from __future__ import annotations

import unicodedata

import yaml
from hypothesis import given
from hypothesis import strategies as st

from chithi.core.text import WORD, canonical_phrase, canonicalize, sentence_spans, words_and_offsets
from chithi.match.phrases import word_key
from conftest import DATA


def test_old_and_new_tone_placement_become_one_word():
    for old, new in [("hòa", "hoà"), ("thủy", "thuỷ"), ("khỏe", "khoẻ"), ("Hòa", "hoà")]:
        assert canonicalize(old).canonical == canonicalize(new).canonical == new.lower()


def test_tone_with_final_consonant_or_qu_onset_is_left_alone():
    assert canonicalize("hoàn").canonical == "hoàn"
    assert canonicalize("quý").canonical == "quý"


def test_folding_maps_d_stroke_and_strips_every_mark():
    assert canonicalize("Đùn đẩy trách nhiệm").folded == "dun day trach nhiem"


def test_decomposed_input_is_composed_first():
    decomposed = unicodedata.normalize("NFD", "không kiểm tra")
    assert canonicalize(decomposed).canonical == "không kiểm tra"


def test_phrase_punctuation_is_only_a_separator():
    assert canonical_phrase("Không kiểm tra, đôn đốc") == "không kiểm tra đôn đốc"
    assert canonical_phrase(" – ") == ""


def test_sentences_split_at_terminators_and_newlines():
    text = "Ông A đi muộn. Bà B về sớm!\nDòng mới"
    assert [text[s.start : s.end] for s in sentence_spans(text)] == [
        "Ông A đi muộn.",
        "Bà B về sớm!",
        "Dòng mới",
    ]


@given(st.text())
def test_every_form_keeps_one_character_per_character(value):
    form = canonicalize(value)
    assert len(form.original) == len(form.canonical) == len(form.folded)


@given(st.text(alphabet="aăâeêioôơuưyđáàảãạắằẳẵặấầẩẫậéèẻẽẹóòỏõọủụúùũýỳỷỹỵ .,;\n"))
def test_canonical_form_is_idempotent(value):
    once = canonicalize(value).canonical
    assert canonicalize(once).canonical == once


def test_english_inflections_fold_to_one_key():
    assert {word_key(w) for w in ("delay", "delays", "delayed", "delaying")} == {"delay"}
    assert {word_key(w) for w in ("approve", "approved", "approving", "approves")} == {"approv"}
    assert {word_key(w) for w in ("stop", "stopped", "stopping")} == {"stop"}
    assert word_key("notes") == word_key("note") != word_key("not")


def test_no_vietnamese_word_is_changed_by_the_english_key():
    """Every word written with diacritics in the corpora's Vietnamese cases (so surely
    Vietnamese), folded, is its own key: dropping English inflections must never merge two
    Vietnamese words. English cases are left out: "café", "façade" or "the Nguyễns" carry
    diacritics too, and there an English key is what is wanted."""
    words = set()
    for path in sorted(DATA.glob("corpus*/**/*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")).get("cases", []):
            if case.get("lang", "vi") != "vi":
                continue
            text = canonicalize(case["text"])
            for m in WORD.finditer(text.canonical):
                folded = text.folded[m.start() : m.end()]
                if folded != m.group():
                    words.add(folded)
    assert len(words) > 500
    assert {w: word_key(w) for w in words if word_key(w) != w} == {}


@given(st.text(alphabet="aêđ_Ư9 \n\t.,;:-–“”\u00a0\u200b\U0001f600ʼ"))
def test_words_and_offsets_are_the_word_pattern_matches(value):
    words, starts, ends = words_and_offsets(value)
    matches = list(WORD.finditer(value))
    assert words == [m.group() for m in matches]
    assert starts == [m.start() for m in matches]
    assert ends == [m.end() for m in matches]
