"""Every problem code chithi emits, in one place: its severity, what it means and how to fix it.

Emitting sites use the constants below, never a string literal (tests/core/test_codes.py scans the
source for one); docs/codes.md is generated from this table
(`python -m chithi.render.documents.codes_page > docs/codes.md`), and SARIF rules take their
texts from it.
"""

from __future__ import annotations

from typing import Literal

from chithi.core.i18n import Text
from chithi.core.problems import Severity
from chithi.core.records import record

Input = Literal["file", "report", "sheet", "exceptions", "config", "ruleset", "self-test"]


@record
class Code:
    """A problem or note code, as docs/codes.md lists it: what it is about and how to fix it."""

    id: str
    severity: Severity  # the usual severity; a site may raise it (RS-RECONSTRUCTED, --strict)
    inputs: tuple[Input, ...]  # which input the code can be about
    title: Text
    fix: Text


REGISTRY: dict[str, Code] = {}


def _code(
    id: str,
    severity: Severity,
    inputs: tuple[Input, ...],
    title: tuple[str, str],
    fix: tuple[str, str],
) -> str:
    REGISTRY[id] = Code(id, severity, inputs, Text(*title), Text(*fix))
    return id


ERROR, WARNING, NOTICE = Severity.ERROR, Severity.WARNING, Severity.NOTICE
ANY_FILE: tuple[Input, ...] = ("file",)

# Any YAML input: reports, exceptions files, rulesets.
E_READ = _code(
    "E-READ",
    ERROR,
    ANY_FILE,
    (
        "không đọc được tệp, hoặc đầu vào không chỉ tới tệp nào",
        "the file cannot be read, or an input names no file",
    ),
    (
        "kiểm tra đường dẫn và quyền đọc; thư mục phải chứa tệp .yaml, .yml, .xlsx hoặc .csv",
        "check the path and its permissions; a folder must hold .yaml, .yml, .xlsx or .csv files",
    ),
)
E_ENCODING = _code(
    "E-ENCODING",
    ERROR,
    ANY_FILE,
    ("tệp không phải văn bản UTF-8", "the file is not UTF-8 text"),
    (
        "lưu tệp dưới dạng văn bản UTF-8 (không phải UTF-16, Word, PDF hay tệp nén)",
        "save the file as UTF-8 text (not UTF-16, Word, PDF or an archive)",
    ),
)
E_EMPTY = _code(
    "E-EMPTY",
    ERROR,
    ANY_FILE,
    ("tệp rỗng", "the file is empty"),
    (
        "viết nội dung vào tệp; `chithi init` tạo một mẫu báo cáo có chú thích",
        "write the content; `chithi init` writes a commented report template",
    ),
)
E_YAML = _code(
    "E-YAML",
    ERROR,
    ANY_FILE,
    ("tệp không phải YAML hợp lệ", "the file is not valid YAML"),
    (
        "sửa cú pháp tại vị trí được chỉ ra: thụt lề, dấu hai chấm, dấu nháy hoặc ngoặc chưa đóng",
        "fix the syntax at the location shown: indentation, a colon, an unclosed quote or bracket",
    ),
)
E_YAML_TAG = _code(
    "E-YAML-TAG",
    ERROR,
    ANY_FILE,
    (
        "tệp dùng thẻ YAML ngoài các giá trị đơn giản",
        "a YAML tag other than plain scalars is used",
    ),
    (
        "bỏ thẻ (ví dụ !!python/object); chỉ viết chữ, số, danh sách và ánh xạ",
        "remove the tag (e.g. !!python/object); write only text, numbers, lists and mappings",
    ),
)
E_DUPLICATE_KEY = _code(
    "E-DUPLICATE-KEY",
    ERROR,
    ANY_FILE,
    ("một ánh xạ có khóa bị lặp", "a mapping repeats a key"),
    (
        "giữ một trong hai khóa: YAML sẽ lặng lẽ bỏ khóa đầu",
        "keep one of the two keys: YAML would silently drop the first",
    ),
)
E_LIMIT = _code(
    "E-LIMIT",
    ERROR,
    ANY_FILE,
    (
        "tệp vượt giới hạn kích thước, độ lồng, số nút hoặc độ dài chuỗi",
        "the file exceeds a size, depth, node or string limit",
    ),
    (
        "tách tệp, hoặc nâng giới hạn mà thông báo nêu (--max-file-size, --max-depth, --max-nodes,"
        " --max-string-length)",
        "split the file, or raise the limit the message names (--max-file-size, --max-depth,"
        " --max-nodes, --max-string-length)",
    ),
)

