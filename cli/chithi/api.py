"""The library: load a ruleset, load a report, check one against the other.

This module is the facade: it defines nothing, it names what library users call, from the
stages below it (docs/architecture.md). No printing, no exiting: problems travel as
InputError / RulesetError values that carry located, bilingual `Problem`s.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from chithi.core.problems import InputError, Problem, RulesetError, Severity
from chithi.inputs.reports import load_report
from chithi.inputs.rulesets import (
    bundled_rulesets,
    compiled_matcher,
    compiled_reader,
    default_ruleset_path,
    load_reader,
    load_ruleset,
    load_ruleset_document,
)
from chithi.run.check import check_loaded, match_incident
from chithi.validate.report import report_from_document

if TYPE_CHECKING:
    from chithi.model.documents import Ruleset
    from chithi.model.results import ReportResult

__all__ = [
    "InputError",
    "Problem",
    "RulesetError",
    "Severity",
    "bundled_rulesets",
    "check_loaded",
    "check_report",
    "compiled_matcher",
    "compiled_reader",
    "default_ruleset_path",
    "load_reader",
    "load_report",
    "load_ruleset",
    "load_ruleset_document",
    "match_incident",
    "report_from_document",
]


def check_report(path: Path | str, ruleset: Ruleset | None = None) -> ReportResult:
    """Check one report file; the bundled Directive 24 ruleset unless another is given."""
    rules = ruleset or load_ruleset()
    report = load_report(Path(path), rules)
    return check_loaded(report, rules, str(path))
