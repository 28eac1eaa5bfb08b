"""What a reader found in a text: a detection that counts, or a phrase that was found but does not.

Data only: the matcher and the learned reader make these; scoring and every renderer read them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from chithi.core.records import record

if TYPE_CHECKING:
    from collections.abc import Iterable

Confidence = Literal["exact", "folded", "near", "model"]  # model: the learned reader


@record
class Detection:
    """An indicator a text describes: the words that say so, their sentence, and how sure."""

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
    # A learned-reader detection whose heaviest word lies inside another indicator's matched
    # phrase: that indicator's id. The same words were already read once ("đi muộn" is KL-09's
    # phrase; the reader also weighs "muộn" for KL-08), so this reading may suggest, not convict.
    explained_by: str = ""
    # One of the indicator's `refuted_by` phrases, found elsewhere in the same text ("… đều đã
    # được khắc phục" for KL-03): the text itself says otherwise, so this reading may suggest,
    # not convict.
    disputed_by: str = ""


@record
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


def text_alone_convicts(
    confidence: float | None, detections: Iterable[Detection], threshold: float
) -> bool:
    """Whether a reading from text alone carries points: the calibrated reader is sure, its
    evidence is not words another indicator's phrase already accounts for, and the text does not
    itself say otherwise (one of the indicator's `refuted_by` phrases)."""
    found = list(detections)
    if confidence is None or confidence < threshold:
        return False
    return not (found and all(d.explained_by or d.disputed_by for d in found))