# Reports and exceptions files: shape and meaning.
E_SCHEMA = _code(
    "E-SCHEMA",
    ERROR,
    ("report", "exceptions"),
    (
        "báo cáo hoặc tệp ngoại lệ không khớp JSON Schema của nó",
        "a report or exceptions file does not match its JSON Schema",
    ),
    (
        "sửa trường được chỉ ra; `chithi schema report` in lược đồ, `chithi init` tạo mẫu",
        "correct the field shown; `chithi schema report` prints the schema, `chithi init` a template",
    ),
)
E_UNKNOWN_INDICATOR = _code(
    "E-UNKNOWN-INDICATOR",
    ERROR,
    ("report", "exceptions"),
    (
        "báo cáo hoặc ngoại lệ nêu một biểu hiện không có trong bộ quy tắc",
        "a report or an exception names an indicator the ruleset does not have",
    ),
    (
        "dùng một mã biểu hiện mà `chithi rules` liệt kê (ví dụ KL-09)",
        "use an indicator id that `chithi rules` lists (e.g. KL-09)",
    ),
)
E_DUPLICATE_INCIDENT = _code(
    "E-DUPLICATE-INCIDENT",
    ERROR,
    ("report",),
    ("hai sự việc trong một báo cáo trùng mã", "two incidents of a report share an id"),
    (
        "đặt cho mỗi sự việc một mã riêng (SV-1, SV-2, …)",
        "give each incident its own id (SV-1, SV-2, …)",
    ),
)
E_EVIDENCE_TYPE = _code(
    "E-EVIDENCE-TYPE",
    ERROR,
    ("report",),
    (
        "loại chứng cứ không có trong bộ quy tắc",
        "an evidence type is not one the ruleset knows",
    ),
    (
        "dùng một loại mà thông báo liệt kê (scoring.reliability của bộ quy tắc)",
        "use one of the types the message lists (the ruleset's scoring.reliability)",
    ),
)
E_UNKNOWN_LEVEL = _code(
    "E-UNKNOWN-LEVEL",
    ERROR,
    ("report",),
    (
        "mức mong đợi (expected.level) không có trong bộ quy tắc",
        "the expected level (expected.level) is not a level of the ruleset",
    ),
    (
        "dùng một mã mức trong scoring.levels của bộ quy tắc",
        "use a level id from the ruleset's scoring.levels",
    ),
)
E_DUPLICATE_EXCEPTION = _code(
    "E-DUPLICATE-EXCEPTION",
    ERROR,
    ("exceptions",),
    ("hai ngoại lệ trùng mã", "two exceptions share an id"),
    ("đặt cho mỗi ngoại lệ một mã riêng", "give each exception its own id"),
)

# The configuration file (docs/configuration.md): read before any command, exit 2.
E_CONFIG = _code(
    "E-CONFIG",
    ERROR,
    ("config",),
    (
        "tệp cấu hình (chithi.toml, [tool.chithi]) không dùng được",
        "the configuration file (chithi.toml, [tool.chithi]) cannot be used",
    ),
    (
        "sửa TOML hoặc khóa tại vị trí được chỉ ra; khóa: ruleset, lang, fail-on, exceptions, "
        "validate (docs/configuration.md)",
        "fix the TOML or the key at the location shown; keys: ruleset, lang, fail-on, "
        "exceptions, validate (docs/configuration.md)",
    ),
)

