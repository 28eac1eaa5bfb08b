"""SARIF 2.1.0 for GitHub code scanning: one run, stable rule ids, fingerprints, suppressions.

Results carry ids, the indicator title and the outcome; narrative text only with include_text.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from chithi._version import __version__
from chithi.core.codes import REGISTRY
from chithi.core.problems import Severity
from chithi.render import findings
from chithi.render import labels as L
from chithi.render.safe import json_text

if TYPE_CHECKING:
    from collections.abc import Iterable

    from chithi.core.i18n import Lang
    from chithi.core.problems import Problem
    from chithi.model.documents import Indicator
    from chithi.model.results import ReportResult
    from chithi.model.runs import CheckRun, ExceptionRecord, RenderOptions, ValidateRun

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/chithi/chithi"
FINGERPRINT = "chithiFinding/v1"
LEVEL = {"violated": "error", "probable": "warning"}  # anything else: "note"
PROBLEM_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "note"}


def render_check(run: CheckRun, options: RenderOptions) -> str:
    lang = options.lang
    rules = [_indicator_rule(i, run.ruleset.id, lang) for i in run.ruleset.indicators]
    codes = sorted({p.code for p in run.problems})
    rules += [_code_rule(code, lang) for code in codes]
    index = {rule["id"]: n for n, rule in enumerate(rules)}
    results: list[dict[str, Any]] = []
    keys: list[tuple[str, ...]] = []
    for result in findings.sorted_results(run):
        for incident, row in findings.report_rows(result):
            status = findings.row_status(row)
            if status == "pass":
                continue
            item = _result(
                row.indicator_id,
                index,
                LEVEL.get(row.outcome, "note"),
                findings.finding_message(result, incident, row, run, options),
                _location(result.path, incident.line, incident.column),
            )
            item["properties"] = {
                "report": result.report.id,
                "incident": incident.id,
                "outcome": row.outcome,
                "basis": row.basis,
                "points": row.points,
                "group": row.group,
                "textConfidence": row.confidence,
            }
            if row.outcome == "suggested":
                # SARIF's word for "a possible problem that requires human review"
                item["kind"] = "review"
            if status == "suppressed":
                item["suppressions"] = [
                    {
                        "kind": "external" if row.exception is not None else "inSource",
                        "justification": findings.suppression(row, run, lang, options.include_text),
                        "properties": {
                            "exception": row.exception,
                            "waived": row.waiver is not None,
                        },
                    }
                ]
            results.append(item)
            keys.append((result.report.id, incident.id, row.indicator_id))
    problems = findings.sort_problems(run.problems)
    results += [_problem_result(p, index, lang) for p in problems]
    keys += [_problem_key(p) for p in problems]
    properties = {
        "ruleset": _ruleset(run),
        "reports": [_report(r) for r in findings.sorted_results(run)],
        "exceptionsFile": run.exceptions_file,
        "exceptions": [_exception(e, options) for e in sorted(run.exceptions, key=lambda e: e.id)],
    }
    return _document(rules, results, keys, properties)


def render_validate(run: ValidateRun, options: RenderOptions) -> str:
    lang = options.lang
    found = [
        (rv, p)
        for rv in sorted(run.rulesets, key=lambda v: v.path)
        for p in findings.validate_problems(rv)
    ]
    codes = sorted(set(run.checks) | {p.code for _, p in found})
    rules = [_code_rule(code, lang) for code in codes]
    index = {rule["id"]: n for n, rule in enumerate(rules)}
    results = []
    for rv, problem in found:
        item = _problem_result(problem, index, lang)
        item["properties"] = {"ruleset": rv.ruleset_id, "rulesetPath": rv.path}
        results.append(item)
    properties = {
        "strict": run.strict,
        "rulesets": [
            {
                "path": rv.path,
                "id": rv.ruleset_id,
                "passed": findings.ruleset_passed(rv, run.strict),
                "examples": {
                    "passed": sum(e.passed for e in rv.examples),
                    "failed": sum(not e.passed for e in rv.examples),
                },
                "testReports": {
                    "passed": sum(t.passed for t in rv.test_reports),
                    "failed": sum(not t.passed for t in rv.test_reports),
                },
            }
            for rv in sorted(run.rulesets, key=lambda v: v.path)
        ],
    }
    return _document(rules, results, [_problem_key(p) for _, p in found], properties)


def _document(
    rules: list[dict[str, Any]],
    results: list[dict[str, Any]],
    keys: Iterable[tuple[str, ...]],
    properties: dict[str, Any],
) -> str:
    for item, fingerprint in zip(results, fingerprints(keys), strict=True):
        item["partialFingerprints"] = {FINGERPRINT: fingerprint}
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "chithi",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": properties,
            }
        ],
    }
    return json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def _indicator_rule(indicator: Indicator, ruleset_id: str, lang: Lang) -> dict[str, Any]:
    title, description = indicator.title, indicator.description
    return {
        "id": indicator.id,
        "name": _pascal(title.en) or indicator.id,
        "shortDescription": {"text": title(lang)},
        "fullDescription": {"text": description(lang)},
        "help": {
            "text": (
                f"{indicator.id} — {title.vi}\n{description.vi}\n\n"
                f"{indicator.id} — {title.en}\n{description.en}\n\n"
                f"{indicator.source_item} · {indicator.provenance}"
            )
        },
        "defaultConfiguration": {"level": "error"},
        "properties": {
            "group": indicator.group,
            "weight": indicator.weight,
            "provenance": indicator.provenance,
            "source_item": indicator.source_item,
            "tags": [f"group:{indicator.group}", ruleset_id],
        },
    }


def _code_rule(code: str, lang: Lang) -> dict[str, Any]:
    """A problem code's rule: what it means and how to fix it, from the code registry."""
    name = "".join(w.capitalize() for w in re.findall(r"[A-Za-z0-9]+", code))
    rule: dict[str, Any] = {"id": code, "name": name or code}
    entry = REGISTRY.get(code)
    if entry is None:  # tests/core/test_codes.py keeps every emitted code registered
        return {**rule, "shortDescription": {"text": code}}
    return {
        **rule,
        "shortDescription": {"text": entry.title(lang)},
        "help": {"text": entry.fix(lang)},
        "defaultConfiguration": {"level": PROBLEM_LEVEL[entry.severity]},
    }


