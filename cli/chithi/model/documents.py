"""Frozen dataclasses for rulesets and reports, built from schema-valid plain data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from chithi.core.i18n import Text
from chithi.core.records import record

Status = Literal["confirmed", "alleged", "dismissed"]
Outcome = Literal[
    "violated", "probable", "insufficient_evidence", "not_violated", "waived", "suggested"
]
Basis = Literal["cited", "matched", "both"]


def bilingual(data: dict[str, str]) -> Text:
    return Text(vi=data["vi"], en=data["en"])


@record
class Near:
    all: tuple[str, ...]
    within: int | None


@record
class MatchSpec:
    phrases: tuple[str, ...]
    near: tuple[Near, ...]
    exclude: tuple[str, ...]  # silence the indicator in their own sentence: look-alikes
    # say the indicator's breach did not happen (remedied, fabricated): they silence it in their
    # sentence and dispute every text-only reading of it in the whole incident
    refuted_by: tuple[str, ...] = ()


@record
class Indicator:
    id: str
    group: str
    source_item: str
    provenance: str
    title: Text
    description: Text
    weight: float
    applies_to: tuple[str, ...]
    min_level: str | None
    match: MatchSpec
    examples_match: tuple[str, ...]
    examples_no_match: tuple[str, ...]
    non_suppressible: bool = False  # refuses --exceptions entries
    note: Text | None = None  # the authors' gloss, apart from the sourced description


@record
class Group:
    id: str
    title: Text
    size: int
    weight: float


@record
class Level:
    id: str
    min_score: float
    colour: str
    name: Text
    advice: Text


@record
class Negation:
    """The ruleset's cues for what a sentence denies, hedges, refutes or contradicts."""

    clause_cues: tuple[str, ...]
    near_cues: tuple[str, ...]
    window: int
    clause_breaks: tuple[str, ...]
    not_negations: tuple[str, ...] = ()  # look negative but are not: "không chỉ", "not only"
    hedge_cues: tuple[str, ...] = ()  # "được cho là", "allegedly": reported, not established
    trailing_cues: tuple[str, ...] = ()  # "… là không có cơ sở", "… was unfounded"
    # A later sentence that refutes what was only reported before it ("Qua xác minh, … là chưa
    # chính xác"): it clears the hedged detections of the sentences before it.
    refutation_cues: tuple[str, ...] = ()
    # Words by which a narrative contradicts what the reporter cites ("chưa có căn cứ xác
    # định …", "đơn tố cáo không đúng sự thật"): the citation gets a review note.
    contradiction_cues: tuple[str, ...] = ()


@record
class StatusPolicy:
    """How an incident's status (confirmed, alleged, dismissed) weighs its findings."""

    factor: float
    implied_reliability: float


@record
class Scoring:
    """The ruleset's scoring model: reliabilities, factors, thresholds, repeats and levels."""

    reliability: dict[str, float]
    violated_threshold: float
    probable_threshold: float
    status: dict[str, StatusPolicy]
    outcome_factors: dict[str, float]
    basis_factors: dict[str, float]
    repeat_window_days: int
    repeat_step: float
    repeat_max: float
    leader_multiplier: float
    compliance_fail_outcomes: tuple[str, ...]
    levels: tuple[Level, ...]
    # A detection from text alone carries points only from this calibrated confidence; below
    # it, or with no learned reader, it is a suggestion for review. Above 1: text never convicts.
    text_min_confidence: float = 2.0


@record
class ReaderRef:
    """The learned reader a ruleset ships with: a file beside it, pinned by its sha256."""

    file: str
    sha256: str


@record
class Ruleset:
    """A ruleset as loaded and validated: its source, negation cues, groups, indicators and
    scoring."""

    id: str
    version: str
    title: Text
    source_document: str
    source_issuer: Text
    source_date: str
    source_title: Text
    source_notes: Text
    negation: Negation
    groups: tuple[Group, ...]
    indicators: tuple[Indicator, ...]
    scoring: Scoring
    sha256: str
    path: str
    reader: ReaderRef | None = None

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    def level(self, level_id: str) -> Level | None:
        return next((lv for lv in self.scoring.levels if lv.id == level_id), None)

    def group(self, group_id: str) -> Group | None:
        return next((g for g in self.groups if g.id == group_id), None)