# Reports kept in workbooks, CSV files and Word documents (docs/formats.md, "Spreadsheets").
SHEET: tuple[Input, ...] = ("sheet",)
E_SHEET = _code(
    "E-SHEET",
    ERROR,
    SHEET,
    (
        "tệp không đọc được như một bảng báo cáo",
        "the file cannot be read as a report sheet",
    ),
    (
        "lưu lại bằng Excel hoặc LibreOffice dạng .xlsx; `chithi init báo-cáo.xlsx` tạo mẫu",
        "save it again as .xlsx from Excel or LibreOffice; `chithi init report.xlsx` writes a template",
    ),
)
E_SHEET_HEADER = _code(
    "E-SHEET-HEADER",
    ERROR,
    SHEET,
    (
        "tiêu đề cột không phải cột của báo cáo, bị lặp, hoặc thiếu cột bắt buộc",
        "a column header is not a report column, is repeated, or a required column is missing",
    ),
    (
        "viết tiêu đề như mẫu (một ngôn ngữ là đủ, hoa thường và dấu không quan trọng); cột ghi chú riêng bắt đầu bằng '#'",
        "write the headers as the template does (one language is enough; case and diacritics do not matter); start a notes column with '#'",
    ),
)
E_SHEET_DATE = _code(
    "E-SHEET-DATE",
    ERROR,
    SHEET,
    (
        "ngày viết dạng chữ có thể đọc theo hai cách (ngày/tháng hay tháng/ngày)",
        "a date written as text could be read two ways (day/month or month/day)",
    ),
    (
        "viết năm-tháng-ngày (2024-04-03) hoặc dùng ô kiểu ngày",
        "write year-month-day (2024-04-03) or use a date cell",
    ),
)
E_SHEET_CONFLICT = _code(
    "E-SHEET-CONFLICT",
    ERROR,
    SHEET,
    (
        "hai dòng của một báo cáo (hoặc một sự việc) ghi khác nhau cùng một trường",
        "two rows of one report (or one incident) disagree on a field",
    ),
    (
        "để trống ô ở các dòng sau, hoặc viết giống dòng đầu",
        "leave the cell blank on later rows, or write the same as the first row",
    ),
)
E_SHEET_FORMULA = _code(
    "E-SHEET-FORMULA",
    ERROR,
    SHEET,
    (
        "ô chứa công thức: chithi không tính công thức",
        "a cell holds a formula: chithi never computes one",
    ),
    (
        "chép giá trị vào ô (Dán đặc biệt → Giá trị)",
        "paste the value into the cell (Paste Special → Values)",
    ),
)
E_SHEET_MACRO = _code(
    "E-SHEET-MACRO",
    ERROR,
    SHEET,
    ("bảng tính có macro (.xlsm)", "the workbook holds macros (.xlsm)"),
    (
        "lưu lại dưới dạng .xlsx (Excel Workbook), không có macro",
        "save it as .xlsx (Excel Workbook), without macros",
    ),
)
E_SHEET_LINK = _code(
    "E-SHEET-LINK",
    ERROR,
    SHEET,
    ("bảng tính liên kết tới bảng tính khác", "the workbook links to other workbooks"),
    (
        "chép giá trị vào và xóa liên kết (Dữ liệu → Sửa liên kết)",
        "paste the values in and break the links (Data → Edit Links)",
    ),
)
E_WORD = _code(
    "E-WORD",
    ERROR,
    SHEET,
    (
        "tài liệu Word không đọc được, hoặc khai báo DOCTYPE",
        "the Word document cannot be read, or declares a DOCTYPE",
    ),
    (
        "lưu lại bằng Word hoặc LibreOffice dạng .docx",
        "save it again as .docx from Word or LibreOffice",
    ),
)

