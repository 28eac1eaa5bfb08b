"""GitHub-flavoured Markdown for PR comments and $GITHUB_STEP_SUMMARY; no raw HTML."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from chithi.i18n import Text
from chithi.problems import Problem, Severity
from chithi.render import labels as L
from chithi.render.ci import (
    exception_text,
    matched_sentences,
    report_rows,
    row_status,
    ruleset_passed,
    sort_problems,
    sorted_results,
    suppression,
    title,
    validate_problems,
)
from chithi.render.safe import clean

if TYPE_CHECKING:
    from collections.abc import Iterable

    from chithi.i18n import Lang
    from chithi.results import IndicatorResult, ReportResult
    from chithi.runs import (
        CheckRun,
        ExceptionRecord,
        RenderOptions,
        ValidateRun,
    )


EXPIRES_HEADER = Text("Hết hạn", "Expires")
UNREADABLE = Text("Tệp không kiểm tra được", "Files that could not be checked")
MATCHED = Text("Câu khớp", "Matched sentences")
FILE = Text("Tệp", "File")
REPORT = Text("Báo cáo", "Report")
ID = Text("Mã", "Id")
STATUS = Text("Trạng thái", "Status")
APPLIED_TO = Text("Áp dụng cho", "Applied to")
REASON = Text("Lý do", "Reason")
LOCATION = Text("Vị trí", "Location")
SEVERITY_HEADER = Text("Mức độ", "Severity")
CHECK = Text("Mã kiểm tra", "Check")
MESSAGE = Text("Nội dung", "Message")
SUBJECT = Text("Đối tượng", "Subject")
NO_PROBLEMS = Text("Không có vấn đề nào.", "No problems.")
CHECKED = Text(
    "{checked} báo cáo đã chấm, {failed} tệp không đọc được.",
    "{checked} reports checked, {failed} files could not be read.",
)
VALIDATE_LINE = Text(
    "lỗi: {errors} · cảnh báo: {warnings} · lưu ý: {notices} · ví dụ: {ex_ok} đạt, {ex_bad} không đạt"
    " · báo cáo kiểm thử: {tr_ok} đạt, {tr_bad} không đạt",
    "errors: {errors} · warnings: {warnings} · notices: {notices} · examples: {ex_ok} passed,"
    " {ex_bad} failed · test reports: {tr_ok} passed, {tr_bad} failed",
)
STRICT = Text("(--strict: cảnh báo tính là lỗi)", "(--strict: warnings fail)")
UNREADABLE_RULESET = Text("không đọc được bộ quy tắc", "the ruleset could not be read")
ICON = {
    "violated": "❌",
    "probable": "⚠️",
    "insufficient_evidence": "❔",
    "not_violated": "✅",
    "waived": "🔕",
}

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&@$])")
_QUOTED = re.compile(r"«[^»]*»")


def render_check(run: CheckRun, options: RenderOptions) -> str:
    lang, rules = options.lang, run.ruleset
    out = [f"# chithi — {L.RULESET(lang)} {md(rules.id)} {md(rules.version)}", ""]
    failed = len({p.file for p in run.problems})
    out += [CHECKED.format(checked=len(run.results), failed=failed)(lang), ""]
    results = sorted_results(run)
    if results:
        out += _table(
            [
                REPORT(lang),
                FILE(lang),
                L.LEVEL(lang),
                L.TOTAL(lang),
                L.COMPLIANCE(lang),
                L.MET(lang),
            ],
            [
                [
                    r.report.id,
                    r.path,
                    f"{r.level.name(lang)} ({r.level.id})",
                    f"{r.total:g}",
                    f"{r.compliance:.1f}%",
                    ", ".join(r.indicators_met) or "—",
                ]
                for r in results
            ],
            right=(3, 4),
        )
    for result in results:
        out += _report(result, run, options)
    if run.exceptions:
        out += [f"## {L.EXCEPTIONS(lang)}", ""]
        if run.exceptions_file:
            out += [f"{FILE(lang)}: {md(run.exceptions_file)}", ""]
        out += _exceptions_table(run.exceptions, options)
    if run.problems:
        out += [f"## {UNREADABLE(lang)}", "", *_problems_table(sort_problems(run.problems), lang)]
    return "\n".join(out).rstrip("\n") + "\n"


def render_validate(run: ValidateRun, options: RenderOptions) -> str:
    lang = options.lang
    out = ["# chithi validate", ""]
    if run.strict:
        out += [STRICT(lang), ""]
    for rv in sorted(run.rulesets, key=lambda v: v.path):
        problems = validate_problems(rv)
        count = {s: sum(p.severity is s for p in problems) for s in Severity}
        ex_ok = sum(e.passed for e in rv.examples)
        tr_ok = sum(t.passed for t in rv.test_reports)
        icon = "✅" if ruleset_passed(rv, run.strict) else "❌"
        out += [f"## {icon} {md(rv.ruleset_id or rv.path)}", "", f"{FILE(lang)}: {md(rv.path)}", ""]
        if rv.unreadable:
            out += [UNREADABLE_RULESET(lang), ""]
        line = VALIDATE_LINE.format(
            errors=count[Severity.ERROR],
            warnings=count[Severity.WARNING],
            notices=count[Severity.NOTICE],
            ex_ok=ex_ok,
            ex_bad=len(rv.examples) - ex_ok,
            tr_ok=tr_ok,
            tr_bad=len(rv.test_reports) - tr_ok,
        )
        out += [line(lang), ""]
        out += _problems_table(problems, lang) if problems else [NO_PROBLEMS(lang), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _report(result: ReportResult, run: CheckRun, options: RenderOptions) -> list[str]:
    lang, report, level = options.lang, result.report, result.level
    out = [f"## {md(report.id)} — {md(level.name(lang))} ({md(level.id)})", ""]
    out.append(
        f"{FILE(lang)}: {md(result.path)} · {L.TOTAL(lang)}: {result.total:g} · "
        f"{L.COMPLIANCE(lang)}: {result.compliance:.1f}%"
    )
    if result.forced_by:
        out[-1] += f" · {L.FORCED(lang)} {md(', '.join(result.forced_by))}"
    if options.include_text:
        subject = report.subject
        out.append(f"\n{SUBJECT(lang)}: {md(subject.name)} — {md(report.unit)}")
    out.append("")
    rows = list(report_rows(result))
    if rows:
        out += _table(
            [
                L.INCIDENT(lang),
                L.GROUP(lang),
                L.INDICATOR(lang),
                L.BASIS_HEADER(lang),
                L.OUTCOME_HEADER(lang),
                L.POINTS(lang),
            ],
            [
                [
                    incident.id,
                    row.group,
                    f"{row.indicator_id} {title(result.ruleset, row, lang)}",
                    L.BASIS[row.basis](lang),
                    _outcome(row, run, options),
                    f"{row.points:g}",
                ]
                for incident, row in rows
            ],
            right=(5,),
        )
    else:
        out += [L.NO_ROWS(lang), ""]
    out += _table(
        [L.GROUP(lang), L.MET(lang), L.UNVERIFIED(lang), L.POINTS(lang), L.COMPLIANCE(lang)],
        [
            [
                g.group,
                f"{g.met}/{g.size}",
                str(g.unverified),
                f"{g.points:g}",
                f"{g.compliance:.1f}%",
            ]
            for g in result.groups
        ],
        right=(1, 2, 3, 4),
    )
    if result.notes:
        out += [f"**{L.NOTES(lang)}**", ""]
        for note in result.notes:
            message = note.message(lang)
            if not options.include_text:
                message = _QUOTED.sub("«…»", message)
            out.append(f"- {md(note.incident_id)} · {md(note.indicator_id)} · {md(message)}")
        out.append("")
    if options.include_text:
        quoted = [(i, r, s) for i, r in rows for s in matched_sentences(r)]
        if quoted:
            out += [f"**{MATCHED(lang)}**", ""]
            out += [f"- {md(i.id)} · {r.indicator_id}: «{md(s)}»" for i, r, s in quoted]
            out.append("")
    return out


def _outcome(row: IndicatorResult, run: CheckRun, options: RenderOptions) -> str:
    icon = "🔕" if row_status(row) == "suppressed" else ICON[row.outcome]
    cell = f"{icon} {L.OUTCOME[row.outcome](options.lang)}"
    reason = suppression(row, run, options.lang, options.include_text)
    return f"{cell} — {reason}" if reason else cell


def _exceptions_table(records: Iterable[ExceptionRecord], options: RenderOptions) -> list[str]:
    lang = options.lang
    header = [ID(lang), L.INDICATOR(lang), STATUS(lang), EXPIRES_HEADER(lang), APPLIED_TO(lang)]
    if options.include_text:
        header.append(REASON(lang))
    rows = []
    for rec in sorted(records, key=lambda e: e.id):
        applied = ", ".join(f"{path} › {incident}" for path, incident in rec.applied_to) or "—"
        row = [rec.id, rec.indicator, L.EXCEPTION_STATUS[rec.status](lang), rec.expires, applied]
        if options.include_text:
            row.append(exception_text(rec))
        rows.append(row)
    return _table(header, rows)


def _problems_table(problems: Iterable[Problem], lang: Lang) -> list[str]:
    header = [LOCATION(lang), SEVERITY_HEADER(lang), CHECK(lang), MESSAGE(lang)]
    rows = [[p.location(), L.SEVERITY[p.severity](lang), p.code, p.message(lang)] for p in problems]
    return _table(header, rows)


def _table(header: list[str], rows: Iterable[list[str]], right: tuple[int, ...] = ()) -> list[str]:
    rule = ["---:" if n in right else "---" for n in range(len(header))]
    lines = [_line([md(h) for h in header]), _line(rule)]
    lines += [_line([md(cell) for cell in row]) for row in rows]
    return [*lines, ""]


def _line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def md(value: str) -> str:
    """One line of Markdown text that renders literally: no markup, links, HTML or mentions."""
    flat = " ".join(clean(value.replace("\r", " ")).split())
    return _MD_SPECIAL.sub(r"\\\1", flat)
