"""The words renderers print, in both languages."""

from __future__ import annotations

from chithi.i18n import Text
from chithi.problems import Severity

OUTCOME = {
    "violated": Text("Vi phạm", "Violated"),
    "probable": Text("Có khả năng vi phạm", "Probable"),
    "insufficient_evidence": Text("Chưa đủ chứng cứ", "Insufficient evidence"),
    "not_violated": Text("Không vi phạm", "Not violated"),
    "waived": Text("Đã miễn trừ", "Waived"),
}
OUTCOME_STYLE = {
    "violated": "bold red",
    "probable": "dark_orange",
    "insufficient_evidence": "yellow",
    "not_violated": "green",
    "waived": "dim",
}
BASIS = {
    "cited": Text("Trích dẫn", "Cited"),
    "matched": Text("Nhận diện từ nội dung", "Matched in text"),
    "both": Text("Trích dẫn + nội dung", "Cited + matched"),
}
STATUS = {
    "confirmed": Text("đã xác minh", "confirmed"),
    "alleged": Text("chưa xác minh", "alleged"),
    "dismissed": Text("đã bác bỏ", "dismissed"),
}
CONFIDENCE = {
    "exact": Text("khớp chính xác", "exact match"),
    "folded": Text("khớp không dấu", "matched without diacritics"),
    "near": Text("các cụm gần nhau", "nearby phrases"),
}
SUBJECT_KIND = {
    "person": Text("cá nhân", "person"),
    "organisation": Text("tổ chức", "organisation"),
}
LEADER = Text("người đứng đầu", "head of unit")
INCIDENT = Text("Sự việc", "Incident")
GROUP = Text("Nhóm", "Group")
INDICATOR = Text("Biểu hiện", "Indicator")
BASIS_HEADER = Text("Căn cứ", "Basis")
OUTCOME_HEADER = Text("Kết luận", "Outcome")
POINTS = Text("Điểm", "Points")
MET = Text("Biểu hiện đã có", "Indicators met")
UNVERIFIED = Text("Chưa đủ chứng cứ", "Unverified")
COMPLIANCE = Text("Tuân thủ", "Compliance")
TOTAL = Text("Tổng điểm vi phạm", "Violation score")
LEVEL = Text("Mức", "Level")
NOTES = Text("Ghi chú cần xem xét", "Review notes")
NO_ROWS = Text(
    "Không nhận diện được biểu hiện nào trong báo cáo này.",
    "No indicator was raised in this report.",
)
FORMULA_TITLE = Text("Cách tính", "How the score is computed")
SUPPRESSED = Text("Không tính", "Not counted")
NEGATED_BY = Text("bị phủ định bởi", "negated by")
EXCLUDED_BY = Text("bị loại trừ bởi", "excluded by")
COMPLIANCE_NOTE = Text(
    "tỷ lệ tuân thủ kiểu XCCDF: 100 = không biểu hiện nào bị vi phạm (cao hơn là tốt hơn)",
    "XCCDF-style compliance: 100 = no indicator failed (higher is better)",
)
SCORE_NOTE = Text(
    "điểm vi phạm: 0 = không có biểu hiện (cao hơn là nặng hơn)",
    "violation score: 0 = nothing met (higher is worse)",
)
FORCED = Text("nâng lên do mức tối thiểu của", "raised by the minimum level of")
RULESET = Text("Bộ quy tắc", "Ruleset")
STRENGTH = Text("độ tin cậy chứng cứ", "evidence strength")
HEDGED = Text("chỉ là nghi vấn/phản ánh", "only reported or suspected")
EXCEPTION = Text("ngoại lệ", "exception")
EXCEPTIONS = Text("Ngoại lệ", "Exceptions")
EXCEPTION_COLUMNS = (
    Text("Mã", "Id"),
    Text("Biểu hiện", "Indicator"),
    Text("Phạm vi", "Scope"),
    Text("Tình trạng", "Status"),
    Text("Hết hạn", "Expires"),
    Text("Người chịu trách nhiệm", "Owner"),
    Text("Lý do", "Reason"),
    Text("Áp dụng cho", "Applied to"),
)
EXCEPTION_STATUS = {
    "applied": Text("đã áp dụng", "applied"),
    "unused": Text("không dùng đến", "unused"),
    "expired": Text("đã hết hạn, không áp dụng", "expired, not applied"),
    "refused": Text(
        "bị từ chối: biểu hiện không được miễn", "refused: indicator is non-suppressible"
    ),
}
EXCEPTION_STYLE = {"applied": "cyan", "unused": "dim", "expired": "yellow", "refused": "red"}
SEVERITY = {
    Severity.ERROR: Text("lỗi", "error"),
    Severity.WARNING: Text("cảnh báo", "warning"),
    Severity.NOTICE: Text("lưu ý", "notice"),
}
