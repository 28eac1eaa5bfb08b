"""A report's plain data as YAML a person edits: fields in the template's order, prose as a
block, what is still missing listed in a comment at the top (`chithi import`)."""

from __future__ import annotations

from typing import Any

import yaml

_ORDER = {
    "": ("schema_version", "id", "date", "unit", "subject", "reporter", "incidents", "expected"),
    "subject": ("kind", "name", "position", "is_leader"),
    "reporter": ("name", "role"),
    "incidents": (
        "id",
        "date",
        "summary",
        "narrative",
        "indicators",
        "status",
        "evidence",
        "waive",
    ),
    "evidence": ("type", "ref", "indicators"),
    "waive": ("indicator", "reason", "by"),
    "expected": ("ruleset", "level", "indicators"),
}
_REQUIRED = {
    "": ("id", "date", "unit", "subject", "incidents"),
    "incidents": ("id", "date", "narrative", "status"),
}


class _Dumper(yaml.SafeDumper):
    """Block style for text that holds line breaks; lists of ids stay on one line."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    flow = all(isinstance(v, str) and "\n" not in v and len(v) < 20 for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(list, _list)


def _ordered(value: Any, where: str = "") -> Any:
    if isinstance(value, list):
        return [_ordered(v, where) for v in value]
    if not isinstance(value, dict):
        return value
    order = _ORDER.get(where, ())
    keys = sorted(value, key=lambda k: (order.index(k) if k in order else len(order), k))
    return {k: _ordered(value[k], k) for k in keys}


def missing_fields(data: dict[str, Any]) -> list[str]:
    """The required fields a skeleton still lacks, as `incidents[0].status`."""
    missing = [k for k in _REQUIRED[""] if k not in data]
    if "subject" in data:
        missing += [f"subject.{k}" for k in ("kind", "name") if k not in data["subject"]]
    for n, incident in enumerate(data.get("incidents", [])):
        missing += [f"incidents[{n}].{k}" for k in _REQUIRED["incidents"] if k not in incident]
    return missing


def report_yaml(data: dict[str, Any], comments: list[str]) -> str:
    head = "".join(f"# {line}\n" for line in comments)
    body = yaml.dump(_ordered(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return head + (body if body.endswith("\n") else body + "\n")
