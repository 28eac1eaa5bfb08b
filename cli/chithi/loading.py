"""Safe YAML loading into the JSON data model, with a map from data path to (line, column).

Owns PyYAML. Rejects duplicate keys, unknown tags and non-UTF-8 files; keeps dates as strings
(the schemas check their format) and reads only `true`/`false` as booleans, so YAML 1.1 words
such as `no` or `on` in a string field stay strings instead of silently becoming booleans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

from chithi.i18n import Text, text
from chithi.problems import InputError, Problem

if TYPE_CHECKING:
    from pathlib import Path

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Positions:
    """1-based (line, column) of every value and every mapping key in a document."""

    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def of_value(self, path: PathKey) -> tuple[int, int]:
        """The position of `path`, or of its nearest ancestor that has one."""
        for cut in range(len(path), -1, -1):
            found = self.values.get(path[:cut])
            if found:
                return found
        return (1, 1)

    def of_key(self, path: PathKey) -> tuple[int, int]:
        return self.keys.get(path) or self.of_value(path)


@dataclass(frozen=True)
class Document:
    file: str
    data: Any
    positions: Positions
    raw: bytes


_DROPPED_TAGS = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
# Aliases can make a small file expand into a huge tree; refuse long before memory suffers.
MAX_NODES = 1_000_000


class _Loader(yaml.SafeLoader):
    """SafeLoader with JSON-like scalars. Its resolvers are a private copy (no global state)."""

    yaml_implicit_resolvers = {  # noqa: RUF012 - PyYAML's own class attribute
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in _DROPPED_TAGS]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def decode(raw: bytes, file: str) -> str:
    """UTF-8 (a BOM is accepted); anything else is an error naming what the file is."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            [
                _problem(
                    file,
                    1,
                    1,
                    "E-ENCODING",
                    text(
                        "tệp được mã hóa UTF-16; hãy lưu lại dưới dạng UTF-8",
                        "file is encoded as UTF-16; save it as UTF-8",
                    ),
                )
            ]
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line, col = _line_col(raw, err.start)
        raise InputError(
            [
                _problem(
                    file,
                    line,
                    col,
                    "E-ENCODING",
                    text(
                        f"byte 0x{raw[err.start]:02x} không hợp lệ trong UTF-8; hãy lưu tệp dưới dạng UTF-8",
                        f"invalid UTF-8 byte 0x{raw[err.start]:02x}; save the file as UTF-8",
                    ),
                )
            ]
        ) from None
    if "\x00" in decoded:
        line, col = _line_col(raw, raw.index(b"\x00"))
        raise InputError(
            [
                _problem(
                    file,
                    line,
                    col,
                    "E-ENCODING",
                    text(
                        "tệp chứa byte NUL: đây không phải tệp văn bản YAML",
                        "file contains a NUL byte: this is not a YAML text file",
                    ),
                )
            ]
        )
    return decoded


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
    return line, col


def _problem(file: str, line: int, col: int, code: str, message: Any) -> Problem:
    return Problem(file=file, line=line, column=col, code=code, message=message)


def read_bytes(path: Path, display: str) -> bytes:
    try:
        return path.read_bytes()
    except IsADirectoryError:
        msg = text("đây là thư mục, không phải tệp", "is a directory, not a file")
    except FileNotFoundError:
        msg = text("không tìm thấy tệp", "file not found")
    except PermissionError:
        msg = text("không có quyền đọc tệp", "permission denied reading the file")
    except OSError as err:
        msg = text(f"không đọc được tệp ({err.strerror})", f"cannot read the file ({err.strerror})")
    raise InputError([Problem(file=display, line=None, column=None, code="E-READ", message=msg)])


def load_path(path: Path, display: str | None = None) -> Document:
    shown = display or str(path)
    raw = read_bytes(path, shown)
    return load_text(decode(raw, shown), shown, raw)


def load_text(source: str, file: str, raw: bytes | None = None) -> Document:
    loader = _Loader(source)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError(
                [
                    _problem(
                        file,
                        1,
                        1,
                        "E-EMPTY",
                        text("tệp rỗng: không có nội dung YAML", "file is empty: no YAML content"),
                    )
                ]
            )
        builder = _Builder(loader, file)
        data = builder.build(node, ())
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = " ".join(p for p in (err.context, err.problem) if p)
        raise InputError(
            [
                _problem(
                    file,
                    line,
                    col,
                    "E-YAML",
                    text(f"YAML không hợp lệ: {detail}", f"invalid YAML: {detail}"),
                )
            ]
        ) from None
    except yaml.YAMLError as err:
        raise InputError(
            [
                _problem(
                    file, 1, 1, "E-YAML", text(f"YAML không hợp lệ: {err}", f"invalid YAML: {err}")
                )
            ]
        ) from None
    finally:
        loader.dispose()
    return Document(file=file, data=data, positions=builder.positions, raw=raw or source.encode())


class _Builder:
    """Turns a composed node tree into plain data, recording positions on the way."""

    def __init__(self, loader: _Loader, file: str) -> None:
        self.loader = loader
        self.file = file
        self.positions = Positions()
        self.budget = MAX_NODES

    def fail(self, node: yaml.Node, code: str, message: Text) -> InputError:
        return InputError([_problem(self.file, *_mark(node), code, message)])

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise self.fail(
                node,
                "E-LIMIT",
                text(
                    f"tài liệu có quá {MAX_NODES:,} nút (có thể do bí danh '*' lồng nhau)",
                    f"document has more than {MAX_NODES:,} nodes (nested '*' aliases?)",
                ),
            )
        self.positions.values[path] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                raise self.fail(node, "E-YAML-TAG", _tag_refused(node.tag))
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                raise self.fail(node, "E-YAML-TAG", _tag_refused(node.tag))
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(
                    key_node,
                    "E-YAML",
                    text("không hỗ trợ khóa gộp '<<'", "merge keys '<<' are not supported"),
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(
                    key_node,
                    "E-YAML",
                    text("khóa phải là một giá trị đơn", "a mapping key must be a plain scalar"),
                )
            key = _as_key(self.scalar(key_node))
            if key in result:
                first = self.positions.keys[(*path, key)]
                raise self.fail(
                    key_node,
                    "E-DUPLICATE-KEY",
                    text(
                        f"khóa '{key}' bị lặp (đã có ở dòng {first[0]})",
                        f"duplicate key '{key}' (first defined on line {first[0]})",
                    ),
                )
            self.positions.keys[(*path, key)] = _mark(key_node)
            result[key] = self.build(value_node, (*path, key))
        return result

    def scalar(self, node: yaml.Node) -> Any:
        try:
            return self.loader.construct_object(node)
        except yaml.constructor.ConstructorError:
            raise self.fail(node, "E-YAML-TAG", _tag_refused(node.tag)) from None


def _tag_refused(tag: str) -> Text:
    return text(f"thẻ YAML không được phép: {tag}", f"YAML tag not allowed: {tag}")


def _as_key(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else str(value)
