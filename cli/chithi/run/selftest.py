"""`chithi validate`: a ruleset proven before anyone is judged by it.

Four layers, each with stable check ids: the file itself (E-…), the JSON Schema (RS-SCHEMA),
meaning checks (ruleset_checks.py), and self-tests: every example through the real matcher,
and every report in a `tests/` folder beside the ruleset against its `expected:` block
(semgrep's ruleid/ok idea, in YAML).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from chithi.core.codes import (
    REGISTRY,
    RS_EXAMPLE_CROSSFIRE,
    RS_EXAMPLE_FIRED,
    RS_EXAMPLE_MISSED,
    RS_RECONSTRUCTED,
    RS_SCHEMA,
    RS_TEST_FAILED,
    RS_TEST_INVALID,
)
from chithi.core.i18n import text
from chithi.core.problems import InputError, Problem, Severity
from chithi.inputs.rulesets import compiled_matcher, load_reader
from chithi.io.loading import decode, load_text, read_bytes
from chithi.match.reader import TextReader
from chithi.model.documents import ruleset_from_data
from chithi.model.runs import ExampleOutcome, RulesetValidation, TestReportOutcome
from chithi.run.check import check_loaded
from chithi.validate.report import report_from_document
from chithi.validate.ruleset import check_meaning
from chithi.validate.schema import validate

if TYPE_CHECKING:
    from pathlib import Path

    from chithi.io.loading import Document
    from chithi.match.matcher import TextMatch
    from chithi.model.documents import Ruleset

# Every check `chithi validate` can report, for SARIF's rule list: from the one code registry.
CHECKS: dict[str, str] = {
    code.id: code.title.en
    for code in REGISTRY.values()
    if set(code.inputs) & {"file", "ruleset", "self-test"}
}


def validate_ruleset_file(path: Path, *, require_sourced: bool = False) -> RulesetValidation:
    shown = str(path)
    try:
        raw = read_bytes(path, shown)
    except InputError as err:
        return RulesetValidation(shown, None, tuple(err.problems), unreadable=True)
    try:
        doc = load_text(decode(raw, shown), shown, raw)
    except InputError as err:
        return RulesetValidation(shown, None, tuple(err.problems))
    if not isinstance(doc.data, dict):
        return RulesetValidation(
            shown,
            None,
            (
                Problem(
                    shown,
                    1,
                    1,
                    RS_SCHEMA,
                    text(
                        "bộ quy tắc phải là một ánh xạ ở cấp cao nhất",
                        "a ruleset must be a mapping at the top level",
                    ),
                ),
            ),
        )
    problems = validate(doc, "ruleset", RS_SCHEMA)
    if problems:
        return RulesetValidation(shown, _id_of(doc.data), tuple(problems))
    problems = [_sourced(p) if require_sourced else p for p in check_meaning(doc)]
    if any(p.severity is Severity.ERROR for p in problems):
        return RulesetValidation(shown, doc.data["id"], tuple(problems))
    model, reader_problems = load_reader(doc)
    if reader_problems:
        return RulesetValidation(shown, doc.data["id"], (*problems, *reader_problems))
    ruleset = ruleset_from_data(doc.data, sha256=hashlib.sha256(raw).hexdigest(), path=shown)
    examples = run_examples(ruleset, doc, TextReader(compiled_matcher(ruleset), model))
    problems += [p for e in examples for p in _example_problems(e, shown)]
    tests = run_test_reports(ruleset, path.parent / "tests")
    problems += [p for t in tests for p in _test_problems(t)]
    return RulesetValidation(shown, ruleset.id, tuple(problems), tuple(examples), tuple(tests))


def _fired(found: TextMatch, kind: str, min_confidence: float) -> set[str]:
    phrases = {d.indicator for d in found.detections if d.confidence != "model"}
    if kind == "match":
        return {d.indicator for d in found.detections}
    sure = {i for i, c in found.confidence.items() if c >= min_confidence}
    return phrases | sure


def _id_of(data: dict[str, Any]) -> str | None:
    value = data.get("id")
    return value if isinstance(value, str) else None


def _sourced(problem: Problem) -> Problem:
    if problem.code != RS_RECONSTRUCTED:
        return problem
    return Problem(
        problem.file, problem.line, problem.column, problem.code, problem.message, Severity.ERROR
    )


def run_examples(ruleset: Ruleset, doc: Document, reader: TextReader) -> list[ExampleOutcome]:
    """Each example through the phrases and the learned reader together. A `match` example must
    be detected (found or suggested); a `no_match` one must get no phrase and no detection that
    would carry points."""
    outcomes: list[ExampleOutcome] = []
    for n, indicator in enumerate(ruleset.indicators):
        for kind, examples in (
            ("match", indicator.examples_match),
            ("no_match", indicator.examples_no_match),
        ):
            for k, example in enumerate(examples):
                line, column = doc.positions.of_value(("indicators", n, "examples", kind, k))
                found = reader.read_text(example)
                fired = tuple(sorted(_fired(found, kind, ruleset.scoring.text_min_confidence)))
                outcomes.append(
                    ExampleOutcome(
                        indicator.id,
                        kind,  # type: ignore[arg-type]
                        example,
                        line,
                        column,
                        fired,
                    )
                )
    return outcomes


def _example_problems(e: ExampleOutcome, file: str) -> list[Problem]:
    shown = e.text if len(e.text) <= 120 else e.text[:117] + "…"
    if not e.passed and e.kind == "match":
        return [
            Problem(
                file,
                e.line,
                e.column,
                RS_EXAMPLE_MISSED,
                text(
                    f"ví dụ phải khớp {e.indicator} nhưng không khớp: «{shown}»",
                    f"must-match example does not raise {e.indicator}: «{shown}»",
                ),
            )
        ]
    if not e.passed:
        return [
            Problem(
                file,
                e.line,
                e.column,
                RS_EXAMPLE_FIRED,
                text(
                    f"ví dụ không được khớp lại kích hoạt {e.indicator}: «{shown}»",
                    f"must-not-match example raises {e.indicator}: «{shown}»",
                ),
            )
        ]
    others = [i for i in e.fired if i != e.indicator]
    if others:
        return [
            Problem(
                file,
                e.line,
                e.column,
                RS_EXAMPLE_CROSSFIRE,
                text(
                    f"ví dụ của {e.indicator} còn kích hoạt {', '.join(others)}: «{shown}»",
                    f"example of {e.indicator} also raises {', '.join(others)}: «{shown}»",
                ),
                Severity.NOTICE,
            )
        ]
    return []


def run_test_reports(ruleset: Ruleset, folder: Path) -> list[TestReportOutcome]:
    """Reports in `folder` whose `expected:` block is for this ruleset (or for any)."""
    outcomes: list[TestReportOutcome] = []
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
        shown = str(path)
        try:
            doc = load_text(decode(read_bytes(path, shown), shown), shown)
            expected = doc.data.get("expected", {}) if isinstance(doc.data, dict) else {}
            if expected.get("ruleset", ruleset.id) != ruleset.id:
                continue
            report = report_from_document(doc, ruleset)
        except InputError as err:
            outcomes.append(TestReportOutcome(shown, None, None, None, (), tuple(err.problems)))
            continue
        result = check_loaded(report, ruleset, shown)
        line, column = doc.positions.of_value(("expected",))
        outcomes.append(
            TestReportOutcome(
                shown,
                report.expected_level,
                report.expected_indicators,
                result.level.id,
                result.indicators_met,
                line=line,
                column=column,
            )
        )
    return outcomes


def _test_problems(t: TestReportOutcome) -> list[Problem]:
    if t.problems:
        return [Problem(p.file, p.line, p.column, RS_TEST_INVALID, p.message) for p in t.problems]
    if t.passed:
        return []
    wanted = f"{t.expected_level} {list(t.expected_indicators or ())}"
    got = f"{t.level} {list(t.indicators)}"
    return [
        Problem(
            t.path,
            t.line,
            t.column,
            RS_TEST_FAILED,
            text(
                f"báo cáo kiểm thử cho kết quả {got}, mong đợi {wanted}",
                f"test report checks as {got}, expected {wanted}",
            ),
        )
    ]


def validate_paths(paths: list[Path], *, require_sourced: bool = False) -> list[RulesetValidation]:
    return [validate_ruleset_file(p, require_sourced=require_sourced) for p in paths]
