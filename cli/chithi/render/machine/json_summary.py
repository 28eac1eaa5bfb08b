"""The JSON summary: every number and reason behind a check, in both languages.

Its shape is `chithi schema summary`. Output is deterministic: no timestamps, stable order.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from chithi._version import __version__
from chithi.render.safe import json_text
from chithi.score.scoring import FORMULA

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from chithi.core.i18n import Text
    from chithi.core.problems import Problem
    from chithi.model.detections import Detection, Suppressed
    from chithi.model.documents import Ruleset
    from chithi.model.results import IndicatorResult, ReportResult
    from chithi.model.runs import CheckRun, ExceptionRecord, RenderOptions

SUMMARY_SCHEMA_VERSION = 1


def bi(value: Text) -> dict[str, str]:
    return {"vi": value.vi, "en": value.en}


def _envelope(
    ruleset: Ruleset,
    problems: Sequence[Problem],
    exceptions: Sequence[ExceptionRecord],
    checked: int,
) -> dict[str, Any]:
    failed = len({p.file for p in problems})
    return {
        "schema_version": SUMMARY_SCHEMA_VERSION,
        "tool": {"name": "chithi", "version": __version__},
        "ruleset": {
            "id": ruleset.id,
            "version": ruleset.version,
            "sha256": ruleset.sha256,
            "source": ruleset.source_document,
        },
        "formula": bi(FORMULA),
        "reports": _PLACEHOLDER,
        "problems": [problem_json(p) for p in problems],
        "exceptions": [exception_json(e) for e in exceptions],
        "totals": {"files": checked + failed, "checked": checked, "failed": failed},
    }


_PLACEHOLDER = "\x00reports\x00"
_MARKER = json.dumps(_PLACEHOLDER)  # the envelope's only escaped NUL: user text comes later


class JsonStream:
    """The JSON summary written as it is produced: the envelope indented, each report on one
    line of its own, so a run over 100,000 reports never holds them all.

    json.dumps with `indent` runs the pure-Python encoder, which took a fifth of a 1,000-report
    run; without it the C encoder writes each report. One report per line also keeps a batch
    greppable and its diffs readable."""

    def __init__(self, ruleset: Ruleset, write: Callable[[str], object]) -> None:
        self._ruleset = ruleset
        self._write = write
        self._reports = 0

    def start(self) -> None:
        head, _ = self._halves((), (), 0)
        self._write(head + "[")

    def report(self, result: ReportResult) -> None:
        self.line(report_line(result))

    def line(self, line: str) -> None:
        """A report already made into its line (`report_line`), perhaps in a worker process."""
        self._write((",\n" if self._reports else "\n") + "    " + line)
        self._reports += 1

    def finish(self, problems: Sequence[Problem], exceptions: Sequence[ExceptionRecord]) -> None:
        _, tail = self._halves(problems, exceptions, self._reports)
        self._write(("\n  ]" if self._reports else "]") + tail + "\n")

    def _halves(
        self, problems: Sequence[Problem], exceptions: Sequence[ExceptionRecord], checked: int
    ) -> tuple[str, str]:
        envelope = _envelope(self._ruleset, problems, exceptions, checked)
        text = json_text(json.dumps(envelope, ensure_ascii=False, indent=2))
        head, _, tail = text.partition(_MARKER)
        return head, tail


def report_line(result: ReportResult) -> str:
    """One report of the summary, as the single line `JsonStream` writes for it."""
    return json_text(json.dumps(_report(result), ensure_ascii=False, separators=(", ", ": ")))


def render_json(run: CheckRun) -> str:
    """The whole JSON summary as one string (`JsonStream` writes the same text piecewise)."""
    pieces: list[str] = []
    stream = JsonStream(run.ruleset, pieces.append)
    stream.start()
    for result in run.results:
        stream.report(result)
    stream.finish(run.problems, run.exceptions)
    return "".join(pieces)


def render_check(run: CheckRun, _options: RenderOptions) -> str:
    return render_json(run)


def exception_json(record: ExceptionRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "indicator": record.indicator,
        "scope": {k: v for k, v in (("unit", record.unit), ("person", record.person)) if v},
        "reason": record.reason,
        "owner": record.owner,
        "expires": record.expires,
        "status": record.status,
        "applied_to": [
            {"path": path, "incident": incident} for path, incident in record.applied_to
        ],
    }


def problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "code": problem.code,
        "severity": problem.severity.value,
        "message": bi(problem.message),
    }


def _report(result: ReportResult) -> dict[str, Any]:
    report, subject = result.report, result.report.subject
    return {
        "path": result.path,
        "id": report.id,
        "date": report.date,
        "unit": report.unit,
        "subject": {
            "kind": subject.kind,
            "name": subject.name,
            "position": subject.position,
            "is_leader": subject.is_leader,
        },
        "total": result.total,
        "level": {
            "id": result.level.id,
            "name": bi(result.level.name),
            "advice": bi(result.level.advice),
            "from_score": result.score_level.id,
            "forced_by": list(result.forced_by),
        },
        "compliance": result.compliance,
        "indicators_met": list(result.indicators_met),
        "groups": [
            {
                "id": g.group,
                "size": g.size,
                "met": g.met,
                "unverified": g.unverified,
                "points": g.points,
                "compliance": g.compliance,
            }
            for g in result.groups
        ],
        "incidents": [
            {
                "id": i.incident.id,
                "date": i.incident.date,
                "status": i.incident.status,
                "results": [_row(row) for row in i.rows],
                "not_counted": [suppressed_json(s) for s in i.suppressed],
            }
            for i in result.incidents
        ],
        "notes": [
            {
                "code": n.code,
                "incident": n.incident_id,
                "indicator": n.indicator_id,
                "message": bi(n.message),
            }
            for n in result.notes
        ],
        "warnings": [
            {"code": w.code, "incident": w.incident_id, "message": bi(w.message)}
            for w in result.warnings
        ],
    }


def _row(row: IndicatorResult) -> dict[str, Any]:
    f = row.factors
    return {
        "indicator": row.indicator_id,
        "group": row.group,
        "basis": row.basis,
        "outcome": row.outcome,
        "strength": row.strength,
        "evidence": list(row.evidence_used),
        "factors": {
            "weight": f.weight,
            "outcome": f.outcome,
            "status": f.status,
            "basis": f.basis,
            "repeat": f.repeat,
            "leader": f.leader,
        },
        "points": row.points,
        "detections": [detection_json(d) for d in row.detections],
        "waiver": None
        if row.waiver is None
        else {"reason": row.waiver.reason, "by": row.waiver.by},
        "exception": row.exception,
        "text_confidence": row.confidence,
        "repeat_of": list(row.repeat_of),
    }


def suppressed_json(s: Suppressed) -> dict[str, Any]:
    return {
        "indicator": s.indicator,
        "field": s.field,
        "phrase": s.phrase,
        "matched": s.matched,
        "span": [s.start, s.end],
        "reason": s.reason,
        "cue": s.cue,
    }


def detection_json(d: Detection) -> dict[str, Any]:
    found = {
        "field": d.field,
        "phrase": d.phrase,
        "matched": d.matched,
        "span": [d.start, d.end],
        "sentence": d.sentence,
        "confidence": d.confidence,
        "hedge": d.hedge or None,
    }
    if d.explained_by:  # present only when it applies: earlier outputs stay byte-identical
        found["explained_by"] = d.explained_by
    if d.disputed_by:
        found["disputed_by"] = d.disputed_by
    return found
