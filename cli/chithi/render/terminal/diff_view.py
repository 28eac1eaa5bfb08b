"""Views of a ruleset diff: a terminal table, markdown for a pull-request comment, JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from rich.table import Table

from chithi.core.i18n import Text
from chithi.render.safe import clean, json_text, md, md_code

if TYPE_CHECKING:
    from chithi.core.i18n import Lang
    from chithi.model.diff import Change, RulesetDiff

KIND = {
    "added": Text("thêm", "added"),
    "removed": Text("bỏ", "removed"),
    "changed": Text("sửa", "changed"),
    "renamed": Text("đổi mã", "renamed"),
}
HEAD = {
    "area": Text("Phần", "Area"),
    "change": Text("Thay đổi", "Change"),
    "what": Text("Mục", "What"),
    "old": Text("Cũ", "Old"),
    "new": Text("Mới", "New"),
}
NONE = Text(
    "Hai bộ quy tắc không khác nhau về chính sách.", "The two rulesets set the same policy."
)


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return str(value.get("id", "{…}"))
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def diff_table(changes: list[Change], lang: Lang) -> Table | str:
    if not changes:
        return NONE(lang)
    table = Table(header_style="bold")
    for key in ("area", "change", "what", "old", "new"):
        table.add_column(HEAD[key](lang))
    for c in changes:
        table.add_row(
            clean(c.area),
            KIND[c.kind](lang),
            clean(c.path),
            clean(_show(c.old)),
            clean(_show(c.new)),
        )
    return table


def diff_markdown(changes: list[Change], lang: Lang, old: str, new: str) -> str:
    title = Text("Thay đổi chính sách", "Policy changes")(lang)
    lines = [f"### {title}: {md_code(old)} → {md_code(new)}", ""]
    if not changes:
        return "\n".join([*lines, NONE(lang), ""])
    lines.append(
        "| " + " | ".join(HEAD[k](lang) for k in ("area", "change", "what", "old", "new")) + " |"
    )
    lines.append("|---|---|---|---|---|")
    for c in changes:
        cells = [c.area, KIND[c.kind](lang), c.path, _show(c.old), _show(c.new)]
        lines.append("| " + " | ".join(md(x) for x in cells) + " |")
    return "\n".join(lines) + "\n"


def diff_json(changes: list[Change], old: str, new: str) -> str:
    document = {
        "old": old,
        "new": new,
        "changes": [
            {"kind": c.kind, "area": c.area, "path": c.path, "old": c.old, "new": c.new}
            for c in changes
        ],
    }
    return json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


# The format registry's signature (render/registry.py): one diff, one language.
def render_plain(diff: RulesetDiff, lang: Lang) -> str:
    from chithi.render.terminal.table import plain  # noqa: PLC0415 - table pulls in scoring; only a file needs it

    return plain(diff_table(diff.changes, lang))


def render_markdown(diff: RulesetDiff, lang: Lang) -> str:
    return diff_markdown(diff.changes, lang, diff.old, diff.new)


def render_json(diff: RulesetDiff, lang: Lang) -> str:
    return diff_json(diff.changes, diff.old, diff.new)
