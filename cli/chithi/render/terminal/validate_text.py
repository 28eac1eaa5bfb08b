"""`chithi validate` as plain lines (the terminal default) and as JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from chithi._version import __version__
from chithi.core.i18n import Text
from chithi.core.problems import Severity
from chithi.render import labels as L
from chithi.render.machine.json_summary import problem_json
from chithi.render.safe import clean, json_text

if TYPE_CHECKING:
    from chithi.model.runs import RenderOptions, RulesetValidation, ValidateRun

VALID = Text("hợp lệ", "valid")
INVALID = Text("KHÔNG hợp lệ", "INVALID")


def _summary(v: RulesetValidation, strict: bool) -> Text:
    passed = sum(e.passed for e in v.examples)
    tests = sum(t.passed for t in v.test_reports)
    counts = {s.value: sum(p.severity is s for p in v.problems) for s in Severity}
    verdict = INVALID if v.failing(strict) or v.unreadable else VALID
    return Text(
        f"{v.path}: {verdict.vi} — {counts['error']} lỗi, {counts['warning']} cảnh báo, "
        f"{counts['notice']} lưu ý; ví dụ {passed}/{len(v.examples)} đạt; "
        f"báo cáo kiểm thử {tests}/{len(v.test_reports)} đạt",
        f"{v.path}: {verdict.en} — {counts['error']} errors, {counts['warning']} warnings, "
        f"{counts['notice']} notices; examples {passed}/{len(v.examples)} passed; "
        f"test reports {tests}/{len(v.test_reports)} passed",
    )


def render_validate(run: ValidateRun, options: RenderOptions) -> str:
    lines: list[str] = []
    for v in run.rulesets:
        for p in v.problems:
            if options.quiet and p.severity is Severity.NOTICE:
                continue
            lines.append(
                clean(
                    f"{p.location()}: {L.SEVERITY[p.severity](options.lang)}: "
                    f"{p.message(options.lang)} [{p.code}]"
                )
            )
        lines.append(clean(_summary(v, run.strict)(options.lang)))
    return "\n".join(lines) + "\n"


def render_validate_json(run: ValidateRun, options: RenderOptions) -> str:
    def one(v: RulesetValidation) -> dict[str, Any]:
        return {
            "path": v.path,
            "id": v.ruleset_id,
            "valid": not v.failing(run.strict) and not v.unreadable,
            "problems": [problem_json(p) for p in v.problems],
            "examples": {
                "passed": sum(e.passed for e in v.examples),
                "failed": sum(not e.passed for e in v.examples),
            },
            "test_reports": {
                "passed": sum(t.passed for t in v.test_reports),
                "failed": sum(not t.passed for t in v.test_reports),
            },
        }

    document = {
        "tool": {"name": "chithi", "version": __version__},
        "strict": run.strict,
        "rulesets": [one(v) for v in run.rulesets],
    }
    return json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
