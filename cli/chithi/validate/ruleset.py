"""Meaning checks on a schema-valid ruleset: what JSON Schema cannot express.

Each check has a stable code and yields located, bilingual problems.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from chithi.core.codes import (
    RS_DUPLICATE_GROUP,
    RS_DUPLICATE_ID,
    RS_EMPTY_PHRASE,
    RS_GROUP_SIZE,
    RS_ID_PREFIX,
    RS_LEVELS,
    RS_NO_EXAMPLES,
    RS_RECONSTRUCTED,
    RS_REFUTATION_IS_A_BREACH,
    RS_SCHEMA,
    RS_SHARED_PHRASE,
    RS_THRESHOLDS,
    RS_UNKNOWN_GROUP,
    RS_UNKNOWN_LEVEL,
)
from chithi.core.fixes import suggestion
from chithi.core.i18n import text
from chithi.core.problems import Problem, Severity
from chithi.core.text import canonical_phrase
from chithi.io.loading import Document, PathKey
from chithi.validate.report import top_level_problem
from chithi.validate.schema import validate

Check = Callable[[Document], Iterator[Problem]]


def _at(
    doc: Document, path: PathKey, code: str, vi: str, en: str, severity: Severity = Severity.ERROR
) -> Problem:
    line, column = doc.positions.of_value(path)
    return Problem(doc.file, line, column, code, text(vi, en), severity)


def unique_indicator_ids(doc: Document) -> Iterator[Problem]:
    seen: set[str] = set()
    for n, item in enumerate(doc.data["indicators"]):
        if item["id"] in seen:
            yield _at(
                doc,
                ("indicators", n, "id"),
                RS_DUPLICATE_ID,
                f"mã chỉ số '{item['id']}' bị lặp",
                f"indicator id '{item['id']}' is repeated",
            )
        seen.add(item["id"])


def unique_group_ids(doc: Document) -> Iterator[Problem]:
    counts = Counter(g["id"] for g in doc.data["groups"])
    for n, group in enumerate(doc.data["groups"]):
        if counts[group["id"]] > 1:
            yield _at(
                doc,
                ("groups", n, "id"),
                RS_DUPLICATE_GROUP,
                f"mã nhóm '{group['id']}' bị lặp",
                f"group id '{group['id']}' is repeated",
            )


def indicators_in_declared_groups(doc: Document) -> Iterator[Problem]:
    groups = {g["id"] for g in doc.data["groups"]}
    for n, item in enumerate(doc.data["indicators"]):
        if item["group"] not in groups:
            yield _at(
                doc,
                ("indicators", n, "group"),
                RS_UNKNOWN_GROUP,
                f"chỉ số {item['id']} thuộc nhóm chưa khai báo '{item['group']}'",
                f"indicator {item['id']} names undeclared group '{item['group']}'",
            )
        elif not item["id"].startswith(item["group"] + "-"):
            yield _at(
                doc,
                ("indicators", n, "id"),
                RS_ID_PREFIX,
                f"mã {item['id']} phải bắt đầu bằng tên nhóm '{item['group']}-'",
                f"id {item['id']} must start with its group '{item['group']}-'",
            )


def group_sizes(doc: Document) -> Iterator[Problem]:
    counts = Counter(item["group"] for item in doc.data["indicators"])
    for n, group in enumerate(doc.data["groups"]):
        if counts[group["id"]] != group["size"]:
            yield _at(
                doc,
                ("groups", n, "size"),
                RS_GROUP_SIZE,
                f"nhóm {group['id']} khai báo {group['size']} chỉ số nhưng có {counts[group['id']]}",
                f"group {group['id']} declares {group['size']} indicators but has {counts[group['id']]}",
            )


def levels_ordered(doc: Document) -> Iterator[Problem]:
    levels: list[dict[str, Any]] = doc.data["scoring"]["levels"]
    if levels and levels[0]["min_score"] != 0:
        yield _at(
            doc,
            ("scoring", "levels", 0, "min_score"),
            RS_LEVELS,
            "mức đầu tiên phải có min_score 0",
            "the first level must have min_score 0",
        )
    for n in range(1, len(levels)):
        if levels[n]["min_score"] <= levels[n - 1]["min_score"]:
            yield _at(
                doc,
                ("scoring", "levels", n, "min_score"),
                RS_LEVELS,
                f"mức '{levels[n]['id']}' phải có min_score lớn hơn mức trước",
                f"level '{levels[n]['id']}' must have a higher min_score than the one before",
            )
    counts = Counter(lv["id"] for lv in levels)
    for n, level in enumerate(levels):
        if counts[level["id"]] > 1:
            yield _at(
                doc,
                ("scoring", "levels", n, "id"),
                RS_LEVELS,
                f"mã mức '{level['id']}' bị lặp",
                f"level id '{level['id']}' is repeated",
            )


def min_levels_exist(doc: Document) -> Iterator[Problem]:
    levels = {lv["id"] for lv in doc.data["scoring"]["levels"]}
    for n, item in enumerate(doc.data["indicators"]):
        if "min_level" in item and item["min_level"] not in levels:
            hint = suggestion(str(item["min_level"]), sorted(levels))
            yield _at(
                doc,
                ("indicators", n, "min_level"),
                RS_UNKNOWN_LEVEL,
                f"min_level '{item['min_level']}' không phải là mức đã khai báo" + hint.vi,
                f"min_level '{item['min_level']}' is not a declared level" + hint.en,
            )


def thresholds_ordered(doc: Document) -> Iterator[Problem]:
    thresholds = doc.data["scoring"]["evidence"]["thresholds"]
    if thresholds["probable"] > thresholds["violated"]:
        yield _at(
            doc,
            ("scoring", "evidence", "thresholds", "probable"),
            RS_THRESHOLDS,
            "ngưỡng 'probable' không được lớn hơn ngưỡng 'violated'",
            "the 'probable' threshold must not exceed the 'violated' threshold",
        )


_PHRASE_LISTS: tuple[tuple[str, ...], ...] = (
    ("match", "phrases", "vi"),
    ("match", "phrases", "en"),
    ("match", "exclude"),
    ("match", "refuted_by"),
)


def phrases_have_words(doc: Document) -> Iterator[Problem]:
    for n, item in enumerate(doc.data["indicators"]):
        for keys in _PHRASE_LISTS:
            node: Any = item
            for key in keys:
                node = node.get(key, {}) if isinstance(node, dict) else {}
            for k, phrase in enumerate(node if isinstance(node, list) else []):
                if not canonical_phrase(phrase):
                    yield _at(
                        doc,
                        ("indicators", n, *keys, k),
                        RS_EMPTY_PHRASE,
                        f"cụm từ '{phrase}' không còn từ nào sau chuẩn hóa",
                        f"phrase '{phrase}' has no words after normalisation",
                    )


def shared_phrases(doc: Document) -> Iterator[Problem]:
    """The same phrase in two indicators makes one sentence raise both: usually a mistake."""
    owner: dict[str, str] = {}
    for n, item in enumerate(doc.data["indicators"]):
        phrases = item["match"]["phrases"]
        for lang in ("vi", "en"):
            for k, phrase in enumerate(phrases.get(lang, [])):
                key = canonical_phrase(phrase)
                first = owner.setdefault(key, item["id"])
                if key and first != item["id"]:
                    yield _at(
                        doc,
                        ("indicators", n, "match", "phrases", lang, k),
                        RS_SHARED_PHRASE,
                        f"cụm từ '{phrase}' đã có ở {first}: một câu sẽ kích hoạt cả hai",
                        f"phrase '{phrase}' is also in {first}: one sentence will raise both",
                        Severity.WARNING,
                    )


def refutations_are_not_breaches(doc: Document) -> Iterator[Problem]:
    """A `refuted_by` phrase disputes its indicator in the whole text. Inside another indicator's
    phrase it fires wherever that breach is told: "bịa đặt" refuting KL-01 would let every
    fabrication (KL-11) clear a bribe told in the next sentence."""
    breaches: list[tuple[str, str, str]] = []  # (" folded words ", phrase, indicator)
    for item in doc.data["indicators"]:
        match = item["match"]
        told = [p for lang in ("vi", "en") for p in match["phrases"].get(lang, [])]
        told += [part for near in match.get("near", []) for part in near["all"]]
        breaches += [(f" {canonical_phrase(p)} ", p, item["id"]) for p in told]
    for n, item in enumerate(doc.data["indicators"]):
        for k, refutation in enumerate(item["match"].get("refuted_by", [])):
            key = f" {canonical_phrase(refutation)} "
            inside = next(
                ((p, i) for words, p, i in breaches if i != item["id"] and key in words), None
            )
            if key.strip() and inside is not None:
                phrase, other = inside
                yield _at(
                    doc,
                    ("indicators", n, "match", "refuted_by", k),
                    RS_REFUTATION_IS_A_BREACH,
                    f"cụm bác bỏ '{refutation}' nằm trong cụm từ '{phrase}' của {other}: mọi văn"
                    f" bản nêu {other} sẽ phản bác {item['id']}",
                    f"refutation '{refutation}' lies inside {other}'s phrase '{phrase}': every"
                    f" text that tells {other} would dispute {item['id']}",
                    Severity.WARNING,
                )


def examples_present(doc: Document) -> Iterator[Problem]:
    """An indicator no example exercises can silently never match (vale #1154)."""
    for n, item in enumerate(doc.data["indicators"]):
        examples = item.get("examples", {})
        if not examples.get("match"):
            yield _at(
                doc,
                ("indicators", n),
                RS_NO_EXAMPLES,
                f"{item['id']} không có ví dụ phải khớp: không kiểm chứng được cụm từ",
                f"{item['id']} has no must-match example: its phrases are never exercised",
                Severity.WARNING,
            )
        if not examples.get("no_match"):
            yield _at(
                doc,
                ("indicators", n),
                RS_NO_EXAMPLES,
                f"{item['id']} không có ví dụ không được khớp (câu phủ định, câu na ná)",
                f"{item['id']} has no must-not-match example (a negation or look-alike)",
                Severity.WARNING,
            )


def reconstructed(doc: Document) -> Iterator[Problem]:
    """A reconstructed indicator still needs checking against the official text."""
    for n, item in enumerate(doc.data["indicators"]):
        if item["provenance"] == "reconstructed":
            yield _at(
                doc,
                ("indicators", n, "provenance"),
                RS_RECONSTRUCTED,
                f"{item['id']} (mục {item['source_item']}) được tái dựng: cần đối chiếu văn bản chính thức",
                f"{item['id']} (item {item['source_item']}) is reconstructed: check it against the official text",
                Severity.NOTICE,
            )


CHECKS: tuple[Check, ...] = (
    unique_indicator_ids,
    unique_group_ids,
    indicators_in_declared_groups,
    group_sizes,
    levels_ordered,
    min_levels_exist,
    thresholds_ordered,
    phrases_have_words,
    shared_phrases,
    refutations_are_not_breaches,
    examples_present,
    reconstructed,
)


def check_meaning(doc: Document) -> list[Problem]:
    """Every meaning problem: errors, warnings and notices alike."""
    return [problem for check in CHECKS for problem in check(doc)]


def ruleset_problems(doc: Document) -> list[Problem]:
    """The problems that make a ruleset unusable (errors only; warnings are validate's)."""
    if not isinstance(doc.data, dict):
        return [top_level_problem(doc, "bộ quy tắc", "ruleset", RS_SCHEMA)]
    found = validate(doc, "ruleset", RS_SCHEMA) or check_meaning(doc)
    return [p for p in found if p.severity is Severity.ERROR]