def ruleset_from_data(data: dict[str, Any], *, sha256: str, path: str) -> Ruleset:
    source, scoring = data["source"], data["scoring"]
    negation = data["matching"]["negation"]
    return Ruleset(
        id=data["id"],
        version=data["version"],
        title=bilingual(data["title"]),
        source_document=source["document"],
        source_issuer=bilingual(source["issuer"]),
        source_date=source["date"],
        source_title=bilingual(source["title"]),
        source_notes=bilingual(source["notes"]),
        negation=Negation(
            clause_cues=tuple(negation["clause_cues"]),
            near_cues=tuple(negation["near_cues"]),
            window=negation["window"],
            clause_breaks=tuple(negation["clause_breaks"]),
            not_negations=tuple(negation.get("not_negations", ())),
            hedge_cues=tuple(negation.get("hedge_cues", ())),
            trailing_cues=tuple(negation.get("trailing_cues", ())),
            refutation_cues=tuple(negation.get("refutation_cues", ())),
            contradiction_cues=tuple(negation.get("contradiction_cues", ())),
        ),
        groups=tuple(
            Group(g["id"], bilingual(g["title"]), g["size"], float(g["weight"]))
            for g in data["groups"]
        ),
        indicators=tuple(_indicator(item) for item in data["indicators"]),
        scoring=Scoring(
            reliability={k: float(v) for k, v in scoring["evidence"]["reliability"].items()},
            violated_threshold=float(scoring["evidence"]["thresholds"]["violated"]),
            probable_threshold=float(scoring["evidence"]["thresholds"]["probable"]),
            status={
                k: StatusPolicy(float(v["factor"]), float(v["implied_reliability"]))
                for k, v in scoring["status"].items()
            },
            outcome_factors={
                "suggested": 0.0,
                **{k: float(v) for k, v in scoring["outcome_factors"].items()},
            },
            basis_factors={k: float(v) for k, v in scoring["basis_factors"].items()},
            repeat_window_days=scoring["repeat"]["window_days"],
            repeat_step=float(scoring["repeat"]["step"]),
            repeat_max=float(scoring["repeat"]["max_multiplier"]),
            leader_multiplier=float(scoring["leader_multiplier"]),
            compliance_fail_outcomes=tuple(scoring["compliance"]["fail_outcomes"]),
            levels=tuple(
                Level(
                    lv["id"],
                    float(lv["min_score"]),
                    lv.get("colour", "white"),
                    bilingual(lv["name"]),
                    bilingual(lv["advice"]),
                )
                for lv in scoring["levels"]
            ),
            text_min_confidence=float(scoring.get("text_only", {}).get("min_confidence", 2.0)),
        ),
        sha256=sha256,
        path=path,
        reader=ReaderRef(data["reader"]["file"], data["reader"]["sha256"])
        if "reader" in data
        else None,
    )


def _indicator(item: dict[str, Any]) -> Indicator:
    match = item["match"]
    return Indicator(
        id=item["id"],
        group=item["group"],
        source_item=item["source_item"],
        provenance=item["provenance"],
        title=bilingual(item["title"]),
        description=bilingual(item["description"]),
        weight=float(item["weight"]),
        applies_to=tuple(item["applies_to"]),
        min_level=item.get("min_level"),
        match=MatchSpec(
            phrases=tuple(match["phrases"]["vi"]) + tuple(match["phrases"].get("en", ())),
            near=tuple(Near(tuple(n["all"]), n.get("within")) for n in match.get("near", ())),
            exclude=tuple(match.get("exclude", ())),
            refuted_by=tuple(match.get("refuted_by", ())),
        ),
        examples_match=tuple(item.get("examples", {}).get("match", ())),
        examples_no_match=tuple(item.get("examples", {}).get("no_match", ())),
        non_suppressible=bool(item.get("non_suppressible", False)),
        note=bilingual(item["note"]) if "note" in item else None,
    )


@record
class Evidence:
    """A piece of evidence an incident lists, and the indicators it supports."""

    type: str
    ref: str
    indicators: tuple[str, ...]  # empty: supports every indicator of the incident


@record
class Waiver:
    """An indicator set aside for one incident, with the reason and who decided."""

    indicator: str
    reason: str
    by: str


@record
class Incident:
    """One incident of a report: what happened, what the reporter cites, its status and evidence."""

    id: str
    date: str
    summary: str
    narrative: str
    cited: tuple[str, ...]
    status: Status
    evidence: tuple[Evidence, ...]
    waivers: tuple[Waiver, ...]
    index: int  # position in the report's incidents list
    line: int = 1  # where the incident's narrative starts in the report file (1-based)
    column: int = 1


@record
class Subject:
    """The person or organisation a report is about."""

    kind: Literal["person", "organisation"]
    name: str
    position: str
    is_leader: bool

    @property
    def roles(self) -> frozenset[str]:
        """The `applies_to` values this subject falls under."""
        if self.kind == "organisation":
            return frozenset({"organisation"})
        return frozenset({"individual", "leader"} if self.is_leader else {"individual"})


@record
class Report:
    """An incident report as read from its file."""

    id: str
    date: str
    unit: str
    subject: Subject
    reporter: str
    incidents: tuple[Incident, ...]
    expected_level: str | None
    expected_indicators: tuple[str, ...] | None


Locator = Callable[[tuple[str | int, ...]], tuple[int, int]]


def report_from_data(data: dict[str, Any], locate: Locator | None = None) -> Report:
    subject = data["subject"]
    expected = data.get("expected", {})
    return Report(
        id=data["id"],
        date=data["date"],
        unit=data["unit"],
        subject=Subject(
            kind=subject["kind"],
            name=subject["name"],
            position=subject.get("position", ""),
            is_leader=bool(subject.get("is_leader", False)),
        ),
        reporter=data.get("reporter", {}).get("name", ""),
        incidents=tuple(
            _incident(i, item, locate(("incidents", i, "narrative")) if locate else (1, 1))
            for i, item in enumerate(data["incidents"])
        ),
        expected_level=expected.get("level"),
        expected_indicators=tuple(expected["indicators"]) if "indicators" in expected else None,
    )


def _incident(index: int, item: dict[str, Any], where: tuple[int, int]) -> Incident:
    return Incident(
        id=item["id"],
        date=item["date"],
        summary=item.get("summary", ""),
        narrative=item["narrative"],
        cited=tuple(item.get("indicators", ())),
        status=item["status"],
        evidence=tuple(
            Evidence(e["type"], e.get("ref", ""), tuple(e.get("indicators", ())))
            for e in item.get("evidence", ())
        ),
        waivers=tuple(
            Waiver(w["indicator"], w["reason"], w.get("by", "")) for w in item.get("waive", ())
        ),
        index=index,
        line=where[0],
        column=where[1],
    )
