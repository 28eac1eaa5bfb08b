"""JSON Schema validation whose errors become located, bilingual problems.

Renderers and commands never see jsonschema: this module is the boundary. A valid document
(nearly every one) is recognised by quick_schema without importing jsonschema at all; jsonschema
decides and words the errors whenever the quick check is not sure.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chithi.core.fixes import did_you_mean, indicator_id, iso_date, suggestion
from chithi.core.i18n import Text, text
from chithi.core.problems import Problem
from chithi.validate.quick import Check, UnsupportedSchema, compile_schema

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError

    from chithi.io.loading import Document

SCHEMA_NAMES = ("ruleset", "report", "summary", "exceptions", "batch")
_JSON_TYPES = {
    "object": ("một ánh xạ (khóa: giá trị)", "a mapping (key: value)"),
    "array": ("một danh sách", "a list"),
    "string": ("một chuỗi văn bản", "a text string"),
    "integer": ("một số nguyên", "a whole number"),
    "number": ("một số", "a number"),
    "boolean": ("true hoặc false", "true or false"),
    "null": ("giá trị rỗng", "null"),
}


# Beside this code in the wheel, as the bundled ruleset is: importlib.resources would also read
# them from a zip, but importing it costs ~3 ms of every start (tempfile, random, zipfile).
SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


def schema_text(name: str) -> str:
    return (SCHEMAS / f"{name}.schema.json").read_text("utf-8")


@cache
def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text(name))
    return loaded


@cache
def validator(name: str) -> Draft202012Validator:
    # Imported here, not at the top: a tenth of a second of start-up that valid input never needs.
    from jsonschema import Draft202012Validator, FormatChecker  # noqa: PLC0415

    return Draft202012Validator(schema(name), format_checker=FormatChecker())


@cache
def quick_check(name: str) -> Check | None:
    try:
        return compile_schema(schema(name))
    except UnsupportedSchema:
        return None


def validate(doc: Document, schema_name: str, code: str) -> list[Problem]:
    """Every schema error of `doc`, located in its YAML and sorted by position."""
    quick = quick_check(schema_name)
    if quick is not None and quick(doc.data):
        return []
    errors = list(validator(schema_name).iter_errors(doc.data))
    problems = {_problem(doc, error, code) for error in errors if not _misspelt(error, errors)}
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0, p.message.en))


def _misspelt(error: ValidationError, errors: list[ValidationError]) -> bool:
    """A missing field that an unknown field beside it misspells (`narative:`): the unknown
    field's error says "did you mean 'narrative'", so this one would only repeat it."""
    if error.validator != "required" or not isinstance(error.instance, dict):
        return False
    required: Any = error.validator_value
    missing = [p for p in required if p not in error.instance]
    beside = [
        extra
        for other in errors
        if other.validator == "additionalProperties" and other.absolute_path == error.absolute_path
        for extra in _extras(other)
    ]
    return bool(missing) and all(did_you_mean(m, beside) is not None for m in missing)


def _schema_of(error: ValidationError) -> dict[str, Any]:
    return error.schema if isinstance(error.schema, dict) else {}


def _problem(doc: Document, error: ValidationError, code: str) -> Problem:
    path = tuple(error.absolute_path)
    line, column = doc.positions.of_value(path)
    where = _json_path(path)
    message = _describe(error)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        extras = _extras(error)
        if extras:
            line, column = doc.positions.of_key((*path, extras[0]))
    return Problem(doc.file, line, column, code, text(f"{where}: ", f"{where}: ") + message)


def _json_path(path: tuple[str | int, ...]) -> str:
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _extras(error: ValidationError) -> list[str]:
    allowed = set(_schema_of(error).get("properties", {}))
    instance: Any = error.instance
    return sorted(k for k in instance if k not in allowed)


def _names(values: Any) -> str:
    return ", ".join(json.dumps(v, ensure_ascii=False) for v in values)


