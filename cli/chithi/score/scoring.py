"""Detections and citations → outcomes, points, group subtotals, total, level, compliance.

points = weight × outcome factor × status factor × basis factor × repeat × leader
Every number comes from the ruleset's `scoring` section.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from chithi.core.i18n import text
from chithi.core.numbers import number
from chithi.model.detections import text_alone_convicts
from chithi.model.results import (
    Factors,
    GroupScore,
    IncidentResult,
    IndicatorResult,
    ReportResult,
    ReportWarning,
    ReviewNote,
)
from chithi.validate.plausibility import report_warnings

if TYPE_CHECKING:
    from chithi.match.matcher import TextMatch
    from chithi.model.detections import Detection, Suppressed
    from chithi.model.documents import (
        Basis,
        Incident,
        Indicator,
        Level,
        Outcome,
        Report,
        Ruleset,
        Waiver,
    )

FORMULA = text(
    "điểm = trọng số × hệ số kết luận × hệ số trạng thái × hệ số căn cứ × tái phạm × người đứng đầu",
    "points = weight × outcome factor × status factor × basis factor × repeat × leader",
)
COUNTED: tuple[Outcome, ...] = ("violated", "probable")


Suppressor = Callable[[str, str], "str | None"]  # (indicator, incident) → exception id


def score_report(
    report: Report,
    ruleset: Ruleset,
    matches: dict[str, TextMatch],
    path: str,
    suppress: Suppressor | None = None,
) -> ReportResult:
    """`matches` maps each incident id to what its summary and narrative matched; `suppress`
    names the exception, if any, that rules an indicator out for this report."""
    notes: list[ReviewNote] = []
    incidents = [
        _score_incident(i, report, ruleset, matches[i.id], notes) for i in report.incidents
    ]
    if suppress is not None:
        incidents = [_apply_exceptions(i, suppress, ruleset) for i in incidents]
    incidents = _escalate_repeats(incidents, ruleset)
    rows = [row for incident in incidents for row in incident.rows]
    groups = tuple(_group_score(g.id, g.size, ruleset, rows) for g in ruleset.groups)
    total = round(sum(row.points for row in rows), 2)
    score_level = _level_for(total, ruleset)
    level, forced_by = _apply_min_levels(score_level, rows, incidents, ruleset)
    return ReportResult(
        path=path,
        report=report,
        ruleset=ruleset,
        incidents=tuple(incidents),
        groups=groups,
        total=total,
        level=level,
        score_level=score_level,
        forced_by=forced_by,
        compliance=_compliance(groups, ruleset),
        notes=tuple(notes),
        warnings=(*report_warnings(report), *repeat_warnings(incidents)),
    )


def _score_incident(
    incident: Incident, report: Report, ruleset: Ruleset, found: TextMatch, notes: list[ReviewNote]
) -> IncidentResult:
    detections: dict[str, list[Detection]] = {}
    for d in found.detections:
        detections.setdefault(d.indicator, []).append(d)
    raised = [i for i in ruleset.indicators if i.id in detections or i.id in incident.cited]
    waivers = {w.indicator: w for w in incident.waivers}
    rows: list[IndicatorResult] = []
    for indicator in raised:
        basis = _basis(indicator.id in incident.cited, indicator.id in detections)
        if not report.subject.roles & set(indicator.applies_to):
            # said for what a person wrote or a phrase found; a model's guess goes unsaid
            if basis != "matched" or any(d.confidence != "model" for d in detections[indicator.id]):
                notes.append(_note_not_applicable(incident, indicator, report))
            continue
        row = _row(
            incident,
            indicator,
            basis,
            detections.get(indicator.id, []),
            waivers.get(indicator.id),
            report,
            ruleset,
            found.confidence.get(indicator.id),
        )
        rows.append(row)
        contradicted = bool(found.contradictions) and _negated(found, indicator.id) is None
        if basis != "matched" and contradicted:
            # the text says it was not established: more than "does not describe it"
            notes.append(_note_contradicted(incident, indicator, found.contradictions[0]))
        elif basis == "cited":
            notes.append(_note_unsupported(incident, indicator, found))
        elif basis == "matched" and row.outcome in (*COUNTED, "insufficient_evidence"):
            # a machine reading that carries points: a person must confirm it
            notes.append(_note_uncited(incident, indicator, detections[indicator.id][0]))
    for waiver in incident.waivers:
        if waiver.indicator not in {r.indicator_id for r in rows}:
            notes.append(
                ReviewNote(
                    "unused-waiver",
                    incident.id,
                    waiver.indicator,
                    text(
                        f"miễn trừ {waiver.indicator} không áp dụng: sự việc không nêu chỉ số này",
                        f"waiver of {waiver.indicator} applies to nothing: the incident does not raise it",
                    ),
                )
            )
    return IncidentResult(incident, tuple(rows), found.suppressed)


def _apply_exceptions(
    result: IncidentResult, suppress: Suppressor, ruleset: Ruleset
) -> IncidentResult:
    rows = []
    for row in result.rows:
        exception = None
        if row.outcome in ("violated", "probable", "insufficient_evidence"):
            exception = suppress(row.indicator_id, result.incident.id)
        if exception is None:
            rows.append(row)
            continue
        factors = replace(row.factors, outcome=ruleset.scoring.outcome_factors["waived"])
        rows.append(
            replace(
                row,
                outcome="waived",
                exception=exception,
                factors=factors,
                points=round(factors.product, 2),
            )
        )
    return replace(result, rows=tuple(rows))


def _basis(cited: bool, matched: bool) -> Basis:
    if cited and matched:
        return "both"
    return "cited" if cited else "matched"


def _row(
    incident: Incident,
    indicator: Indicator,
    basis: Basis,
    detections: list[Detection],
    waiver: Waiver | None,
    report: Report,
    ruleset: Ruleset,
    confidence: float | None,
) -> IndicatorResult:
    scoring = ruleset.scoring
    status = scoring.status[incident.status]
    used = [e for e in incident.evidence if not e.indicators or indicator.id in e.indicators]
    reliabilities = [scoring.reliability[e.type] for e in used] + [status.implied_reliability]
    strength = round(1 - math.prod(1 - r for r in reliabilities), 4)
    outcome = _outcome(incident, waiver is not None, strength, ruleset)
    # Text alone suggests; it convicts only when the calibrated reader is sure.
    text_only_unsure = not text_alone_convicts(confidence, detections, scoring.text_min_confidence)
    if basis == "matched" and text_only_unsure and outcome not in ("waived", "not_violated"):
        outcome = "suggested"
    factors = Factors(
        weight=indicator.weight,
        outcome=scoring.outcome_factors[outcome],
        status=status.factor,
        basis=scoring.basis_factors[basis],
        repeat=1.0,
        # Only a person heads a unit; `is_leader` on an organisation carries no multiplier.
        leader=scoring.leader_multiplier if "leader" in report.subject.roles else 1.0,
    )
    return IndicatorResult(
        incident_id=incident.id,
        indicator_id=indicator.id,
        group=indicator.group,
        basis=basis,
        outcome=outcome,
        strength=strength,
        evidence_used=tuple(e.ref or e.type for e in used),
        factors=factors,
        points=round(factors.product, 2),
        detections=tuple(detections),
        waiver=waiver,
        confidence=None if confidence is None else round(confidence, 4),
    )


def _outcome(incident: Incident, waived: bool, strength: float, ruleset: Ruleset) -> Outcome:
    if waived:
        return "waived"
    if incident.status == "dismissed":
        return "not_violated"
    # An allegation nobody has verified is at most probable, whatever the evidence list says.
    if strength >= ruleset.scoring.violated_threshold and incident.status != "alleged":
        return "violated"
    if strength >= ruleset.scoring.probable_threshold:
        return "probable"
    return "insufficient_evidence"


def _escalate_repeats(incidents: list[IncidentResult], ruleset: Ruleset) -> list[IncidentResult]:
    """The n-th counted occurrence of an indicator within the window weighs 1 + step × (n−1);
    the row names the earlier incidents it repeats."""
    scoring = ruleset.scoring
    seen: dict[str, list[tuple[date, str]]] = {}
    by_date = sorted(incidents, key=lambda i: (i.incident.date, i.incident.index))
    repeats: dict[tuple[str, str], tuple[str, ...]] = {}
    for result in by_date:
        when = date.fromisoformat(result.incident.date)
        for row in result.rows:
            if row.outcome not in COUNTED:
                continue
            earlier = tuple(
                incident_id
                for day, incident_id in seen.get(row.indicator_id, [])
                if (when - day).days <= scoring.repeat_window_days
            )
            if earlier:
                repeats[(result.incident.id, row.indicator_id)] = earlier
            seen.setdefault(row.indicator_id, []).append((when, result.incident.id))
    escalated = []
    for result in incidents:
        rows = []
        for row in result.rows:
            earlier = repeats.get((result.incident.id, row.indicator_id), ())
            repeat = min(1 + scoring.repeat_step * len(earlier), scoring.repeat_max)
            if repeat == row.factors.repeat:
                rows.append(row)  # most rows: the first occurrence; a copy changes nothing
                continue
            factors = replace(row.factors, repeat=repeat)
            rows.append(
                replace(row, factors=factors, points=round(factors.product, 2), repeat_of=earlier)
            )
        escalated.append(replace(result, rows=tuple(rows)))
    return escalated


def repeat_warnings(incidents: list[IncidentResult]) -> list[ReportWarning]:
    """Each repeat, with what it repeats: ×1.5 is a judgement a person should be able to check."""
    return [
        ReportWarning(
            "repeat",
            row.incident_id,
            text(
                f"{row.indicator_id} được tính là tái phạm"
                f" (×{number(row.factors.repeat, 'vi')}) của sự việc {', '.join(row.repeat_of)}; kiểm tra đó"
                " đúng là cùng một hành vi",
                f"{row.indicator_id} counts as a repeat"
                f" (×{number(row.factors.repeat, 'en')}) of incident {', '.join(row.repeat_of)}; check it is"
                " the same behaviour",
            ),
        )
        for incident in incidents
        for row in incident.rows
        if row.repeat_of
    ]


def _group_score(
    group: str, size: int, ruleset: Ruleset, rows: list[IndicatorResult]
) -> GroupScore:
    mine = [r for r in rows if r.group == group]
    met = {r.indicator_id for r in mine if r.outcome in COUNTED}
    unverified = {r.indicator_id for r in mine if r.outcome == "insufficient_evidence"} - met
    failed = {r.indicator_id for r in mine if r.outcome in ruleset.scoring.compliance_fail_outcomes}
    indicators = [i for i in ruleset.indicators if i.group == group]
    total_weight = sum(i.weight for i in indicators)
    passed_weight = sum(i.weight for i in indicators if i.id not in failed)
    compliance = 100.0 * passed_weight / total_weight if total_weight else 100.0
    return GroupScore(
        group,
        size,
        len(met),
        len(unverified),
        round(sum(r.points for r in mine), 2),
        round(compliance, 2),
    )


def _compliance(groups: tuple[GroupScore, ...], ruleset: Ruleset) -> float:
    """XCCDF default model: groups weighted by their ruleset weight; 100 = nothing failed."""
    weights = {g.id: g.weight for g in ruleset.groups}
    total = sum(weights[g.group] for g in groups)
    if not total:
        return 100.0
    return round(sum(weights[g.group] * g.compliance for g in groups) / total, 2)


def _level_for(total: float, ruleset: Ruleset) -> Level:
    reached = [lv for lv in ruleset.scoring.levels if total >= lv.min_score]
    return reached[-1] if reached else ruleset.scoring.levels[0]


def _apply_min_levels(
    level: Level, rows: list[IndicatorResult], incidents: list[IncidentResult], ruleset: Ruleset
) -> tuple[Level, tuple[str, ...]]:
    """A confirmed violation of an indicator the reporter cited, with `min_level`, lifts the
    level to at least it: a machine reading of the text never raises a level.

    Returns the level and the indicators that set it: none when the score alone reaches it."""
    levels = list(ruleset.scoring.levels)
    order = [lv.id for lv in levels]
    status = {i.incident.id: i.incident.status for i in incidents}
    floors: dict[str, int] = {}
    for row in rows:
        indicator = ruleset.indicator(row.indicator_id)
        confirmed = status[row.incident_id] == "confirmed" and row.outcome == "violated"
        cited = row.basis in ("cited", "both")
        if indicator and indicator.min_level in order and confirmed and cited:
            floors[row.indicator_id] = order.index(indicator.min_level)
    top = max(floors.values(), default=-1)
    if top <= order.index(level.id):
        return level, ()
    return levels[top], tuple(i for i, floor in floors.items() if floor == top)


_ROLE = {
    "individual": text("cá nhân", "individuals"),
    "leader": text("người đứng đầu", "heads of units"),
    "organisation": text("tổ chức", "organisations"),
}
_KIND = {
    "person": text("một cá nhân", "a person"),
    "organisation": text("một tổ chức", "an organisation"),
}


def _note_not_applicable(incident: Incident, indicator: Indicator, report: Report) -> ReviewNote:
    roles = [_ROLE[r] for r in indicator.applies_to]
    kind = _KIND[report.subject.kind]
    vi_roles, en_roles = ", ".join(r.vi for r in roles), ", ".join(r.en for r in roles)
    if report.subject.kind == "person" and not report.subject.is_leader:
        kind = text("một cá nhân không phải người đứng đầu", "a person who does not head the unit")
    return ReviewNote(
        "not-applicable",
        incident.id,
        indicator.id,
        text(
            f"{indicator.id} chỉ áp dụng cho {vi_roles}; đối tượng của báo cáo là {kind.vi}: không tính điểm",
            f"{indicator.id} applies to {en_roles}; the report's subject is {kind.en}: not scored",
        ),
    )


def _note_unsupported(incident: Incident, indicator: Indicator, found: TextMatch) -> ReviewNote:
    negated = _negated(found, indicator.id)
    if negated is not None:
        return ReviewNote(
            "cited-negated",
            incident.id,
            indicator.id,
            text(
                f"{indicator.id} được trích dẫn nhưng nội dung phủ định: «{negated.matched}» đứng sau «{negated.cue}»",
                f"{indicator.id} is cited but the text negates it: «{negated.matched}» follows «{negated.cue}»",
            ),
        )
    return ReviewNote(
        "cited-unsupported",
        incident.id,
        indicator.id,
        text(
            f"{indicator.id} được trích dẫn nhưng nội dung sự việc không mô tả biểu hiện này: cần xem lại",
            f"{indicator.id} is cited but the incident text does not describe it: please review",
        ),
    )


def _negated(found: TextMatch, indicator: str) -> Suppressed | None:
    """The first phrase of the indicator the text negates or excludes, if any."""
    return next((s for s in found.suppressed if s.indicator == indicator), None)


def _note_contradicted(
    incident: Incident, indicator: Indicator, contradiction: tuple[str, str]
) -> ReviewNote:
    cue, sentence = contradiction
    return ReviewNote(
        "cited-contradicted",
        incident.id,
        indicator.id,
        text(
            f"{indicator.id} được trích dẫn nhưng nội dung viết «{cue}»: «{sentence}» — cần xem lại trước khi kết luận",
            f"{indicator.id} is cited but the text says «{cue}»: «{sentence}» — review before concluding",
        ),
    )


def _note_uncited(incident: Incident, indicator: Indicator, detection: Detection) -> ReviewNote:
    # a phrase quotes what matched; the learned reader, its heaviest words
    evidence = detection.phrase if detection.confidence == "model" else detection.matched
    return ReviewNote(
        "matched-uncited",
        incident.id,
        indicator.id,
        text(
            f"nội dung có thể mô tả {indicator.id} («{evidence}») nhưng người báo cáo không trích dẫn: cần xác nhận",
            f"the text may describe {indicator.id} («{evidence}») but the reporter did not cite it: please confirm",
        ),
    )
