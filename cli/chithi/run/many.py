"""Many reports checked, in input order, on one process or several: the engine under `check_many`,
`summarise` and the `check` and `summary` commands.

Each report goes through one step where it was checked (in a worker with --jobs): redacted if
asked, then `finish`ed (into a JSON line, a summary contribution, or kept whole). What comes back
is a `Checked`: the finished value and the two facts the whole run needs from every report, its
level (for --fail-on) and where exceptions applied (read from its rows). So a run that streams
and a run that collects decide redaction, --fail-on and exceptions the same way.
"""

from __future__ import annotations

import os
import signal
import sys
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from chithi.core.problems import Problem
from chithi.core.records import record
from chithi.inputs.rulesets import load_ruleset
from chithi.io.loading import DEFAULT_LIMITS, Limits
from chithi.model.results import ReportResult
from chithi.run.batch import Source, _reports_of, discover
from chithi.run.check import check_loaded
from chithi.score.aggregate import Aggregate, contribution
from chithi.score.redact import redact_result
from chithi.score.suppressions import Use, uses

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from os import PathLike
    from typing import TypeAlias

    from chithi.model.documents import Ruleset
    from chithi.model.runs import ExceptionRecord
    from chithi.score.redact import Redactor
    from chithi.score.suppressions import ExceptionSet

    # one path, or many: files, folders, globs, "-"
    Inputs: TypeAlias = str | PathLike[str] | Iterable[str | PathLike[str]]

T = TypeVar("T")


@record
class Checked(Generic[T]):
    """One report checked, as it comes back from where it was checked."""

    value: T  # what `finish` made of the (redacted) result
    level: str  # the level the report reached, for --fail-on
    exceptions: tuple[Use, ...]  # where exceptions applied in it, read from its rows


@record
class Detached:
    """A ReportResult without its ruleset, as a worker sends it back: the parent holds the
    ruleset, and sending it with every result cost more than checking the report."""

    values: tuple[Any, ...]  # ReportResult's fields in order, the ruleset left out

    @classmethod
    def of(cls, result: ReportResult) -> Detached:
        return cls(tuple(getattr(result, name) for name in _DETACHED_FIELDS))

    def attach(self, ruleset: Ruleset) -> ReportResult:
        return ReportResult(
            ruleset=ruleset, **dict(zip(_DETACHED_FIELDS, self.values, strict=True))
        )


_DETACHED_FIELDS = tuple(f.name for f in fields(ReportResult) if f.name != "ruleset")


@dataclass
class RunOutcome:
    """What a whole run decides from its reports, in one place however they were checked and
    whatever became of each: how many were checked, whether one reached the --fail-on level,
    and where each exception applied."""

    ruleset: Ruleset
    fail_level: str | None = None
    checked: int = 0
    reached: bool = False
    applied: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def add(self, checked: Checked[Any]) -> None:
        self.checked += 1
        self.reached = self.reached or self._reaches(checked.level)
        for exception, path, incident in checked.exceptions:
            self.applied.setdefault(exception, []).append((path, incident))

    def exception_records(self, exceptions: ExceptionSet | None) -> tuple[ExceptionRecord, ...]:
        return exceptions.records(self.applied) if exceptions else ()

    def _reaches(self, level: str) -> bool:
        if self.fail_level is None:
            return False
        order = [lv.id for lv in self.ruleset.scoring.levels]
        return order.index(level) >= order.index(self.fail_level)


@record
class _Step:
    """What happens to each report where it was checked. Picklable: with --jobs (spawn) it
    travels to each worker once."""

    ruleset: Ruleset
    limits: Limits
    exceptions: ExceptionSet | None
    redactor: Redactor | None
    finish: Callable[[ReportResult], Any] | None  # None: the result itself

    def source(self, source: Source) -> Iterator[Checked[Any] | Problem]:
        for item in _reports_of(source, self.ruleset, self.limits):
            if isinstance(item, Problem):
                yield item
            else:
                name, report = item
                yield self.report(check_loaded(report, self.ruleset, name, self.exceptions))

    def report(self, result: ReportResult) -> Checked[Any]:
        shown = redact_result(result, self.redactor) if self.redactor else result
        value = self.finish(shown) if self.finish else shown
        return Checked(value, result.level.id, uses(result))