# The forms a pattern asks for, said as an example: a user never sees a regular expression.
_FORMS = {
    "^[A-Z][A-Z0-9]{0,7}-[0-9]{2,3}$": ("một mã biểu hiện như KL-03", "an indicator id like KL-03"),
    "^[a-z][a-z_]*$": (
        "chữ thường và '_', ví dụ self_admission",
        "lower case and '_', like self_admission",
    ),
    "^[a-z][a-z_-]*$": (
        "chữ thường, '_' hoặc '-', ví dụ serious",
        "lower case, '_' or '-', like serious",
    ),
    "^[A-Z][A-Z0-9]{0,7}$": ("chữ in hoa, ví dụ KL", "capital letters, like KL"),
    "\\S": ("có ít nhất một chữ", "at least one letter or digit"),
}


def _form(value: str, pattern: str) -> Text:
    vi, en = _FORMS.get(
        pattern, ("dạng như các ví dụ trong tài liệu", "the form the documentation shows")
    )
    message = text(f"{_names([value])} phải là {vi}", f"{_names([value])} must be {en}")
    meant = indicator_id(value) if pattern.startswith("^[A-Z][A-Z0-9]{0,7}-") else None
    if meant is not None and meant != value:
        message += text(f" — hãy viết '{meant}'", f" — write '{meant}'")
    return message


def _describe(error: ValidationError) -> Text:
    kind, instance = error.validator, error.instance
    expected: Any = error.validator_value
    schema = _schema_of(error)
    if kind == "required":
        missing = [p for p in expected if isinstance(instance, dict) and p not in instance]
        return text(
            f"thiếu trường bắt buộc '{', '.join(missing)}'",
            f"missing required field '{', '.join(missing)}'",
        )
    if kind == "additionalProperties":
        names = _extras(error)
        fields = list(schema.get("properties", {}))
        meant = did_you_mean(names[0], fields) if len(names) == 1 else None
        if meant is not None:
            return text(
                f"trường '{names[0]}' không có — có phải ý là '{meant}'?",
                f"unknown field '{names[0]}' — did you mean '{meant}'?",
            )
        extras, allowed = ", ".join(names), ", ".join(fields)
        return text(
            f"trường không được phép '{extras}' (cho phép: {allowed})",
            f"unknown field '{extras}' (allowed: {allowed})",
        )
    if kind == "type":
        wanted = [expected] if isinstance(expected, str) else list(expected)
        vi = " hoặc ".join(_JSON_TYPES.get(t, (t, t))[0] for t in wanted)
        en = " or ".join(_JSON_TYPES.get(t, (t, t))[1] for t in wanted)
        got = json.dumps(instance, ensure_ascii=False, default=str)[:60]
        return text(f"phải là {vi}, nhưng là {got}", f"must be {en}, got {got}")
    if kind == "enum":
        return text(
            f"phải là một trong: {_names(expected)}; nhận được {_names([instance])}",
            f"must be one of: {_names(expected)}; got {_names([instance])}",
        ) + suggestion(str(instance), [str(v) for v in expected])
    if kind == "const":
        return text(f"phải bằng {_names([expected])}", f"must be {_names([expected])}")
    if kind in ("pattern", "format") and schema.get("format") == "date":
        iso = iso_date(str(instance))
        if iso is not None:
            return text(f"ngày {_names([instance])}: ", f"date {_names([instance])}: ") + iso
        return text(
            f"ngày không hợp lệ {_names([instance])}: cần một ngày có thật dạng năm-tháng-ngày, ví dụ 2024-03-15",
            f"invalid date {_names([instance])}: expected a real year-month-day date, for example 2024-03-15",
        )
    if kind == "pattern":
        return _form(str(instance), str(expected))
    if kind in ("minLength", "minItems", "minProperties"):
        return text(
            f"không được để trống (tối thiểu {expected})",
            f"must not be empty (at least {expected})",
        )
    if kind in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        sign = {"minimum": "≥", "exclusiveMinimum": ">", "maximum": "≤", "exclusiveMaximum": "<"}
        return text(
            f"phải {sign[kind]} {expected}, nhận được {instance}",
            f"must be {sign[kind]} {expected}, got {instance}",
        )
    if kind == "uniqueItems":
        return text("danh sách có phần tử lặp lại", "the list repeats an item")
    return text(f"không hợp lệ: {error.message}", f"invalid: {error.message}")
