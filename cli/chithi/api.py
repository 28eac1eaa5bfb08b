"""The library: load a ruleset, load a report, check one against the other.

No printing, no exiting: problems travel as InputError / RulesetError values.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chithi.core.i18n import Text, text
from chithi.core.problems import InputError, Problem, RulesetError, Severity
from chithi.inputs import cache as ruleset_cache
from chithi.io.loading import (
    DEFAULT_LIMITS,
    Document,
    Limits,
    decode,
    load_path,
    load_text,
    read_bytes,
)
from chithi.match.learned import ReaderFileError, ReaderModel, loads
from chithi.match.matcher import Matcher, TextMatch
from chithi.match.reader import TextReader
from chithi.model.documents import Report, Ruleset, report_from_data, ruleset_from_data
from chithi.score.scoring import score_report
from chithi.validate.fixes import indicator_id, suggestion, what_it_is
from chithi.validate.ruleset import check_meaning
from chithi.validate.schema import validate

if TYPE_CHECKING:
    from chithi.model.results import ReportResult
    from chithi.score.suppressions import ExceptionSet

DEFAULT_RULESET = "hn-24-ct-tu-2023.yaml"


def bundled_rulesets_dir() -> Path:
    """Inside the wheel: chithi/rulesets. From a source checkout: the repository's rulesets/."""
    packaged = Path(str(resources.files("chithi"))) / "rulesets"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "rulesets"


def bundled_rulesets() -> list[Path]:
    return sorted(bundled_rulesets_dir().glob("*.yaml"))


def default_ruleset_path() -> Path:
    return bundled_rulesets_dir() / DEFAULT_RULESET


_RULESETS: dict[tuple[str, str], Ruleset] = {}
_MATCHERS: dict[tuple[str, str], Matcher] = {}
_MODELS: dict[tuple[str, str, str | None], ReaderModel | None] = {}


def load_ruleset(path: Path | str | None = None) -> Ruleset:
    """Load, validate and check a ruleset; raise RulesetError with every problem found.

    A ruleset already validated in this process is reused when its bytes are unchanged.
    """
    chosen = Path(path) if path is not None else default_ruleset_path()
    try:
        raw = read_bytes(chosen, str(chosen))
    except InputError as err:
        raise RulesetError(err.problems) from None
    key = (str(chosen), hashlib.sha256(raw).hexdigest())
    if key not in _RULESETS:
        _RULESETS[key] = _compiled_ruleset(chosen, raw, key[1])
    return _RULESETS[key]


def _compiled_ruleset(path: Path, raw: bytes, sha256: str) -> Ruleset:
    """From the disk cache when this ruleset was compiled before, else read, checked, compiled."""
    cached = ruleset_cache.load(sha256)
    if cached is not None:
        # The cache holds the reader model the ruleset pins: it was checked when stored.
        ruleset, matcher, model = replace(cached[0], path=str(path)), cached[1], cached[2]
    else:
        doc = load_ruleset_document(path, raw)
        problems = ruleset_problems(doc)
        if problems:
            raise RulesetError(problems)
        ruleset = ruleset_from_data(doc.data, sha256=sha256, path=doc.file)
        matcher = Matcher.for_ruleset(ruleset)
        model, problems = load_reader(doc)
        if problems:
            raise RulesetError(problems)
        ruleset_cache.store(sha256, ruleset, matcher, model)
    _MATCHERS[(ruleset.path, sha256)] = matcher
    _MODELS[_model_key(ruleset)] = model
    return ruleset


def load_ruleset_document(path: Path, raw: bytes | None = None) -> Document:
    try:
        data = raw if raw is not None else read_bytes(path, str(path))
        return load_text(decode(data, str(path)), str(path), data)
    except InputError as err:
        raise RulesetError(err.problems) from None


def ruleset_problems(doc: Document) -> list[Problem]:
    """The problems that make a ruleset unusable (errors only; warnings are validate's)."""
    if not isinstance(doc.data, dict):
        return [_top_level(doc, "bộ quy tắc", "ruleset", "RS-SCHEMA")]
    found = validate(doc, "ruleset", "RS-SCHEMA") or check_meaning(doc)
    return [p for p in found if p.severity is Severity.ERROR]


def _reader_path(doc: Document) -> Path | None:
    """Where the ruleset's learned reader lives: beside the ruleset file."""
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("reader"), dict):
        return None
    return Path(doc.file).parent / str(doc.data["reader"].get("file", ""))


def load_reader(doc: Document) -> tuple[ReaderModel | None, list[Problem]]:
    """The model a ruleset names, read and checked against its sha256; or what is wrong."""
    path = _reader_path(doc)
    if path is None:
        return None, []
    expected = str(doc.data["reader"]["sha256"])

    def problem(code: str, message: Text) -> list[Problem]:
        line, column = doc.positions.of_value(("reader", "file"))
        return [Problem(doc.file, line, column, code, message)]

    try:
        raw = path.read_bytes()
    except OSError as err:
        return None, problem(
            "RS-READER-MISSING",
            text(
                f"không đọc được tệp mô hình {path.name}: {err.strerror}; chạy `chithi train` để tạo lại",
                f"cannot read the reader model {path.name}: {err.strerror}; run `chithi train` to rebuild it",
            ),
        )
    actual = hashlib.sha256(raw).hexdigest()
    if actual != expected:
        return None, problem(
            "RS-READER-MISMATCH",
            text(
                f"tệp mô hình {path.name} có sha256 {actual[:12]}…, bộ quy tắc ghi {expected[:12]}…: tệp đã bị thay đổi hoặc bộ quy tắc chưa được cập nhật",
                f"reader model {path.name} has sha256 {actual[:12]}…, the ruleset names {expected[:12]}…: the file changed or the ruleset was not updated",
            ),
        )
    try:
        model = loads(raw, actual)  # hashed once, just above
    except ReaderFileError as err:
        return None, problem(
            "RS-READER-MISMATCH",
            text(
                f"tệp mô hình {path.name} không hợp lệ: {err}",
                f"reader model {path.name} is not valid: {err}",
            ),
        )
    indicators = [i["id"] for i in doc.data.get("indicators", []) if isinstance(i, dict)]
    if list(model.indicators) != indicators:
        return None, problem(
            "RS-READER-MISMATCH",
            text(
                f"mô hình {path.name} được huấn luyện cho các chỉ số khác với bộ quy tắc; chạy `chithi train`",
                f"reader model {path.name} was trained for other indicators than the ruleset's; run `chithi train`",
            ),
        )
    return model, []


