"""What the finding formats (sarif, junit, github, markdown, html) share: how a row becomes a
finding, why it was suppressed, and the findings of a ruleset validation. No format's markup."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from chithi.core.codes import RS_EXAMPLE_FIRED, RS_EXAMPLE_MISSED, RS_TEST_FAILED, RS_TEST_INVALID
from chithi.core.i18n import Text
from chithi.core.numbers import number
from chithi.core.problems import Problem
from chithi.render import labels as L

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from chithi.core.i18n import Lang
    from chithi.model.documents import Incident, Ruleset
    from chithi.model.results import IndicatorResult, ReportResult
    from chithi.model.runs import (
        CheckRun,
        ExceptionRecord,
        RenderOptions,
        RulesetValidation,
        TestReportOutcome,
    )

RowStatus = Literal["failure", "warning", "notice", "suppressed", "pass"]

POINTS_UNIT = Text("điểm", "points")
WAIVED_IN_REPORT = Text("miễn trừ trong báo cáo", "waived in the report")
BY_EXCEPTION = Text("ngoại lệ {id}", "exception {id}")
EXPIRES = Text("hết hạn", "expires")


def row_status(row: IndicatorResult) -> RowStatus:
    """What CI makes of a row; "we could not tell" is a notice, never a pass."""
    if row.outcome == "not_violated":
        return "pass"
    if row.exception is not None or row.outcome == "waived" or row.waiver is not None:
        return "suppressed"
    if row.outcome == "violated":
        return "failure"
    return "warning" if row.outcome == "probable" else "notice"


def suppression(row: IndicatorResult, run: CheckRun, lang: Lang, include_text: bool) -> str:
    """Why a row does not count ("" when it does): the exception id, or the report's waiver."""
    if row_status(row) != "suppressed":
        return ""
    if row.exception is not None:
        reason = BY_EXCEPTION.format(id=row.exception)(lang)
        record = next((e for e in run.exceptions if e.id == row.exception), None)
        if record is not None:
            reason += f", {EXPIRES(lang)} {record.expires}"
            if include_text:
                reason += f": {exception_text(record)}"
        return reason
    reason = WAIVED_IN_REPORT(lang)
    if include_text and row.waiver is not None:
        reason += f": {row.waiver.reason.strip()}"
        if row.waiver.by:
            reason += f" ({row.waiver.by})"
    return reason


def exception_text(record: ExceptionRecord) -> str:
    """The free-text parts of an exception (names, reason): only shown with include_text."""
    scope = " · ".join(s for s in (record.unit, record.person) if s)
    parts = [record.reason.strip(), record.owner, scope]
    return " · ".join(p for p in parts if p)


def finding_message(
    result: ReportResult,
    incident: Incident,
    row: IndicatorResult,
    run: CheckRun,
    options: RenderOptions,
) -> str:
    """Ids, title and outcome; the matched sentences only when include_text is set."""
    lang = options.lang
    text = (
        f"{result.report.id} › {incident.id}: {row.indicator_id} "
        f"{title(result.ruleset, row, lang)} — {L.OUTCOME[row.outcome](lang)}"
    )
    if row.points:
        text += f" ({number(row.points, lang)} {POINTS_UNIT(lang)})"
    reason = suppression(row, run, lang, options.include_text)
    if reason:
        text += f" — {reason}"
    if options.include_text:
        text += "".join(f"\n«{s}»" for s in matched_sentences(row))
    return text


def title(ruleset: Ruleset, row: IndicatorResult, lang: Lang) -> str:
    indicator = ruleset.indicator(row.indicator_id)
    return indicator.title(lang) if indicator is not None else ""


def matched_sentences(row: IndicatorResult) -> tuple[str, ...]:
    return tuple(dict.fromkeys(" ".join(d.sentence.split()) for d in row.detections))


def sorted_results(run: CheckRun) -> list[ReportResult]:
    return sorted(run.results, key=lambda r: r.path)


def report_rows(result: ReportResult) -> Iterator[tuple[Incident, IndicatorResult]]:
    """Every row, incidents in report order and indicators in ruleset order."""
    order = {indicator.id: n for n, indicator in enumerate(result.ruleset.indicators)}
    for item in sorted(result.incidents, key=lambda i: i.incident.index):
        for row in sorted(item.rows, key=lambda r: order.get(r.indicator_id, len(order))):
            yield item.incident, row


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(
        problems, key=lambda p: (p.file, p.line or 0, p.column or 0, p.code, p.message.en)
    )


def ruleset_passed(rv: RulesetValidation, strict: bool) -> bool:
    return not (
        rv.unreadable
        or rv.failing(strict)
        or not all(e.passed for e in rv.examples)
        or not all(t.passed for t in rv.test_reports)
    )


def validate_problems(rv: RulesetValidation) -> list[Problem]:
    """The ruleset's problems, plus any failed self-test that no problem already reports.

    `chithi validate` turns failed examples and test reports into problems itself; a run built
    without them still shows every failure, under the same codes.
    """
    found = list(rv.problems)
    lines, files = {(p.file, p.line) for p in found}, {p.file for p in found}
    for ex in rv.examples:
        if not ex.passed and (rv.path, ex.line) not in lines:
            message = (
                Text(
                    "ví dụ phải khớp {i} nhưng không khớp", "must-match example does not raise {i}"
                )
                if ex.kind == "match"
                else Text(
                    "ví dụ không được khớp lại kích hoạt {i}", "must-not-match example raises {i}"
                )
            )
            code = RS_EXAMPLE_MISSED if ex.kind == "match" else RS_EXAMPLE_FIRED
            where = (rv.path, ex.line, ex.column)
            found.append(Problem(*where, code, message.format(i=ex.indicator)))
    for report in rv.test_reports:
        if report.passed or report.path in files:
            continue
        found += [
            Problem(p.file, p.line, p.column, RS_TEST_INVALID, p.message, p.severity)
            for p in report.problems
        ]
        if not report.problems:
            message = test_report_message(report)
            found.append(Problem(report.path, report.line, report.column, RS_TEST_FAILED, message))
    return sort_problems(found)


def test_report_message(report: TestReportOutcome) -> Text:
    """What differs from the report's `expected:` block."""
    parts: list[Text] = []
    if report.expected_level is not None and report.expected_level != report.level:
        parts.append(
            Text("mức mong đợi {e}, thực tế {g}", "expected level {e}, got {g}").format(
                e=report.expected_level, g=report.level or "—"
            )
        )
    expected = report.expected_indicators
    if expected is not None and expected != report.indicators:
        parts.append(
            Text(
                "biểu hiện mong đợi [{e}], thực tế [{g}]", "expected indicators [{e}], got [{g}]"
            ).format(e=", ".join(expected), g=", ".join(report.indicators))
        )
    if not parts:
        return Text("báo cáo kiểm thử không đạt", "test report failed")
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + Text("; ", "; ") + part
    return joined
