"""The configuration file: `chithi.toml`, or `[tool.chithi]` in pyproject.toml, found upward from
the working folder (docs/configuration.md).

It only supplies defaults: an option on the command line or an environment variable wins over it.
Relative paths in it are read from the file's own folder, so a repository's configuration means
the same thing from any of its sub-folders."""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Any

from chithi.core.codes import E_CONFIG
from chithi.core.fixes import suggestion
from chithi.core.i18n import Text
from chithi.core.problems import InputError, Problem
from chithi.core.records import record

if TYPE_CHECKING:
    from pathlib import Path

CONFIG_NAME = "chithi.toml"
PYPROJECT = "pyproject.toml"
KEYS = ("ruleset", "lang", "fail-on", "exceptions", "validate")
LANGS = ("vi", "en")


@record
class Config:
    """What a configuration file says; None (or empty) where it says nothing."""

    path: Path
    ruleset: Path | None = None
    lang: str | None = None
    fail_on: str | None = None
    exceptions: Path | None = None
    validate: tuple[Path, ...] = ()


def find_config(start: Path) -> Path | None:
    """The nearest `chithi.toml`, or pyproject.toml with a `[tool.chithi]` table, from `start`
    upward. A pyproject.toml that does not mention chithi is passed over, as ruff and mypy do."""
    for folder in (start, *start.parents):
        own = folder / CONFIG_NAME
        if own.is_file():
            return own
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _mentions_chithi(pyproject):
            return pyproject
    return None


def _mentions_chithi(path: Path) -> bool:
    # A plain text test: most projects' pyproject.toml is then never parsed at all.
    try:
        return "tool.chithi" in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def load_config(path: Path) -> Config:
    """The configuration `path` holds; InputError (file:line:column) when it cannot be used."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError([_problem(path, None, None, _unreadable(err))]) from None
    table = _table(path, source)
    located = _Locator(path, source)
    unknown = [key for key in table if key not in KEYS]
    if unknown:
        key = unknown[0]
        raise InputError(
            [
                located.problem(
                    key,
                    Text(
                        f"khóa '{key}' không có; các khóa: {', '.join(KEYS)}",
                        f"unknown key '{key}'; the keys are: {', '.join(KEYS)}",
                    )
                    + suggestion(key, KEYS),
                )
            ]
        )
    lang = located.string(table, "lang")
    if lang is not None and lang.lower() not in LANGS:
        raise InputError(
            [
                located.problem(
                    "lang",
                    Text(
                        f"lang phải là vi hoặc en, không phải '{lang}'",
                        f"lang must be vi or en, not '{lang}'",
                    ),
                )
            ]
        )
    folder = path.parent
    ruleset = located.string(table, "ruleset")
    exceptions = located.string(table, "exceptions")
    return Config(
        path=path,
        ruleset=folder / ruleset if ruleset else None,
        lang=lang.lower() if lang else None,
        fail_on=located.string(table, "fail-on"),
        exceptions=folder / exceptions if exceptions else None,
        validate=tuple(folder / item for item in located.strings(table, "validate")),
    )


def _table(path: Path, source: str) -> dict[str, Any]:
    """The chithi table of the file: all of chithi.toml, `[tool.chithi]` of pyproject.toml."""
    if sys.version_info >= (3, 11):
        import tomllib  # noqa: PLC0415 - only when a configuration file exists
    else:  # pragma: no cover - Python 3.10 only
        import tomli as tomllib  # noqa: PLC0415

    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as err:
        raise InputError([_toml_problem(path, err)]) from None
    if path.name != PYPROJECT:
        return data
    table = data.get("tool", {}).get("chithi", {})
    if not isinstance(table, dict):
        raise InputError(
            [
                _problem(
                    path,
                    *_Locator(path, source).position("chithi"),
                    Text(
                        "tool.chithi phải là một bảng [tool.chithi]",
                        "tool.chithi must be a table, [tool.chithi]",
                    ),
                )
            ]
        )
    return table


_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def _toml_problem(path: Path, err: Exception) -> Problem:
    # tomllib gives the position only inside its message: "… (at line 3, column 9)".
    message = str(err)
    found = _AT.search(message)
    line, column = (int(found[1]), int(found[2])) if found else (None, None)
    detail = _AT.sub("", message)
    return _problem(
        path,
        line,
        column,
        Text(f"TOML không hợp lệ: {detail}", f"invalid TOML: {detail}"),
    )


def _unreadable(err: Exception) -> Text:
    if isinstance(err, UnicodeDecodeError):
        return Text(
            "tệp cấu hình không phải UTF-8: lưu lại dưới dạng UTF-8",
            "the configuration file is not UTF-8: save it as UTF-8",
        )
    reason = getattr(err, "strerror", None) or str(err)
    return Text(f"không đọc được tệp cấu hình: {reason}", f"cannot read the file: {reason}")


def _problem(path: Path, line: int | None, column: int | None, message: Text) -> Problem:
    return Problem(str(path), line, column, E_CONFIG, message)


class _Locator:
    """Values of the table checked for their type, each error at the line of its key."""

    def __init__(self, path: Path, source: str) -> None:
        self._path = path
        self._lines = source.splitlines()

    def position(self, key: str) -> tuple[int | None, int | None]:
        # TOML parsers forget positions: the key is found again in the text, by its name.
        pattern = re.compile(rf"""^(\s*)(["']?){re.escape(key)}\2\s*=""")
        for number, line in enumerate(self._lines, start=1):
            found = pattern.match(line)
            if found:
                return number, len(found[1]) + 1
        return None, None

    def problem(self, key: str, message: Text) -> Problem:
        return _problem(self._path, *self.position(key), message)

    def string(self, table: dict[str, Any], key: str) -> str | None:
        value = table.get(key)
        if value is None or (isinstance(value, str) and value):
            return value
        raise InputError([self._wrong_type(key, value, Text("một chuỗi", "a string"))])

    def strings(self, table: dict[str, Any], key: str) -> list[str]:
        value = table.get(key, [])
        if isinstance(value, str) and value:
            return [value]
        if isinstance(value, list) and all(isinstance(item, str) and item for item in value):
            return value
        raise InputError(
            [self._wrong_type(key, value, Text("một danh sách chuỗi", "a list of strings"))]
        )

    def _wrong_type(self, key: str, value: object, expected: Text) -> Problem:
        shown = repr(value) if not isinstance(value, str) else '""'
        return _problem(
            self._path,
            *self.position(key),
            Text(
                f"{key} phải là {expected.vi}, không phải {shown}",
                f"{key} must be {expected.en}, not {shown}",
            ),
        )