def check_stream(
    inputs: list[str],
    ruleset: Ruleset,
    finish: Callable[[ReportResult], Any] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    *,
    jobs: int = 1,
    exceptions: ExceptionSet | None = None,
    redactor: Redactor | None = None,
    on_sources: Callable[[int], Callable[[], None]] | None = None,
) -> Iterator[Checked[Any] | Problem]:
    """Every input checked, in input order, on `jobs` processes when there is enough to share;
    what cannot be read is a located Problem, in its place. `finish` (picklable: a module-level
    function or a partial of one) turns each result into what comes back from a worker (a JSON
    line, a few counts); without it the result itself comes back. `on_sources` is told how many
    files there are and returns what to call as each is done (a progress bar)."""
    step = _Step(ruleset, limits, exceptions, redactor, finish)
    sources, problems = discover(inputs)
    advance = on_sources(len(sources)) if on_sources else (lambda: None)
    yield from problems
    files = [s for s in sources if s.path is not None]
    if jobs <= 1 or len(files) < 2 * jobs:
        for source in sources:
            advance()
            yield from step.source(source)
        return
    for source in (s for s in sources if s.path is None):  # stdin is read here, once
        advance()
        yield from step.source(source)
    import multiprocessing  # noqa: PLC0415 - a one-job run never pays for it

    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with context.Pool(jobs, _init_worker, (step,)) as pool:
        for items in pool.imap(_check_source, files, chunksize=8):
            advance()
            for item in items:
                yield _attached(item, ruleset) if finish is None else item


# ---- The library's many-report calls (re-exported by chithi.api; docs/api.md) ----


def _input_list(inputs: Inputs) -> list[str]:
    """One path or many: a lone string is a path, not a sequence of one-letter paths."""
    if isinstance(inputs, (str, os.PathLike)):
        return [os.fspath(inputs)]
    return [os.fspath(i) for i in inputs]


def check_many(
    inputs: Inputs,
    ruleset: Ruleset | None = None,
    *,
    jobs: int = 1,
    limits: Limits = DEFAULT_LIMITS,
    exceptions: ExceptionSet | None = None,
    redactor: Redactor | None = None,
    on_sources: Callable[[int], Callable[[], None]] | None = None,
) -> Iterator[ReportResult | Problem]:
    """Check files, folders (recursively), globs and "-" (standard input), as `chithi check`
    reads them; yields each report's result, or a located Problem for what could not be read
    or validated, in input order, as they are checked. `jobs` > 1 checks on that many processes."""
    rules = ruleset or load_ruleset()
    for item in check_stream(
        _input_list(inputs),
        rules,
        None,
        limits,
        jobs=jobs,
        exceptions=exceptions,
        redactor=redactor,
        on_sources=on_sources,
    ):
        yield item if isinstance(item, Problem) else item.value


def report_files(inputs: Inputs) -> tuple[list[str], list[Problem]]:
    """The report files that `check_many` and `summarise` would read, in the order they read
    them (folders walked, globs expanded, duplicates dropped; "-" for standard input), and a
    Problem for each input that names none. To split a batch into partitions."""
    sources, problems = discover(_input_list(inputs))
    return [s.display if s.path is not None else "-" for s in sources], problems


@record
class Summary:
    """What `chithi summary` prints: the aggregate, and the inputs that could not be checked."""

    aggregate: Aggregate
    problems: tuple[Problem, ...]

    def merge(self, other: Summary) -> Summary:
        """Both summaries as one, `self`'s reports first. Associative: summaries of
        consecutive partitions merge, in any grouping, into the summary of the whole."""
        return Summary(self.aggregate.merge(other.aggregate), self.problems + other.problems)


def summarise(
    inputs: Inputs,
    ruleset: Ruleset | None = None,
    *,
    jobs: int = 1,
    limits: Limits = DEFAULT_LIMITS,
    redactor: Redactor | None = None,
    on_sources: Callable[[int], Callable[[], None]] | None = None,
) -> Summary:
    """The aggregate of many reports, read as `check_many` reads them. Each report is reduced
    to its contribution where it was checked: with `jobs` only that travels back, and only
    counters are kept, so memory stays flat however many reports there are."""
    rules = ruleset or load_ruleset()
    aggregate = Aggregate(rules)
    problems: list[Problem] = []
    for item in check_stream(
        _input_list(inputs),
        rules,
        contribution,
        limits,
        jobs=jobs,
        redactor=redactor,
        on_sources=on_sources,
    ):
        if isinstance(item, Problem):
            problems.append(item)
        else:
            aggregate.add_contribution(item.value)
    return Summary(aggregate, tuple(problems))


# ---- Workers receive the step once, then file names only. ----

_WORKER: dict[str, _Step] = {}


def _init_worker(step: _Step) -> None:
    # The parent handles Ctrl-C and says so; a worker is stopped quietly when the pool ends.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER["step"] = step


def _check_source(source: Source) -> list[Checked[Any] | Problem]:
    step = _WORKER["step"]
    return [_detached(item) if step.finish is None else item for item in step.source(source)]


def _detached(item: Checked[Any] | Problem) -> Checked[Any] | Problem:
    if isinstance(item, Problem):
        return item
    return Checked(Detached.of(item.value), item.level, item.exceptions)


def _attached(item: Checked[Any] | Problem, ruleset: Ruleset) -> Checked[Any] | Problem:
    if isinstance(item, Problem):
        return item
    return Checked(item.value.attach(ruleset), item.level, item.exceptions)
