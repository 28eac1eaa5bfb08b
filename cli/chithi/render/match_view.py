"""`chithi match`: every detection in one text, and every phrase found but not counted."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text as RichText

from chithi.i18n import Lang, Text
from chithi.render import labels as L
from chithi.render.json_summary import detection_json, suppressed_json
from chithi.render.safe import clean, json_text
from chithi.render.table import highlight

if TYPE_CHECKING:
    from chithi.matching import TextMatch
    from chithi.model import Ruleset

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


def match_json(found: TextMatch) -> str:
    """The same detection and not-counted objects as the check summary's JSON."""
    document = {
        "detections": [{"indicator": d.indicator, **detection_json(d)} for d in found.detections],
        "not_counted": [suppressed_json(s) for s in found.suppressed],
    }
    return json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
