"""Is this document a report, and does it make sense against this ruleset?

The schema says what a report looks like; these checks say what only the ruleset knows: which
indicators, evidence types and levels exist.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chithi.core.codes import (
    E_DUPLICATE_INCIDENT,
    E_EVIDENCE_TYPE,
    E_SCHEMA,
    E_UNKNOWN_INDICATOR,
    E_UNKNOWN_LEVEL,
)
from chithi.core.fixes import indicator_id, suggestion, what_it_is
from chithi.core.i18n import Text, text
from chithi.core.problems import InputError, Problem
from chithi.model.documents import Report, Ruleset, report_from_data
from chithi.validate.schema import validate

if TYPE_CHECKING:
    from chithi.io.loading import Document

_REPORT_FIELDS = frozenset({"id", "date", "unit", "subject", "incidents"})


def report_from_document(doc: Document, ruleset: Ruleset) -> Report:
    if not isinstance(doc.data, dict):
        raise InputError([top_level_problem(doc, "báo cáo", "report", E_SCHEMA)])
    if doc.data and not _REPORT_FIELDS & set(doc.data):
        # "Ông A đi muộn: …" is a mapping to YAML; to a person it is prose, not a report
        raise InputError([_not_a_report(doc)])
    problems = validate(doc, "report", E_SCHEMA) or _report_meaning(doc, ruleset)
    if problems:
        raise InputError(problems)
    return report_from_data(doc.data, doc.positions.of_value)


def _not_a_report(doc: Document) -> Problem:
    return Problem(
        doc.file,
        1,
        1,
        E_SCHEMA,
        text(
            "tệp này không phải một báo cáo: không có trường nào trong id, date, unit, subject,"
            " incidents; tạo mẫu bằng `chithi init báo-cáo.yaml` rồi chép nội dung vào",
            "this file is not a report: it has none of id, date, unit, subject, incidents; make a"
            " template with `chithi init report.yaml` and copy the text into it",
        ),
    )


def top_level_problem(doc: Document, vi: str, en: str, code: str) -> Problem:
    kind_vi, kind_en = what_it_is(doc.data)
    message = text(
        f"{vi} phải là một ánh xạ (khóa: giá trị) ở cấp cao nhất, nhưng tệp là {kind_vi}",
        f"a {en} must be a mapping (key: value) at the top level, but the file is {kind_en}",
    )
    if code == E_SCHEMA:  # most often free prose pasted into a file: show the way to a report
        message += text(
            "; tạo mẫu báo cáo bằng `chithi init báo-cáo.yaml` rồi chép nội dung vào",
            "; make a report template with `chithi init report.yaml` and copy the text into it",
        )
    return Problem(doc.file, 1, 1, code, message)


def _report_meaning(doc: Document, ruleset: Ruleset) -> list[Problem]:
    """What the schema cannot know: ids, levels and evidence types must exist in this ruleset."""
    problems: list[Problem] = []

    def at(path: tuple[str | int, ...], code: str, message: Text) -> None:
        line, column = doc.positions.of_value(path)
        problems.append(Problem(doc.file, line, column, code, message))

    known = {i.id for i in ruleset.indicators}
    types = ruleset.scoring.reliability
    for path, value in _indicator_references(doc.data):
        if value not in known:
            message = unknown_indicator(value, ruleset.id)
            meant = indicator_id(str(value), sorted(known))
            if meant is not None:
                message += text(f" — hãy viết '{meant}'", f" — write '{meant}'")
            at(path, E_UNKNOWN_INDICATOR, message)
    seen_ids: set[str] = set()
    for n, incident in enumerate(doc.data["incidents"]):
        if incident["id"] in seen_ids:
            at(
                ("incidents", n, "id"),
                E_DUPLICATE_INCIDENT,
                text(
                    f"mã sự việc '{incident['id']}' bị lặp",
                    f"incident id '{incident['id']}' is repeated",
                ),
            )
        seen_ids.add(incident["id"])
        for k, item in enumerate(incident.get("evidence", [])):
            if item["type"] not in types:
                allowed = ", ".join(sorted(types))
                at(
                    ("incidents", n, "evidence", k, "type"),
                    E_EVIDENCE_TYPE,
                    text(
                        f"loại chứng cứ '{item['type']}' không có trong bộ quy tắc (cho phép: {allowed})",
                        f"evidence type '{item['type']}' is not in the ruleset (allowed: {allowed})",
                    )
                    + suggestion(str(item["type"]), sorted(types)),
                )
    expected_level = doc.data.get("expected", {}).get("level")
    if expected_level is not None and ruleset.level(expected_level) is None:
        at(
            ("expected", "level"),
            E_UNKNOWN_LEVEL,
            text(
                f"mức '{expected_level}' không có trong bộ quy tắc {ruleset.id}",
                f"level '{expected_level}' is not in ruleset {ruleset.id}",
            )
            + suggestion(str(expected_level), [lv.id for lv in ruleset.scoring.levels]),
        )
    return problems


def _indicator_references(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    """Every place a report names an indicator: citations, evidence scopes, waivers, expectations."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    for n, incident in enumerate(data["incidents"]):
        base: tuple[str | int, ...] = ("incidents", n)
        found += [
            ((*base, "indicators", k), v) for k, v in enumerate(incident.get("indicators", []))
        ]
        for k, item in enumerate(incident.get("evidence", [])):
            found += [
                ((*base, "evidence", k, "indicators", j), v)
                for j, v in enumerate(item.get("indicators", []))
            ]
        found += [
            ((*base, "waive", k, "indicator"), w["indicator"])
            for k, w in enumerate(incident.get("waive", []))
        ]
    expected = data.get("expected", {}).get("indicators", [])
    return found + [(("expected", "indicators", k), v) for k, v in enumerate(expected)]


def unknown_indicator(indicator: str, ruleset_id: str) -> Text:
    return text(
        f"chỉ số '{indicator}' không có trong bộ quy tắc {ruleset_id}",
        f"indicator '{indicator}' is not in ruleset {ruleset_id}",
    )
