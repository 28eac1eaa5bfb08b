"""Narrative text → detections: which indicators a text describes, where, and why.

Per sentence: find every phrase of every indicator, drop those a negation cue governs,
combine `near` parts, apply `exclude` and `refuted_by` lists; per text: a `refuted_by` phrase
disputes its indicator everywhere else in the text. A negation word that belongs to a phrase
(the "không" of "không kiểm tra, đôn đốc") describes an omission and negates nothing.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import field, replace
from typing import TYPE_CHECKING, Literal, NamedTuple

from chithi.core.records import record
from chithi.core.text import sentence_spans
from chithi.match.phrases import Hit, Phrase, PhraseIndex, Tokens, make_phrase, tokenize
from chithi.model.detections import Confidence, Detection, Suppressed

if TYPE_CHECKING:
    from chithi.model.documents import Indicator, Negation, Ruleset

_CLAUSE_PUNCTUATION = re.compile("[;:]")
_COMMA = re.compile("[,，]")
_COLON = re.compile(":")


@record
class TextMatch:
    """What the rules read in a text: detections, what negation set aside, and what the learned
    reader may weigh."""

    detections: tuple[Detection, ...]
    suppressed: tuple[Suppressed, ...]
    # What the rules keep for the learned reader: runs of words (token index ranges) outside
    # negated clauses, negated phrases and refuted reports (reader.py).
    tokens: Tokens | None = field(default=None, compare=False)
    kept: tuple[tuple[int, int], ...] = ()
    sentences: tuple[tuple[int, int], ...] = ()  # offsets of the sentence of each kept run
    # An incident's match holds each field's own match, summary first, for the reader.
    fields: tuple[tuple[str, TextMatch], ...] = field(default=(), compare=False)
    # Calibrated confidence per indicator the incident's text describes (reader.py).
    confidence: dict[str, float] = field(default_factory=dict, compare=False)
    # (cue, sentence) where the text says something was not established ("chưa có căn cứ").
    contradictions: tuple[tuple[str, str], ...] = ()
    # (indicator, start, end) of every phrase that counts, not only the one detection kept per
    # sentence: the words a phrase accounts for cannot convict another indicator (reader.py).
    accounted: tuple[tuple[str, int, int], ...] = field(default=(), compare=False)
    # (indicator, cue) for each indicator a `refuted_by` phrase refutes anywhere in the text:
    # it drops the phrases of that sentence, and disputes every other reading of it.
    disputes: tuple[tuple[str, str], ...] = field(default=(), compare=False)


class _Part(NamedTuple):  # a tuple: compared and hashed in C, many times per sentence
    indicator: str
    near: int | None  # index of the `near` rule this phrase is part of; None for a phrase


class Matcher:
    """A ruleset's phrases compiled once, applied to any number of texts."""

    def __init__(self, indicators: tuple[Indicator, ...], negation: Negation) -> None:
        self._indicators = {i.id: i for i in indicators}
        self._near_parts: dict[_Part, frozenset[str]] = {}  # each near rule's part texts
        phrases: list[Phrase[_Part]] = []
        excludes: list[Phrase[str]] = []
        refutations: list[Phrase[str]] = []
        for indicator in indicators:
            phrases += _phrases(indicator.match.phrases, _Part(indicator.id, None))
            for n, near in enumerate(indicator.match.near):
                parts = _phrases(near.all, _Part(indicator.id, n))
                # A part found without the others' words in the sentence could never count.
                needs = frozenset(word for part in parts for word in part.folded)
                phrases += [replace(part, needs=needs) for part in parts]
                self._near_parts[_Part(indicator.id, n)] = frozenset(near.all)
            excludes += _phrases(indicator.match.exclude, indicator.id)
            refutations += _phrases(indicator.match.refuted_by, indicator.id)
        self._phrases = PhraseIndex(phrases)
        # Everything that qualifies a phrase, in one index: one scan per sentence finds it all.
        context: list[Phrase[tuple[str, str]]] = [
            p
            for kind, cues in (("exclude", excludes), ("refutation", refutations))
            for e in cues
            for p in _phrases((e.text,), (kind, e.payload))
        ]
        for kind, cues in (
            ("clause", negation.clause_cues),
            ("near", negation.near_cues),
            ("break", negation.clause_breaks),
            ("not", negation.not_negations),
            ("hedge", negation.hedge_cues),
            ("trailing", negation.trailing_cues),
            ("refute", negation.refutation_cues),
            ("contradict", negation.contradiction_cues),
        ):
            context += _phrases(cues, (kind, ""))
        self._context = PhraseIndex(context)
        # A sentence with no phrase needs only what sets words aside for the learned reader, and
        # the refutations that dispute a reading: without the frequent near cues ("không",
        # "not") and the excludes, which only ever silence a phrase, its scan is cheaper.
        self._aside_context = PhraseIndex(
            [p for p in context if p.payload[0] not in ("near", "exclude")]
        )
        self._window = negation.window

    @classmethod
    def for_ruleset(cls, ruleset: Ruleset) -> Matcher:
        return cls(ruleset.indicators, ruleset.negation)

    def match(self, raw: str, field: str = "narrative") -> TextMatch:
        tokens = tokenize(raw)
        detections: list[Detection] = []
        suppressed: list[Suppressed] = []
        kept: list[tuple[int, int]] = []
        sentences: list[tuple[int, int]] = []
        hedged: list[int] = []  # runs of `kept` whose sentence only reports ("theo phản ánh")
        contradictions: list[tuple[str, str]] = []
        accounted: list[tuple[str, int, int]] = []
        disputes: dict[str, str] = {}  # indicator → its first refutation in the text
        for span in sentence_spans(tokens.canonical):
            lo, hi = tokens.first_at(span.start), tokens.first_at(span.end)
            sentence = _Sentence(tokens.original, tokens, lo, hi, span.start, span.end)
            # A lone part of an unfinished near rule can neither count nor shield a negation
            # word ("nhận" alone is nothing): only whole phrases and complete near rules go on.
            hits = self._whole(self._phrases.find(tokens, lo, hi))
            # every cue of the sentence, in one scan
            context = self._context_of(sentence, self._context if hits else self._aside_context)
            contradictions += [
                (c.phrase.text, tokens.original[span.start : span.end])
                for c in context["contradict"][:1]
            ]
            for cue in context["refutation"]:
                disputes.setdefault(cue.phrase.payload[1], cue.phrase.text)
            cues = self._cues(sentence, hits, context)
            dropped: list[Suppressed] = []
            if hits:
                found, dropped = self._match_sentence(sentence, hits, context, cues, field)
                accounted += [(d.indicator, d.start, d.end) for d in found]
                found = _first_per_indicator(found)
                detections += found
                suppressed += dropped
            # "Người dân phản ánh … . Qua xác minh, phản ánh là chưa chính xác." clears what was
            # only reported before the refutation, in an earlier sentence or this one.
            if context["refute"] and (hedged or any(d.hedge for d in detections)):
                last = max(context["refute"], key=lambda h: h.first)
                at = tokens.starts[last.first]
                refuted = [d for d in detections if d.hedge and d.end <= at]
                detections = [d for d in detections if d not in refuted]
                suppressed += [_refuted(d, last.phrase.text) for d in refuted]
                kept = [run for n, run in enumerate(kept) if n not in hedged]
                sentences = [span for n, span in enumerate(sentences) if n not in hedged]
                hedged = []
                continue  # the refuting sentence itself describes nothing to read
            runs = _outside(lo, hi, self._set_aside(sentence, cues, dropped))
            if context["hedge"]:
                hedged += range(len(kept), len(kept) + len(runs))
            kept += runs
            sentences += [(span.start, span.end)] * len(runs)
        return TextMatch(
            tuple(disputed(d, disputes) for d in detections),
            tuple(suppressed),
            tokens,
            tuple(kept),
            tuple(sentences),
            contradictions=tuple(contradictions),
            accounted=tuple(accounted),
            disputes=tuple(disputes.items()),
        )

    def _set_aside(
        self, s: _Sentence, cues: _Cues, dropped: list[Suppressed]
    ) -> list[tuple[int, int]]:
        """Word ranges the reader must not see: clauses governed by a clause cue ("không phát
        hiện …", "quán triệt …"), a clause a trailing verdict clears ("… là không có cơ sở"),
        and every negated phrase."""
        aside = [
            (s.tokens.first_at(d.start), s.tokens.first_at(d.end))
            for d in dropped
            if d.reason == "negated"
        ]
        starts = cues.clause_starts  # found whenever there is a clause or trailing cue
        for cue in cues.clause:
            n = bisect_right(starts, cue.first)
            # what a colon introduces is still governed by the cue before it
            end = next((t for t in starts[n:] if t not in cues.colons), s.hi)
            aside.append((starts[n - 1], end))
        for cue in cues.trailing:
            aside.append((starts[bisect_right(starts, cue.first) - 1], cue.last + 1))
        return aside

    def _context_of(
        self, s: _Sentence, index: PhraseIndex[tuple[str, str]]
    ) -> dict[str, list[Cue]]:
        """The sentence's cues by kind ("clause", "near", "hedge", "refute", "exclude", …)."""
        context: dict[str, list[Cue]] = defaultdict(list)
        for found in index.find(s.tokens, s.lo, s.hi):
            context[found.phrase.payload[0]].append(found)
        return context

    def _cues(self, s: _Sentence, hits: list[Hit[_Part]], context: dict[str, list[Cue]]) -> _Cues:
        """The sentence's free cues and clause structure, found once for the phrases' negation
        and for what the reader must not see."""
        covered = {t for h in hits for t in range(h.first, h.last + 1)}
        # "không chỉ … mà còn", "not only": their negation word negates nothing.
        covered |= {t for h in context["not"] for t in range(h.first, h.last + 1)}
        # A cue word that belongs to a phrase (or a pseudo-negation) is no cue: "không" in
        # "không kiểm tra, đôn đốc". Every phrase's own words are covered, so this is per sentence.
        clause = [c for c in context["clause"] if _free(c, covered)]
        near = [c for c in context["near"] if _free(c, covered)]
        trailing = [c for c in context["trailing"] if _free(c, covered)]
        # Clauses, colons and commas are looked for only where a cue could use them.
        return _Cues(
            clause=clause,
            near=near,
            trailing=trailing,
            hedges=context["hedge"],
            clause_starts=self._clause_starts(s, context["break"])
            if clause or near or trailing or context["hedge"]
            else [],
            colons=set(_words_after(s, _COLON)) if clause else set(),
            commas=_words_after(s, _COMMA) if near else [],
        )

    def _match_sentence(
        self,
        s: _Sentence,
        hits: list[Hit[_Part]],
        context: dict[str, list[Cue]],
        cues: _Cues,
        field: str,
    ) -> tuple[list[Detection], list[Suppressed]]:
        negatable = bool(cues.clause or cues.near or cues.trailing)
        live: list[Hit[_Part]] = []
        dropped: list[Suppressed] = []
        negated: list[tuple[Hit[_Part], str]] = []
        for hit in hits:
            cue = self._negating_cue(s, hit, cues) if negatable else None
            if cue is None:
                live.append(hit)
            else:
                negated.append((hit, cue))
                dropped.append(s.suppressed(hit, field, "negated", cue))
        # A phrase inside a negated phrase is negated with it: "không có hồ sơ quá hạn" clears
        # "quá hạn" too, though "không" lies outside the shorter phrase's window.
        for hit in list(live):
            outer = next((c for h, c in negated if _overlaps(h, hit)), None)
            if outer is not None:
                live.remove(hit)
                dropped.append(s.suppressed(hit, field, "negated", outer))
        # a refutation silences its own sentence as an exclude does (the first cue is named)
        excluded: dict[str, str] = {}
        for h in context["exclude"] + context["refutation"]:
            excluded.setdefault(h.phrase.payload[1], h.phrase.text)
        found: list[Detection] = []
        for hit in live:
            indicator = hit.phrase.payload.indicator
            if indicator in excluded:
                dropped.append(s.suppressed(hit, field, "excluded", excluded[indicator]))
            elif hit.phrase.payload.near is None:
                found.append(s.detection(hit, hit, field, "folded" if hit.folded else "exact"))
        found += [d for d in self._near_detections(s, live, field) if d.indicator not in excluded]
        if cues.hedges:
            found = [self._hedged(s, d, cues) for d in found]
        return found, dropped

    def _whole(self, hits: list[Hit[_Part]]) -> list[Hit[_Part]]:
        """Whole phrases, and the parts of near rules whose every part was found.

        A negation word inside such a hit belongs to it ("không kiểm tra, đôn đốc") and negates
        nothing else.
        """
        parts = [h for h in hits if h.phrase.payload.near is not None]
        if not parts:
            return hits
        found: dict[_Part, set[str]] = defaultdict(set)
        for h in parts:
            found[h.phrase.payload].add(h.phrase.text)
        complete = {part for part, texts in found.items() if texts == self._near_parts[part]}
        return [h for h in hits if h.phrase.payload.near is None or h.phrase.payload in complete]

    def _hedged(self, s: _Sentence, d: Detection, cues: _Cues) -> Detection:
        """Mark a detection whose clause reports it as hearsay or suspicion."""
        first = s.tokens.first_at(d.start)
        clause_start = cues.clause_starts[bisect_right(cues.clause_starts, first) - 1]
        hedge = next((c for c in cues.hedges if _within(c, clause_start, first)), None)
        return replace(d, hedge=hedge.phrase.text) if hedge else d

    def _clause_starts(self, s: _Sentence, breaks: list[Hit[tuple[str, str]]]) -> list[int]:
        starts = [s.lo]
        starts += [h.first for h in breaks]
        # A ";" or ":" between two words starts a clause at the word after it.
        starts += _words_after(s, _CLAUSE_PUNCTUATION)
        return sorted(set(starts))

    def _negating_cue(self, s: _Sentence, hit: Hit[_Part], cues: _Cues) -> str | None:
        starts = cues.clause_starts  # sorted, and the first is the sentence's first word
        n = bisect_right(starts, hit.first)  # starts[:n] lie at or before the phrase
        clause_start = starts[n - 1]
        if cues.clause:
            # "Hội nghị tập huấn nhấn mạnh: CB không được né tránh …": what a colon introduces
            # is still governed by the clause cue before it.
            governed_from = next(
                (start for start in reversed(starts[:n]) if start not in cues.colons),
                clause_start,
            )
            for cue in cues.clause:
                if _within(cue, governed_from, hit.first):
                    return cue.phrase.text
        if cues.near:
            # A lone "không" reaches a few words ahead, and never past a comma: "không xử lý,
            # còn tìm cách giữ kín" negates the first verb, not the second.
            k = bisect_right(cues.commas, hit.first)
            reach = max(clause_start, cues.commas[k - 1]) if k else clause_start
            # "không có khuyết điểm nào tái diễn": a "nào" just before the phrase carries the
            # negation on, so the window is counted from it.
            nearby = max(reach, hit.first - self._window)
            before = s.tokens.words[nearby : hit.first]
            anchor = next(
                (nearby + i for i, word in enumerate(before) if _carries_negation(word)),
                hit.first,
            )
            window_start = max(reach, anchor - self._window)
            for cue in cues.near:
                if _within(cue, window_start, hit.first):
                    return cue.phrase.text
        # "… là không có cơ sở", "… was unfounded": a verdict after the phrase, same clause.
        clause_end = starts[n] if n < len(starts) else s.hi
        for cue in cues.trailing:
            if _within(cue, hit.last + 1, clause_end):
                return cue.phrase.text
        return None

    def _near_detections(self, s: _Sentence, live: list[Hit[_Part]], field: str) -> list[Detection]:
        """The first complete near rule of each indicator whose parts lie close enough."""
        by_part: dict[_Part, list[Hit[_Part]]] = defaultdict(list)
        for h in live:
            if h.phrase.payload.near is not None:
                by_part[h.phrase.payload].append(h)
        if not by_part:
            return []
        found: list[Detection] = []
        detected: set[str] = set()
        for part in sorted(by_part, key=lambda p: p.near or 0):
            hits = by_part[part]
            if (
                part.indicator in detected
                or {h.phrase.text for h in hits} != self._near_parts[part]
            ):
                continue  # a part negated away leaves the rule unfinished
            rule = self._indicators[part.indicator].match.near[part.near or 0]
            combo = _tightest([[h for h in hits if h.phrase.text == p] for p in rule.all])
            if rule.within is None or _words_between(combo) <= rule.within:
                first = min(combo, key=lambda h: h.first)
                last = max(combo, key=lambda h: h.last)
                found.append(s.detection(first, last, field, "near", " … ".join(rule.all)))
                detected.add(part.indicator)
        return found


