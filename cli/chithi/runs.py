"""What one command run produced, as renderers receive it: every output format reads these."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from chithi.problems import Severity

if TYPE_CHECKING:
    from chithi.i18n import Lang
    from chithi.model import Ruleset
    from chithi.problems import Problem
    from chithi.results import ReportResult


@dataclass(frozen=True, slots=True)
class RenderOptions:
    lang: Lang = "vi"
    explain: bool = False
    include_text: bool = False  # CI formats carry ids, not narrative text, unless asked


ExceptionStatus = Literal["applied", "unused", "expired", "refused"]


@dataclass(frozen=True, slots=True)
class ExceptionRecord:
    """One entry of an --exceptions file and what became of it in this run."""

    id: str
    indicator: str
    unit: str | None
    person: str | None
    reason: str
    owner: str
    expires: str
    status: ExceptionStatus
    applied_to: tuple[tuple[str, str], ...] = ()  # (report path, incident id)


@dataclass(frozen=True, slots=True)
class CheckRun:
    ruleset: Ruleset
    results: tuple[ReportResult, ...]
    problems: tuple[Problem, ...]  # report files that could not be read or validated
    exceptions: tuple[ExceptionRecord, ...] = ()
    exceptions_file: str | None = None


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class RulesetValidation:
    path: str
    ruleset_id: str | None  # None when the file could not even be read
    problems: tuple[Problem, ...]
    examples: tuple[ExampleOutcome, ...] = ()
    test_reports: tuple[TestReportOutcome, ...] = ()
    unreadable: bool = False

    def failing(self, strict: bool) -> tuple[Problem, ...]:
        failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return tuple(p for p in self.problems if p.severity in failing)


@dataclass(frozen=True, slots=True)
class ValidateRun:
    rulesets: tuple[RulesetValidation, ...]
    strict: bool = False
    checks: dict[str, str] = field(default_factory=dict)  # check id → English one-line summary
