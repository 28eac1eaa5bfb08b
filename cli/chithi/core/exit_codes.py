"""The exit codes of every command (DESIGN.md). Only app.py turns them into an exit."""

from __future__ import annotations

from enum import IntEnum

from chithi.core.i18n import Text


class ExitCode(IntEnum):
    OK = 0  # done; nothing reaches --fail-on
    FINDINGS = 1  # a report reaches the --fail-on level
    INPUT_ERROR = 2  # usage error, unreadable/invalid report, or nothing checked
    RULESET_INVALID = 3  # the ruleset is broken
    INTERNAL_ERROR = 4  # a bug in chithi, not in the input: --traceback or CHITHI_DEBUG=1 shows it


# What each code means, for docs/cli.md (generated) and anyone who prints it.
MEANINGS = {
    ExitCode.OK: Text(
        "xong; không báo cáo nào đạt ngưỡng --fail-on", "done; no report reaches --fail-on"
    ),
    ExitCode.FINDINGS: Text(
        "một báo cáo đạt mức --fail-on; `diff --exit-code`: chính sách đã đổi",
        "a report reaches the --fail-on level; `diff --exit-code`: the policy changed",
    ),
    ExitCode.INPUT_ERROR: Text(
        "lỗi dùng lệnh; một báo cáo hoặc tệp cấu hình không đọc, phân tích hay kiểm được; "
        "hoặc không kiểm được báo cáo nào",
        "usage error; a report or configuration file that could not be read, parsed or "
        "validated; or nothing checked",
    ),
    ExitCode.RULESET_INVALID: Text(
        "bộ quy tắc không hợp lệ (`validate`: một bộ quy tắc không qua kiểm tra)",
        "the ruleset is invalid (`validate`: a ruleset fails its checks)",
    ),
    ExitCode.INTERNAL_ERROR: Text(
        "lỗi nội bộ của chithi, không phải của dữ liệu (--traceback hoặc CHITHI_DEBUG=1 in dấu vết)",
        "an internal error: a bug in chithi, not in the input (--traceback or CHITHI_DEBUG=1 "
        "prints the trace)",
    ),
}


def worst(*codes: ExitCode) -> ExitCode:
    """Where several apply, the highest wins."""
    return max(codes, default=ExitCode.OK)
