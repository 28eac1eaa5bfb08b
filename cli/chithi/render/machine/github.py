"""GitHub Actions workflow commands (::error/::warning/::notice), one line per finding.

GitHub shows only about ten annotations of each kind per step, so every line is emitted and the
full table goes to $GITHUB_STEP_SUMMARY as Markdown (render/documents/step_summary.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from chithi.core.problems import Severity
from chithi.render import findings
from chithi.render import labels as L
from chithi.render.safe import clean

if TYPE_CHECKING:
    from chithi.core.problems import Problem
    from chithi.model.runs import CheckRun, RenderOptions, ValidateRun

Command = Literal["error", "warning", "notice"]
COMMAND: dict[str, Command] = {
    "failure": "error",
    "warning": "warning",
    "notice": "notice",
    "suppressed": "notice",
}
SEVERITY_COMMAND: dict[Severity, Command] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.NOTICE: "notice",
}


def render_check(run: CheckRun, options: RenderOptions) -> str:
    lang = options.lang
    lines = []
    for result in findings.sorted_results(run):
        for incident, row in findings.report_rows(result):
            status = findings.row_status(row)
            if status == "pass":
                continue
            title = f"{row.indicator_id} {findings.title(result.ruleset, row, lang)}"
            message = findings.finding_message(result, incident, row, run, options)
            where = (result.path, incident.line, incident.column)
            lines.append(_command(COMMAND[status], message, *where, title=title))
    lines += [_problem(p, options) for p in findings.sort_problems(run.problems)]
    for record in sorted(run.exceptions, key=lambda e: e.id):
        applied = ", ".join(f"{path} › {incident}" for path, incident in record.applied_to)
        message = (
            f"{L.EXCEPTION(lang)} {record.id} ({record.indicator}): "
            f"{L.EXCEPTION_STATUS[record.status](lang)}; {findings.EXPIRES(lang)} {record.expires}"
        )
        if applied:
            message += f"; {applied}"
        if options.include_text:
            message += f" — {findings.exception_text(record)}"
        title = f"chithi {L.EXCEPTION(lang)} {record.id}"
        lines.append(_command("notice", message, run.exceptions_file, title=title))
    return "".join(f"{line}\n" for line in lines)


def render_validate(run: ValidateRun, options: RenderOptions) -> str:
    lines = [
        _problem(problem, options)
        for rv in sorted(run.rulesets, key=lambda v: v.path)
        for problem in findings.validate_problems(rv)
    ]
    return "".join(f"{line}\n" for line in lines)


def _command(
    kind: Command,
    message: str,
    file: str | None = None,
    line: int | None = None,
    column: int | None = None,
    *,
    title: str,
) -> str:
    """`::kind file=…,line=…,col=…,title=…::message`, every value escaped."""
    properties = []
    if file:
        properties.append(f"file={_property(file)}")
        if line is not None:
            properties.append(f"line={line}")
            if column is not None:
                properties.append(f"col={column}")
    properties.append(f"title={_property(title)}")
    return f"::{kind} {','.join(properties)}::{_data(message)}"


def _problem(problem: Problem, options: RenderOptions) -> str:
    kind = SEVERITY_COMMAND[problem.severity]
    where = (problem.file, problem.line, problem.column)
    return _command(kind, problem.message(options.lang), *where, title=f"chithi {problem.code}")


def _data(value: str) -> str:
    return clean(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")
