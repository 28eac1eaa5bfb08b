"""chithi: score incident reports against Directive 24-CT/TU's indicators."""

from __future__ import annotations

__version__ = "0.2.0"

from chithi.api import check_report, load_ruleset

__all__ = ["__version__", "check_report", "load_ruleset"]
