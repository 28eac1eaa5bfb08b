"""What one command run produced, as renderers receive it: every output format reads these."""

from __future__ import annotations

from dataclasses import field, fields
from typing import TYPE_CHECKING, Literal

from chithi.core.problems import Severity
from chithi.core.records import record
from chithi.core.text import name_key

if TYPE_CHECKING:
    from chithi.core.i18n import Lang
    from chithi.core.problems import Problem
    from chithi.model.documents import Report, Ruleset
    from chithi.model.results import ReportResult


@record
class RenderOptions:
    """How a run is to be shown: language, --explain, narrative text, --quiet."""

    lang: Lang = "vi"
    explain: bool = False
    include_text: bool = False  # CI formats carry ids, not narrative text, unless asked
    quiet: bool = False  # --quiet: problems that count and verdicts only (no notices)


ExceptionStatus = Literal["applied", "unused", "expired", "refused"]


@record
class ExceptionEntry:
    """One entry of an --exceptions file: an indicator suppressed for a unit or a person."""

    id: str
    indicator: str
    unit: str | None
    person: str | None
    reason: str
    owner: str
    expires: str

    def covers(self, report: Report) -> bool:
        unit_ok = self.unit is None or name_key(self.unit) == name_key(report.unit)
        person_ok = self.person is None or name_key(self.person) == name_key(report.subject.name)
        return unit_ok and person_ok


@record
class ExceptionRecord(ExceptionEntry):
    """An entry, and what became of it in this run."""

    status: ExceptionStatus
    applied_to: tuple[tuple[str, str], ...] = ()  # (report path, incident id)

    @classmethod
    def of(
        cls, entry: ExceptionEntry, status: ExceptionStatus, applied_to: tuple[tuple[str, str], ...]
    ) -> ExceptionRecord:
        copied = {f.name: getattr(entry, f.name) for f in fields(ExceptionEntry)}
        return cls(**copied, status=status, applied_to=applied_to)


@record
class CheckRun:
    """Everything `chithi check` renders: the results, the files it could not read, the
    exceptions."""

    ruleset: Ruleset
    results: tuple[ReportResult, ...]
    problems: tuple[Problem, ...]  # report files that could not be read or validated
    exceptions: tuple[ExceptionRecord, ...] = ()
    exceptions_file: str | None = None


@record
class ExampleOutcome:
    """One ruleset example run through the real matcher (a self-test)."""

    indicator: str
    kind: Literal["match", "no_match"]
    text: str
    line: int
    column: int
    fired: tuple[str, ...]  # every indicator the example fired

    @property
    def passed(self) -> bool:
        hit = self.indicator in self.fired
        return hit if self.kind == "match" else not hit


@record
class TestReportOutcome:
    """One report from the ruleset's tests/ folder, checked against its `expected:` block."""

    __test__ = False  # not a pytest test class, despite its name

    path: str
    expected_level: str | None
    expected_indicators: tuple[str, ...] | None
    level: str | None
    indicators: tuple[str, ...]
    problems: tuple[Problem, ...] = ()
    line: int | None = None  # where the report's `expected:` block is
    column: int | None = None

    @property
    def passed(self) -> bool:
        if self.problems:
            return False
        level_ok = self.expected_level is None or self.expected_level == self.level
        indicators_ok = (
            self.expected_indicators is None or self.expected_indicators == self.indicators
        )
        return level_ok and indicators_ok


@record
class RulesetValidation:
    """One ruleset's validation: its problems and the outcome of its self-tests."""

    path: str
    ruleset_id: str | None  # None when the file could not even be read
    problems: tuple[Problem, ...]
    examples: tuple[ExampleOutcome, ...] = ()
    test_reports: tuple[TestReportOutcome, ...] = ()
    unreadable: bool = False

    def failing(self, strict: bool) -> tuple[Problem, ...]:
        failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return tuple(p for p in self.problems if p.severity in failing)


@record
class ValidateRun:
    """Everything `chithi validate` renders."""

    rulesets: tuple[RulesetValidation, ...]
    strict: bool = False
    checks: dict[str, str] = field(default_factory=dict)  # check id → English one-line summary
