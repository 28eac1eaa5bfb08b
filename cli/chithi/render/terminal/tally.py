"""The last line of a run over many files: how many were checked, by level, and how many refused.

Four hundred lines for eleven reports end with the one line a reader looks for first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chithi.core.i18n import Text

if TYPE_CHECKING:
    from collections.abc import Mapping

    from chithi.model.documents import Ruleset


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _refused(files: int) -> Text:
    if not files:
        return Text("", "")
    return Text(f"; {files} tệp bị từ chối", f"; {_plural(files, 'file', 'files')} refused")


def check_tally(rules: Ruleset, levels: Mapping[str, int], refused_files: int) -> Text:
    """`11 reports checked: Serious 2 · Moderate 3 · No indicator met 6; 1 file refused`: the
    levels from the highest down, those no report reached left out."""
    total = sum(levels.values())
    shown = [(lv, levels[lv.id]) for lv in reversed(rules.scoring.levels) if levels.get(lv.id)]
    vi = " · ".join(f"{lv.name.vi} {n}" for lv, n in shown)
    en = " · ".join(f"{lv.name.en} {n}" for lv, n in shown)
    return Text(
        f"Đã kiểm {total} báo cáo" + (f": {vi}" if vi else ""),
        _plural(total, "report", "reports") + " checked" + (f": {en}" if en else ""),
    ) + _refused(refused_files)


def validate_tally(valid: int, invalid: int, unreadable: int) -> Text:
    """`3 rulesets validated: 2 valid, 1 invalid; 1 file refused`."""
    total = valid + invalid
    return Text(
        f"Đã kiểm {total} bộ quy tắc: {valid} hợp lệ, {invalid} KHÔNG hợp lệ",
        f"{_plural(total, 'ruleset', 'rulesets')} validated: {valid} valid, {invalid} INVALID",
    ) + _refused(unreadable)
