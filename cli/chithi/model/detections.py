"""What a reader found in a text: a detection that counts, or a phrase that was found but does not.

Data only: the matcher and the learned reader make these; scoring and every renderer read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Confidence = Literal["exact", "folded", "near", "model"]  # model: the learned reader


@dataclass(frozen=True, slots=True)
class Detection:
    indicator: str
    field: str
    phrase: str
    matched: str
    start: int
    end: int
    sentence: str
    sentence_start: int
    confidence: Confidence
    hedge: str = (
        ""  # the cue ("được cho là", "allegedly") that marks it as reported, not established
    )


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A phrase that was found but does not count, and the cue that stopped it."""

    indicator: str
    field: str
    phrase: str
    matched: str
    start: int
    end: int
    sentence: str
    reason: Literal["negated", "excluded"]
    cue: str
