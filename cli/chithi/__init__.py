"""chithi: score incident reports against Directive 24-CT/TU's indicators.

The public library is `chithi.api` (docs/api.md); the names below are its most used ones.
"""

from __future__ import annotations

from chithi._version import __version__
from chithi.api import (
    InputError,
    Problem,
    RulesetError,
    check_many,
    check_report,
    load_ruleset,
    summarise,
    validate_ruleset,
)

__all__ = [
    "InputError",
    "Problem",
    "RulesetError",
    "__version__",
    "check_many",
    "check_report",
    "load_ruleset",
    "summarise",
    "validate_ruleset",
]
