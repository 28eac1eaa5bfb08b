"""The words renderers print, in both languages."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from chithi.core.i18n import Text
from chithi.core.numbers import number, percent
from chithi.core.problems import Severity

if TYPE_CHECKING:
    from chithi.core.i18n import Lang
    from chithi.model.results import Factors

OUTCOME = {
    "violated": Text("Vi phạm", "Violated"),
    "probable": Text("Có khả năng vi phạm", "Probable"),
    "insufficient_evidence": Text("Chưa đủ chứng cứ", "Insufficient evidence"),
    "not_violated": Text("Không vi phạm", "Not violated"),
    "waived": Text("Đã miễn trừ", "Waived"),
    "suggested": Text("Đề xuất xem xét", "Suggested for review"),
}
OUTCOME_STYLE = {
    "violated": "bold red",
    "probable": "dark_orange",
    "insufficient_evidence": "yellow",
    "not_violated": "green",
    "waived": "dim",
    "suggested": "cyan",
}
BASIS = {
    "cited": Text("Trích dẫn", "Cited"),
    "matched": Text("Máy đọc từ nội dung", "Machine-read from text"),
    "both": Text("Trích dẫn + nội dung", "Cited + matched"),
}
STATUS = {
    "confirmed": Text("đã xác minh", "confirmed"),
    "alleged": Text("chưa xác minh", "alleged"),
    "dismissed": Text("đã bác bỏ", "dismissed"),
}
CONFIDENCE = {
    "exact": Text("khớp chính xác", "exact match"),
    "folded": Text(
        "khớp không dấu hoặc biến thể từ", "matched without diacritics or as another word form"
    ),
    "near": Text("các cụm gần nhau", "nearby phrases"),
    "model": Text("mô hình học máy, các từ nặng ký nhất", "learned reader, its heaviest words"),
}


def confidence_words(value: float) -> Text:
    """A calibrated confidence in words and a whole percentage, never a bare 0.993. The
    percentage is rounded down: a reading of 0.949 shows 94 %, never the 95 % that points need,
    and none shows 100 %."""
    whole = min(99, math.floor(value * 100 + 1e-9))
    if value >= 0.9:
        return Text(f"độ tin cậy cao, {whole} %", f"high confidence, {whole}%")
    if value >= 0.6:
        return Text(f"độ tin cậy trung bình, {whole} %", f"medium confidence, {whole}%")
    return Text(f"độ tin cậy thấp, {whole} %", f"low confidence, {whole}%")


def basis_text(basis: str, confidence: float | None) -> Text:
    """The basis, with the reader's confidence when the text is part of it."""
    label = BASIS[basis]
    if confidence is None or basis == "cited":
        return label
    words = confidence_words(confidence)
    return Text(f"{label.vi} ({words.vi})", f"{label.en} ({words.en})")


SUBJECT_KIND = {
    "person": Text("cá nhân", "person"),
    "organisation": Text("tổ chức", "organisation"),
}
LEADER = Text("người đứng đầu", "head of unit")
INCIDENT = Text("Sự việc", "Incident")
GROUP = Text("Nhóm", "Group")
INDICATOR = Text("Biểu hiện", "Indicator")
BASIS_HEADER = Text("Căn cứ", "Basis")
OUTCOME_HEADER = Text("Đánh giá", "Assessment")  # advice, not a body's conclusion
POINTS = Text("Điểm", "Points")
MET = Text("Biểu hiện đã có", "Indicators met")
# Indicators whose evidence is too weak to count: the outcome of that name, not the incident's
# status (an alleged incident's indicator can well be violated or probable).
INSUFFICIENT = Text("Chưa đủ chứng cứ", "Insufficient evidence")
SHARE_MET = Text("Tỷ lệ đã có", "Share met")
COMPLIANCE = Text("Tuân thủ có trọng số", "Weighted compliance")
TOTAL = Text("Tổng điểm vi phạm", "Violation score")
LEVEL = Text("Mức", "Level")
NOTES = Text("Ghi chú cần xem xét", "Review notes")
SUGGESTIONS = Text(
    "Đề xuất xem xét (chỉ từ nội dung, máy đọc chưa đủ chắc: không tính điểm)",
    "Suggested for review (text only, the reader is not sure: no points)",
)
NO_ROWS = Text(
    "Không nhận diện được biểu hiện nào trong báo cáo này.",
    "No indicator was raised in this report.",
)
FORMULA_TITLE = Text("Cách tính", "How the score is computed")
SUPPRESSED = Text("Không tính", "Not counted")
NEGATED_BY = Text("bị phủ định bởi", "negated by")
EXCLUDED_BY = Text("bị loại trừ bởi", "excluded by")
COMPLIANCE_NOTE = Text(
    "tuân thủ có trọng số: 100 % = không biểu hiện nào bị vi phạm; biểu hiện và nhóm nặng ký"
    " hơn kéo xuống nhiều hơn, nên con số khác với phép chia đơn giản (cao hơn là tốt hơn)",
    "weighted compliance: 100% = no indicator violated; heavier indicators and groups pull it"
    " down more, so it differs from a plain count (higher is better)",
)
# --explain and docs/scoring.md only: the name is for people who know benchmark reports
COMPLIANCE_MODEL = Text(
    "Tuân thủ có trọng số theo mô hình mặc định của XCCDF: mỗi nhóm = trọng số các biểu hiện"
    " không vi phạm / tổng trọng số của nhóm; các nhóm gộp theo trọng số nhóm",
    "Weighted compliance follows XCCDF's default model: each group = weight of the indicators"
    " not violated / the group's total weight; groups combined by their group weight",
)