# Rulesets: `chithi validate`, and any command that loads a ruleset (errors only: exit 3).
RS_SCHEMA = _code(
    "RS-SCHEMA",
    ERROR,
    ("ruleset",),
    ("bộ quy tắc không khớp JSON Schema của nó", "the ruleset does not match its JSON Schema"),
    (
        "sửa trường được chỉ ra; `chithi schema ruleset` in lược đồ",
        "correct the field shown; `chithi schema ruleset` prints the schema",
    ),
)
RS_DUPLICATE_ID = _code(
    "RS-DUPLICATE-ID",
    ERROR,
    ("ruleset",),
    ("hai biểu hiện trùng mã", "two indicators share an id"),
    (
        "đổi mã một biểu hiện: báo cáo, ngoại lệ và kết quả gọi biểu hiện bằng mã",
        "rename one indicator: reports, exceptions and outputs name indicators by id",
    ),
)
RS_DUPLICATE_GROUP = _code(
    "RS-DUPLICATE-GROUP",
    ERROR,
    ("ruleset",),
    ("hai nhóm trùng mã", "two groups share an id"),
    ("đổi mã một trong hai nhóm", "rename one of the groups"),
)
RS_UNKNOWN_GROUP = _code(
    "RS-UNKNOWN-GROUP",
    ERROR,
    ("ruleset",),
    (
        "biểu hiện thuộc một nhóm chưa được khai báo",
        "an indicator names a group that is not declared",
    ),
    (
        "khai báo nhóm trong groups, hoặc sửa nhóm của biểu hiện",
        "declare the group under groups, or correct the indicator's group",
    ),
)
RS_ID_PREFIX = _code(
    "RS-ID-PREFIX",
    ERROR,
    ("ruleset",),
    ("mã biểu hiện không bắt đầu bằng mã nhóm", "an indicator id does not start with its group"),
    (
        "đặt mã theo dạng NHÓM-số (ví dụ KL-09 trong nhóm KL)",
        "name the indicator GROUP-number (e.g. KL-09 in group KL)",
    ),
)
RS_GROUP_SIZE = _code(
    "RS-GROUP-SIZE",
    ERROR,
    ("ruleset",),
    (
        "số biểu hiện của nhóm khác số nhóm khai báo",
        "a group holds a different number of indicators than it declares",
    ),
    (
        "thêm hoặc chuyển biểu hiện, hoặc sửa số lượng khai báo (Chỉ thị 24: 12/9/4)",
        "add or move indicators, or correct the declared size (Directive 24: 12/9/4)",
    ),
)
RS_LEVELS = _code(
    "RS-LEVELS",
    ERROR,
    ("ruleset",),
    (
        "các mức không bắt đầu từ 0, không tăng dần hoặc trùng mã",
        "levels do not start at 0 or are not strictly increasing or repeat an id",
    ),
    (
        "mức đầu tiên bắt đầu từ 0, mỗi ngưỡng sau cao hơn ngưỡng trước, mỗi mức một mã riêng",
        "start the first level at 0, make each threshold higher than the last, give each level"
        " its own id",
    ),
)
RS_UNKNOWN_LEVEL = _code(
    "RS-UNKNOWN-LEVEL",
    ERROR,
    ("ruleset",),
    (
        "min_level của biểu hiện không phải một mức đã khai báo",
        "an indicator's min_level is not a declared level",
    ),
    (
        "dùng một mã mức trong scoring.levels",
        "use a level id from scoring.levels",
    ),
)
RS_THRESHOLDS = _code(
    "RS-THRESHOLDS",
    ERROR,
    ("ruleset",),
    (
        "ngưỡng 'có khả năng' cao hơn ngưỡng 'vi phạm'",
        "the probable threshold exceeds the violated threshold",
    ),
    (
        "đặt ngưỡng 'có khả năng' không cao hơn ngưỡng 'vi phạm'",
        "set the probable threshold at or below the violated one",
    ),
)
RS_EMPTY_PHRASE = _code(
    "RS-EMPTY-PHRASE",
    ERROR,
    ("ruleset",),
    (
        "cụm từ không còn chữ nào sau khi chuẩn hóa",
        "a phrase has no words after normalisation",
    ),
    (
        "bỏ cụm từ hoặc thêm chữ cho nó: dấu câu một mình không khớp gì",
        "remove the phrase or give it words: punctuation alone matches nothing",
    ),
)
RS_SHARED_PHRASE = _code(
    "RS-SHARED-PHRASE",
    WARNING,
    ("ruleset",),
    ("hai biểu hiện dùng chung một cụm từ", "two indicators share a phrase"),
    (
        "giữ cụm từ ở biểu hiện mà nó mô tả đúng nhất, hoặc làm mỗi cụm cụ thể hơn",
        "keep the phrase under the indicator it describes best, or make each one more specific",
    ),
)
RS_REFUTATION_IS_A_BREACH = _code(
    "RS-REFUTATION-IS-A-BREACH",
    WARNING,
    ("ruleset",),
    (
        "cụm bác bỏ (refuted_by) nằm trong cụm từ của một biểu hiện khác",
        "a refuted_by phrase lies inside another indicator's phrase",
    ),
    (
        "viết cụm bác bỏ thành một kết luận ('là bịa đặt', không phải 'bịa đặt'): nếu không, mọi"
        " văn bản nêu vi phạm kia đều làm biểu hiện này bị phản bác",
        "write the refutation as a verdict ('claim was fabricated', not 'fabricated'): otherwise"
        " every text of that other breach disputes this indicator",
    ),
)
RS_NO_EXAMPLES = _code(
    "RS-NO-EXAMPLES",
    WARNING,
    ("ruleset",),
    (
        "biểu hiện thiếu ví dụ phải khớp hoặc không được khớp",
        "an indicator lacks must-match or must-not-match examples",
    ),
    (
        "thêm câu vào examples.match và examples.no_match: đó là phép thử của biểu hiện",
        "add sentences to examples.match and examples.no_match: they are the indicator's tests",
    ),
)
RS_RECONSTRUCTED = _code(
    "RS-RECONSTRUCTED",
    NOTICE,
    ("ruleset",),
    (
        "biểu hiện được tái dựng, chưa có nguồn (là lỗi khi dùng --require-sourced)",
        "an indicator is reconstructed, not sourced (an error with --require-sourced)",
    ),
    (
        "đối chiếu biểu hiện với văn bản chính thức rồi ghi lại provenance",
        "check the indicator against the official text, then record its provenance",
    ),
)
RS_READER_MISSING = _code(
    "RS-READER-MISSING",
    ERROR,
    ("ruleset",),
    (
        "không đọc được tệp mô hình bộ đọc mà bộ quy tắc chỉ tới",
        "the reader model the ruleset names cannot be read",
    ),
    (
        "chạy `chithi train` để tạo lại mô hình, hoặc bỏ mục reader của bộ quy tắc",
        "run `chithi train` to rebuild the model, or remove the ruleset's reader entry",
    ),
)
RS_READER_MISMATCH = _code(
    "RS-READER-MISMATCH",
    ERROR,
    ("ruleset",),
    (
        "mô hình bộ đọc không khớp bộ quy tắc (sha256, định dạng hoặc các biểu hiện)",
        "the reader model does not match the ruleset (sha256, format or indicators)",
    ),
    (
        "chạy `chithi train` rồi cập nhật reader.sha256 trong bộ quy tắc",
        "run `chithi train`, then update reader.sha256 in the ruleset",
    ),
)

