"""The exit codes of every command (DESIGN.md). Only app.py turns them into an exit."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # done; nothing reaches --fail-on
    FINDINGS = 1  # a report reaches the --fail-on level
    INPUT_ERROR = 2  # usage error, unreadable/invalid report, or nothing checked
    RULESET_INVALID = 3  # the ruleset is broken
    INTERNAL_ERROR = 4  # a bug in chithi, not in the input: --traceback or CHITHI_DEBUG=1 shows it


def worst(*codes: ExitCode) -> ExitCode:
    """Where several apply, the highest wins."""
    return max(codes, default=ExitCode.OK)
