"""docs/codes.md, generated from the code registry (tests/core/test_codes.py keeps it current):

python -m chithi.render.documents.codes_page > docs/codes.md
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chithi.core.codes import REGISTRY
from chithi.core.i18n import Text
from chithi.render import labels as L

if TYPE_CHECKING:
    from chithi.core.codes import Input
    from chithi.core.i18n import Lang

SECTIONS: dict[Input, Text] = {
    "file": Text(
        "Mọi tệp YAML (báo cáo, tệp ngoại lệ, bộ quy tắc)",
        "Any YAML file (report, exceptions file, ruleset)",
    ),
    "report": Text("Báo cáo", "Reports"),
    "sheet": Text(
        "Bảng tính, tệp CSV và tài liệu Word", "Spreadsheets, CSV files and Word documents"
    ),
    "exceptions": Text("Tệp ngoại lệ (--exceptions)", "Exceptions files (--exceptions)"),
    "config": Text(
        "Tệp cấu hình (chithi.toml, [tool.chithi])",
        "Configuration file (chithi.toml, [tool.chithi])",
    ),
    "ruleset": Text("Bộ quy tắc", "Rulesets"),
    "self-test": Text(
        "Tự kiểm thử bộ quy tắc (chithi validate)", "Ruleset self-tests (chithi validate)"
    ),
}
HEADERS = (
    Text("Mã", "Code"),
    Text("Mức độ", "Severity"),
    Text("Ý nghĩa", "What it means"),
    Text("Cách sửa", "How to fix"),
)
INTRO = """# Problem codes

<!-- Generated from cli/chithi/core/codes.py by
     `python -m chithi.render.documents.codes_page > docs/codes.md`: do not edit by hand. -->

Every problem chithi finds in an input names its place and a stable code:
`FILE:LINE:COLUMN: message [CODE]`, in every output format (SARIF rules carry the texts below).
A code keeps its meaning across releases, so CI and scripts may match on it. The severity is the
usual one: `--require-sourced` makes `RS-RECONSTRUCTED` an error, and `chithi validate --strict`
fails on warnings too. An error in a report or exceptions file stops `chithi check` with exit
code 2, an unusable ruleset with exit code 3; docs/ci.md says how `chithi validate` exits.
"""


def codes_markdown() -> str:
    out = [INTRO]
    languages: tuple[tuple[Lang, str], ...] = (("en", "## English"), ("vi", "## Tiếng Việt"))
    for lang, heading in languages:
        out.append(f"{heading}\n")
        for section, name in SECTIONS.items():
            out.append(f"### {name(lang)}\n")
            out.append(_table(section, lang))
    return "\n".join(out)


def _table(section: Input, lang: Lang) -> str:
    lines = ["| " + " | ".join(h(lang) for h in HEADERS) + " |", "|---|---|---|---|"]
    for code in REGISTRY.values():
        if section in code.inputs:
            severity = L.SEVERITY[code.severity](lang)
            lines.append(f"| `{code.id}` | {severity} | {code.title(lang)} | {code.fix(lang)} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(codes_markdown(), end="")