def compliance_line(violated: int, size: int, compliance: float, lang: Lang) -> str:
    """The weighted figure next to the plain count a board member can check by hand."""
    shown = percent(compliance, lang)
    if lang == "vi":
        return f"{violated}/{size} biểu hiện bị vi phạm; mức tuân thủ có trọng số {shown}"
    return f"{violated} of {size} indicators violated; weighted compliance {shown}"


SCORE_NOTE = Text(
    "điểm vi phạm: 0 = không có biểu hiện (cao hơn là nặng hơn)",
    "violation score: 0 = nothing met (higher is worse)",
)
FORCED = Text("nâng lên do mức tối thiểu của", "raised by the minimum level of")
RULESET = Text("Bộ quy tắc", "Ruleset")
STRENGTH = Text("độ tin cậy chứng cứ", "evidence strength")
HEDGED = Text("chỉ là nghi vấn/phản ánh", "only reported or suspected")
EXPLAINED_BY = Text(
    "; các từ nặng nhất đã là cụm từ của {id}: cùng một điều, không đọc thành hai",
    "; its heaviest words are {id}'s phrase: one finding, not read twice",
)
DISPUTED_BY = Text(
    "; chính văn bản nói khác: «{cue}»",
    "; the text itself says otherwise: «{cue}»",
)
EXCEPTION = Text("ngoại lệ", "exception")
EXCEPTIONS = Text("Ngoại lệ", "Exceptions")
EXCEPTION_STATUS_HEADER = Text("Tình trạng", "Status")
EXPIRES_HEADER = Text("Hết hạn", "Expires")
REASON = Text("Lý do", "Reason")
APPLIED_TO = Text("Áp dụng cho", "Applied to")
EXCEPTION_COLUMNS = (
    Text("Mã", "Id"),
    Text("Biểu hiện", "Indicator"),
    Text("Phạm vi", "Scope"),
    EXCEPTION_STATUS_HEADER,
    EXPIRES_HEADER,
    Text("Người chịu trách nhiệm", "Owner"),
    REASON,
    APPLIED_TO,
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

# Documents (html, markdown): headings, charts and the provenance line.
DOC_CHECK = Text("Kết quả kiểm tra theo Chỉ thị {doc}", "Check results under Directive {doc}")
DOC_SUMMARY = Text(
    "Tổng hợp kiểm tra theo Chỉ thị {doc}", "Summary of checks under Directive {doc}"
)
SOURCE = Text("Văn bản nguồn", "Source directive")
PROVENANCE = Text("Nguồn gốc nội dung", "Provenance")
PROVENANCE_COUNTS = Text(
    "{verbatim} biểu hiện có nguyên văn, {partial} có một phần nguyên văn, {reconstructed} được"
    " phục dựng",
    "{verbatim} indicators verbatim, {partial} partly verbatim, {reconstructed} reconstructed",
)
GENERATED = Text("Ngày lập", "Generated")
TOOL = Text("Công cụ", "Tool")
REPORTS = Text("Báo cáo", "Reports")
OVERVIEW = Text("Tổng quan", "Overview")
GROUP_CHART = Text(
    "Biểu hiện đã có theo nhóm, trên tổng số biểu hiện của nhóm",
    "Indicators met per group, against the group's size",
)
GROUP_CHART_BATCH = Text(
    "Biểu hiện đã có theo nhóm, trên mức tối đa (số biểu hiện × số báo cáo)",
    "Indicators met per group, against the maximum (indicators × reports)",
)
FREQUENT_CHART = Text("Biểu hiện gặp nhiều nhất (số lần)", "Most frequent indicators (times met)")
TREND_CHART = Text(
    "Số biểu hiện đã có theo tháng của sự việc", "Indicators met per month of the incident"
)
UNITS_CHART = Text(
    "Đơn vị xếp theo mức cao nhất, rồi tổng điểm vi phạm",
    "Units ranked by highest level, then violation score",
)
LEVEL_COUNTS = Text("Số báo cáo theo mức", "Reports per level")
EVIDENCE = Text("Chứng cứ", "Evidence")
EVIDENCE_ALL = Text("mọi biểu hiện của sự việc", "every indicator of the incident")
MATCHED_SENTENCES = Text("Câu khớp", "Matched sentences")
MATCHED_BY = Text("cụm «{phrase}», {confidence}", "phrase «{phrase}», {confidence}")
READ_BY = Text("máy đọc: các từ «{phrase}»", "machine-read: the words «{phrase}»")
TEXT_HIDDEN = Text(
    "Lời văn và tên người được ẩn; thêm --include-text để hiện.",
    "Narrative text and names are left out; add --include-text to show them.",
)
FACTORS = Text(
    "trọng số × kết luận × trạng thái × căn cứ × tái phạm × người đứng đầu",
    "weight × outcome × status × basis × repeat × leader",
)
FACTOR_NAMES = {
    "weight": Text("trọng số", "weight"),
    "outcome": Text("kết luận", "outcome"),
    "status": Text("trạng thái", "status"),
    "basis": Text("căn cứ", "basis"),
    "repeat": Text("tái phạm", "repeat"),
    "leader": Text("người đứng đầu", "leader"),
}
REPEAT_OF = Text("lặp lại sự việc {incidents}", "repeats incident {incidents}")
WARNINGS = Text("Cảnh báo", "Warnings")
# What a report's fields and evidence types are called where a person reads them
FIELD = {
    "summary": Text("tóm tắt", "summary"),
    "narrative": Text("mô tả", "narrative"),
}
EVIDENCE_TYPE = {
    "document": Text("văn bản", "document"),
    "minutes": Text("biên bản", "minutes"),
    "self_admission": Text("tự nhận", "self-admission"),
    "recording": Text("ghi âm, ghi hình", "recording"),
    "photo": Text("ảnh", "photo"),
    "witness": Text("nhân chứng", "witness"),
    "complaint": Text("đơn thư phản ánh", "complaint"),
    "media": Text("báo chí, mạng xã hội", "media"),
    "other": Text("khác", "other"),
}


def factor_product(factors: Factors, lang: Lang) -> str:
    """weight 2 × outcome 1 × ...: each factor with its name, as --explain shows it."""
    return " × ".join(
        f"{FACTOR_NAMES[name](lang)} {number(getattr(factors, name), lang)}"
        for name in FACTOR_NAMES
    )


def evidence_type(kind: str, lang: Lang) -> str:
    """An evidence type's name; a type only a custom ruleset knows keeps its id."""
    label = EVIDENCE_TYPE.get(kind)
    return label(lang) if label else kind


def field_name(name: str, lang: Lang) -> str:
    label = FIELD.get(name)
    return label(lang) if label else name


REPORTED_BY = Text("Người báo cáo", "Reported by")
UNCHECKED_FILES = Text("Tệp không kiểm tra được", "Files that could not be checked")

# Column headings shared by the markdown and HTML documents.
FILE = Text("Tệp", "File")
REPORT = Text("Báo cáo", "Report")
ID = Text("Mã", "Id")
LOCATION = Text("Vị trí", "Location")
SEVERITY_HEADER = Text("Mức độ", "Severity")
MESSAGE = Text("Nội dung", "Message")
UNIT = Text("Đơn vị", "Unit")
