"""JUnit XML: one test case per indicator per report, or per self-test of a ruleset.

Violated or probable → failure; waived, excepted or insufficient evidence → skipped (the message
says which); an unreadable report → error. JUnit has no warnings: they go to system-out.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from chithi.core.i18n import Text
from chithi.core.problems import Severity
from chithi.render import findings
from chithi.render import labels as L
from chithi.render.safe import clean

if TYPE_CHECKING:
    from collections.abc import Iterable

    from chithi.core.i18n import Lang
    from chithi.core.problems import Problem
    from chithi.model.documents import Incident, Indicator
    from chithi.model.results import IndicatorResult, ReportResult
    from chithi.model.runs import (
        CheckRun,
        ExampleOutcome,
        ExceptionRecord,
        RenderOptions,
        RulesetValidation,
        TestReportOutcome,
        ValidateRun,
    )

# XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF anywhere in a document.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
EXCEPTIONS_SUITE = Text("ngoại lệ", "exceptions")
PROBLEMS = Text("{n} vấn đề", "{n} problem(s)")
EXAMPLE_FAILED = Text("ví dụ không đạt", "example failed")
TEST_REPORT_FAILED = Text("báo cáo kiểm thử không đạt", "test report failed")


def render_check(run: CheckRun, options: RenderOptions) -> str:
    root = ET.Element("testsuites", name="chithi")
    for result in findings.sorted_results(run):
        suite = _suite(root, result.path)
        _properties(
            suite,
            report=result.report.id,
            ruleset=f"{result.ruleset.id} {result.ruleset.version}",
            level=result.level.id,
            total=f"{result.total:g}",
            compliance=f"{result.compliance:.2f}",
            indicators_met=" ".join(result.indicators_met),
        )
        rows = list(findings.report_rows(result))
        for indicator in result.ruleset.indicators:
            mine = [(incident, row) for incident, row in rows if row.indicator_id == indicator.id]
            _indicator_case(suite, indicator, mine, result, run, options)
    for path in sorted({p.file for p in run.problems}):
        suite = _suite(root, path)
        for problem in findings.sort_problems(p for p in run.problems if p.file == path):
            case = _case(suite, "chithi", f"{problem.code} {problem.location()}")
            _sub(
                case,
                "error",
                problem.message(options.lang),
                problem.code,
                problem.render(options.lang),
            )
    if run.exceptions:
        suite = _suite(root, f"{EXCEPTIONS_SUITE(options.lang)}: {run.exceptions_file or '-'}")
        records = sorted(run.exceptions, key=lambda e: e.id)
        _properties(suite, **{f"exception.{e.id}": e.status for e in records})
        lines = [_exception_line(e, options) for e in records]
        ET.SubElement(suite, "system-out").text = _xml("\n".join(lines))
    return _finish(root)


def render_validate(run: ValidateRun, options: RenderOptions) -> str:
    root = ET.Element("testsuites", name="chithi validate")
    for rv in sorted(run.rulesets, key=lambda v: v.path):
        suite = _suite(root, rv.path)
        _properties(suite, ruleset=rv.ruleset_id or "-", strict=str(run.strict).lower())
        for example in rv.examples:
            _example_case(suite, example, rv, options.lang)
        for report in sorted(rv.test_reports, key=lambda t: t.path):
            _test_report_case(suite, report, options.lang)
        _problem_cases(suite, rv, run.strict, options.lang)
    return _finish(root)


def _indicator_case(
    suite: ET.Element,
    indicator: Indicator,
    rows: list[tuple[Incident, IndicatorResult]],
    result: ReportResult,
    run: CheckRun,
    options: RenderOptions,
) -> None:
    lang = options.lang
    case = _case(suite, indicator.group, f"{indicator.id} {indicator.title(lang)}")
    by_status: dict[str, list[tuple[Incident, IndicatorResult]]] = {}
    for incident, row in rows:
        by_status.setdefault(findings.row_status(row), []).append((incident, row))
    body = "\n".join(
        f"{result.path}:{incident.line}:{incident.column}: "
        + findings.finding_message(result, incident, row, run, options)
        for incident, row in rows
        if findings.row_status(row) != "pass"
    )
    failing = by_status.get("failure", []) + by_status.get("warning", [])
    if failing:
        outcome = "violated" if "failure" in by_status else "probable"
        ids = ", ".join(incident.id for incident, _ in failing)
        _sub(case, "failure", f"{L.OUTCOME[outcome](lang)}: {ids}", outcome, body)
        return
    reasons = [
        f"{L.SUPPRESSED(lang)}: "
        + ", ".join(
            f"{i.id} ({findings.suppression(r, run, lang, options.include_text)})"
            for i, r in by_status.get("suppressed", [])
        ),
        "; ".join(  # insufficient evidence, suggestions for review: each under its own name
            f"{L.OUTCOME[outcome](lang)}: "
            + ", ".join(i.id for i, r in by_status.get("notice", []) if r.outcome == outcome)
            for outcome in dict.fromkeys(r.outcome for _, r in by_status.get("notice", []))
        ),
    ]
    present = [
        r for r, key in zip(reasons, ("suppressed", "notice"), strict=True) if key in by_status
    ]
    if present:
        _sub(case, "skipped", "; ".join(present), None, body)


def _example_case(
    suite: ET.Element, example: ExampleOutcome, rv: RulesetValidation, lang: Lang
) -> None:
    name = f"{example.indicator} {example.kind} {rv.path}:{example.line}:{example.column}"
    case = _case(suite, "examples", name)
    if not example.passed:
        fired = ", ".join(example.fired) or "—"
        detail = f"{example.indicator} {example.kind}; fired: {fired}"
        _sub(case, "failure", f"{EXAMPLE_FAILED(lang)}: {detail}", example.kind, detail)


def _test_report_case(suite: ET.Element, report: TestReportOutcome, lang: Lang) -> None:
    case = _case(suite, "test-reports", report.path)
    if report.passed:
        return
    problems = [p.render(lang) for p in findings.sort_problems(report.problems)]
    detail = findings.test_report_message(report)(lang) if not problems else ""
    lines = [line for line in (detail, *problems) if line]
    _sub(case, "failure", TEST_REPORT_FAILED(lang), "test-report", "\n".join(lines))


def _problem_cases(suite: ET.Element, rv: RulesetValidation, strict: bool, lang: Lang) -> None:
    problems = findings.sort_problems(rv.problems)
    for severity in Severity:
        group = [p for p in problems if p.severity is severity]
        case = _case(suite, "problems", L.SEVERITY[severity](lang))
        text = _listing(group, lang)
        fails = severity is Severity.ERROR or (strict and severity is Severity.WARNING)
        if group and fails:
            _sub(case, "failure", PROBLEMS.format(n=len(group))(lang), severity.value, text)
        elif group:
            ET.SubElement(case, "system-out").text = _xml(text)


def _listing(problems: Iterable[Problem], lang: Lang) -> str:
    return "\n".join(f"{p.render(lang)} ({p.severity.value})" for p in problems)


def _exception_line(record: ExceptionRecord, options: RenderOptions) -> str:
    applied = ", ".join(f"{path} › {incident}" for path, incident in record.applied_to) or "-"
    status = L.EXCEPTION_STATUS[record.status](options.lang)
    line = f"{record.id} {record.indicator}: {status}, {findings.EXPIRES(options.lang)} {record.expires}; {applied}"
    if options.include_text:
        line += f" — {findings.exception_text(record)}"
    return line


def _suite(root: ET.Element, name: str) -> ET.Element:
    return ET.SubElement(root, "testsuite", name=_xml(name))


def _case(suite: ET.Element, classname: str, name: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", classname=_xml(classname), name=_xml(name))


def _sub(case: ET.Element, tag: str, message: str, kind: str | None, text: str) -> None:
    element = ET.SubElement(case, tag, message=_xml(message))
    if kind is not None:
        element.set("type", _xml(kind))
    if text:
        element.text = _xml(text)


def _properties(suite: ET.Element, **values: str) -> None:
    properties = ET.SubElement(suite, "properties")
    for name, value in values.items():
        ET.SubElement(properties, "property", name=_xml(name), value=_xml(value))


def _finish(root: ET.Element) -> str:
    """Fill in the counts on every suite and on the root, then serialise."""
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    for suite in root.iter("testsuite"):
        cases = suite.findall("testcase")
        counts = {
            "tests": len(cases),
            "failures": sum(c.find("failure") is not None for c in cases),
            "errors": sum(c.find("error") is not None for c in cases),
            "skipped": sum(c.find("skipped") is not None for c in cases),
        }
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _xml(value: str) -> str:
    """Text that XML 1.0 can hold and a terminal shows without obeying it."""
    return clean(_ILLEGAL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")))
