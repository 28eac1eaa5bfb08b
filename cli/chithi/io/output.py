"""Writing outputs atomically: a crash or Ctrl-C never leaves half a file."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from collections.abc import Iterator


def write_atomic(path: Path, content: str) -> None:
    """Write `content` to `path` in one step (see `atomic_writer`)."""
    with atomic_writer(path) as handle:
        handle.write(content)


def write_atomic_bytes(path: Path, content: bytes, mode: int = 0o644) -> None:
    """Write binary `content` to `path` in one step: a temporary file renamed over it. `mode`
    0o600 keeps it private (the ruleset cache) from its first byte: the temporary file is."""
    fd, temp = _temporary_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        Path(temp).chmod(mode)
        Path(temp).replace(path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            Path(temp).unlink()


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[TextIO]:
    """Write to a temporary file beside `path`, then rename it over `path` in one step.

    The file gets the permissions a plain `open()` would give it (0666 less the umask), not the
    owner-only 0600 of a temporary file: a report is meant to be shared. A path that is not a
    regular file (`/dev/stdout`, `/dev/null`, a named pipe) is written in place: renaming over
    it would replace the device."""
    if path.exists() and not path.is_file():
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            yield handle
        return
    fd, temp = _temporary_beside(path)
    try:
        Path(temp).chmod(0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        Path(temp).replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(temp).unlink()
        raise


def _temporary_beside(path: Path) -> tuple[int, str]:
    import tempfile  # noqa: PLC0415 (only when a file is written: it imports random, ~1 ms)

    return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.resolve().parent)


def _umask() -> int:
    current = os.umask(0)  # the only way to read it is to set it; put it straight back
    os.umask(current)
    return current
