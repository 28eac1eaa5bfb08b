"""$GITHUB_STEP_SUMMARY: the Markdown document, cut to the size GitHub accepts.

GitHub shows only about ten annotations of each kind per step; the full table goes here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chithi.core.i18n import Text
from chithi.render.documents import markdown

if TYPE_CHECKING:
    from chithi.model.runs import CheckRun, RenderOptions, ValidateRun

SUMMARY_LIMIT = 1_000_000  # bytes: GitHub refuses a step summary over 1 MiB
TRUNCATED = Text(
    "_Bản tóm tắt bị cắt bớt vì vượt quá giới hạn 1 MiB của GitHub; xem đầy đủ ở đầu ra SARIF/JSON._",
    "_Summary truncated at GitHub's 1 MiB limit; see the SARIF/JSON output for everything._",
)


def for_check(run: CheckRun, options: RenderOptions) -> str:
    return _cap(markdown.render_check(run, options), options)


def for_validate(run: ValidateRun, options: RenderOptions) -> str:
    return _cap(markdown.render_validate(run, options), options)


def _cap(document: str, options: RenderOptions) -> str:
    if len(document.encode("utf-8")) <= SUMMARY_LIMIT:
        return document
    note = f"\n{TRUNCATED(options.lang)}\n"
    budget = SUMMARY_LIMIT - len(note.encode("utf-8"))
    kept = document.encode("utf-8")[:budget].decode("utf-8", "ignore")
    return kept[: kept.rfind("\n") + 1] + note
