"""One loaded report checked against one ruleset: read each incident's text, then score."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chithi.inputs.rulesets import compiled_reader
from chithi.match.reader import TextReader
from chithi.score.scoring import score_report

if TYPE_CHECKING:
    from chithi.match.matcher import Matcher, TextMatch
    from chithi.model.documents import Report, Ruleset
    from chithi.model.results import ReportResult
    from chithi.score.suppressions import ExceptionSet


def check_loaded(
    report: Report, ruleset: Ruleset, path: str, exceptions: ExceptionSet | None = None
) -> ReportResult:
    reader = compiled_reader(ruleset)
    matches = {
        incident.id: reader.read_incident(incident.summary, incident.narrative)
        for incident in report.incidents
    }
    suppress = None
    if exceptions is not None:

        def suppress(indicator: str, _incident: str) -> str | None:
            entry = exceptions.suppressing(report, indicator)
            return None if entry is None else entry.id

    return score_report(report, ruleset, matches, path, suppress)


def match_incident(matcher: Matcher, summary: str, narrative: str) -> TextMatch:
    """What the phrases alone find in an incident's summary and narrative, summary first."""
    return TextReader(matcher, None).read_incident(summary, narrative)
