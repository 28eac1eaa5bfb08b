"""The compiled ruleset on disk, keyed by the ruleset's sha256, so start-up does not redo it.

Reading, validating and compiling the bundled ruleset takes longer than checking a report;
pre-commit and CI start chithi once per run, so that cost is paid at every start. After the
first run the ruleset, its compiled matcher and its learned reader come back from one pickle.

The key is the ruleset's bytes (sha256) and chithi's own code (the version and the size and
time of each module and schema), so an edited ruleset or an upgraded chithi never meets a stale
entry. Unpickling runs code, so an entry is read only from a folder and a file that belong to
the current user and that nobody else can write, like the interpreter's own __pycache__.
CHITHI_NO_CACHE=1 turns the cache off; CHITHI_CACHE_DIR moves it. Any failure to read or write
is silent: the cache only ever saves time.

Each new entry evicts all but the KEEP most recently used (a hit counts as a use): every edit of a
ruleset and every upgrade of chithi makes a new entry, and the old ones would otherwise stay
forever.

The learned reader's weights (6–8 MB of floats) are kept beside the pickle as raw bytes and
mapped into memory, not unpickled: a check reads a few hundred of their 60,000–75,000 rows, so
reading and copying them all cost ~6 ms of every start for nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import mmap
import os
import pickle
import stat
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from chithi._version import __version__
from chithi.io.output import write_atomic_bytes
from chithi.match.learned import ReaderModel

if TYPE_CHECKING:
    from collections.abc import Iterator

    from chithi.match.matcher import Matcher
    from chithi.model.documents import Ruleset

FORMAT = 5  # bump when what is pickled changes shape
WEIGHTS = "reader-weights"  # the pickle's name for the side file's array
KEEP = 8  # entries kept: a few rulesets, each across an upgrade, fit


def cache_dir() -> Path | None:
    if os.environ.get("CHITHI_NO_CACHE") or not hasattr(os, "getuid"):
        return None
    chosen = os.environ.get("CHITHI_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "chithi"


@cache
def code_fingerprint() -> str:
    """chithi's version and the size and time of every module and schema it is built from."""
    package = str(Path(__file__).resolve().parents[1])  # the whole chithi package
    digest = hashlib.sha256(f"{FORMAT}:{__version__}:{sys.version}".encode())
    for stamp in sorted(_stamps(package, len(package) + 1)):
        digest.update(stamp.encode())
    return digest.hexdigest()[:16]


def _stamps(folder: str, cut: int) -> Iterator[str]:
    """Each module's and schema's path, size and time. os.scandir, not Path.rglob: a hundred
    Path objects cost ~2 ms of every start."""
    with os.scandir(folder) as entries:
        for found in entries:
            if found.is_dir() and found.name != "__pycache__":
                yield from _stamps(found.path, cut)
            elif found.name.endswith((".py", ".json")):
                info = found.stat()
                yield f"{found.path[cut:]}:{info.st_size}:{info.st_mtime_ns}"


def entry(sha256: str) -> Path | None:
    folder = cache_dir()
    return folder / f"ruleset-{sha256[:32]}-{code_fingerprint()}.pickle" if folder else None


def load(sha256: str) -> tuple[Ruleset, Matcher, ReaderModel | None] | None:
    path = entry(sha256)
    if path is None or not (_private(path.parent) and _private(path)):
        return None
    try:
        stored = read_entry(path)
    except Exception:  # a torn or foreign file is a miss, never an error
        return None
    if not (isinstance(stored, tuple) and len(stored) == 4 and stored[0] == sha256):
        return None
    model = stored[3]
    if model is not None and len(model.weights) != len(model.vocabulary) * len(model.indicators):
        return None  # a side file from another entry or torn: the arrays must agree
    with contextlib.suppress(OSError):
        os.utime(path)  # used now: eviction keeps the most recently used
    return stored[1], stored[2], model


def read_entry(path: Path) -> Any:
    """What an entry holds, its reader's weights mapped from the side file; raises if unreadable."""
    with path.open("rb") as handle:
        return _Unpickler(handle, _weights_path(path)).load()


def write_entry(
    path: Path, sha256: str, ruleset: Ruleset, matcher: Matcher, model: ReaderModel | None
) -> None:
    if model is not None:  # first the weights: a pickle never names a side file not there
        write_atomic_bytes(_weights_path(path), model.weights.tobytes(), mode=0o600)
    pickled = io.BytesIO()
    _Pickler(pickled, pickle.HIGHEST_PROTOCOL).dump((sha256, ruleset, matcher, model))
    write_atomic_bytes(path, pickled.getvalue(), mode=0o600)


def store(sha256: str, ruleset: Ruleset, matcher: Matcher, model: ReaderModel | None) -> None:
    path = entry(sha256)
    if path is None:
        return
    with contextlib.suppress(OSError, pickle.PicklingError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(path.parent):
            return
        write_entry(path, sha256, ruleset, matcher, model)
        evict(path.parent)


def _weights_path(path: Path) -> Path:
    return path.with_suffix(".weights")


class _Pickler(pickle.Pickler):
    """Pickles the reader without its weights, which are written to the side file."""

    def persistent_id(self, obj: Any) -> tuple[str, dict[str, Any]] | None:
        return (WEIGHTS, obj.parts()) if isinstance(obj, ReaderModel) else None


class _Unpickler(pickle.Unpickler):
    """Rebuilds the reader over its weights, mapped from the side file."""

    def __init__(self, handle: BinaryIO, weights: Path) -> None:
        super().__init__(handle)
        self._weights = weights

    def persistent_load(self, pid: Any) -> Any:
        if not (isinstance(pid, tuple) and pid[0] == WEIGHTS) or not _private(self._weights):
            raise pickle.UnpicklingError("unknown or unsafe reference")
        with self._weights.open("rb") as handle:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        # the view keeps the map open; the file can be replaced, never changed in place
        return ReaderModel.from_parts(pid[1], memoryview(mapped).cast("f"))


def evict(folder: Path, keep: int = KEEP) -> None:
    """Delete all but the `keep` most recently used entries of `folder`."""
    with contextlib.suppress(OSError):
        entries = sorted(
            folder.glob("ruleset-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True
        )
        for stale in entries[keep:]:
            for gone in (stale, _weights_path(stale)):
                with contextlib.suppress(FileNotFoundError):
                    gone.unlink()


def _private(path: Path) -> bool:
    """Owned by this user and writable by nobody else (a symlink is not followed)."""
    try:
        info = path.lstat()
    except OSError:
        return False
    if stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid():
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
