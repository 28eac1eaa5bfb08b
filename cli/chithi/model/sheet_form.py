"""The spreadsheet form of a report: its columns, their bilingual headers and what they hold.

One incident a row; the report's own fields repeat on every row (or are left blank below the
first row of a report), keyed by the report id. A row that repeats an incident id (or leaves it
blank) with only evidence or waiver cells adds one more evidence item or waiver to that incident.
The same columns serve .xlsx and .csv, and `chithi init`'s templates (docs/formats.md).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from chithi.core.records import record

# Where a column's value goes in a report's plain data.
REPORT = "report"
INCIDENT = "incident"
EVIDENCE = "evidence"
WAIVER = "waiver"

SHEET_NAME = "Sự việc - Incidents"  # '/' may not appear in a sheet name


@record
class Column:
    key: str  # the data path, dotted below its level: "subject.kind", "evidence.type"
    level: str
    vi: str
    en: str
    help_vi: str
    help_en: str
    width: int = 18
    kind: str = "text"  # text | date | bool | list

    @property
    def header(self) -> str:
        return f"{self.vi} / {self.en}"

    @property
    def field(self) -> str:
        return self.key.split(".", 1)[1] if self.level in (EVIDENCE, WAIVER) else self.key


COLUMNS: tuple[Column, ...] = (
    Column(
        "id",
        REPORT,
        "Mã báo cáo",
        "Report id",
        "Bắt buộc; các dòng cùng mã là một báo cáo",
        "Required; rows with the same id make one report",
        16,
    ),
    Column(
        "date",
        REPORT,
        "Ngày báo cáo",
        "Report date",
        "Bắt buộc; ô kiểu ngày, 2024-01-15 hoặc 15/01/2024 (03/04/2024 có thể là 3/4 hay 4/3 nên bị từ chối)",
        "Required; a date cell, 2024-01-15 or 15/01/2024 (03/04/2024 could be 3 April or 4 March, so it is refused)",
        14,
        "date",
    ),
    Column(
        "unit",
        REPORT,
        "Đơn vị",
        "Unit",
        "Bắt buộc; cơ quan, đơn vị nơi xảy ra sự việc",
        "Required; agency or unit where it happened",
        30,
    ),
    Column(
        "subject.name",
        REPORT,
        "Đối tượng",
        "Subject",
        "Bắt buộc; họ tên cá nhân hoặc tên tổ chức",
        "Required; the person's or organisation's name",
        22,
    ),
    Column(
        "subject.kind",
        REPORT,
        "Loại đối tượng",
        "Subject kind",
        "Bắt buộc; person (cá nhân) hoặc organisation (tổ chức)",
        "Required; person or organisation",
        14,
    ),
    Column("subject.position", REPORT, "Chức vụ", "Position", "Không bắt buộc", "Optional", 20),
    Column(
        "subject.is_leader",
        REPORT,
        "Người đứng đầu",
        "Is leader",
        "có/không (yes/no): có phải người đứng đầu cơ quan, đơn vị",
        "yes/no: heads the agency or unit",
        12,
        "bool",
    ),
    Column(
        "reporter.name",
        REPORT,
        "Người báo cáo",
        "Reporter",
        "Người hoặc bộ phận báo cáo",
        "Who reports",
        20,
    ),
    Column(
        "reporter.role",
        REPORT,
        "Vai trò người báo cáo",
        "Reporter role",
        "Không bắt buộc",
        "Optional",
        18,
    ),
    Column(
        "incidents.id",
        INCIDENT,
        "Mã sự việc",
        "Incident id",
        "Bắt buộc; duy nhất trong báo cáo",
        "Required; unique within the report",
        10,
    ),
    Column(
        "incidents.date",
        INCIDENT,
        "Ngày sự việc",
        "Incident date",
        "Bắt buộc; ô kiểu ngày, 2024-01-10 hoặc 25/01/2024",
        "Required; a date cell, 2024-01-10 or 25/01/2024",
        14,
        "date",
    ),
    Column(
        "incidents.summary",
        INCIDENT,
        "Tóm tắt",
        "Summary",
        "Tóm tắt một dòng",
        "One-line summary",
        30,
    ),
    Column(
        "incidents.narrative",
        INCIDENT,
        "Diễn biến",
        "Narrative",
        "Bắt buộc; mô tả sự việc bằng lời văn",
        "Required; what happened, in prose",
        60,
    ),
    Column(
        "incidents.indicators",
        INCIDENT,
        "Biểu hiện",
        "Indicators",
        "Mã biểu hiện người báo cáo trích dẫn, cách nhau bằng dấu phẩy (NT-06, KL-09)",
        "Indicator ids the reporter cites, comma-separated",
        14,
        "list",
    ),
    Column(
        "incidents.status",
        INCIDENT,
        "Trạng thái",
        "Status",
        "confirmed (đã xác minh), alleged (chưa xác minh) hoặc dismissed (đã bác bỏ)",
        "confirmed, alleged or dismissed",
        12,
    ),
    Column(
        "evidence.type",
        EVIDENCE,
        "Loại chứng cứ",
        "Evidence type",
        "Một chứng cứ mỗi dòng; thêm dòng cùng mã sự việc cho chứng cứ khác",
        "One evidence item a row; add a row with the same incident id for another",
        14,
    ),
    Column(
        "evidence.ref",
        EVIDENCE,
        "Chứng cứ",
        "Evidence reference",
        "Tên, số hiệu của chứng cứ",
        "Name or number of the evidence",
        30,
    ),
    Column(
        "evidence.indicators",
        EVIDENCE,
        "Chứng cứ cho biểu hiện",
        "Evidence indicators",
        "Không bắt buộc: chứng cứ chỉ hỗ trợ các biểu hiện này",
        "Optional: the evidence supports only these indicators",
        14,
        "list",
    ),
    Column(
        "waiver.indicator",
        WAIVER,
        "Biểu hiện loại trừ",
        "Waived indicator",
        "Biểu hiện đã xem xét và loại trừ",
        "An indicator considered and ruled out",
        14,
    ),
    Column(
        "waiver.reason",
        WAIVER,
        "Lý do loại trừ",
        "Waiver reason",
        "Bắt buộc khi loại trừ",
        "Required with a waived indicator",
        24,
    ),
    Column("waiver.by", WAIVER, "Người loại trừ", "Waived by", "Không bắt buộc", "Optional", 16),
    Column(
        "expected.level",
        REPORT,
        "Mức kỳ vọng",
        "Expected level",
        "Chỉ dùng cho kiểm thử",
        "For tests only",
        12,
    ),
    Column(
        "expected.indicators",
        REPORT,
        "Biểu hiện kỳ vọng",
        "Expected indicators",
        "Chỉ dùng cho kiểm thử",
        "For tests only",
        14,
        "list",
    ),
)

REQUIRED = ("id", "incidents.id")  # without these, rows cannot be grouped into reports
# The columns a template shows; the expected-result columns are for fixtures and tests.
TEMPLATE_COLUMNS = tuple(c for c in COLUMNS if not c.key.startswith("expected."))


def example_row() -> dict[str, str | bool | date]:
    """The template's one filled row: the same example as the YAML template."""
    return {
        "id": "BC-2024-001",
        "date": date(2024, 1, 15),
        "unit": "UBND phường Ví Dụ, quận Mẫu",
        "subject.name": "Nguyễn Văn A",
        "subject.kind": "person",
        "subject.position": "Cán bộ địa chính",
        "subject.is_leader": False,
        "reporter.name": "Tổ kiểm tra công vụ",
        "reporter.role": "Văn phòng UBND",
        "incidents.id": "SV-1",
        "incidents.date": date(2024, 1, 10),
        "incidents.summary": "Trả hồ sơ quá hạn",
        "incidents.narrative": "Hồ sơ cấp giấy chứng nhận của bà B bị trễ hẹn ba lần so với phiếu hẹn.",
        "incidents.indicators": "NT-06",
        "incidents.status": "alleged",
        "evidence.type": "document",
        "evidence.ref": "Phiếu hẹn trả kết quả số 12",
    }