@record
class _Sentence:
    """One sentence of a field, with its tokens and where it lies in the text."""

    original: str
    tokens: Tokens
    lo: int
    hi: int
    start: int
    end: int

    def detection(
        self,
        first: Hit[_Part],
        last: Hit[_Part],
        field: str,
        confidence: Confidence,
        phrase: str | None = None,
    ) -> Detection:
        start, end = self.tokens.starts[first.first], self.tokens.ends[last.last]
        return Detection(
            indicator=first.phrase.payload.indicator,
            field=field,
            phrase=phrase or first.phrase.text,
            matched=self.original[start:end],
            start=start,
            end=end,
            sentence=self.original[self.start : self.end],
            sentence_start=self.start,
            confidence=confidence,
        )

    def suppressed(
        self, hit: Hit[_Part], field: str, reason: Literal["negated", "excluded"], cue: str
    ) -> Suppressed:
        start, end = self.tokens.starts[hit.first], self.tokens.ends[hit.last]
        return Suppressed(
            indicator=hit.phrase.payload.indicator,
            field=field,
            phrase=hit.phrase.text,
            matched=self.original[start:end],
            start=start,
            end=end,
            sentence=self.original[self.start : self.end],
            reason=reason,
            cue=cue,
        )


Cue = Hit[tuple[str, str]]  # payload: (kind, indicator for an exclude)


