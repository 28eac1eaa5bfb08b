"""`chithi diff OLD NEW`: the policy change between two rulesets, not their YAML diff.

Lists keyed by `id` (indicators, groups, levels) are matched by id; lists of phrases and cues
are compared as sets of normalised phrases; an indicator removed and another added for the
same directive item is reported as renamed.
"""

from __future__ import annotations

from typing import Any, Literal

from chithi.core.records import record
from chithi.core.text import canonical_phrase

Kind = Literal["added", "removed", "changed", "renamed"]


@record
class Change:
    kind: Kind
    path: str  # e.g. "indicators[KL-03].weight", "scoring.levels[serious].min_score"
    old: Any = None
    new: Any = None

    @property
    def area(self) -> str:
        head = self.path.split(".", 1)[0]
        return head.split("[", 1)[1].rstrip("]") if "[" in head else head


@record
class RulesetDiff:
    """What `chithi diff` renders: the changes, and the two rulesets named as "id version"."""

    changes: list[Change]
    old: str
    new: str


def diff_rulesets(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    changes = _diff(old, new, "")
    return _pair_renames(changes, old, new)


def _diff(old: Any, new: Any, path: str) -> list[Change]:
    if isinstance(old, dict) and isinstance(new, dict):
        changes: list[Change] = []
        for key in [*old, *(k for k in new if k not in old)]:
            where = f"{path}.{key}" if path else key
            if key not in new:
                changes.append(Change("removed", where, old[key], None))
            elif key not in old:
                changes.append(Change("added", where, None, new[key]))
            else:
                changes += _diff(old[key], new[key], where)
        return changes
    if _keyed(old) and _keyed(new):
        return _diff_keyed(old, new, path)
    if _scalars(old) and _scalars(new) and path.rsplit(".", 1)[-1] not in _ORDERED:
        return _diff_set(old, new, path)
    return [] if old == new else [Change("changed", path, old, new)]


# Lists whose order means something; everything else that is a list of strings is a set.
_ORDERED = {"applies_to", "fail_outcomes"}


def _keyed(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, dict) and "id" in v for v in value)


def _scalars(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _diff_keyed(old: list[dict[str, Any]], new: list[dict[str, Any]], path: str) -> list[Change]:
    before = {item["id"]: item for item in old}
    after = {item["id"]: item for item in new}
    changes: list[Change] = []
    for key in [*before, *(k for k in after if k not in before)]:
        where = f"{path}[{key}]"
        if key not in after:
            changes.append(Change("removed", where, before[key], None))
        elif key not in before:
            changes.append(Change("added", where, None, after[key]))
        else:
            changes += _diff(before[key], after[key], where)
    return changes


def _diff_set(old: list[str], new: list[str], path: str) -> list[Change]:
    before = {canonical_phrase(p): p for p in old}
    after = {canonical_phrase(p): p for p in new}
    removed = [Change("removed", path, before[k], None) for k in before if k not in after]
    added = [Change("added", path, None, after[k]) for k in after if k not in before]
    return removed + added


def _pair_renames(changes: list[Change], old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """An indicator removed and one added for the same group and directive item: renamed."""
    removed = {
        c.old["source_item"]: c
        for c in changes
        if c.kind == "removed" and c.path.startswith("indicators[") and isinstance(c.old, dict)
    }
    result: list[Change] = []
    paired: set[str] = set()
    for change in changes:
        if (
            change.kind == "added"
            and change.path.startswith("indicators[")
            and isinstance(change.new, dict)
        ):
            twin = removed.get(change.new.get("source_item"))
            if twin is not None and twin.old.get("group") == change.new.get("group"):
                paired.add(twin.path)
                result.append(Change("renamed", change.path, twin.old["id"], change.new["id"]))
                result += _diff(_without_id(twin.old), _without_id(change.new), change.path)
                continue
        result.append(change)
    return [c for c in result if not (c.kind == "removed" and c.path in paired)]


def _without_id(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k != "id"}
