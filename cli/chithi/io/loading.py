"""Safe YAML loading into the JSON data model, with a map from data path to (line, column).

Owns PyYAML. Builds data straight from parser events, without recursion, so limits are
enforced as the file is read: size, nesting depth, node count (aliases count as the nodes they
stand for, so a "billion laughs" file is refused after a few thousand events, not expanded),
string length. Rejects duplicate keys and any tag beyond plain JSON-like scalars (nothing is
ever constructed from `!!python/...`); keeps dates as strings; reads only `true`/`false` as
booleans, so YAML 1.1 words such as `no` or `on` in a string field stay strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

from chithi.core.codes import (
    E_DUPLICATE_KEY,
    E_EMPTY,
    E_ENCODING,
    E_LIMIT,
    E_READ,
    E_YAML,
    E_YAML_TAG,
)
from chithi.core.fixes import file_kind, yaml_problem
from chithi.core.i18n import Text, text
from chithi.core.problems import InputError, Problem
from chithi.core.records import record

if TYPE_CHECKING:
    from pathlib import Path

PathKey = tuple[str | int, ...]


@record
class Limits:
    """What one input file may hold. Every value can be raised from the command line."""

    max_bytes: int = 5_000_000
    max_depth: int = 64
    max_nodes: int = 200_000
    max_string: int = 100_000


DEFAULT_LIMITS = Limits()


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
    """A parsed YAML file: its plain data, where each value stood, and the bytes it came from."""

    file: str
    data: Any
    positions: Positions
    raw: bytes


_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_DROPPED_TAGS = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"}
_BASE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """libyaml's parser when present; our own resolvers (a private copy, no global state)."""

    yaml_implicit_resolvers = {  # noqa: RUF012 - PyYAML's own class attribute
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in _DROPPED_TAGS]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _problem(file: str, line: int | None, col: int | None, code: str, message: Text) -> Problem:
    return Problem(file=file, line=line, column=col, code=code, message=message)


def decode(raw: bytes, file: str) -> str:
    """UTF-8 (a BOM is accepted); anything else is an error naming what the file is."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            [
                _problem(
                    file,
                    1,
                    1,
                    E_ENCODING,
                    text(
                        "tệp được mã hóa UTF-16; hãy lưu lại dưới dạng UTF-8",
                        "file is encoded as UTF-16; save it as UTF-8",
                    ),
                )
            ]
        )
    kind = file_kind(raw)
    if kind is not None:  # a Word, PDF, Excel or zip file: say what it is, not "not UTF-8"
        raise InputError([_problem(file, 1, 1, E_ENCODING, kind)])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line, col = _line_col(raw, err.start)
        byte = f"0x{raw[err.start]:02x}"
        raise InputError(
            [
                _problem(
                    file,
                    line,
                    col,
                    E_ENCODING,
                    text(
                        f"byte {byte} không hợp lệ trong UTF-8; hãy lưu tệp dưới dạng UTF-8",
                        f"invalid UTF-8 byte {byte}; save the file as UTF-8",
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
                    E_ENCODING,
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


def read_bytes(path: Path, display: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """At most `limits.max_bytes` bytes; a larger file is refused without being read whole."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(limits.max_bytes + 1)
    except IsADirectoryError:
        msg = text("đây là thư mục, không phải tệp", "is a directory, not a file")
    except FileNotFoundError:
        msg = text("không tìm thấy tệp", "file not found")
    except PermissionError:
        msg = text("không có quyền đọc tệp", "permission denied reading the file")
    except OSError as err:
        msg = text(f"không đọc được tệp ({err.strerror})", f"cannot read the file ({err.strerror})")
    else:
        if len(raw) > limits.max_bytes:
            raise InputError(
                [
                    _problem(
                        display,
                        1,
                        1,
                        E_LIMIT,
                        text(
                            f"tệp lớn hơn giới hạn {limits.max_bytes:,} byte (--max-file-size)",
                            f"file is larger than the {limits.max_bytes:,}-byte limit (--max-file-size)",
                        ),
                    )
                ]
            )
        return raw
    raise InputError([_problem(display, None, None, E_READ, msg)])


