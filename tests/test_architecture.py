"""docs/architecture.md maps every module to its stage: a new or moved module must be placed."""

from __future__ import annotations

import re
from fnmatch import fnmatch

from conftest import ROOT

PACKAGE = ROOT / "cli" / "chithi"


def _documented_patterns() -> list[str]:
    doc = (ROOT / "docs" / "architecture.md").read_text("utf-8")
    table = doc[doc.index("## Every module, by stage") :]
    return re.findall(r"`([\w/*.]+\.py|[\w/]+/\*)`", table)


def test_every_module_is_placed_in_a_stage() -> None:
    patterns = _documented_patterns()
    modules = sorted(
        p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py") if p.name != "__init__.py"
    )
    unplaced = [m for m in modules if not any(fnmatch(m, pattern) for pattern in patterns)]
    assert not unplaced, f"add these modules to docs/architecture.md: {unplaced}"


def test_every_placed_module_exists() -> None:
    missing = [
        pattern
        for pattern in _documented_patterns()
        if "*" not in pattern and not (PACKAGE / pattern).is_file()
    ]
    assert not missing, f"docs/architecture.md names modules that are gone: {missing}"


def test_the_tests_mirror_the_package() -> None:
    stages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    folders = {
        p.name for p in (ROOT / "tests").iterdir() if p.is_dir() and any(p.glob("test_*.py"))
    }
    assert folders <= stages, f"tests/ folders that are no stage of cli/chithi: {folders - stages}"
