"""Shared by the fuzz tests and benchmarks/fuzz_soak.py: run chithi in-process, check its contract."""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from chithi.app import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.yaml"))
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in SEEDS]
SEED_DATA = [yaml.safe_load(t) for t in SEED_TEXTS]
DOCUMENTED_EXITS = {0, 1, 2, 3}


def run_in_process(*argv: str) -> tuple[int, str, str]:
    """chithi's real entry point (with its error boundary), stdout and stderr captured."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.argv
    sys.argv = ["chithi", *argv]
    code = 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main()
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    finally:
        sys.argv = saved
    return code, out.getvalue(), err.getvalue()


def contract_violations(code: int, stdout: str, stderr: str, *, json_output: bool) -> list[str]:
    """What a user must never see; empty when the run kept chithi's promises."""
    found = []
    if code not in DOCUMENTED_EXITS:
        found.append(f"exit code {code}")
    if "Traceback" in stderr or "internal error" in stderr:
        found.append(f"crash: {stderr[-500:]}")
    if json_output:
        try:
            json.loads(stdout)
        except ValueError:
            found.append(f"unparseable JSON: {stdout[:200]!r}")
    if code == 2 and not stderr.strip() and not json_output:
        found.append("exit 2 without a message")
    return found


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def paths_of(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths_of(value, (*prefix, key))
    elif isinstance(data, list):
        for n, value in enumerate(data):
            found += paths_of(value, (*prefix, n))
    return found


def replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[path[0]] = replaced(copy[path[0]], path[1:], value)  # type: ignore[index]
    return copy


@st.composite
def type_swapped_yaml(draw: st.DrawFn, documents: list[Any]) -> str:
    data = draw(st.sampled_from(documents))
    path = draw(st.sampled_from(paths_of(data)))
    value = draw(json_values)
    return yaml.safe_dump(replaced(data, path, value), allow_unicode=True, sort_keys=False)


@st.composite
def truncated(draw: st.DrawFn, texts: list[str]) -> bytes:
    raw = draw(st.sampled_from(texts)).encode("utf-8")
    return raw[: draw(st.integers(0, len(raw)))]


@st.composite
def with_odd_unicode(draw: st.DrawFn) -> str:
    data = draw(st.sampled_from(SEED_DATA))
    odd = draw(st.text(alphabet=st.characters(codec=None, exclude_categories=["Cs"]), max_size=40))
    copy = json.loads(json.dumps(data))
    copy["incidents"][0]["narrative"] = odd + " " + copy["incidents"][0]["narrative"] + odd
    return yaml.safe_dump(copy, allow_unicode=True, sort_keys=False)


@st.composite
def deep(draw: st.DrawFn) -> str:
    depth = draw(st.integers(1, 3000))
    opener, closer = draw(st.sampled_from([("[", "]"), ("{a: ", "}")]))
    return opener * depth + "x" + closer * depth + "\n"


any_report = st.one_of(
    st.binary(max_size=400),
    truncated(SEED_TEXTS),
    type_swapped_yaml(SEED_DATA).map(str.encode),
    with_odd_unicode().map(str.encode),
    deep().map(str.encode),
)
