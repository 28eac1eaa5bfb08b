"""GitHub-flavoured Markdown for PR comments and $GITHUB_STEP_SUMMARY; no raw HTML."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from chithi.core.i18n import Text
from chithi.core.numbers import number, percent
from chithi.core.problems import Problem, Severity
from chithi.render import labels as L
from chithi.render.bars import bar
from chithi.render.documents import figures
from chithi.render.findings import (
    exception_text,
    report_rows,
    row_status,
    ruleset_passed,
    sort_problems,
    sorted_results,
    suppression,
    title,
    validate_problems,
)
from chithi.render.safe import md
from chithi.render.terminal.summary_view import COLUMNS as SUMMARY_COLUMNS
from chithi.render.terminal.summary_view import SECTIONS
from chithi.score.aggregate import Aggregate
from chithi.score.scoring import FORMULA

if TYPE_CHECKING:
    from collections.abc import Iterable

    from chithi.core.i18n import Lang
    from chithi.model.documents import Incident, Ruleset
    from chithi.model.results import IndicatorResult, ReportResult
    from chithi.model.runs import (
        CheckRun,
        ExceptionRecord,
        RenderOptions,
        ValidateRun,
    )
    from chithi.render.documents.figures import Bar


CHECK = Text("Mã kiểm tra", "Check")
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
    "suggested": "🔎",
    "not_violated": "✅",
    "waived": "🔕",
}

_QUOTED = re.compile(r"«[^»]*»")


def render_check(run: CheckRun, options: RenderOptions) -> str:
    lang, rules = options.lang, run.ruleset
    results = sorted_results(run)
    out = _header(L.DOC_CHECK.format(doc=rules.source_document)(lang), rules, lang, len(results))
    if not options.include_text:
        out += [f"_{md(L.TEXT_HIDDEN(lang))}_", ""]
    failed = len({p.file for p in run.problems})
    out += [CHECKED.format(checked=len(run.results), failed=failed)(lang), ""]
    if results:
        out += [f"## {L.OVERVIEW(lang)}", ""]
        out += _table(
            [
                L.REPORT(lang),
                L.FILE(lang),
                L.LEVEL(lang),
                L.TOTAL(lang),
                L.COMPLIANCE(lang),
                L.MET(lang),
            ],
            [
                [
                    r.report.id,
                    r.path,
                    r.level.name(lang),
                    number(r.total, lang),
                    percent(r.compliance, lang),
                    ", ".join(r.indicators_met) or "—",
                ]
                for r in results
            ],
            right=(3, 4),
        )
    agg = Aggregate(rules)
    for result in results:
        agg.add(result)
    if len(results) > 1:
        out += batch_sections(agg, lang, names=options.include_text)
    elif results:
        out += _chart(figures.frequent(agg, lang), L.FREQUENT_CHART(lang), lang)
    for result in results:
        out += _report(result, run, options)
    if run.exceptions:
        out += [f"## {L.EXCEPTIONS(lang)}", ""]
        if run.exceptions_file:
            out += [f"{L.FILE(lang)}: {md(run.exceptions_file)}", ""]
        out += _exceptions_table(run.exceptions, options)
    if run.problems:
        out += [
            f"## {L.UNCHECKED_FILES(lang)}",
            "",
            *_problems_table(sort_problems(run.problems), lang),
        ]
    return "\n".join(out).rstrip("\n") + "\n"


def render_summary(agg: Aggregate, lang: Lang) -> str:
    """`chithi summary --format markdown`: the batch view, names included as in its table."""
    rules = agg.ruleset
    out = _header(L.DOC_SUMMARY.format(doc=rules.source_document)(lang), rules, lang, agg.reports)
    out += [f"## {L.OVERVIEW(lang)}", "", *batch_sections(agg, lang, names=True)]
    return "\n".join(out).rstrip("\n") + "\n"


def batch_sections(agg: Aggregate, lang: Lang, *, names: bool) -> list[str]:
    """Levels, groups, frequent indicators, month trend; units and persons when names may show."""
    out = [f"### {L.LEVEL_COUNTS(lang)}", ""]
    out += _table(
        [L.LEVEL(lang), L.REPORTS(lang)],
        [[lv.name(lang), str(agg.levels.get(lv.id, 0))] for lv in agg.ruleset.scoring.levels],
        right=(1,),
    )
    out += _chart(figures.batch_groups(agg, lang), L.GROUP_CHART_BATCH(lang), lang)
    out += _chart(figures.frequent(agg, lang), L.FREQUENT_CHART(lang), lang)
    out += _chart(figures.trend(agg), L.TREND_CHART(lang), lang)
    if not names:
        return out
    out += _chart(figures.units(agg, lang), L.UNITS_CHART(lang), lang)
    headers = [SUMMARY_COLUMNS[c](lang) for c in SUMMARY_COLUMNS]
    for section, rows in figures.ranked_tallies(agg, lang):
        out += [f"### {SECTIONS[section](lang)}", ""]
        out += _table(headers, rows, right=(1, 2, 3, 4))
    return out


def _header(title: str, ruleset: Ruleset, lang: Lang, reports: int) -> list[str]:
    """What was checked against what: the same facts as the HTML header."""
    lines = [f"# {md(title)}", ""]
    facts = figures.document_facts(ruleset, lang, reports)
    lines += [f"- **{md(key)}**: {md(value)}" for key, value in facts]
    return [*lines, ""]


def _chart(bars: list[Bar], caption: str, lang: Lang) -> list[str]:
    """A chart as a table: label, number, and a text bar on the chart's one scale."""
    if not bars:
        return []
    scale = max([b.maximum or 0 for b in bars] + [b.value for b in bars])
    rows = [[b.label, b.note or number(b.value, lang), bar(b.value, scale, 20)] for b in bars]
    return [
        f"**{md(caption)}**",
        "",
        *_table([SUMMARY_COLUMNS["key"](lang), "n", ""], rows, right=(1,)),
    ]


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
        out += [
            f"## {icon} {md(rv.ruleset_id or rv.path)}",
            "",
            f"{L.FILE(lang)}: {md(rv.path)}",
            "",
        ]
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
    out = [f"## {md(report.id)} — {md(level.name(lang))}", ""]
    out.append(
        f"{L.FILE(lang)}: {md(result.path)} · {L.TOTAL(lang)}: {number(result.total, lang)} · "
        f"{L.compliance_line(len(result.indicators_met), len(result.ruleset.indicators), result.compliance, lang)}"
    )
    if result.forced_by:
        out[-1] += f" · {L.FORCED(lang)} {md(', '.join(result.forced_by))}"
    out += [
        "",
        f"> **{md(L.TOTAL(lang))}: {number(result.total, lang)} · {md(L.LEVEL(lang))}: "
        f"{md(level.name(lang))}** — {md(level.advice(lang))}",
    ]
    if result.warnings:
        out += ["", f"**{L.WARNINGS(lang)}**", ""]
        out += [f"- ⚠ {md(w.message(lang))}" for w in result.warnings]
    if options.include_text:
        subject = report.subject
        out.append(f"\n{SUBJECT(lang)}: {md(subject.name)} — {md(report.unit)}")
    out.append("")
    out += _chart(figures.report_groups(result, lang), L.GROUP_CHART(lang), lang)
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
                    L.basis_text(row.basis, row.confidence)(lang),
                    _outcome(row, run, options),
                    number(row.points, lang),
                ]
                for incident, row in rows
            ],
            right=(5,),
        )
    else:
        out += [L.NO_ROWS(lang), ""]
    out += _table(
        [L.GROUP(lang), L.MET(lang), L.INSUFFICIENT(lang), L.POINTS(lang), L.COMPLIANCE(lang)],
        [
            [
                g.group,
                f"{g.met}/{g.size}",
                str(g.unverified),
                number(g.points, lang),
                percent(g.compliance, lang),
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
        out += _matched(rows, lang)
        out += _evidence(result, lang)
    out += _formula(rows, lang)
    return out


def _matched(rows: list[tuple[Incident, IndicatorResult]], lang: Lang) -> list[str]:
    """Each sentence that matched, with the matched words in bold."""
    lines = []
    for incident, row in rows:
        for d in row.detections:
            start, end = d.start - d.sentence_start, d.end - d.sentence_start
            sentence = d.sentence
            before, after = _spaced(sentence[:start]), _spaced(sentence[end:])
            marked = f"{before}**{md(sentence[start:end])}**{after}".strip()
            lines.append(f"- {md(incident.id)} · {row.indicator_id}: «{marked}»")
    lines = list(dict.fromkeys(lines))
    return [f"**{L.MATCHED_SENTENCES(lang)}**", "", *lines, ""] if lines else []


def _spaced(value: str) -> str:
    """md() of a piece of a sentence, keeping one space where the piece met its neighbour."""
    lead = " " if value[:1].isspace() else ""
    trail = " " if value[-1:].isspace() else ""
    return f"{lead}{md(value)}{trail}" if value.strip() else (" " if value else "")


def _evidence(result: ReportResult, lang: Lang) -> list[str]:
    lines = []
    for item in sorted(result.incidents, key=lambda i: i.incident.index):
        for evidence in item.incident.evidence:
            scope = ", ".join(evidence.indicators) or L.EVIDENCE_ALL(lang)
            lines.append(
                f"- {md(item.incident.id)} · {md(L.evidence_type(evidence.type, lang))}: {md(evidence.ref)} ({md(scope)})"
            )
    return [f"**{L.EVIDENCE(lang)}**", "", *lines, ""] if lines else []


def _formula(rows: list[tuple[Incident, IndicatorResult]], lang: Lang) -> list[str]:
    if not rows:
        return []
    out = [f"**{L.FORMULA_TITLE(lang)}**: {md(FORMULA(lang))}", ""]
    table_rows = []
    for incident, row in rows:
        factors = figures.factors_text(row, lang)
        table_rows.append([incident.id, row.indicator_id, factors, number(row.points, lang)])
    headers = [L.INCIDENT(lang), L.INDICATOR(lang), L.FACTORS(lang), L.POINTS(lang)]
    return [*out, *_table(headers, table_rows, right=(3,))]


def _outcome(row: IndicatorResult, run: CheckRun, options: RenderOptions) -> str:
    icon = "🔕" if row_status(row) == "suppressed" else ICON[row.outcome]
    cell = f"{icon} {L.OUTCOME[row.outcome](options.lang)}"
    reason = suppression(row, run, options.lang, options.include_text)
    return f"{cell} — {reason}" if reason else cell


def _exceptions_table(records: Iterable[ExceptionRecord], options: RenderOptions) -> list[str]:
    lang = options.lang
    header = [L.ID(lang), L.INDICATOR(lang), L.EXCEPTION_STATUS_HEADER(lang)]
    header += [L.EXPIRES_HEADER(lang), L.APPLIED_TO(lang)]
    if options.include_text:
        header.append(L.REASON(lang))
    rows = []
    for rec in sorted(records, key=lambda e: e.id):
        applied = ", ".join(f"{path} › {incident}" for path, incident in rec.applied_to) or "—"
        row = [rec.id, rec.indicator, L.EXCEPTION_STATUS[rec.status](lang), rec.expires, applied]
        if options.include_text:
            row.append(exception_text(rec))
        rows.append(row)
    return _table(header, rows)


def _problems_table(problems: Iterable[Problem], lang: Lang) -> list[str]:
    header = [L.LOCATION(lang), L.SEVERITY_HEADER(lang), CHECK(lang), L.MESSAGE(lang)]
    rows = [[p.location(), L.SEVERITY[p.severity](lang), p.code, p.message(lang)] for p in problems]
    return _table(header, rows)


def _table(header: list[str], rows: Iterable[list[str]], right: tuple[int, ...] = ()) -> list[str]:
    rule = ["---:" if n in right else "---" for n in range(len(header))]
    lines = [_line([md(h) for h in header]), _line(rule)]
    lines += [_line([md(cell) for cell in row]) for row in rows]
    return [*lines, ""]


def _line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
