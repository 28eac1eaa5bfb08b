"""`--format html`: the document a board sends up the line, for one report or a batch.

An overview (levels, groups, most frequent indicators, units, months), then each report: level
and score, its groups as a chart, every incident with the sentences that matched, evidence and
review notes, and how each score was computed. The page is for people, so it shows narrative
text and names like the terminal does; `--redact` pseudonymises them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chithi.core.numbers import number, percent
from chithi.render import labels as L
from chithi.render.documents import figures
from chithi.render.documents.html_page import figure, footer, header, level_colour, page, table
from chithi.render.documents.markup import EMPTY, NEWLINE, Html
from chithi.render.documents.svg import bar_chart, column_chart
from chithi.render.findings import (
    report_rows,
    sort_problems,
    sorted_results,
    suppression,
    title,
)
from chithi.render.terminal.summary_view import COLUMNS, SECTIONS
from chithi.score.aggregate import Aggregate
from chithi.score.scoring import FORMULA

if TYPE_CHECKING:
    from chithi.core.i18n import Lang
    from chithi.model.detections import Detection
    from chithi.model.results import IncidentResult, IndicatorResult, ReportResult
    from chithi.model.runs import CheckRun, RenderOptions


def render_check(run: CheckRun, options: RenderOptions) -> str:
    lang, rules = options.lang, run.ruleset
    results = sorted_results(run)
    title_text = L.DOC_CHECK.format(doc=rules.source_document)(lang)
    body = [header(title_text, rules, lang, len(results)), Html("<main>")]
    agg = Aggregate(rules)
    for result in results:
        agg.add(result)
    body.append(_overview(agg, results, lang))
    for n, result in enumerate(results, 1):
        body.append(_report(n, result, run, options))
    if run.exceptions:
        body.append(_exceptions(run, lang))
    if run.problems:
        body.append(_problems(run, lang))
    body += [Html("</main>"), footer(lang)]
    return page(title_text, lang, body)


def render_summary(agg: Aggregate, lang: Lang) -> str:
    rules = agg.ruleset
    title_text = L.DOC_SUMMARY.format(doc=rules.source_document)(lang)
    body = [header(title_text, rules, lang, agg.reports), Html("<main>")]
    body += _batch_sections(agg, lang)
    body += [Html("</main>"), footer(lang)]
    return page(title_text, lang, body)


def _overview(agg: Aggregate, results: list[ReportResult], lang: Lang) -> Html:
    out = [Html('<section class="overview">\n<h2>{}</h2>').format(L.OVERVIEW(lang))]
    if len(results) > 1:
        rows: list[list[str | Html]] = [
            [
                Html('<a href="#report-{}">{}</a>').format(n, r.report.id),
                r.report.unit,
                r.level.name(lang),
                number(r.total, lang),
                ", ".join(r.indicators_met) or "—",
            ]
            for n, r in enumerate(results, 1)
        ]
        headers = [L.REPORT(lang), L.UNIT(lang), L.LEVEL(lang), L.TOTAL(lang), L.MET(lang)]
        out.append(table(headers, rows, numeric=(3,)))
        out += _batch_sections(agg, lang)
    else:
        bars = figures.frequent(agg, lang)
        if bars:
            out.append(figure(bar_chart(bars, L.FREQUENT_CHART(lang)), L.FREQUENT_CHART(lang)))
    out.append(Html("</section>"))
    return NEWLINE.join(out)


def _batch_sections(agg: Aggregate, lang: Lang) -> list[Html]:
    out = [Html("<h3>{}</h3>").format(L.LEVEL_COUNTS(lang))]
    out.append(
        table(
            [L.LEVEL(lang), L.REPORTS(lang)],
            [[lv.name(lang), str(agg.levels.get(lv.id, 0))] for lv in agg.ruleset.scoring.levels],
            numeric=(1,),
        )
    )
    caption = L.GROUP_CHART_BATCH(lang)
    out.append(figure(bar_chart(figures.batch_groups(agg, lang), caption), caption))
    charts = [
        (figures.frequent(agg, lang), L.FREQUENT_CHART(lang), bar_chart),
        (figures.units(agg, lang), L.UNITS_CHART(lang), bar_chart),
        (figures.trend(agg), L.TREND_CHART(lang), column_chart),
    ]
    for bars, caption, draw in charts:
        if bars:
            out.append(figure(draw(bars, caption), caption))
    headers = [COLUMNS[c](lang) for c in COLUMNS]
    for section, cells in figures.ranked_tallies(agg, lang):
        out.append(Html("<h3>{}</h3>").format(SECTIONS[section](lang)))
        rows: list[list[str | Html]] = [list(row) for row in cells]
        out.append(table(headers, rows, numeric=(1, 2, 3, 4)))
    return out


def _report(n: int, result: ReportResult, run: CheckRun, options: RenderOptions) -> Html:
    lang, report, level = options.lang, result.report, result.level
    subject = report.subject
    details = [L.SUBJECT_KIND[subject.kind](lang)]
    details += [subject.position] if subject.position else []
    details += [L.LEADER(lang)] if subject.is_leader else []
    reporter = (
        Html(" · {}: {}").format(L.REPORTED_BY(lang), report.reporter) if report.reporter else EMPTY
    )
    out = [
        Html('<section class="report" id="report-{}">').format(n),
        Html("<h2>{} — {}</h2>").format(report.id, level.name(lang)),
        Html(
            '<p><strong>{}</strong> ({}) — {} — {}<br><span class="dim">{}: {}{}</span></p>'
        ).format(
            subject.name,
            ", ".join(details),
            report.unit,
            report.date,
            L.FILE(lang),
            result.path,
            reporter,
        ),
        _panel(result, lang),
    ]
    caption = L.GROUP_CHART(lang)
    out.append(figure(bar_chart(figures.report_groups(result, lang), caption), caption))
    out.append(
        table(
            [L.GROUP(lang), L.MET(lang), L.INSUFFICIENT(lang), L.POINTS(lang), L.COMPLIANCE(lang)],
            [
                [
                    _group_title(result, g.group, lang),
                    f"{g.met}/{g.size}",
                    str(g.unverified),
                    number(g.points, lang),
                    percent(g.compliance, lang),
                ]
                for g in result.groups
            ],
            numeric=(1, 2, 3, 4),
        )
    )
    if not result.rows:
        out.append(Html("<p>{}</p>").format(L.NO_ROWS(lang)))
    for item in sorted(result.incidents, key=lambda i: i.incident.index):
        out.append(
            _incident(item, f"report-{n}-incident-{item.incident.index + 1}", result, run, options)
        )
    out.append(_formula(result, lang))
    out.append(Html("</section>"))
    return NEWLINE.join(out)


def _panel(result: ReportResult, lang: Lang) -> Html:
    level = result.level
    lines = [
        Html('<p class="score">{}: {} · {}: {}</p>').format(
            L.TOTAL(lang), number(result.total, lang), L.LEVEL(lang), level.name(lang)
        ),
        Html("<p>{}</p>").format(level.advice(lang)),
    ]
    if result.forced_by:
        lines.append(Html("<p>{} {}</p>").format(L.FORCED(lang), ", ".join(result.forced_by)))
    violated, size = len(result.indicators_met), len(result.ruleset.indicators)
    lines.append(
        Html("<p>{}</p>").format(L.compliance_line(violated, size, result.compliance, lang))
    )
    lines.append(Html('<p class="dim">{}</p>').format(L.COMPLIANCE_NOTE(lang)))
    if result.warnings:
        lines.append(Html("<p><strong>{}</strong></p><ul>").format(L.WARNINGS(lang)))
        lines += [Html("<li>⚠ {}</li>").format(w.message(lang)) for w in result.warnings]
        lines.append(Html("</ul>"))
    colour = level_colour(level.colour)
    return Html('<div class="panel" style="border-left-color: {}">{}</div>').format(
        colour, EMPTY.join(lines)
    )


def _incident(
    item: IncidentResult, anchor: str, result: ReportResult, run: CheckRun, options: RenderOptions
) -> Html:
    lang, incident = options.lang, item.incident
    status = L.STATUS[incident.status](lang)
    out = [
        Html('<article class="incident" id="{}">').format(anchor),
        Html("<h3>{} {} · {} · {}</h3>").format(
            L.INCIDENT(lang), incident.id, incident.date, status
        ),
    ]
    if incident.summary.strip():
        out.append(Html("<p>{}</p>").format(incident.summary.strip()))
    rows = [row for inc, row in report_rows(result) if inc.id == incident.id]
    if rows:
        headers = [L.INDICATOR(lang), L.BASIS_HEADER(lang), L.OUTCOME_HEADER(lang), L.POINTS(lang)]
        headers.append(L.MATCHED_SENTENCES(lang))
        cells: list[list[str | Html]] = [
            [
                Html("<strong>{}</strong> {}").format(
                    row.indicator_id, title(result.ruleset, row, lang)
                ),
                L.basis_text(row.basis, row.confidence)(lang),
                _outcome(row, run, options),
                number(row.points, lang),
                EMPTY.join(_detection(d, lang) for d in row.detections) or "—",
            ]
            for row in rows
        ]
        out.append(table(headers, cells, numeric=(3,)))
    if incident.evidence:
        out.append(Html("<p><strong>{}</strong></p><ul>").format(L.EVIDENCE(lang)))
        for evidence in incident.evidence:
            scope = ", ".join(evidence.indicators) or L.EVIDENCE_ALL(lang)
            kind = L.evidence_type(evidence.type, lang)
            out.append(Html("<li>{}: {} ({})</li>").format(kind, evidence.ref, scope))
        out.append(Html("</ul>"))
    if item.suppressed:
        out.append(Html("<p><strong>{}</strong></p><ul>").format(L.SUPPRESSED(lang)))
        for s in item.suppressed:
            why = L.NEGATED_BY if s.reason == "negated" else L.EXCLUDED_BY
            out.append(
                Html("<li>{}: «{}» {} «{}»</li>").format(s.indicator, s.matched, why(lang), s.cue)
            )
        out.append(Html("</ul>"))
    notes = [note for note in result.notes if note.incident_id == incident.id]
    if notes:
        out.append(Html("<p><strong>{}</strong></p><ul>").format(L.NOTES(lang)))
        out += [
            Html("<li>{}: {}</li>").format(note.indicator_id, note.message(lang)) for note in notes
        ]
        out.append(Html("</ul>"))
    out.append(Html("</article>"))
    return NEWLINE.join(out)


def _outcome(row: IndicatorResult, run: CheckRun, options: RenderOptions) -> Html:
    cell = Html('<span class="outcome-{}">{}</span>').format(
        row.outcome, L.OUTCOME[row.outcome](options.lang)
    )
    reason = suppression(row, run, options.lang, include_text=True)
    return Html('{}<br><span class="dim">{}</span>').format(cell, reason) if reason else cell


def _detection(d: Detection, lang: Lang) -> Html:
    """The sentence with the matched words marked, and which phrase matched how."""
    start, end = d.start - d.sentence_start, d.end - d.sentence_start
    sentence = d.sentence
    marked = Html("{}<mark>{}</mark>{}").format(
        sentence[:start], sentence[start:end], sentence[end:]
    )
    if d.confidence == "model":  # the reader's heaviest words, not a phrase of the ruleset
        how = L.READ_BY.format(phrase=d.phrase)(lang)
    else:
        how = L.MATCHED_BY.format(phrase=d.phrase, confidence=L.CONFIDENCE[d.confidence](lang))(
            lang
        )
    if d.hedge:
        how += f"; {L.HEDGED(lang)} «{d.hedge}»"
    return Html('<blockquote>{}<br><span class="dim">{}</span></blockquote>').format(
        Html(" ").join(marked.split()), how
    )


def _formula(result: ReportResult, lang: Lang) -> Html:
    rows: list[list[str | Html]] = []
    for incident, row in report_rows(result):
        factors = figures.factors_text(row, lang)
        rows.append([incident.id, row.indicator_id, factors, number(row.points, lang)])
    out = [
        Html("<h3>{}</h3>").format(L.FORMULA_TITLE(lang)),
        Html("<p>{}</p>").format(FORMULA(lang)),
    ]
    if rows:
        headers = [L.INCIDENT(lang), L.INDICATOR(lang), L.FACTORS(lang), L.POINTS(lang)]
        out.append(table(headers, rows, numeric=(3,)))
    return NEWLINE.join(out)


def _exceptions(run: CheckRun, lang: Lang) -> Html:
    rows: list[list[str | Html]] = []
    for rec in sorted(run.exceptions, key=lambda e: e.id):
        applied = ", ".join(f"{path} › {incident}" for path, incident in rec.applied_to) or "—"
        scope = " · ".join(s for s in (rec.unit, rec.person) if s)
        rows.append(
            [
                rec.id,
                rec.indicator,
                scope,
                L.EXCEPTION_STATUS[rec.status](lang),
                rec.expires,
                rec.owner,
                rec.reason.strip(),
                applied,
            ]
        )
    headers = [c(lang) for c in L.EXCEPTION_COLUMNS]
    return Html('<section class="exceptions"><h2>{}</h2><p>{}: {}</p>{}</section>').format(
        L.EXCEPTIONS(lang), L.FILE(lang), run.exceptions_file or "", table(headers, rows)
    )


def _problems(run: CheckRun, lang: Lang) -> Html:
    headers = [L.LOCATION(lang), L.SEVERITY_HEADER(lang), L.ID(lang), L.MESSAGE(lang)]
    rows: list[list[str | Html]] = [
        [p.location(), L.SEVERITY[p.severity](lang), p.code, p.message(lang)]
        for p in sort_problems(run.problems)
    ]
    return Html('<section class="problems"><h2>{}</h2>{}</section>').format(
        L.UNCHECKED_FILES(lang), table(headers, rows)
    )


def _group_title(result: ReportResult, group_id: str, lang: Lang) -> str:
    group = result.ruleset.group(group_id)
    return f"{group_id} {group.title(lang)}" if group else group_id
