"""Many inputs: files, folders (recursively), globs and `-` (standard input), each possibly a
stream of several YAML documents. Order is deterministic; duplicates and symlink loops are
visited once; what cannot be found is a located problem, and the rest are still checked."""

from __future__ import annotations

import glob
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from chithi.core.codes import E_LIMIT, E_READ
from chithi.core.i18n import Text, text
from chithi.core.problems import InputError, Problem
from chithi.core.records import record
from chithi.inputs.reports import is_table, sheet_reports
from chithi.io.loading import DEFAULT_LIMITS, Document, Limits, decode, load_documents, read_bytes
from chithi.io.suffixes import TABLE_SUFFIXES
from chithi.validate.report import report_from_document

if TYPE_CHECKING:
    from collections.abc import Iterator

    from chithi.model.documents import Report, Ruleset

YAML_SUFFIXES = (".yaml", ".yml")
# Folders are searched for YAML reports and for sheets of reports (.xlsx, .xlsm, .csv).
REPORT_SUFFIXES = (*YAML_SUFFIXES, *TABLE_SUFFIXES)
STDIN = "-"


@record
class Source:
    """One input to check: a file, or standard input."""

    display: str  # as the user will see it in every output
    path: str | None  # None: standard input. A string, not a Path: a city's batch holds
    # 100,000 of them, and a Path costs three times the memory (46 MB against 16 MB).


def discover(inputs: list[str]) -> tuple[list[Source], list[Problem]]:
    """The files to read, in the order given, folders and globs expanded and sorted."""
    sources: list[Source] = []
    problems: list[Problem] = []
    seen: set[str] = set()

    def add(path: str, display: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            sources.append(Source(display, path))

    def walk(folder: str) -> int:
        found = 0
        for path in _walk(folder):
            add(path, path)
            found += 1
        return found

    for value in inputs:
        if value == STDIN:
            if STDIN not in seen:
                seen.add(STDIN)
                sources.append(Source("<stdin>", None))
        elif Path(value).is_dir():
            if not walk(value):
                problems.append(_nothing_in(value, NO_YAML_IN_FOLDER))
        elif glob.has_magic(value):
            matches = sorted(glob.glob(value, recursive=True))  # noqa: PTH207 - a user pattern, maybe absolute
            if not matches:
                problems.append(_nothing_in(value, NO_MATCH))
            found = 0
            for match in matches:
                if Path(match).is_dir():
                    found += walk(match)
                else:
                    add(match, match)
                    found += 1
            if matches and not found:
                problems.append(_nothing_in(value, ONLY_EMPTY_FOLDERS))
        else:
            add(value, value)  # a missing file is reported when it is read
    return sources, problems


# An input that names no file says so: an empty folder is not a clean batch.
NO_MATCH = text("không có tệp nào khớp mẫu này", "no file matches this pattern")
NO_YAML_IN_FOLDER = text(
    "không có tệp .yaml, .yml, .xlsx hay .csv nào trong thư mục này",
    "no .yaml, .yml, .xlsx or .csv file in this folder",
)
ONLY_EMPTY_FOLDERS = text(
    "mẫu này chỉ khớp thư mục không có tệp .yaml, .yml, .xlsx hay .csv nào",
    "this pattern matches only folders with no .yaml, .yml, .xlsx or .csv file",
)


def _nothing_in(value: str, message: Text) -> Problem:
    return Problem(value, None, None, E_READ, message)


def _walk(folder: str) -> Iterator[str]:
    """Report files below `folder`, sorted, following links but never around a loop."""
    visited: set[str] = set()
    # Normalised as a Path would be ("./seeds/" → "seeds"): names look the same in every output.
    for root, dirs, files in os.walk(str(Path(folder)), followlinks=True):
        real = os.path.realpath(root)
        if real in visited:
            dirs[:] = []
            continue
        visited.add(real)
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(REPORT_SUFFIXES) and not name.startswith("~$"):
                yield os.path.join(root, name)  # noqa: PTH118 - strings, see Source.path


def read_source(source: Source, limits: Limits = DEFAULT_LIMITS) -> list[Document]:
    """Every YAML document of one source (a `---` stream holds several reports)."""
    if source.path is None:
        raw = sys.stdin.buffer.read(limits.max_bytes + 1)
        if len(raw) > limits.max_bytes:
            raise InputError(
                [
                    Problem(
                        source.display,
                        1,
                        1,
                        E_LIMIT,
                        text(
                            f"dữ liệu lớn hơn giới hạn {limits.max_bytes:,} byte (--max-file-size)",
                            f"input is larger than the {limits.max_bytes:,}-byte limit (--max-file-size)",
                        ),
                    )
                ]
            )
    else:
        raw = read_bytes(Path(source.path), source.display, limits)
    return load_documents(decode(raw, source.display), source.display, raw, limits)


def _reports_of(
    source: Source, ruleset: Ruleset, limits: Limits
) -> Iterator[tuple[str, Report] | Problem]:
    if source.path is not None and is_table(source.path):
        yield from sheet_reports(source.path, source.display, ruleset, limits)
        return
    try:
        documents = read_source(source, limits)
    except InputError as err:
        yield from err.problems
        return
    for n, doc in enumerate(documents):
        name = source.display if len(documents) == 1 else f"{source.display}#{n + 1}"
        try:
            yield name, report_from_document(doc, ruleset)
        except InputError as err:
            yield from err.problems
