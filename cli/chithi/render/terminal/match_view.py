"""`chithi match`: every detection in one text, and every phrase found but not counted."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text as RichText

from chithi.core.i18n import Lang, Text
from chithi.model.detections import text_alone_convicts
from chithi.render import labels as L
from chithi.render.machine.json_summary import detection_json, suppressed_json
from chithi.render.safe import clean, json_text
from chithi.render.terminal.table import highlight

if TYPE_CHECKING:
    from chithi.match.matcher import TextMatch
    from chithi.model.documents import Ruleset

NOTHING = Text("Không nhận diện được biểu hiện nào.", "No indicator detected.")


def match_view(found: TextMatch, ruleset: Ruleset, lang: Lang) -> RenderableType:
    parts: list[RenderableType] = []
    if not found.detections:
        parts.append(RichText(NOTHING(lang), "green"))
    for d in found.detections:
        indicator = ruleset.indicator(d.indicator)
        line = RichText(d.indicator, "bold")
        if indicator is not None:
            line.append(f" {indicator.title(lang)}")
        line.append(f"\n  «{clean(d.phrase)}» — {L.CONFIDENCE[d.confidence](lang)}, ", "dim")
        line.append(f"[{d.start}:{d.end}]", "dim")
        line.append(f"\n  {standing(found, d.indicator, ruleset)(lang)}", "cyan")
        if d.hedge:
            line.append(f", {L.HEDGED(lang)} «{clean(d.hedge)}»", "yellow")
        line.append("\n  ")
        line.append_text(
            highlight(d.sentence, d.start - d.sentence_start, d.end - d.sentence_start)
        )
        parts.append(line)
    for s in found.suppressed:
        why = L.NEGATED_BY if s.reason == "negated" else L.EXCLUDED_BY
        line = RichText(f"{L.SUPPRESSED(lang)} {s.indicator}: ", "dim")
        line.append(f"«{clean(s.matched)}» {why(lang)} «{clean(s.cue)}»", "dim")
        parts.append(line)
    return Group(*parts)


SURE = Text(
    "không được trích dẫn thì vẫn tính điểm (máy đọc, {confidence})",
    "carries points even uncited (machine-read, {confidence})",
)
SUGGESTED = Text(
    "không được trích dẫn thì chỉ là đề xuất xem xét ({confidence})",
    "uncited, only suggested for review ({confidence})",
)
NO_READER = Text(
    "không được trích dẫn thì chỉ là đề xuất xem xét (bộ quy tắc không có bộ đọc học máy)",
    "uncited, only suggested for review (the ruleset has no learned reader)",
)


def standing(found: TextMatch, indicator: str, ruleset: Ruleset) -> Text:
    """What the detection would weigh in a report that does not cite the indicator."""
    value = found.confidence.get(indicator)
    if value is None:
        return NO_READER
    words = L.confidence_words(value)
    chosen = SURE if _convicts(found, indicator, ruleset) else SUGGESTED
    said = Text(chosen.vi.format(confidence=words.vi), chosen.en.format(confidence=words.en))
    own = [d for d in found.detections if d.indicator == indicator]
    explained = next((d.explained_by for d in own if d.explained_by), "")
    disputed = next((d.disputed_by for d in own if d.disputed_by), "")
    # the text saying otherwise is worth knowing however sure the reader is
    if disputed:
        said += L.DISPUTED_BY.format(cue=disputed)
    elif explained and value >= ruleset.scoring.text_min_confidence:
        said += L.EXPLAINED_BY.format(id=explained)
    return said


def _convicts(found: TextMatch, indicator: str, ruleset: Ruleset) -> bool:
    own = [d for d in found.detections if d.indicator == indicator]
    threshold = ruleset.scoring.text_min_confidence
    return text_alone_convicts(found.confidence.get(indicator), own, threshold)


def match_json(found: TextMatch, ruleset: Ruleset) -> str:
    """The same detection and not-counted objects as the check summary's JSON."""
    document = {
        "detections": [
            {
                "indicator": d.indicator,
                **detection_json(d),
                "text_confidence": found.confidence.get(d.indicator),
                "uncited": "points" if _convicts(found, d.indicator, ruleset) else "suggestion",
            }
            for d in found.detections
        ],
        "not_counted": [suppressed_json(s) for s in found.suppressed],
    }
    return json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


PARAGRAPH = Text("Đoạn {n}", "Paragraph {n}")


def paragraphs_view(
    found: list[tuple[int, TextMatch]], ruleset: Ruleset, lang: Lang
) -> RenderableType:
    """`chithi match --file`: the paragraphs with a detection, each under its number."""
    parts: list[RenderableType] = []
    for n, match in found:
        if match.detections:
            parts.append(RichText(f"¶{n} {PARAGRAPH.format(n=n)(lang)}", "bold underline"))
            parts.append(match_view(match, ruleset, lang))
    return Group(*parts) if parts else RichText(NOTHING(lang), "green")


def paragraphs_json(found: list[tuple[int, TextMatch]], ruleset: Ruleset) -> str:
    document = {
        "paragraphs": [
            {"paragraph": n, **json.loads(match_json(match, ruleset))}
            for n, match in found
            if match.detections or match.suppressed
        ]
    }
    return json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