def compiled_reader(ruleset: Ruleset) -> TextReader:
    """The phrases and the learned reader (when the ruleset ships one), compiled once."""
    key = _model_key(ruleset)
    if key not in _MODELS:
        model = None
        if ruleset.reader is not None:
            found, problems = load_reader(load_ruleset_document(Path(ruleset.path)))
            if problems:
                raise RulesetError(problems)
            model = found
        _MODELS[key] = model
    return TextReader(compiled_matcher(ruleset), _MODELS[key])


def _model_key(ruleset: Ruleset) -> tuple[str, str, str | None]:
    # A ruleset read without its reader (replace(ruleset, reader=None)) reads with phrases alone.
    return ruleset.path, ruleset.sha256, ruleset.reader.sha256 if ruleset.reader else None


def compiled_matcher(ruleset: Ruleset) -> Matcher:
    """Compile a ruleset's phrases once per process (keyed by content, not identity)."""
    key = (ruleset.path, ruleset.sha256)
    if key not in _MATCHERS:
        _MATCHERS[key] = Matcher.for_ruleset(ruleset)
    return _MATCHERS[key]


def load_report(
    path: Path, ruleset: Ruleset, display: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Report:
    doc = load_path(path, display, limits)
    return report_from_document(doc, ruleset)


_REPORT_FIELDS = frozenset({"id", "date", "unit", "subject", "incidents"})


def report_from_document(doc: Document, ruleset: Ruleset) -> Report:
    if not isinstance(doc.data, dict):
        raise InputError([_top_level(doc, "báo cáo", "report", "E-SCHEMA")])
    if doc.data and not _REPORT_FIELDS & set(doc.data):
        # "Ông A đi muộn: …" is a mapping to YAML; to a person it is prose, not a report
        raise InputError([_not_a_report(doc)])
    problems = validate(doc, "report", "E-SCHEMA") or _report_meaning(doc, ruleset)
    if problems:
        raise InputError(problems)
    return report_from_data(doc.data, doc.positions.of_value)


def check_report(path: Path | str, ruleset: Ruleset | None = None) -> ReportResult:
    """Check one report file; the bundled Directive 24 ruleset unless another is given."""
    rules = ruleset or load_ruleset()
    report = load_report(Path(path), rules)
    return check_loaded(report, rules, str(path))


def check_loaded(
    report: Report, ruleset: Ruleset, path: str, exceptions: ExceptionSet | None = None
) -> ReportResult:
    reader = compiled_reader(ruleset)
    matches = {
        incident.id: reader.read_incident(incident.summary, incident.narrative)
        for incident in report.incidents
    }
    suppress = None
    if exceptions is not None:

        def suppress(indicator: str, incident: str) -> str | None:
            entry = exceptions.suppressing(report, indicator)
            if entry is None:
                return None
            exceptions.record(entry, path, incident)
            return entry.id

    return score_report(report, ruleset, matches, path, suppress)


def match_incident(matcher: Matcher, summary: str, narrative: str) -> TextMatch:
    """What the phrases alone find in an incident's summary and narrative, summary first."""
    return TextReader(matcher, None).read_incident(summary, narrative)


def _not_a_report(doc: Document) -> Problem:
    return Problem(
        doc.file,
        1,
        1,
        "E-SCHEMA",
        text(
            "tệp này không phải một báo cáo: không có trường nào trong id, date, unit, subject,"
            " incidents; tạo mẫu bằng `chithi init báo-cáo.yaml` rồi chép nội dung vào",
            "this file is not a report: it has none of id, date, unit, subject, incidents; make a"
            " template with `chithi init report.yaml` and copy the text into it",
        ),
    )


def _top_level(doc: Document, vi: str, en: str, code: str) -> Problem:
    kind_vi, kind_en = what_it_is(doc.data)
    message = text(
        f"{vi} phải là một ánh xạ (khóa: giá trị) ở cấp cao nhất, nhưng tệp là {kind_vi}",
        f"a {en} must be a mapping (key: value) at the top level, but the file is {kind_en}",
    )
    if code == "E-SCHEMA":  # most often free prose pasted into a file: show the way to a report
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
            at(path, "E-UNKNOWN-INDICATOR", message)
    seen_ids: set[str] = set()
    for n, incident in enumerate(doc.data["incidents"]):
        if incident["id"] in seen_ids:
            at(
                ("incidents", n, "id"),
                "E-DUPLICATE-INCIDENT",
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
                    "E-EVIDENCE-TYPE",
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
            "E-UNKNOWN-LEVEL",
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
