"""Reports that are valid yet probably not what their writer meant: no incident, text left
over from `chithi init`, an incident dated after the report. Each gets a warning, never an
error: the score is still computed and the exit code does not change."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from chithi.core.i18n import text
from chithi.core.text import name_key
from chithi.model.results import ReportWarning

if TYPE_CHECKING:
    from chithi.model.documents import Report


def report_warnings(report: Report) -> list[ReportWarning]:
    warnings: list[ReportWarning] = []
    if not report.incidents:
        warnings.append(
            ReportWarning(
                "no-incidents",
                None,
                text(
                    "báo cáo không có sự việc nào (incidents: []): mức và tỷ lệ tuân thủ không"
                    " nói lên điều gì; thêm sự việc cần chấm",
                    "the report has no incident (incidents: []): its level and compliance say"
                    " nothing; add the incidents to check",
                ),
            )
        )
    left = template_leftovers(report)
    if left:
        fields = ", ".join(left)
        warnings.append(
            ReportWarning(
                "template-text",
                None,
                text(
                    f"báo cáo còn nội dung mẫu của `chithi init` ở: {fields}; thay bằng nội dung"
                    " thật trước khi dùng kết quả",
                    f"the report still holds the `chithi init` example text in: {fields};"
                    " replace it with the real content before using the result",
                ),
            )
        )
    for incident in report.incidents:
        if incident.date > report.date:  # both ISO dates, checked by the schema
            warnings.append(
                ReportWarning(
                    "incident-after-report",
                    incident.id,
                    text(
                        f"sự việc {incident.id} ngày {incident.date}, sau ngày lập báo cáo"
                        f" {report.date}: kiểm tra lại một trong hai ngày",
                        f"incident {incident.id} is dated {incident.date}, after the report's"
                        f" own date {report.date}: check one of the two dates",
                    ),
                )
            )
    return warnings


def template_leftovers(report: Report) -> list[str]:
    """The fields (as a writer sees them) that still hold an example value of a template. The
    id, dates and reporter are left out: keeping the template's may well be right."""
    examples = _template_examples()
    found = [
        name
        for name, value in (("unit", report.unit), ("subject.name", report.subject.name))
        if name_key(value) in examples
    ]
    for n, incident in enumerate(report.incidents):
        for name, value in (("summary", incident.summary), ("narrative", incident.narrative)):
            if value.strip() and name_key(value) in examples:
                found.append(f"incidents[{n}].{name}")
    return found


# The example values `chithi init` writes (both templates share them): kept here rather than
# read from the templates, which would cost ~10 ms of YAML parsing in every run;
# tests/commands/test_vietnamese.py checks the two agree.
TEMPLATE_EXAMPLES = frozenset(
    {
        "UBND phường Ví Dụ, quận Mẫu",
        "Nguyễn Văn A",
        "Trả hồ sơ quá hạn",
        "Hồ sơ cấp giấy chứng nhận của bà B bị trễ hẹn ba lần so với phiếu hẹn.\n",
    }
)


@cache
def _template_examples() -> frozenset[str]:
    """The example values, compared the way names are (case and spacing ignored)."""
    return frozenset(name_key(v) for v in TEMPLATE_EXAMPLES)
