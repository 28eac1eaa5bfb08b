"""A quick yes to "is this document valid?", so jsonschema only runs when there is something to say.

Nearly every report is valid, and jsonschema is the slowest part of reading one (and a tenth of
a second to import). This compiles the few keywords chithi's schemas use into plain Python
checks. It is conservative by construction: it answers True only when every keyword it knows
holds, refuses to compile a schema that uses a keyword it does not know, and answers False when
in doubt. False sends the document to jsonschema, which alone decides and words the errors; so a
False here can cost time, never correctness. tests/validate/test_quick_schema.py compares both on
generated documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

Check = Callable[[Any], bool]

# Keywords that only annotate: they never make a document invalid.
_ANNOTATIONS = frozenset({"$schema", "$id", "title", "description", "$comment", "examples"})
_TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "null": lambda v: v is None,
}


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _same(v: Any) -> Any:
    return v


# keyword → (which values it applies to, what is measured, how it must compare to the bound)
_BOUNDS: dict[str, tuple[Check, Callable[[Any], Any], Callable[[Any, Any], bool]]] = {
    "minimum": (_is_number, _same, lambda got, bound: got >= bound),
    "maximum": (_is_number, _same, lambda got, bound: got <= bound),
    "exclusiveMinimum": (_is_number, _same, lambda got, bound: got > bound),
    "exclusiveMaximum": (_is_number, _same, lambda got, bound: got < bound),
    "minLength": (lambda v: isinstance(v, str), len, lambda got, bound: got >= bound),
    "maxLength": (lambda v: isinstance(v, str), len, lambda got, bound: got <= bound),
    "minItems": (lambda v: isinstance(v, list), len, lambda got, bound: got >= bound),
    "maxItems": (lambda v: isinstance(v, list), len, lambda got, bound: got <= bound),
    "minProperties": (lambda v: isinstance(v, dict), len, lambda got, bound: got >= bound),
}


class UnsupportedSchema(ValueError):
    """The schema uses a keyword this module does not check: use jsonschema for everything."""


def compile_schema(schema: dict[str, Any]) -> Check:
    """A predicate that is True only for documents the schema certainly accepts."""
    definitions = schema.get("$defs", {})
    compiled: dict[str, Check] = {}

    def resolve(ref: str) -> Check:
        name = ref.removeprefix("#/$defs/")
        if name == ref or name not in definitions:
            raise UnsupportedSchema(f"$ref {ref}")
        if name not in compiled:
            # Recursive definitions see a forwarder until their own check is built.
            compiled[name] = lambda v: compiled[name](v)  # noqa: PLW0108 - looked up when called
            compiled[name] = build(definitions[name])
        return compiled[name]

    def build(node: dict[str, Any] | bool) -> Check:
        if isinstance(node, bool):  # `true` accepts anything, `false` nothing
            return (lambda _v: True) if node else (lambda _v: False)
        if not isinstance(node, dict):
            raise UnsupportedSchema(f"schema {node!r}")
        checks: list[Check] = []
        for keyword, value in node.items():
            if keyword in _ANNOTATIONS or keyword == "$defs":
                continue
            checks.append(_keyword(keyword, value, node, build, resolve))
        return lambda v: all(check(v) for check in checks)

    return build(schema)


def _keyword(
    keyword: str,
    value: Any,
    node: dict[str, Any],
    build: Callable[[dict[str, Any] | bool], Check],
    resolve: Callable[[str], Check],
) -> Check:
    if keyword == "$ref":
        return resolve(value)
    if keyword == "type":
        names = value if isinstance(value, list) else [value]
        tests = [_TYPES[n] for n in names]
        return lambda v: any(test(v) for test in tests)
    if keyword == "const":
        return lambda v: _json_equal(v, value)
    if keyword == "enum":
        options = list(value)
        return lambda v: any(_json_equal(v, o) for o in options)
    if keyword == "required":
        required = tuple(value)
        return lambda v: not isinstance(v, dict) or all(n in v for n in required)
    if keyword == "properties":
        props = {name: build(sub) for name, sub in value.items()}
        return lambda v: (
            not isinstance(v, dict) or all(props[k](item) for k, item in v.items() if k in props)
        )
    if keyword == "additionalProperties":
        if "patternProperties" in node:
            raise UnsupportedSchema("additionalProperties beside patternProperties")
        allowed = frozenset(node.get("properties", {}))
        extra = build(value)
        return lambda v: (
            not isinstance(v, dict) or all(k in allowed or extra(item) for k, item in v.items())
        )
    if keyword == "propertyNames":
        name = build(value)
        return lambda v: not isinstance(v, dict) or all(name(k) for k in v)
    if keyword == "items":
        item = build(value)
        return lambda v: not isinstance(v, list) or all(item(x) for x in v)
    if keyword == "uniqueItems":
        return lambda v: not (value and isinstance(v, list)) or _unique(v)
    if keyword in _BOUNDS:
        applies, measure, holds = _BOUNDS[keyword]
        return lambda v: not applies(v) or holds(measure(v), value)
    if keyword == "pattern":
        pattern = re.compile(value)
        return lambda v: not isinstance(v, str) or pattern.search(v) is not None
    if keyword == "format" and value == "date":
        return lambda v: not isinstance(v, str) or _is_date(v)
    raise UnsupportedSchema(keyword)


def _json_equal(a: Any, b: Any) -> bool:
    """JSON equality for scalars: 0 equals 0.0 but never false; containers are left to jsonschema."""
    if _is_number(a) and _is_number(b):
        return bool(a == b)
    if isinstance(a, (list, dict)) or isinstance(b, (list, dict)):
        return False
    return type(a) is type(b) and bool(a == b)


def _unique(items: list[Any]) -> bool:
    # Only strings are compared here; anything else is left to jsonschema (answer: not sure).
    return all(isinstance(x, str) for x in items) and len(set(items)) == len(items)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _is_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True
