"""Pseudonymising personal data in results: names, phone numbers, ID-card numbers.

A pseudonym is a keyed hash (HMAC-SHA256) of the value, so one person keeps one pseudonym
across every report of a run, and across runs that share a key (CHITHI_REDACT_KEY). Without a
key, a random one is drawn per run: pseudonyms are then stable within the run only.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import unicodedata
from dataclasses import replace
from typing import TYPE_CHECKING

from chithi.core.text import lower_preserving_length

if TYPE_CHECKING:
    from collections.abc import Callable

    from chithi.model.detections import Detection, Suppressed
    from chithi.model.results import (
        IncidentResult,
        IndicatorResult,
        ReportResult,
        ReviewNote,
    )

    Scrub = Callable[[str], str]

# Vietnamese mobile and landline numbers: +84 or 0, then 9-10 digits, spaces/dots/dashes allowed.
_PHONE = re.compile(r"(?<!\d)(?:\+84|0)(?:[ .-]?\d){8,10}(?!\d)")
# CCCD (12 digits) and old CMND (9 digits) identity-card numbers.
_ID_CARD = re.compile(r"(?<!\d)(?:\d{12}|\d{9})(?!\d)")
_HONORIFICS = r"(?:ông|bà|anh|chị|em|cô|chú|đồng chí|đ/c|đc|mr\.?|ms\.?|mrs\.?)"


class Redactor:
    def __init__(self, key: bytes | None = None) -> None:
        self._key = key or os.urandom(32)  # as secrets.token_bytes does, without its imports

    def pseudonym(self, kind: str, value: str) -> str:
        canonical = lower_preserving_length(unicodedata.normalize("NFC", " ".join(value.split())))
        digest = hmac.new(self._key, f"{kind}:{canonical}".encode(), hashlib.sha256).hexdigest()
        return f"{kind}-{digest[:8]}"

    def text(self, value: str, names: tuple[str, ...]) -> str:
        value = _PHONE.sub(lambda m: self.pseudonym("TEL", re.sub(r"\D", "", m.group())), value)
        value = _ID_CARD.sub(lambda m: self.pseudonym("ID", m.group()), value)
        for name in names:
            value = self._name(value, name)
        return value

    def _name(self, value: str, name: str) -> str:
        parts = name.split()
        if not parts:
            return value
        alias = self.pseudonym("P", name)
        full = r"\s+".join(map(re.escape, parts))
        value = re.sub(rf"(?<!\w){full}(?!\w)", alias, value, flags=re.IGNORECASE)
        # "ông Thắng", "Mr. Thang": the given name after an honorific is the same person.
        given = re.escape(parts[-1])
        return re.sub(
            rf"(?<!\w)({_HONORIFICS})\s+{given}(?!\w)", rf"\1 {alias}", value, flags=re.IGNORECASE
        )


def redactor_from_env() -> Redactor:
    """The run's redactor: keyed by CHITHI_REDACT_KEY when set, so pseudonyms match across runs."""
    return Redactor(os.environ.get("CHITHI_REDACT_KEY", "").encode() or None)


def redact_result(result: ReportResult, redactor: Redactor) -> ReportResult:
    report = result.report
    people = [report.subject.name] if report.subject.kind == "person" else []  # a unit is no person
    people += [report.reporter] + [w.by for i in report.incidents for w in i.waivers]
    names = tuple(dict.fromkeys(n for n in people if n))

    def scrub(value: str) -> str:
        return redactor.text(value, names)

    subject = report.subject
    if subject.kind == "person":
        subject = replace(subject, name=redactor.pseudonym("P", subject.name))
    reporter = redactor.pseudonym("P", report.reporter) if report.reporter else ""
    incidents = tuple(_incident(i, scrub, redactor) for i in result.incidents)
    return replace(
        result,
        report=replace(report, subject=subject, reporter=reporter),
        incidents=incidents,
        notes=tuple(_note(n, scrub) for n in result.notes),
    )


def _incident(item: IncidentResult, scrub: Scrub, redactor: Redactor) -> IncidentResult:
    original = {"summary": item.incident.summary, "narrative": item.incident.narrative}
    fields = {name: (text, scrub(text)) for name, text in original.items()}
    evidence = tuple(replace(e, ref=scrub(e.ref)) for e in item.incident.evidence)
    incident = replace(
        item.incident,
        summary=fields["summary"][1],
        narrative=fields["narrative"][1],
        evidence=evidence,
    )
    return replace(
        item,
        incident=incident,
        rows=tuple(_row(r, scrub, redactor, fields) for r in item.rows),
        suppressed=tuple(_suppressed(s, scrub) for s in item.suppressed),
    )


def _row(
    row: IndicatorResult, scrub: Scrub, redactor: Redactor, fields: dict[str, tuple[str, str]]
) -> IndicatorResult:
    waiver = row.waiver
    if waiver is not None:
        by = redactor.pseudonym("P", waiver.by) if waiver.by else ""
        waiver = replace(waiver, reason=scrub(waiver.reason), by=by)
    return replace(
        row,
        detections=tuple(_detection(d, scrub, fields[d.field]) for d in row.detections),
        evidence_used=tuple(scrub(e) for e in row.evidence_used),
        waiver=waiver,
    )


def _detection(d: Detection, scrub: Scrub, field: tuple[str, str]) -> Detection:
    """Redacted text, with the span re-pointed into the redacted field so highlights stay right.

    A sentence (or matched words) can occur more than once: the span goes to the same
    occurrence in the redacted text as in the original, not to the first one.
    """
    original_field, field_text = field
    sentence, matched = scrub(d.sentence), scrub(d.matched)
    if d.confidence == "model":
        # Its "phrase" is the text's own heaviest words, not the ruleset's: a word that is not in
        # the redacted sentence was (part of) a name, and goes.
        kept = [w for w in d.phrase.split(", ") if _whole_word(w, sentence)]
        d = replace(d, phrase=", ".join(kept) or "…")
        matched = d.matched if _whole_word(d.matched, sentence) else ""
    nth_sentence = _occurrences_before(original_field, d.sentence, d.sentence_start)
    sentence_start = _nth(field_text, sentence, nth_sentence)
    nth_match = _occurrences_before(d.sentence, d.matched, d.start - d.sentence_start)
    within = _nth(sentence, matched, nth_match) if matched else 0
    if sentence_start < 0 or within < 0:
        return replace(d, matched=matched, sentence=sentence)
    start = sentence_start + within
    return replace(
        d,
        matched=matched,
        sentence=sentence,
        sentence_start=sentence_start,
        start=start,
        end=start + len(matched),
    )


def _occurrences_before(text: str, part: str, position: int) -> int:
    """How many times `part` starts in `text` before `position` (0 when `part` is empty)."""
    count, at = 0, text.find(part) if part else -1
    while 0 <= at < position:
        count, at = count + 1, text.find(part, at + 1)
    return count


def _nth(text: str, part: str, n: int) -> int:
    """Where the n-th (from 0) occurrence of `part` starts in `text`, or -1."""
    at = text.find(part)
    for _ in range(n):
        if at < 0:
            break
        at = text.find(part, at + 1)
    return at


def _whole_word(word: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def _suppressed(s: Suppressed, scrub: Scrub) -> Suppressed:
    return replace(s, matched=scrub(s.matched), sentence=scrub(s.sentence))


def _note(note: ReviewNote, scrub: Scrub) -> ReviewNote:
    return replace(note, message=type(note.message)(scrub(note.message.vi), scrub(note.message.en)))
