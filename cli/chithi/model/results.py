"""What checking a report produces. Renderers read these; they never recompute a score."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chithi.core.records import record

if TYPE_CHECKING:
    from chithi.core.i18n import Text
    from chithi.model.detections import Detection, Suppressed
    from chithi.model.documents import Basis, Incident, Level, Outcome, Report, Ruleset, Waiver


@record
class Factors:
    """The factors whose product is an indicator's points (docs/scoring.md)."""

    weight: float
    outcome: float
    status: float
    basis: float
    repeat: float
    leader: float

    @property
    def product(self) -> float:
        return self.weight * self.outcome * self.status * self.basis * self.repeat * self.leader


@record
class IndicatorResult:
    """One (incident, indicator) pair: why it was raised, what it was judged, what it adds."""

    incident_id: str
    indicator_id: str
    group: str
    basis: Basis
    outcome: Outcome
    strength: float  # combined reliability of the evidence, 0..1
    evidence_used: tuple[str, ...]
    factors: Factors
    points: float
    detections: tuple[Detection, ...]
    waiver: Waiver | None
    exception: str | None = None  # id of the exception (--exceptions) that suppressed it
    # Calibrated confidence that the text describes the indicator (phrases and learned reader
    # together); None when the text does not, or the ruleset has no learned reader.
    confidence: float | None = None
    # Earlier incidents of the report with the same indicator that made this one a repeat
    # (factors.repeat > 1): a reader must be able to see what it repeats.
    repeat_of: tuple[str, ...] = ()


@record
class ReviewNote:
    """A note for the person reviewing a result: something the score alone does not say."""

    code: str
    incident_id: str
    indicator_id: str
    message: Text


@record
class ReportWarning:
    """Something about the report itself a person should look at before trusting its score (it
    has no incident, still holds template text, ...). It never changes the score or exit code."""

    code: str
    incident_id: str | None  # None: the report as a whole
    message: Text


@record
class IncidentResult:
    """One incident's judgement, indicator by indicator."""

    incident: Incident
    rows: tuple[IndicatorResult, ...]
    suppressed: tuple[Suppressed, ...]


@record
class GroupScore:
    """One group's subtotal: indicators met, points and compliance."""

    group: str
    size: int
    met: int  # distinct indicators judged violated or probable
    unverified: int  # distinct indicators with insufficient evidence only
    points: float
    compliance: float  # XCCDF default model, 100 = no indicator failed


@record
class ReportResult:
    """A report's judgement: its incidents, group subtotals, total, level and notes."""

    path: str
    report: Report
    ruleset: Ruleset
    incidents: tuple[IncidentResult, ...]
    groups: tuple[GroupScore, ...]
    total: float
    level: Level
    score_level: Level  # the level the total alone reaches
    forced_by: tuple[str, ...]  # indicators whose min_level raised the level
    compliance: float
    notes: tuple[ReviewNote, ...]
    warnings: tuple[ReportWarning, ...] = ()

    @property
    def rows(self) -> tuple[IndicatorResult, ...]:
        return tuple(row for incident in self.incidents for row in incident.rows)

    @property
    def indicators_met(self) -> tuple[str, ...]:
        """Indicator ids judged violated or probable anywhere in the report, in ruleset order."""
        met = {r.indicator_id for r in self.rows if r.outcome in ("violated", "probable")}
        return tuple(i.id for i in self.ruleset.indicators if i.id in met)
