"""`--format html`: the document a board sends up the line, for one report or a batch.

An overview (levels, groups, most frequent indicators, units, months), then each report: level
and score, its groups as a chart, every incident with the sentences that matched, evidence and
review notes, and how each score was computed. The page is for people, so it shows narrative
text and names like the terminal does; `--redact` pseudonymises them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chithi.render import labels as L
from chithi.render.documents import figures
from chithi.render.documents.html_page import figure, footer, header, level_colour, page, table
from chithi.render.documents.svg import bar_chart, column_chart, esc
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
    body = [header(title_text, rules, lang, len(results)), "<main>"]
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
    body += ["</main>", footer(lang)]
    return page(title_text, lang, body)


def render_summary(agg: Aggregate, lang: Lang) -> str:
    rules = agg.ruleset
    title_text = L.DOC_SUMMARY.format(doc=rules.source_document)(lang)
    body = [header(title_text, rules, lang, agg.reports), "<main>"]
    body += _batch_sections(agg, lang)
    body += ["</main>", footer(lang)]
    return page(title_text, lang, body)


def _overview(agg: Aggregate, results: list[ReportResult], lang: Lang) -> str:
    out = [f'<section class="overview">\n<h2>{esc(L.OVERVIEW(lang))}</h2>']
    if len(results) > 1:
        rows = [
            [
                f'<a href="#report-{n}">{esc(r.report.id)}</a>',
                esc(r.report.unit),
                esc(f"{r.level.name(lang)} ({r.level.id})"),
                esc(f"{r.total:g}"),
                esc(", ".join(r.indicators_met) or "—"),
            ]
            for n, r in enumerate(results, 1)
        ]
        headers = [L.REPORT(lang), L.UNIT(lang), L.LEVEL(lang), L.TOTAL(lang), L.MET(lang)]
        out.append(table(headers, rows, numeric=(3,), raw=True))
        out += _batch_sections(agg, lang)
    else:
        bars = figures.frequent(agg, lang)
        if bars:
            out.append(figure(bar_chart(bars, L.FREQUENT_CHART(lang)), L.FREQUENT_CHART(lang)))
    out.append("</section>")
    return "\n".join(out)


def _batch_sections(agg: Aggregate, lang: Lang) -> list[str]:
    out = [f"<h3>{esc(L.LEVEL_COUNTS(lang))}</h3>"]
    out.append(
        table(
            [L.LEVEL(lang), L.REPORTS(lang)],
            [
                [f"{lv.name(lang)} ({lv.id})", str(agg.levels.get(lv.id, 0))]
                for lv in agg.ruleset.scoring.levels
            ],
            numeric=(1,),
        )
    )
    caption = L.GROUP_CHART_BATCH(lang)
    out.append(figure(bar_chart(figures.batch_groups(agg, lang), caption), caption))
    charts = [
        (figures.frequent(agg, lang), L.FREQUENT_CHART(lang), bar_chart),
        (figures.units(agg), L.UNITS_CHART(lang), bar_chart),
        (figures.trend(agg), L.TREND_CHART(lang), column_chart),
    ]
    for bars, caption, draw in charts:
        if bars:
            out.append(figure(draw(bars, caption), caption))
    headers = [COLUMNS[c](lang) for c in COLUMNS]
    ranked = [("units", agg.units_ranked()), ("persons", sorted(agg.persons.items()))]
    for section, tallies in ranked:
        if not tallies:
            continue
        out.append(f"<h3>{esc(SECTIONS[section](lang))}</h3>")
        rows = [
            [
                key,
                str(t.reports),
                str(t.incidents),
                str(t.indicators_met),
                f"{t.points:g}",
                agg.ruleset.scoring.levels[t.highest_level].name(lang),
            ]
            for key, t in tallies
        ]
        out.append(table(headers, rows, numeric=(1, 2, 3, 4)))
    return out


def _report(n: int, result: ReportResult, run: CheckRun, options: RenderOptions) -> str:
    lang, report, level = options.lang, result.report, result.level
    subject = report.subject
    details = [L.SUBJECT_KIND[subject.kind](lang)]
    details += [subject.position] if subject.position else []
    details += [L.LEADER(lang)] if subject.is_leader else []
    out = [
        f'<section class="report" id="report-{n}">',
        f"<h2>{esc(report.id)} — {esc(level.name(lang))} ({esc(level.id)})</h2>",
        f"<p><strong>{esc(subject.name)}</strong> ({esc(', '.join(details))}) — {esc(report.unit)}"
        f" — {esc(report.date)}<br>"
        f'<span class="dim">{esc(L.FILE(lang))}: {esc(result.path)}'
        + (f" · {esc(L.REPORTED_BY(lang))}: {esc(report.reporter)}" if report.reporter else "")
        + "</span></p>",
        _panel(result, lang),
    ]
    caption = L.GROUP_CHART(lang)
    out.append(figure(bar_chart(figures.report_groups(result, lang), caption), caption))
    out.append(
        table(
            [L.GROUP(lang), L.MET(lang), L.UNVERIFIED(lang), L.POINTS(lang), L.COMPLIANCE(lang)],
            [
                [
                    _group_title(result, g.group, lang),
                    f"{g.met}/{g.size}",
                    str(g.unverified),
                    f"{g.points:g}",
                    f"{g.compliance:.1f}%",
                ]
                for g in result.groups
            ],
            numeric=(1, 2, 3, 4),
        )
    )
    if not result.rows:
        out.append(f"<p>{esc(L.NO_ROWS(lang))}</p>")
    for item in sorted(result.incidents, key=lambda i: i.incident.index):
        out.append(
            _incident(item, f"report-{n}-incident-{item.incident.index + 1}", result, run, options)
        )
    out.append(_formula(result, lang))
    out.append("</section>")
    return "\n".join(out)


def _panel(result: ReportResult, lang: Lang) -> str:
    level = result.level
    lines = [
        f'<p class="score">{esc(L.TOTAL(lang))}: {result.total:g} · {esc(L.LEVEL(lang))}: '
        f"{esc(level.name(lang))} ({esc(level.id)})</p>",
        f"<p>{esc(level.advice(lang))}</p>",
    ]
    if result.forced_by:
        lines.append(f"<p>{esc(L.FORCED(lang))} {esc(', '.join(result.forced_by))}</p>")
    lines.append(
        f'<p class="dim">{esc(L.COMPLIANCE(lang))}: {result.compliance:.1f}% — '
        f"{esc(L.COMPLIANCE_NOTE(lang))}</p>"
    )
    colour = level_colour(level.colour)
    return f'<div class="panel" style="border-left-color: {colour}">{"".join(lines)}</div>'


def _incident(
    item: IncidentResult, anchor: str, result: ReportResult, run: CheckRun, options: RenderOptions
) -> str:
    lang, incident = options.lang, item.incident
    status = L.STATUS[incident.status](lang)
    out = [
        f'<article class="incident" id="{anchor}">',
        f"<h3>{esc(L.INCIDENT(lang))} {esc(incident.id)} · {esc(incident.date)} · {esc(status)}</h3>",
    ]
    if incident.summary.strip():
        out.append(f"<p>{esc(incident.summary.strip())}</p>")
    rows = [row for inc, row in report_rows(result) if inc.id == incident.id]
    if rows:
        headers = [L.INDICATOR(lang), L.BASIS_HEADER(lang), L.OUTCOME_HEADER(lang), L.POINTS(lang)]
        headers.append(L.MATCHED_SENTENCES(lang))
        cells = [
            [
                f"<strong>{esc(row.indicator_id)}</strong> {esc(title(result.ruleset, row, lang))}",
                esc(L.basis_text(row.basis, row.confidence)(lang)),
                _outcome(row, run, options),
                esc(f"{row.points:g}"),
                "".join(_detection(d, lang) for d in row.detections) or "—",
            ]
            for row in rows
        ]
        out.append(table(headers, cells, numeric=(3,), raw=True))
    if incident.evidence:
        out.append(f"<p><strong>{esc(L.EVIDENCE(lang))}</strong></p><ul>")
        for evidence in incident.evidence:
            scope = ", ".join(evidence.indicators) or L.EVIDENCE_ALL(lang)
            out.append(f"<li>{esc(evidence.type)}: {esc(evidence.ref)} ({esc(scope)})</li>")
        out.append("</ul>")
    if item.suppressed:
        out.append(f"<p><strong>{esc(L.SUPPRESSED(lang))}</strong></p><ul>")
        for s in item.suppressed:
            why = L.NEGATED_BY if s.reason == "negated" else L.EXCLUDED_BY
            out.append(
                f"<li>{esc(s.indicator)}: «{esc(s.matched)}» {esc(why(lang))} «{esc(s.cue)}»</li>"
            )
        out.append("</ul>")
    notes = [note for note in result.notes if note.incident_id == incident.id]
    if notes:
        out.append(f"<p><strong>{esc(L.NOTES(lang))}</strong></p><ul>")
        out += [f"<li>{esc(note.indicator_id)}: {esc(note.message(lang))}</li>" for note in notes]
        out.append("</ul>")
    out.append("</article>")
    return "\n".join(out)


def _outcome(row: IndicatorResult, run: CheckRun, options: RenderOptions) -> str:
    cell = f'<span class="outcome-{row.outcome}">{esc(L.OUTCOME[row.outcome](options.lang))}</span>'
    reason = suppression(row, run, options.lang, include_text=True)
    return f'{cell}<br><span class="dim">{esc(reason)}</span>' if reason else cell


def _detection(d: Detection, lang: Lang) -> str:
    """The sentence with the matched words marked, and which phrase matched how."""
    start, end = d.start - d.sentence_start, d.end - d.sentence_start
    sentence = d.sentence
    marked = f"{esc(sentence[:start])}<mark>{esc(sentence[start:end])}</mark>{esc(sentence[end:])}"
    if d.confidence == "model":  # the reader's heaviest words, not a phrase of the ruleset
        how = L.READ_BY.format(phrase=d.phrase)(lang)
    else:
        how = L.MATCHED_BY.format(phrase=d.phrase, confidence=L.CONFIDENCE[d.confidence](lang))(
            lang
        )
    if d.hedge:
        how += f"; {L.HEDGED(lang)} «{d.hedge}»"
    return f'<blockquote>{" ".join(marked.split())}<br><span class="dim">{esc(how)}</span></blockquote>'


def _formula(result: ReportResult, lang: Lang) -> str:
    rows = []
    for incident, row in report_rows(result):
        factors = figures.factors_text(row, lang)
        rows.append([incident.id, row.indicator_id, factors, f"{row.points:g}"])
    out = [f"<h3>{esc(L.FORMULA_TITLE(lang))}</h3>", f"<p>{esc(FORMULA(lang))}</p>"]
    if rows:
        headers = [L.INCIDENT(lang), L.INDICATOR(lang), L.FACTORS(lang), L.POINTS(lang)]
        out.append(table(headers, rows, numeric=(3,)))
    return "\n".join(out)


def _exceptions(run: CheckRun, lang: Lang) -> str:
    rows = []
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
    heading = f"<h2>{esc(L.EXCEPTIONS(lang))}</h2>"
    where = f"<p>{esc(L.FILE(lang))}: {esc(run.exceptions_file or '')}</p>"
    return f'<section class="exceptions">{heading}{where}{table(headers, rows)}</section>'


def _problems(run: CheckRun, lang: Lang) -> str:
    headers = [L.LOCATION(lang), L.SEVERITY_HEADER(lang), L.ID(lang), L.MESSAGE(lang)]
    rows = [
        [p.location(), L.SEVERITY[p.severity](lang), p.code, p.message(lang)]
        for p in sort_problems(run.problems)
    ]
    heading = f"<h2>{esc(L.UNCHECKED_FILES(lang))}</h2>"
    return f'<section class="problems">{heading}{table(headers, rows)}</section>'


def _group_title(result: ReportResult, group_id: str, lang: Lang) -> str:
    group = result.ruleset.group(group_id)
    return f"{group_id} {group.title(lang)}" if group else group_id
