"""Small builders shared by the tests."""

from __future__ import annotations

import shutil
import textwrap
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from chithi.api import check_loaded, default_ruleset_path, load_ruleset, report_from_document
from chithi.io.loading import load_text
from chithi.model.documents import Ruleset
from chithi.model.results import ReportResult


# Loaded when a test first asks, never when the tests are collected: loading writes the compiled
# ruleset into the cache, and only a running session has its own cache folder (conftest.py).
@cache
def bundled() -> Ruleset:
    return load_ruleset()


@cache
def phrases_only() -> Ruleset:
    """The bundled ruleset read with its phrases alone: what scoring does is then independent
    of the learned reader, and a text-only detection is always a suggestion."""
    return replace(bundled(), reader=None)


def report_yaml(*incidents: dict[str, Any], leader: bool = False, kind: str = "person") -> str:
    data = {
        "id": "T-1",
        "date": "2024-05-01",
        "unit": "UBND phường Thử Nghiệm",
        "subject": {
            "kind": kind,
            "name": "Nguyễn Văn Thử",
            "position": "Chuyên viên",
            "is_leader": leader,
        },
        "incidents": list(incidents),
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def incident(
    narrative: str,
    *,
    id_: str = "SV-1",
    date: str = "2024-04-01",
    status: str = "alleged",
    **extra: Any,
) -> dict[str, Any]:
    return {"id": id_, "date": date, "narrative": narrative, "status": status, **extra}


def check_text(source: str, ruleset: Ruleset | None = None) -> ReportResult:
    ruleset = ruleset or bundled()
    doc = load_text(textwrap.dedent(source), "t.yaml")
    return check_loaded(report_from_document(doc, ruleset), ruleset, "t.yaml")


def copy_reader(folder: Path) -> Path:
    """The bundled ruleset's learned reader, copied into `folder` as a copied ruleset needs it."""
    source = default_ruleset_path().parent / bundled().reader.file if bundled().reader else None
    assert source is not None
    target = folder / source.name
    if not target.exists():
        shutil.copy(source, target)
    return target


def ruleset_variant(tmp_path: Path, change: Any) -> Path:
    """A copy of the bundled ruleset with `change(data)` applied, written under tmp_path."""
    data = yaml.safe_load(default_ruleset_path().read_text(encoding="utf-8"))
    change(data)
    copy_reader(tmp_path)
    target = tmp_path / "variant.yaml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target