def load_path(path: Path, display: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Document:
    shown = display or str(path)
    raw = read_bytes(path, shown, limits)
    return load_text(decode(raw, shown), shown, raw, limits)


def load_text(
    source: str, file: str, raw: bytes | None = None, limits: Limits = DEFAULT_LIMITS
) -> Document:
    """Exactly one YAML document."""
    documents = load_documents(source, file, raw, limits)
    if len(documents) > 1:
        line, col = documents[1].positions.of_value(())
        raise InputError(
            [
                _problem(
                    file,
                    line,
                    col,
                    E_YAML,
                    text(
                        "tệp có nhiều hơn một tài liệu YAML ('---'); mỗi tệp một báo cáo",
                        "file holds more than one YAML document ('---'); one report per file",
                    ),
                )
            ]
        )
    return documents[0]


def load_documents(
    source: str, file: str, raw: bytes | None = None, limits: Limits = DEFAULT_LIMITS
) -> list[Document]:
    """Every document of a YAML stream; none at all (an empty file) is an error."""
    loader = _Loader(source)
    try:
        documents = _EventBuilder(loader, file, raw or source.encode(), limits).documents()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "maximum nesting depth" in str(err.problem):  # libyaml's own ceiling (1000 levels)
            raise InputError([_problem(file, line, col, E_LIMIT, _too_deep(limits))]) from None
        lines = source.splitlines()
        at = lines[line - 1][col - 1 : col] if mark and line <= len(lines) else ""
        message = yaml_problem(err.problem, err.context, at)
        raise InputError([_problem(file, line, col, E_YAML, message)]) from None
    except yaml.YAMLError as err:
        raise InputError([_problem(file, 1, 1, E_YAML, yaml_problem(str(err), None))]) from None
    finally:
        loader.dispose()
    if not documents:
        raise InputError(
            [
                _problem(
                    file,
                    1,
                    1,
                    E_EMPTY,
                    text("tệp rỗng: không có nội dung YAML", "file is empty: no YAML content"),
                )
            ]
        )
    return documents


@dataclass
class _Frame:
    """A mapping or list being built, with what the event builder needs to finish it."""

    container: dict[str, Any] | list[Any]
    path: PathKey
    anchor: str | None
    nodes_before: int
    key: str | None = None  # a mapping's key waiting for its value


def _mark(event: yaml.Event) -> tuple[int, int]:
    mark: Any = event.start_mark  # libyaml's and PyYAML's marks both have line and column
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


class _EventBuilder:
    """Parser events → plain data and positions, iteratively, checking limits as it goes."""

    def __init__(self, loader: _Loader, file: str, raw: bytes, limits: Limits) -> None:
        self.loader = loader
        self.file = file
        self.raw = raw
        self.limits = limits
        self.nodes = 0
        self.anchors: dict[str, tuple[Any, int]] = {}  # value and how many nodes it stands for

    def fail(self, event: yaml.Event, code: str, message: Text) -> InputError:
        return InputError([_problem(self.file, *_mark(event), code, message)])

    def documents(self) -> list[Document]:
        found: list[Document] = []
        while self.loader.check_event():
            event = self.loader.get_event()
            if isinstance(event, yaml.DocumentStartEvent):
                found.append(self.document(event))
        return found

    def document(self, start: yaml.DocumentStartEvent) -> Document:
        positions = Positions()  # the root's position is its first node's, not the '---'
        self.anchors = {}
        stack: list[_Frame] = []
        root: Any = None
        while True:
            event = self.loader.get_event()
            if isinstance(event, yaml.DocumentEndEvent):
                positions.values.setdefault((), _mark(start))
                return Document(self.file, root, positions, self.raw)
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = stack.pop()
                if frame.anchor:
                    self.anchors[frame.anchor] = (frame.container, self.nodes - frame.nodes_before)
                value, event_for_key = frame.container, None
            else:
                path = self.child_path(stack, positions)
                value, event_for_key = self.node(event, stack, path, positions), event
                if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                    continue  # its frame is on the stack; the value arrives with its end event
            if not stack:
                root = value
            else:
                self.attach(stack[-1], value, event_for_key, positions)

    def child_path(self, stack: list[_Frame], positions: Positions) -> PathKey:
        if not stack:
            return ()
        top = stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        return (*top.path, top.key) if top.key is not None else top.path

    def node(
        self, event: yaml.Event, stack: list[_Frame], path: PathKey, positions: Positions
    ) -> Any:
        is_key = bool(stack) and isinstance(stack[-1].container, dict) and stack[-1].key is None
        if not is_key:
            positions.values.setdefault(path, _mark(event))
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                raise self.fail(
                    event,
                    E_YAML,
                    text(
                        f"bí danh '*{event.anchor}' chưa được định nghĩa",
                        f"alias '*{event.anchor}' is not defined",
                    ),
                )
            value, size = self.anchors[event.anchor]
            self.count(event, size)
            return value
        self.count(event, 1)
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            mapping = isinstance(event, yaml.MappingStartEvent)
            expected = "tag:yaml.org,2002:map" if mapping else "tag:yaml.org,2002:seq"
            if event.tag not in (None, "!", expected):
                raise self.fail(event, E_YAML_TAG, _tag_refused(event.tag))
            if len(stack) >= self.limits.max_depth:
                raise self.fail(
                    event,
                    E_LIMIT,
                    text(
                        f"lồng nhau sâu hơn giới hạn {self.limits.max_depth} cấp (--max-depth)",
                        f"nested deeper than the {self.limits.max_depth}-level limit (--max-depth)",
                    ),
                )
            container: dict[str, Any] | list[Any] = {} if mapping else []
            stack.append(_Frame(container, path, event.anchor, self.nodes - 1))
            return container
        if isinstance(event, yaml.ScalarEvent):
            value = self.scalar(event)
            if event.anchor:
                self.anchors[event.anchor] = (value, 1)
            return value
        raise self.fail(
            event, E_YAML, text("cấu trúc YAML không mong đợi", "unexpected YAML structure")
        )

    def count(self, event: yaml.Event, size: int) -> None:
        self.nodes += size
        if self.nodes > self.limits.max_nodes:
            raise self.fail(
                event,
                E_LIMIT,
                text(
                    f"tài liệu có hơn {self.limits.max_nodes:,} nút, kể cả các bí danh '*' được mở rộng (--max-nodes)",
                    f"document has more than {self.limits.max_nodes:,} nodes, counting expanded '*' aliases (--max-nodes)",
                ),
            )

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        if len(event.value) > self.limits.max_string:
            raise self.fail(
                event,
                E_LIMIT,
                text(
                    f"chuỗi dài hơn giới hạn {self.limits.max_string:,} ký tự (--max-string-length)",
                    f"text is longer than the {self.limits.max_string:,}-character limit (--max-string-length)",
                ),
            )
        if event.tag in (None, "!"):
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        else:
            tag = event.tag
        if tag == "tag:yaml.org,2002:merge":
            raise self.fail(
                event,
                E_YAML,
                text("không hỗ trợ khóa gộp '<<'", "merge keys '<<' are not supported"),
            )
        if tag not in _SCALAR_TAGS:
            raise self.fail(event, E_YAML_TAG, _tag_refused(tag))
        if tag == "tag:yaml.org,2002:str":
            return event.value
        node = yaml.ScalarNode(tag, event.value, None, None, event.style)
        try:
            return self.loader.construct_object(node)
        except (yaml.constructor.ConstructorError, ValueError):
            raise self.fail(
                event,
                E_YAML,
                text(
                    f"giá trị không hợp lệ cho kiểu {tag.rsplit(':', 1)[-1]}: {event.value[:40]!r}",
                    f"invalid value for type {tag.rsplit(':', 1)[-1]}: {event.value[:40]!r}",
                ),
            ) from None

    def attach(
        self, frame: _Frame, value: Any, event: yaml.Event | None, positions: Positions
    ) -> None:
        if isinstance(frame.container, list):
            frame.container.append(value)
            return
        if frame.key is None:
            if event is None or isinstance(value, (dict, list)):
                raise InputError(
                    [
                        _problem(
                            self.file,
                            *positions.of_value(frame.path),
                            E_YAML,
                            text(
                                "khóa phải là một giá trị đơn",
                                "a mapping key must be a plain scalar",
                            ),
                        )
                    ]
                )
            key = _as_key(value)
            if key in frame.container:
                first = positions.keys[(*frame.path, key)]
                raise self.fail(
                    event,
                    E_DUPLICATE_KEY,
                    text(
                        f"khóa '{key}' bị lặp (đã có ở dòng {first[0]})",
                        f"duplicate key '{key}' (first defined on line {first[0]})",
                    ),
                )
            frame.key = key
            positions.keys[(*frame.path, key)] = _mark(event)
            return
        frame.container[frame.key] = value
        frame.key = None


def _too_deep(limits: Limits) -> Text:
    return text(
        f"lồng nhau sâu hơn giới hạn {limits.max_depth} cấp (--max-depth)",
        f"nested deeper than the {limits.max_depth}-level limit (--max-depth)",
    )


def _tag_refused(tag: str | None) -> Text:
    return text(f"thẻ YAML không được phép: {tag}", f"YAML tag not allowed: {tag}")


def _as_key(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return value if isinstance(value, str) else str(value)
