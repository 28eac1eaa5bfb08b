"""What to write instead: the fix a refusal names (did-you-mean, ISO dates, file kinds, YAML).

Every function here turns a mistake into words a user can act on, in Vietnamese and English.
None of them accepts the mistaken input: a discipline record keeps what its author wrote, and
the error says what to write.
"""

from __future__ import annotations

import difflib
import io
import re
from datetime import date

from chithi.core.i18n import Text, text
from chithi.core.text import fold

# How Vietnamese users name the report statuses (folded, lower case) → the value to write.
_STATUS_WORDS = {
    "da xac minh": "confirmed",
    "xac minh": "confirmed",
    "xac nhan": "confirmed",
    "chua xac minh": "alleged",
    "nghi van": "alleged",
    "to cao": "alleged",
    "phan anh": "alleged",
    "bac bo": "dismissed",
    "da bac bo": "dismissed",
    "khong dung": "dismissed",
}


def did_you_mean(value: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The choice the value most likely meant: same letters in another case, a synonym a
    Vietnamese user writes, or the closest spelling; None when nothing is close."""
    folded = " ".join(fold(value.lower()).split())
    lowered = {c.lower(): c for c in choices}
    if folded in lowered:
        return lowered[folded]
    if folded in _STATUS_WORDS and _STATUS_WORDS[folded] in choices:
        return _STATUS_WORDS[folded]
    close = difflib.get_close_matches(folded, list(lowered), n=1, cutoff=0.75)
    return lowered[close[0]] if close else None


def suggestion(value: str, choices: list[str] | tuple[str, ...]) -> Text:
    """ " — did you mean 'x'?" when one choice is close, else nothing."""
    found = did_you_mean(value, choices)
    if found is None or found == value:
        return text("", "")
    return text(f" — có phải ý là '{found}'?", f" — did you mean '{found}'?")


_INDICATOR = re.compile(r"^\s*([A-Za-z][A-Za-z0-9]{0,7})\s*[-_ .]?\s*([0-9]{1,3})\s*$")


def indicator_id(value: str, known: list[str] | tuple[str, ...] = ()) -> str | None:
    """`nt-06`, `NT-6`, `nt 06` → `NT-06`: the id the value spells, if it is one of `known`
    (or, with no `known`, if it has the form of one)."""
    m = _INDICATOR.match(value)
    if m is None:
        return None
    group, number = m.group(1).upper(), int(m.group(2))
    for width in (2, 3):
        candidate = f"{group}-{number:0{width}d}"
        if not known or candidate in known:
            return candidate
    return None


_DAY_FIRST = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")


def iso_date(value: str) -> Text | None:
    """A dd/mm/yyyy date, the way Vietnamese people write it, as the ISO form to write."""
    m = _DAY_FIRST.match(value)
    if m is None:
        return None
    day, month, year = (int(g) for g in m.groups())
    try:
        real = date(year, month, day)
    except ValueError:
        return None
    iso = real.isoformat()
    return text(
        f"hãy viết '{iso}' (ngày {day} tháng {month} năm {year}, dạng năm-tháng-ngày)",
        f"write '{iso}' (day {day}, month {month}, year {year}: year-month-day)",
    )


def file_kind(raw: bytes) -> Text | None:
    """What a file that is not text is, by its first bytes, and the way forward."""
    if raw.startswith(b"%PDF"):
        return text(
            "đây là tệp PDF, không phải YAML: chép nội dung sự việc vào một báo cáo tạo bằng `chithi init báo-cáo.yaml`",
            "this is a PDF file, not YAML: copy the incidents into a report made with `chithi init report.yaml`",
        )
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        return text(
            "đây là tệp Office cũ (.doc/.xls), không phải YAML: chép nội dung vào một báo cáo tạo bằng `chithi init báo-cáo.yaml`",
            "this is an old Office file (.doc/.xls), not YAML: copy the content into a report made with `chithi init report.yaml`",
        )
    if not raw.startswith(b"PK\x03\x04"):
        return None
    import zipfile  # noqa: PLC0415 (only for a file that is not YAML)

    try:
        names = zipfile.ZipFile(io.BytesIO(raw)).namelist()
    except (zipfile.BadZipFile, ValueError):
        names = []
    if any(n.startswith("word/") for n in names):
        return text(
            "đây là tệp Word (.docx), không phải báo cáo YAML: chuyển thành báo cáo bằng"
            " `chithi import TỆP -o THƯ-MỤC`, bổ sung chỗ còn thiếu rồi kiểm tra tệp YAML",
            "this is a Word document (.docx), not a YAML report: turn it into one with"
            " `chithi import FILE -o FOLDER`, complete what is missing, then check the YAML",
        )
    if any(n.startswith("xl/") for n in names):
        return text(
            "đây là bảng tính Excel: đặt tên tệp đuôi .xlsx để chithi đọc nó như bảng báo cáo",
            "this is an Excel workbook: name the file .xlsx and chithi reads it as a report sheet",
        )
    kind = ("tệp nén zip", "a zip archive")
    return text(
        f"đây là {kind[0]}, không phải YAML: chép nội dung sự việc vào một báo cáo tạo bằng `chithi init báo-cáo.yaml`",
        f"this is {kind[1]}, not YAML: copy the incidents into a report made with `chithi init report.yaml`",
    )


# PyYAML's problems, said in our words. Matched on the start of the problem text.
_YAML_PROBLEMS = (
    (
        "found character '\\t' that cannot start any token",
        "dấu tab không được dùng để thụt lề trong YAML: dùng dấu cách",
        "a tab cannot indent YAML: use spaces",
    ),
    (
        "found a tab character",
        "dấu tab không được dùng để thụt lề trong YAML: dùng dấu cách",
        "a tab cannot indent YAML: use spaces",
    ),
    (
        "mapping values are not allowed",
        "dấu ':' không đúng chỗ: nếu giá trị có dấu hai chấm, đặt nó trong ngoặc kép; nếu đây là văn bản tự do, hãy tạo báo cáo bằng `chithi init báo-cáo.yaml`",
        "a ':' where none can be: quote a value that holds a colon; if this is free prose, make a report with `chithi init report.yaml`",
    ),
    (
        "could not find expected ':'",
        "thiếu dấu ':' sau tên trường (hoặc một dòng bị ngắt giữa chừng)",
        "a field name without its ':' (or a line broken in two)",
    ),
    (
        "did not find expected key",
        "thụt lề không khớp: các trường cùng cấp phải bắt đầu ở cùng một cột",
        "indentation does not line up: fields at one level must start in the same column",
    ),
    (
        "expected <block end>",
        "thụt lề không khớp: các trường cùng cấp phải bắt đầu ở cùng một cột",
        "indentation does not line up: fields at one level must start in the same column",
    ),
    (
        "did not find expected '-' indicator",
        "một mục của danh sách phải bắt đầu bằng '- ' thẳng hàng với các mục khác",
        "a list item must start with '- ' in line with the other items",
    ),
    (
        "found unexpected end of stream",
        "tệp kết thúc khi một chuỗi trong ngoặc kép chưa được đóng",
        "the file ends inside a quoted string: close the quotes",
    ),
    (
        "found unknown escape character",
        "ký tự thoát không hợp lệ sau dấu '\\' trong chuỗi ngoặc kép: dùng ngoặc đơn hoặc viết '\\\\'",
        "an unknown escape after '\\' in a double-quoted string: use single quotes or write '\\\\'",
    ),
    (
        "found undefined alias",
        "dùng bí danh '*' chưa được khai báo bằng '&'",
        "an alias '*' that no anchor '&' declares",
    ),
    (
        "found character '@' that cannot start any token",
        "'@' không thể mở đầu một giá trị: đặt giá trị trong ngoặc kép",
        "'@' cannot start a value: put the value in quotes",
    ),
    (
        "found character '`' that cannot start any token",
        "'`' không thể mở đầu một giá trị: đặt giá trị trong ngoặc kép",
        "'`' cannot start a value: put the value in quotes",
    ),
)


def yaml_problem(problem: str | None, context: str | None, char: str = "") -> Text:
    """A YAML syntax error in our own words; an unknown one keeps PyYAML's English in English
    and says in Vietnamese where to look. `char` is the character at the error's mark: libyaml
    says "found character that cannot start any token" without naming it."""
    said = problem or ""
    if said.startswith("found character that cannot start any token") and char:
        said = f"found character {char!r} that cannot start any token"
    for start, vi, en in _YAML_PROBLEMS:
        if said.startswith(start):
            return text(f"YAML không hợp lệ: {vi}", f"invalid YAML: {en}")
    detail = " ".join(p for p in (context, problem) if p)
    return text(
        "YAML không hợp lệ ở đây: kiểm tra thụt lề (dấu cách, không dùng tab), dấu ':' sau tên"
        " trường và dấu ngoặc kép",
        f"invalid YAML: {detail}",
    )


def what_it_is(value: object) -> tuple[str, str]:
    """A value's kind in words (vi, en), never a Python type name."""
    if isinstance(value, str):
        return "một đoạn văn bản", "a piece of text"
    if isinstance(value, list):
        return "một danh sách", "a list"
    if isinstance(value, bool):
        return "true hoặc false", "true or false"
    if isinstance(value, (int, float)):
        return "một số", "a number"
    if value is None:
        return "rỗng", "empty"
    return "một giá trị khác", "another kind of value"
