"""One registry of problem codes: every emitted code is in it, documented, and named in SARIF."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from chithi.core.codes import REGISTRY
from chithi.render.documents.codes_page import codes_markdown

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "cli" / "chithi"
REGISTRY_FILE = PACKAGE / "core" / "codes.py"
CODE_LIKE = re.compile(r"^[A-Z]{1,3}-[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")


def _sources() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text("utf-8"))) for path in sorted(PACKAGE.rglob("*.py"))]


def test_no_module_but_the_registry_spells_a_code():
    """A literal code elsewhere could drift from the registry: sites use its constants."""
    found = []
    for path, tree in _sources():
        if path == REGISTRY_FILE:
            continue
        for node in ast.walk(tree):
            is_code = isinstance(node, ast.Constant) and isinstance(node.value, str)
            if is_code and CODE_LIKE.match(node.value):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value}")
    assert found == []


def test_every_problem_is_built_with_a_registered_constant():
    """Problem(…, code, …) never receives a string literal, registered or not."""
    literal = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Problem"):
                continue
            args = [kw.value for kw in node.keywords if kw.arg == "code"] + node.args[3:4]
            literal += [
                f"{path.relative_to(ROOT)}:{node.lineno}"
                for arg in args
                if isinstance(arg, ast.Constant)
            ]
    assert literal == []


def test_every_code_the_docs_mention_is_registered():
    mentioned = set()
    for doc in [ROOT / "README.md", ROOT / "SECURITY.md", *sorted((ROOT / "docs").glob("*.md"))]:
        mentioned |= set(re.findall(r"\b(?:E|RS)-[A-Z][A-Z-]*[A-Z]\b", doc.read_text("utf-8")))
    assert mentioned - set(REGISTRY) == set()


def test_codes_doc_is_generated_from_the_registry():
    """Regenerate with `python -m chithi.render.documents.codes_page > docs/codes.md`."""
    assert (ROOT / "docs" / "codes.md").read_text("utf-8") == codes_markdown()


def test_every_registered_code_has_both_languages_and_a_fix():
    for code in REGISTRY.values():
        assert code.inputs, code.id
        for part in (code.title, code.fix):
            assert part.vi.strip() and part.en.strip(), code.id
            assert part.vi != part.en, code.id


def test_problems_found_at_run_time_are_registered(run_chithi, tmp_path):
    """Codes built at run time (not only literals): from files broken in several ways."""
    (tmp_path / "dup.yaml").write_text("a: 1\na: 2\n", encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("a: [\n", encoding="utf-8")
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    (tmp_path / "meaning.yaml").write_text(MEANING, encoding="utf-8")
    done = run_chithi("check", str(tmp_path), "--format", "json")
    assert done.returncode == 2, done.stderr
    codes = {p["code"] for p in json.loads(done.stdout)["problems"]}
    assert {"E-DUPLICATE-KEY", "E-YAML", "E-EMPTY", "E-UNKNOWN-INDICATOR"} <= codes
    assert {"E-DUPLICATE-INCIDENT", "E-EVIDENCE-TYPE", "E-UNKNOWN-LEVEL"} <= codes
    assert codes <= set(REGISTRY)


MEANING = """\
id: A
date: "2024-01-01"
unit: U
subject: {kind: person, name: X}
incidents:
  - id: S
    date: "2024-01-01"
    narrative: hi
    indicators: [KL-99]
    status: confirmed
    evidence: [{type: rumour, ref: x}]
  - id: S
    date: "2024-01-01"
    narrative: hi
    status: confirmed
expected: {level: huge}
"""


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sarif_rules_for_problems_say_what_each_code_means(run_chithi, tmp_path, lang):
    """Each code gets its own title and fix, not one text for every problem."""
    (tmp_path / "dup.yaml").write_text("a: 1\na: 2\n", encoding="utf-8")
    (tmp_path / "meaning.yaml").write_text(MEANING, encoding="utf-8")
    done = run_chithi("check", str(tmp_path), "--format", "sarif", "--lang", lang)
    rules = json.loads(done.stdout)["runs"][0]["tool"]["driver"]["rules"]
    by_id = {rule["id"]: rule for rule in rules}
    for code in ("E-DUPLICATE-KEY", "E-EVIDENCE-TYPE", "E-DUPLICATE-INCIDENT"):
        entry = REGISTRY[code]
        assert by_id[code]["shortDescription"]["text"] == entry.title(lang)
        assert by_id[code]["help"]["text"] == entry.fix(lang)
        assert by_id[code]["defaultConfiguration"]["level"] == "error"
