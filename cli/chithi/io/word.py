"""Paragraphs and tables of a Word document (.docx), read with the standard library.

Only the text is wanted, so the main part (word/document.xml) is parsed directly instead of
through python-docx, which would bring lxml. The zip's directory is checked before anything is
unpacked (io/tables.check_zip), a part that declares a DOCTYPE (the door to entity expansion) is
refused, and paragraphs and text count against the same limits as a YAML report.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chithi.core.codes import E_LIMIT, E_WORD
from chithi.core.i18n import text
from chithi.core.problems import InputError, Problem
from chithi.io.loading import DEFAULT_LIMITS, Limits
from chithi.io.tables import check_zip

if TYPE_CHECKING:
    from chithi.core.i18n import Text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCUMENT = text("tài liệu Word", "Word document")


@dataclass
class WordDocument:
    file: str
    paragraphs: list[tuple[int, str]] = field(default_factory=list)  # (number, text), non-empty
    tables: list[list[list[str]]] = field(default_factory=list)  # rows of cells


def _refused(file: str, code: str, message: Text) -> InputError:
    return InputError([Problem(file, None, None, code, message)])


def read_word(raw: bytes, display: str, limits: Limits = DEFAULT_LIMITS) -> WordDocument:
    archive = check_zip(raw, display, limits, _DOCUMENT)
    try:
        xml = archive.read("word/document.xml")
    except KeyError:
        raise _refused(
            display,
            E_WORD,
            text(
                "tệp không có phần word/document.xml: không phải tài liệu Word (.docx)",
                "the file has no word/document.xml part: not a Word document (.docx)",
            ),
        ) from None
    if b"<!DOCTYPE" in xml[:4096].upper() or b"<!ENTITY" in xml.upper():
        raise _refused(
            display,
            E_WORD,
            text(
                "tài liệu Word khai báo DOCTYPE/ENTITY: không mở (Word không bao giờ viết như vậy)",
                "the Word document declares a DOCTYPE/ENTITY: not opened (Word never writes one)",
            ),
        )
    try:
        root = ET.fromstring(xml)  # no DOCTYPE, checked above; size checked by check_zip
    except ET.ParseError as err:
        raise _refused(
            display,
            E_WORD,
            text(f"không đọc được tài liệu Word ({err})", f"cannot read the Word document ({err})"),
        ) from None
    body = root.find(f"{_W}body")
    found = WordDocument(display)
    if body is None:
        return found
    nodes = 0
    for child in body:
        nodes += 1
        if child.tag == f"{_W}p":
            paragraph = _text(child)
            _within(display, paragraph, limits)
            if paragraph.strip():  # numbered as a reader counts them: empty ones are not
                found.paragraphs.append((len(found.paragraphs) + 1, paragraph.strip()))
        elif child.tag == f"{_W}tbl":
            rows = []
            for row in child.iter(f"{_W}tr"):
                cells = [
                    "\n".join(_text(p) for p in cell.iter(f"{_W}p")).strip()
                    for cell in row.iter(f"{_W}tc")
                ]
                for cell in cells:
                    _within(display, cell, limits)
                nodes += len(cells)
                rows.append(cells)
            found.tables.append(rows)
        if nodes > limits.max_nodes:
            raise _refused(
                display,
                E_LIMIT,
                text(
                    f"tài liệu có hơn {limits.max_nodes:,} đoạn và ô (--max-nodes)",
                    f"the document has more than {limits.max_nodes:,} paragraphs and cells (--max-nodes)",
                ),
            )
    return found


def _text(paragraph: ET.Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter():
        if node.tag == f"{_W}t" and node.text:
            parts.append(node.text)
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
    return "".join(parts)


def _within(display: str, value: str, limits: Limits) -> None:
    if len(value) > limits.max_string:
        raise _refused(
            display,
            E_LIMIT,
            text(
                f"một đoạn dài hơn giới hạn {limits.max_string:,} ký tự (--max-string-length)",
                f"a paragraph is longer than the {limits.max_string:,}-character limit (--max-string-length)",
            ),
        )