def _result(
    rule_id: str, index: dict[str, int], level: str, message: str, location: dict[str, Any]
) -> dict[str, Any]:
    return {
        "ruleId": rule_id,
        "ruleIndex": index[rule_id],
        "level": level,
        "message": {"text": message},
        "locations": [location],
    }


def _problem_result(problem: Problem, index: dict[str, int], lang: Lang) -> dict[str, Any]:
    level = PROBLEM_LEVEL[problem.severity]
    where = _location(problem.file, problem.line, problem.column)
    return _result(problem.code, index, level, problem.message(lang), where)


def _problem_key(problem: Problem) -> tuple[str, ...]:
    return (problem.file, problem.code, str(problem.line or 0))


def _location(path: str, line: int | None, column: int | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(path)}}
    if line is not None:
        region = {"startLine": line}
        if column is not None:
            region["startColumn"] = column
        physical["region"] = region
    return {"physicalLocation": physical}


def _uri(path: str) -> str:
    """The path as given, with forward slashes, percent-encoded as a relative URI reference."""
    return quote(PurePath(path).as_posix(), safe="/")


def _pascal(words: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in re.findall(r"[A-Za-z0-9]+", words))


def _ruleset(run: CheckRun) -> dict[str, Any]:
    rules = run.ruleset
    return {"id": rules.id, "version": rules.version, "sha256": rules.sha256}


def _report(result: ReportResult) -> dict[str, Any]:
    return {
        "path": result.path,
        "id": result.report.id,
        "level": result.level.id,
        "total": result.total,
        "compliance": result.compliance,
        "indicatorsMet": list(result.indicators_met),
        "outcomes": {
            outcome: sum(r.outcome == outcome for r in result.rows) for outcome in L.OUTCOME
        },
    }


def _exception(record: ExceptionRecord, options: RenderOptions) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": record.id,
        "indicator": record.indicator,
        "status": record.status,
        "expires": record.expires,
        "appliedTo": [{"path": path, "incident": inc} for path, inc in record.applied_to],
    }
    if options.include_text:
        item.update(
            unit=record.unit, person=record.person, owner=record.owner, reason=record.reason
        )
    return item


def fingerprints(keys: Iterable[tuple[str, ...]]) -> list[str]:
    """A stable hash per key; a repeated key gets an occurrence number so none collide."""
    seen: dict[tuple[str, ...], int] = {}
    out = []
    for key in keys:
        n = seen.get(key, 0)
        seen[key] = n + 1
        material = "\x1f".join(key if n == 0 else (*key, str(n)))
        out.append(hashlib.sha256(material.encode("utf-8")).hexdigest()[:32])
    return out
