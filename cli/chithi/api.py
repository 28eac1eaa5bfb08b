"""The library: load a ruleset, check one report or many, summarise them, validate rulesets.

This module is the facade: it defines little, it names what library users call, from the
stages below it (docs/architecture.md, docs/api.md). No printing, no exiting: problems travel
as InputError / RulesetError values that carry located, bilingual `Problem`s, or, in a batch,
as `Problem`s yielded in the place of the report that could not be read.
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
from chithi.inputs.suppressions import load_exceptions
from chithi.io.loading import DEFAULT_LIMITS, Limits
from chithi.run.check import check_loaded, match_incident
from chithi.run.many import (
    Checked,
    RunOutcome,
    Summary,
    check_many,
    check_stream,
    report_files,
    summarise,
)
from chithi.run.selftest import validate_paths, validate_ruleset_file
from chithi.score.aggregate import Aggregate
from chithi.score.redact import Redactor
from chithi.score.suppressions import ExceptionSet
from chithi.validate.report import report_from_document

if TYPE_CHECKING:
    from chithi.model.documents import Ruleset
    from chithi.model.results import ReportResult
    from chithi.model.runs import RulesetValidation

__all__ = [
    "DEFAULT_LIMITS",
    "Aggregate",
    "Checked",
    "ExceptionSet",
    "InputError",
    "Limits",
    "Problem",
    "Redactor",
    "RulesetError",
    "RunOutcome",
    "Severity",
    "Summary",
    "bundled_rulesets",
    "check_loaded",
    "check_many",
    "check_report",
    "check_stream",
    "compiled_matcher",
    "compiled_reader",
    "default_ruleset_path",
    "load_exceptions",
    "load_reader",
    "load_report",
    "load_ruleset",
    "load_ruleset_document",
    "match_incident",
    "report_files",
    "report_from_document",
    "summarise",
    "validate_ruleset",
    "validate_rulesets",
]


def check_report(path: Path | str, ruleset: Ruleset | None = None) -> ReportResult:
    """Check one report file; the bundled Directive 24 ruleset unless another is given.
    Raises InputError when the file cannot be read or is not a valid report."""
    rules = ruleset or load_ruleset()
    report = load_report(Path(path), rules)
    return check_loaded(report, rules, str(path))


def validate_ruleset(path: Path | str, *, require_sourced: bool = False) -> RulesetValidation:
    """What `chithi validate` finds in one ruleset file: its problems (none when valid), and
    its examples and test reports run through the real matcher. Never raises for a bad file."""
    return validate_ruleset_file(Path(path), require_sourced=require_sourced)


def validate_rulesets(
    paths: list[Path | str], *, require_sourced: bool = False
) -> list[RulesetValidation]:
    """`validate_ruleset` for each path, in order."""
    return validate_paths([Path(p) for p in paths], require_sourced=require_sourced)