@record
class _Cues:
    """A sentence's cues, and where its clauses start, for every phrase found in it."""

    clause: list[Cue]
    near: list[Cue]
    trailing: list[Cue]
    hedges: list[Cue]
    clause_starts: list[int]  # sorted word indices
    colons: set[int]  # clause starts that follow a colon
    commas: list[int]  # words that follow a comma, in order


def disputed(d: Detection, disputes: dict[str, str]) -> Detection:
    """A detection of an indicator the text refutes elsewhere ("đã được khắc phục"): disputed."""
    cue = disputes.get(d.indicator)
    return replace(d, disputed_by=cue) if cue else d


def _outside(lo: int, hi: int, aside: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The runs of [lo, hi) that no range in `aside` covers."""
    runs: list[tuple[int, int]] = []
    at = lo
    for start, end in sorted(aside):
        if start > at:
            runs.append((at, min(start, hi)))
        at = max(at, end)
    if at < hi:
        runs.append((at, hi))
    return [(a, b) for a, b in runs if a < b]


def _free(cue: Cue, covered: set[int]) -> bool:
    """The cue shares no word with a phrase found in the sentence."""
    return covered.isdisjoint(range(cue.first, cue.last + 1))


def _words_after(s: _Sentence, marks: re.Pattern[str]) -> list[int]:
    """Token indices of the words that follow a punctuation mark, inside the sentence."""
    found = (s.tokens.first_at(m.end()) for m in marks.finditer(s.original, s.start, s.end))
    return [i for i in found if s.lo < i < s.hi]


def _carries_negation(word: str) -> bool:
    return word in ("nào", "nao")  # "nao" has no marks: typed without diacritics


def _overlaps(a: Hit[_Part], b: Hit[_Part]) -> bool:
    return a.phrase.payload.indicator == b.phrase.payload.indicator and (
        a.first <= b.last and b.first <= a.last
    )


def _refuted(d: Detection, cue: str) -> Suppressed:
    return Suppressed(
        indicator=d.indicator,
        field=d.field,
        phrase=d.phrase,
        matched=d.matched,
        start=d.start,
        end=d.end,
        sentence=d.sentence,
        reason="negated",
        cue=cue,
    )


def _within(hit: Cue, lo: int, hi: int) -> bool:
    """The hit lies wholly in tokens[lo:hi]."""
    return hit.first >= lo and hit.last < hi


def _words_between(hits: tuple[Hit[_Part], ...]) -> int:
    return max(0, max(h.first for h in hits) - min(h.last for h in hits) - 1)


def _tightest(candidates: list[list[Hit[_Part]]]) -> tuple[Hit[_Part], ...]:
    """One hit per part, chosen so the parts lie as close together as possible."""
    return min(itertools.product(*candidates), key=_words_between)


def _phrases(texts: tuple[str, ...], payload: object) -> list[Phrase]:  # type: ignore[type-arg]
    made = (make_phrase(t, payload) for t in texts)
    return [p for p in made if p is not None]


_RANK = {"exact": 0, "folded": 1, "near": 2, "model": 3}  # exact > folded > near > model


def _first_per_indicator(found: list[Detection]) -> list[Detection]:
    """One detection per indicator and sentence: the most confident, then the earliest."""
    if len(found) < 2:
        return found
    best: dict[str, Detection] = {}
    for d in sorted(found, key=lambda d: (_RANK[d.confidence], d.start)):
        best.setdefault(d.indicator, d)
    return sorted(best.values(), key=lambda d: d.start)