def rows_from_report(data: dict[str, Any]) -> list[dict[str, Any]]:
    """A report's plain data as sheet rows, keyed by column: one row per incident, and one more
    for each further evidence item or waiver. The report's fields are written on its first row."""
    rows: list[dict[str, Any]] = []
    report: dict[str, Any] = {}
    for column in COLUMNS:
        if column.level == REPORT:
            value = _get(data, column.key.split("."))
            if value is not None:
                report[column.key] = _cell(value)
    for incident in data.get("incidents", []):
        first: dict[str, Any] = {} if rows else dict(report)
        for column in COLUMNS:
            if column.level == INCIDENT and column.field.split(".")[-1] in incident:
                first[column.key] = _cell(incident[column.key.split(".")[1]])
        extra = [dict(first)]
        for group, level in (("evidence", EVIDENCE), ("waive", WAIVER)):
            for k, item in enumerate(incident.get(group, [])):
                while len(extra) <= k:
                    extra.append({"incidents.id": incident["id"]})
                for column in COLUMNS:
                    if column.level == level and column.field in item:
                        extra[k][column.key] = _cell(item[column.field])
        rows += extra
    return rows or [report]


def _get(data: dict[str, Any], keys: list[str]) -> Any:
    value: Any = data
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _cell(value: Any) -> Any:
    return ", ".join(value) if isinstance(value, list) else value
