"""A report from a path: read within the limits, validated against the ruleset, built."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chithi.io.loading import DEFAULT_LIMITS, Limits, load_path
from chithi.validate.report import report_from_document

if TYPE_CHECKING:
    from pathlib import Path

    from chithi.model.documents import Report, Ruleset


def load_report(
    path: Path, ruleset: Ruleset, display: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Report:
    doc = load_path(path, display, limits)
    return report_from_document(doc, ruleset)