# Self-tests of `chithi validate`: the ruleset's examples and its tests/ folder.
RS_EXAMPLE_MISSED = _code(
    "RS-EXAMPLE-MISSED",
    ERROR,
    ("self-test",),
    (
        "ví dụ phải khớp không kích hoạt biểu hiện của nó",
        "a must-match example does not raise its indicator",
    ),
    (
        "sửa cụm từ của biểu hiện (hoặc ví dụ); `chithi match` cho thấy câu khớp gì",
        "change the indicator's phrases (or the example); `chithi match` shows what a sentence"
        " raises",
    ),
)
RS_EXAMPLE_FIRED = _code(
    "RS-EXAMPLE-FIRED",
    ERROR,
    ("self-test",),
    (
        "ví dụ không được khớp lại kích hoạt biểu hiện",
        "a must-not-match example raises its indicator",
    ),
    (
        "làm cụm từ cụ thể hơn hoặc thêm từ phủ định/loại trừ; `chithi match` cho thấy câu khớp gì",
        "make the phrases more specific or add a negation or exclusion; `chithi match` shows what"
        " a sentence raises",
    ),
)
RS_EXAMPLE_CROSSFIRE = _code(
    "RS-EXAMPLE-CROSSFIRE",
    NOTICE,
    ("self-test",),
    (
        "ví dụ còn kích hoạt cả biểu hiện khác",
        "an example also raises other indicators",
    ),
    (
        "nếu biểu hiện kia không nên khớp, làm cụm từ của nó cụ thể hơn hoặc thêm câu vào"
        " examples.no_match của nó",
        "if the other indicator should not fire, make its phrases more specific or add the"
        " sentence to its examples.no_match",
    ),
)
RS_TEST_FAILED = _code(
    "RS-TEST-FAILED",
    ERROR,
    ("self-test",),
    (
        "báo cáo kiểm thử không cho kết quả như khối expected: của nó",
        "a test report does not check as its expected: block says",
    ),
    (
        "sửa cụm từ hoặc cách chấm; nếu thay đổi là chủ ý, sửa khối expected: của báo cáo",
        "correct the phrases or the scoring; if the change is intended, update the report's"
        " expected: block",
    ),
)
RS_TEST_INVALID = _code(
    "RS-TEST-INVALID",
    ERROR,
    ("self-test",),
    (
        "không đọc hoặc không kiểm tra được báo cáo kiểm thử",
        "a test report cannot be read or validated",
    ),
    (
        "sửa báo cáo kiểm thử theo thông báo đi kèm",
        "correct the test report as the message says",
    ),
)


def lookup(code: str) -> Code:
    """The registry's entry; a code emitted without one is a bug that tests/core/test_codes.py catches."""
    return REGISTRY[code]
