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
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from chithi._version import __version__

if TYPE_CHECKING:
    from chithi.match.learned import ReaderModel
    from chithi.match.matcher import Matcher
    from chithi.model.documents import Ruleset

FORMAT = 2  # bump when what is pickled changes shape
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
    package = Path(__file__).resolve().parents[1]  # the whole chithi package
    digest = hashlib.sha256(f"{FORMAT}:{__version__}:{sys.version}".encode())
    for path in sorted([*package.rglob("*.py"), *package.glob("schemas/*.json")]):
        info = path.stat()
        digest.update(f"{path.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def entry(sha256: str) -> Path | None:
    folder = cache_dir()
    return folder / f"ruleset-{sha256[:32]}-{code_fingerprint()}.pickle" if folder else None


def load(sha256: str) -> tuple[Ruleset, Matcher, ReaderModel | None] | None:
    path = entry(sha256)
    if path is None or not (_private(path.parent) and _private(path)):
        return None
    try:
        with path.open("rb") as handle:
            stored = pickle.load(handle)
    except Exception:  # a torn or foreign file is a miss, never an error
        return None
    if not (isinstance(stored, tuple) and len(stored) == 4 and stored[0] == sha256):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # used now: eviction keeps the most recently used
    return stored[1], stored[2], stored[3]


def store(sha256: str, ruleset: Ruleset, matcher: Matcher, model: ReaderModel | None) -> None:
    path = entry(sha256)
    if path is None:
        return
    with contextlib.suppress(OSError, pickle.PicklingError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(path.parent):
            return
        fd, temp = tempfile.mkstemp(prefix=".ruleset-", dir=path.parent)  # 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(
                    (sha256, ruleset, matcher, model), handle, protocol=pickle.HIGHEST_PROTOCOL
                )
            Path(temp).replace(path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                Path(temp).unlink()
        evict(path.parent)


def evict(folder: Path, keep: int = KEEP) -> None:
    """Delete all but the `keep` most recently used entries of `folder`."""
    with contextlib.suppress(OSError):
        entries = sorted(
            folder.glob("ruleset-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True
        )
        for stale in entries[keep:]:
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()


def _private(path: Path) -> bool:
    """Owned by this user and writable by nobody else (a symlink is not followed)."""
    try:
        info = path.lstat()
    except OSError:
        return False
    if stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid():
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
