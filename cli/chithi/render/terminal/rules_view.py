"""Views of a ruleset itself: the indicator list (`chithi rules`) and one card (`chithi explain`)."""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from chithi.core.i18n import Lang, Text
from chithi.core.numbers import number
from chithi.render.machine.json_summary import bi
from chithi.render.safe import json_text

if TYPE_CHECKING:
    from chithi.model.documents import Indicator, Ruleset

PROVENANCE = {
    "verbatim-source": Text("nguyên văn có nguồn", "verbatim, sourced"),
    "partial-source": Text("một phần có nguồn", "partly sourced"),
    "reconstructed": Text("tái dựng, cần đối chiếu phụ lục", "reconstructed, check the appendix"),
}
APPLIES = {
    "individual": Text("cá nhân", "individual"),
    "leader": Text("người đứng đầu", "leader"),
    "organisation": Text("tổ chức", "organisation"),
}
H = {
    "id": Text("Mã", "Id"),
    "item": Text("Mục", "Item"),
    "title": Text("Biểu hiện", "Indicator"),
    "weight": Text("Trọng số", "Weight"),
    "applies": Text("Áp dụng", "Applies to"),
    "provenance": Text("Nguồn", "Provenance"),
    "count": Text("Số biểu hiện", "Indicators"),
    "description": Text("Mô tả", "Description"),
    "note": Text(
        "Ghi chú của người soạn bộ quy tắc (không phải lời văn chỉ thị)",
        "Ruleset authors' note (not the directive's wording)",
    ),
    "phrases": Text("Cụm từ nhận diện", "Match phrases"),
    "near": Text("Các cụm cùng câu", "Phrases together"),
    "exclude": Text("Loại trừ trong câu có", "Excluded in a sentence with"),
    "refuted_by": Text("Bị bác bỏ khi văn bản nói", "Refuted when the text says"),
    "must": Text("Ví dụ phải khớp", "Examples that must match"),
    "must_not": Text("Ví dụ không được khớp", "Examples that must not match"),
    "min_level": Text("Mức tối thiểu khi vi phạm đã xác minh", "Minimum level when confirmed"),
    "group": Text("Nhóm", "Group"),
}


def _selected(ruleset: Ruleset, group: str | None) -> list[Indicator]:
    return [i for i in ruleset.indicators if group is None or i.group == group]


def rules_table(ruleset: Ruleset, group: str | None, lang: Lang) -> RenderableType:
    counts = Counter(i.group for i in ruleset.indicators)
    table = Table(
        title=f"{ruleset.title(lang)} ({ruleset.id} {ruleset.version})", header_style="bold"
    )
    for key in ("id", "item", "title", "weight", "applies", "provenance"):
        table.add_column(H[key](lang), justify="right" if key == "weight" else "left")
    for indicator in _selected(ruleset, group):
        table.add_row(
            indicator.id,
            indicator.source_item,
            indicator.title(lang),
            number(indicator.weight, lang),
            ", ".join(APPLIES[a](lang) for a in indicator.applies_to),
            PROVENANCE[indicator.provenance](lang),
        )
    groups = Table(header_style="bold")
    groups.add_column(H["group"](lang))
    groups.add_column(H["count"](lang), justify="right")
    shown = [g for g in ruleset.groups if group is None or g.id == group]
    for g in shown:
        groups.add_row(f"{g.id} {g.title(lang)}", f"{counts[g.id]}/{g.size}")
    if group is None:
        groups.add_row("Σ", f"{len(ruleset.indicators)}/{sum(g.size for g in ruleset.groups)}")
    return Group(table, groups, RichText(ruleset.source_notes(lang), "dim"))


def rules_json(ruleset: Ruleset, group: str | None) -> str:
    counts = Counter(i.group for i in ruleset.indicators)
    document = {
        "ruleset": {"id": ruleset.id, "version": ruleset.version, "sha256": ruleset.sha256},
        "groups": [
            {"id": g.id, "title": bi(g.title), "size": g.size, "count": counts[g.id]}
            for g in ruleset.groups
            if group is None or g.id == group
        ],
        "indicators": [
            {
                "id": i.id,
                "group": i.group,
                "source_item": i.source_item,
                "provenance": i.provenance,
                "title": bi(i.title),
                "description": bi(i.description),
                "note": bi(i.note) if i.note is not None else None,
                "weight": i.weight,
                "applies_to": list(i.applies_to),
                "min_level": i.min_level,
            }
            for i in _selected(ruleset, group)
        ],
    }
    return json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def indicator_card(ruleset: Ruleset, indicator: Indicator, lang: Lang) -> RenderableType:
    body = RichText()
    group = ruleset.group(indicator.group)
    body.append(f"{indicator.title(lang)}\n", "bold")
    body.append(f"{indicator.title('en' if lang == 'vi' else 'vi')}\n\n", "italic dim")
    body.append(f"{indicator.description(lang)}\n\n")
    if indicator.note is not None:
        body.append(f"{H['note'](lang)}: ", "bold dim")
        body.append(f"{indicator.note(lang)}\n\n", "dim")
    rows = [
        (H["group"], f"{indicator.group} {group.title(lang) if group else ''}"),
        (H["item"], f"{ruleset.source_document}, {indicator.source_item}"),
        (H["provenance"], PROVENANCE[indicator.provenance](lang)),
        (H["weight"], number(indicator.weight, lang)),
        (H["applies"], ", ".join(APPLIES[a](lang) for a in indicator.applies_to)),
    ]
    if indicator.min_level:
        level = ruleset.level(indicator.min_level)
        rows.append((H["min_level"], level.name(lang) if level else indicator.min_level))
    for label, value in rows:
        body.append(f"{label(lang)}: ", "bold")
        body.append(f"{value}\n")
    _section(body, H["phrases"](lang), indicator.match.phrases)
    if indicator.match.near:
        _section(
            body,
            H["near"](lang),
            [
                " + ".join(n.all) + (f" (≤ {n.within})" if n.within else "")
                for n in indicator.match.near
            ],
        )
    if indicator.match.exclude:
        _section(body, H["exclude"](lang), indicator.match.exclude)
    if indicator.match.refuted_by:
        _section(body, H["refuted_by"](lang), indicator.match.refuted_by)
    _section(body, H["must"](lang), indicator.examples_match)
    _section(body, H["must_not"](lang), indicator.examples_no_match)
    return Panel(body, title=indicator.id, title_align="left", expand=False)


def _section(body: RichText, title: str, items: tuple[str, ...] | list[str]) -> None:
    body.append(f"\n{title}:\n", "bold")
    for item in items:
        body.append(f"  • {item}\n")
