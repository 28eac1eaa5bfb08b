"""The phrases and the learned reader as one reader of an incident's text.

The phrase matcher finds what it can name (a phrase in its sentence); the learned reader
(reader.py) scores every indicator over the words the rules keep. Each indicator the text may
describe gets one calibrated confidence. A detection is made when a phrase matched, or when the
model alone is confident enough to suggest it (per-indicator thresholds from training); whether
it carries points is scoring's decision (scoring.text_only.min_confidence).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from chithi.core.records import record
from chithi.match.matcher import TextMatch, disputed
from chithi.model.detections import Detection

if TYPE_CHECKING:
    from chithi.match.learned import ReaderModel, Reading
    from chithi.match.matcher import Matcher


@record
class TextReader:
    """The phrase rules and the learned model, read together into one match per incident."""

    matcher: Matcher
    model: ReaderModel | None

    def read_incident(self, summary: str, narrative: str) -> TextMatch:
        """What an incident's summary and narrative describe, summary first."""
        return self.read_fields((("summary", summary), ("narrative", narrative)))

    def read_text(self, text: str, field: str = "narrative") -> TextMatch:
        return self.read_fields(((field, text),))

    def read_fields(self, fields: tuple[tuple[str, str], ...]) -> TextMatch:
        parts = tuple((name, self.matcher.match(text, name)) for name, text in fields)
        # The summary's refutations dispute the narrative's readings and the other way round.
        first_cue: dict[str, str] = {}
        for _, p in parts:
            for indicator, cue in p.disputes:
                first_cue.setdefault(indicator, cue)
        # One detection per indicator and field is enough to explain it; keep them all.
        detections = tuple(disputed(d, first_cue) for _, p in parts for d in p.detections)
        combined = TextMatch(
            detections=detections,
            suppressed=tuple(s for _, p in parts for s in p.suppressed),
            fields=parts,
            contradictions=tuple(c for _, p in parts for c in p.contradictions),
            disputes=tuple(first_cue.items()),
        )
        if self.model is None:
            return combined
        return self._with_model(combined, self.model.read(parts))

    def all_confidences(self, text: str) -> dict[str, float]:
        """Every indicator's calibrated confidence for one text, detected or not: what a
        reliability table needs (benchmarks/accuracy.py)."""
        if self.model is None:
            return {}
        found = self.matcher.match(text)
        hits = {d.indicator for d in found.detections}
        reading = self.model.read((("narrative", found),))
        return {i: self.model.confidence(z, i in hits) for i, z in reading.scores.items()}

    def _with_model(self, found: TextMatch, reading: Reading) -> TextMatch:
        model = self.model
        assert model is not None
        by_phrase = {d.indicator for d in found.detections}
        first_cue = dict(found.disputes)  # one per indicator across the fields (read_fields)
        confidence: dict[str, float] = {}
        added: list[Detection] = []
        for indicator, z in reading.scores.items():
            hit = indicator in by_phrase
            value = model.confidence(z, hit)
            if hit:
                confidence[indicator] = value
            elif value >= model.suggest.get(indicator, 1.0):
                detection = _model_detection(indicator, reading, found)
                if detection is not None:
                    confidence[indicator] = value
                    added.append(disputed(detection, first_cue))
        return replace(found, detections=found.detections + tuple(added), confidence=confidence)


def _model_detection(indicator: str, reading: Reading, found: TextMatch) -> Detection | None:
    """The sentence that weighs most for the indicator, with its heaviest words as evidence."""
    weight = reading.strongest(indicator)
    if weight is None or not weight.words:
        return None
    field = next(m for name, m in found.fields if name == weight.field)
    text = field.tokens
    assert text is not None
    original = text.original
    words = [original[a:b] for a, b in weight.words]
    first = min(weight.words)
    heaviest = weight.words[0]
    # Every phrase that counts, not only the one detection kept per sentence: in "đi muộn về
    # sớm" KL-09's «về sớm» accounts for "về sớm" though «đi muộn» is the detection shown.
    explained_by = next(
        (
            other
            for other, start, end in field.accounted
            if other != indicator and start <= heaviest[0] and heaviest[1] <= end
        ),
        "",
    )
    return Detection(
        indicator=indicator,
        field=weight.field,
        phrase=", ".join(words),
        matched=original[first[0] : first[1]],
        start=first[0],
        end=first[1],
        sentence=original[weight.start : weight.end],
        sentence_start=weight.start,
        confidence="model",
        explained_by=explained_by,
    )
