"""The terminal view: one table per report, group subtotals, a coloured level panel, notes.

User text is only ever placed in rich `Text` objects, never interpolated into markup, so a
narrative containing "[bold]" or escape sequences prints literally.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from chithi.core.numbers import number, percent
from chithi.render import labels as L
from chithi.render.bars import bar
from chithi.render.safe import clean
from chithi.score.scoring import FORMULA

if TYPE_CHECKING:
    from chithi.core.i18n import Lang
    from chithi.model.results import IndicatorResult, ReportResult
    from chithi.model.runs import CheckRun, RenderOptions


def run_view(run: CheckRun, options: RenderOptions) -> RenderableType:
    """Every report, then what became of each exception (auditable, unlike inline skips)."""
    parts: list[RenderableType] = []
    for result in run.results:
        parts += [report_view(result, options.lang, explain=options.explain), RichText("")]
    if run.exceptions:
        parts.append(exceptions_view(run, options.lang))
    return Group(*parts)


def render_plain(run: CheckRun, options: RenderOptions) -> str:
    """The terminal view without colour, for a file."""
    return plain(run_view(run, options))


def plain(renderable: RenderableType) -> str:
    """A rich renderable as text without colour, for a file."""
    buffer = io.StringIO()
    Console(file=buffer, width=120, no_color=True, highlight=False).print(renderable)
    return buffer.getvalue()


def exceptions_view(run: CheckRun, lang: Lang) -> Table:
    table = Table(
        title=f"{L.EXCEPTIONS(lang)} ({clean(run.exceptions_file or '')})",
        header_style="bold",
        title_justify="left",
    )
    for header in L.EXCEPTION_COLUMNS:
        table.add_column(header(lang))
    for e in run.exceptions:
        scope = ", ".join(clean(v) for v in (e.unit, e.person) if v)
        where = ", ".join(f"{clean(inc)}" for _path, inc in e.applied_to) or "—"
        table.add_row(
            clean(e.id),
            e.indicator,
            scope,
            RichText(L.EXCEPTION_STATUS[e.status](lang), L.EXCEPTION_STYLE[e.status]),
            e.expires,
            clean(e.owner),
            clean(e.reason),
            where,
        )
    return table


def report_view(result: ReportResult, lang: Lang, *, explain: bool = False) -> RenderableType:
    parts: list[RenderableType] = [_heading(result, lang)]
    if result.warnings:
        parts.append(_warnings(result, lang))
    counted = any(r.outcome != "suggested" for r in result.rows)
    parts.append(_rows_table(result, lang) if counted else RichText(L.NO_ROWS(lang), "green"))
    parts.append(_groups_table(result, lang))
    parts.append(_level_panel(result, lang))
    if any(r.outcome == "suggested" for r in result.rows):
        parts.append(_suggestions(result, lang))
    if result.notes:
        parts.append(_notes(result, lang))
    if explain:
        parts.append(_explanation(result, lang))
    return Group(*parts)


def _heading(result: ReportResult, lang: Lang) -> RichText:
    report, subject = result.report, result.report.subject
    line = RichText()
    line.append(clean(report.id), "bold")
    line.append(f"  {clean(result.path)}\n", "dim")
    line.append(clean(subject.name), "bold")
    details = [L.SUBJECT_KIND[subject.kind](lang)]
    if subject.position:
        details.append(clean(subject.position))
    if subject.is_leader:
        details.append(L.LEADER(lang))
    line.append(f" ({', '.join(details)}) — {clean(report.unit)} — {report.date}")
    ruleset = result.ruleset
    line.append(
        f"\n{L.RULESET(lang)}: {ruleset.id} {ruleset.version} "
        f"({ruleset.source_document}, {ruleset.source_date})",
        "dim",
    )
    return line


def _rows_table(result: ReportResult, lang: Lang) -> Table:
    # No ratios or width caps: rich then shrinks the wrappable columns to fit any terminal.
    table = Table(header_style="bold")
    table.add_column(L.INCIDENT(lang))
    table.add_column(L.GROUP(lang), no_wrap=True)
    table.add_column(L.INDICATOR(lang))
    table.add_column(L.BASIS_HEADER(lang))
    table.add_column(L.OUTCOME_HEADER(lang))
    table.add_column(L.POINTS(lang), justify="right", no_wrap=True)
    for incident in result.incidents:
        status = L.STATUS[incident.incident.status](lang)
        # Suggestions are listed apart (_suggestions): this table holds what the report weighs.
        rows = [r for r in incident.rows if r.outcome != "suggested"]
        for n, row in enumerate(rows):
            label = RichText(clean(incident.incident.id)) if n == 0 else RichText("")
            if n == 0:
                label.append(f"\n{incident.incident.date}\n{status}", "dim")
            table.add_row(
                label,
                row.group,
                _indicator_cell(row, result, lang),
                L.basis_text(row.basis, row.confidence)(lang),
                _outcome_cell(row, lang),
                number(row.points, lang),
            )
    return table


def _indicator_cell(row: IndicatorResult, result: ReportResult, lang: Lang) -> RichText:
    indicator = result.ruleset.indicator(row.indicator_id)
    cell = RichText(row.indicator_id, "bold")
    if indicator is not None:
        cell.append(f" {indicator.title(lang)}")
    return cell


def _outcome_cell(row: IndicatorResult, lang: Lang) -> RichText:
    cell = RichText(L.OUTCOME[row.outcome](lang), L.OUTCOME_STYLE[row.outcome])
    if row.waiver is not None:
        cell.append(f"\n{clean(row.waiver.reason)}", "dim")
    if row.exception is not None:
        cell.append(f"\n{L.EXCEPTION(lang)} {clean(row.exception)}", "dim")
    return cell


def _groups_table(result: ReportResult, lang: Lang) -> Table:
    table = Table(header_style="bold", expand=False)
    table.add_column(L.GROUP(lang))
    table.add_column(L.MET(lang), justify="right")
    table.add_column(L.SHARE_MET(lang), no_wrap=True)
    table.add_column(L.INSUFFICIENT(lang), justify="right")
    table.add_column(L.POINTS(lang), justify="right")
    table.add_column(L.COMPLIANCE(lang), justify="right")
    for score in result.groups:
        group = result.ruleset.group(score.group)
        title = f"{score.group} {group.title(lang)}" if group else score.group
        table.add_row(
            title,
            f"{score.met}/{score.size}",
            bar(score.met, score.size),
            str(score.unverified),
            number(score.points, lang),
            percent(score.compliance, lang),
        )
    return table


def _level_panel(result: ReportResult, lang: Lang) -> Panel:
    level = result.level
    body = RichText()
    body.append(f"{L.TOTAL(lang)}: ", "bold")
    body.append(number(result.total, lang), "bold")
    body.append(f"   {L.LEVEL(lang)}: ", "bold")
    body.append(level.name(lang), f"bold {level.colour}")
    if result.forced_by:
        body.append(f"\n{L.FORCED(lang)} {', '.join(result.forced_by)}", level.colour)
    body.append(f"\n{level.advice(lang)}")
    violated = len(result.indicators_met)
    size = len(result.ruleset.indicators)
    body.append(f"\n{L.compliance_line(violated, size, result.compliance, lang)}")
    body.append(f"\n{L.COMPLIANCE_NOTE(lang)}", "dim")
    body.append(f"\n{L.SCORE_NOTE(lang)}", "dim")
    return Panel(body, border_style=level.colour, expand=False)


def _suggestions(result: ReportResult, lang: Lang) -> RichText:
    """Text-only readings below the confidence threshold: what a person may want to look at,
    with the words that raised it; none of them adds points or counts as met."""
    out = RichText(f"{L.SUGGESTIONS(lang)}:\n", "bold cyan")
    for row in result.rows:
        if row.outcome != "suggested":
            continue
        indicator = result.ruleset.indicator(row.indicator_id)
        out.append(f"  • [{clean(row.incident_id)}] ", "dim")
        out.append(row.indicator_id, "bold")
        if indicator is not None:
            out.append(f" {indicator.title(lang)}")
        if row.confidence is not None:
            out.append(f" — {L.confidence_words(row.confidence)(lang)}", "dim")
        if row.detections:
            out.append(f": «{clean(row.detections[0].phrase)}»", "dim")
        out.append("\n")
    return out


def _warnings(result: ReportResult, lang: Lang) -> RichText:
    out = RichText(f"{L.WARNINGS(lang)}:\n", "bold yellow")
    for warning in result.warnings:
        where = f"[{clean(warning.incident_id)}] " if warning.incident_id else ""
        out.append(f"  ⚠ {where}", "yellow")
        out.append(clean(warning.message(lang)) + "\n", "yellow")
    return out


def _notes(result: ReportResult, lang: Lang) -> RichText:
    notes = RichText(f"{L.NOTES(lang)}:\n", "bold")
    for note in result.notes:
        notes.append(f"  • [{note.incident_id}] ", "dim")
        notes.append(clean(note.message(lang)) + "\n")
    return notes


def _explanation(result: ReportResult, lang: Lang) -> RenderableType:
    out = RichText(f"{L.FORMULA_TITLE(lang)}: {FORMULA(lang)}\n", "bold")
    out.append(f"{L.COMPLIANCE_MODEL(lang)}\n", "dim")
    for incident in result.incidents:
        for row in incident.rows:
            f = row.factors
            out.append(f"\n[{clean(row.incident_id)}] {row.indicator_id}: ", "bold")
            out.append(f"{L.factor_product(f, lang)} = {number(row.points, lang)}")
            out.append(
                f"  ({L.OUTCOME[row.outcome](lang)}; {L.STRENGTH(lang)}"
                f" {number(row.strength, lang)})",
                "dim",
            )
            if row.repeat_of:
                repeats = L.REPEAT_OF.format(incidents=", ".join(row.repeat_of))(lang)
                out.append(f"\n    ×{number(f.repeat, lang)} {clean(repeats)}", "dim")
            for d in row.detections:
                out.append(f"\n    {L.field_name(d.field, lang)}: ", "dim")
                out.append_text(
                    highlight(d.sentence, d.start - d.sentence_start, d.end - d.sentence_start)
                )
                out.append(f"  ← «{clean(d.phrase)}», {L.CONFIDENCE[d.confidence](lang)}", "dim")
                if d.hedge:
                    out.append(f", {L.HEDGED(lang)} «{clean(d.hedge)}»", "yellow")
        for s in incident.suppressed:
            why = L.NEGATED_BY if s.reason == "negated" else L.EXCLUDED_BY
            out.append(
                f"\n[{clean(incident.incident.id)}] {L.SUPPRESSED(lang)} {s.indicator}: ", "dim"
            )
            out.append(f"«{clean(s.matched)}» {why(lang)} «{clean(s.cue)}»", "dim")
    return out


def highlight(sentence: str, start: int, end: int) -> RichText:
    """The sentence with the matched span in reverse video; offsets survive cleaning."""
    text = RichText(clean(sentence))
    text.stylize("bold reverse", start, end)
    return text
