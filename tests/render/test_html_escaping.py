"""Every piece of user text reaches the HTML documents as text: markup and quotes come out escaped.

The HTML is built from `Html` values (render/documents/markup.py), so text that is not Html is
escaped wherever it is inserted; this test feeds a script tag and both quotes through every field
a user writes (report, exceptions file, file names, a problem's message) to prove it.
"""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser

import pytest

HOSTILE = "<script>alert(\"x\")</script>'q'&amp;"
FIELD = HOSTILE.replace('"', '\\"')  # inside a double-quoted YAML string
REPORT = f"""\
id: "BC-{FIELD}"
date: "2024-05-01"
unit: "UBND {FIELD}"
subject: {{kind: person, name: "Ông {FIELD}", position: "{FIELD}", is_leader: true}}
reporter: {{name: "{FIELD}", role: "{FIELD}"}}
incidents:
  - id: "SV-{FIELD}"
    date: "2024-04-01"
    status: confirmed
    summary: "{FIELD} vắng mặt không lý do"
    narrative: "Ông {FIELD} nhận phong bì của hộ dân. Ông {FIELD} đi muộn nhiều lần."
    evidence:
      - type: document
        ref: "{FIELD}"
    waive:
      - indicator: KL-09
        reason: "{FIELD}"
        by: "{FIELD}"
"""
EXCEPTIONS = f"""\
exceptions:
  - id: "EX-{FIELD}"
    indicator: NT-06
    scope: {{unit: "UBND {FIELD}", person: "{FIELD}"}}
    reason: "{FIELD}"
    owner: "{FIELD}"
    expires: "2030-01-01"
"""
# A report that fails to load: its message quotes the user's evidence type.
BROKEN = REPORT.replace("type: document", f'type: "{FIELD}"')
# Every element the documents draw; anything else came from user text.
DRAWN = {
    *("html", "head", "meta", "title", "style", "body", "header", "h1", "dl", "dt", "dd"),
    *("main", "section", "h2", "h3", "table", "thead", "tbody", "tr", "th", "td", "a"),
    *("figure", "figcaption", "svg", "rect", "text", "line", "p", "strong", "br", "span"),
    *("div", "article", "ul", "li", "mark", "blockquote", "footer"),
}


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(page: str) -> Elements:
    elements = Elements()
    elements.feed(page)
    return elements


@pytest.fixture
def hostile(tmp_path):
    """A folder whose file names are hostile too, and an exceptions file."""
    folder = tmp_path / f"in-{HOSTILE.replace('/', '_')}"
    folder.mkdir()
    (folder / f"a-{HOSTILE.replace('/', '_')}.yaml").write_text(REPORT, encoding="utf-8")
    (folder / "b-broken.yaml").write_text(BROKEN, encoding="utf-8")
    exceptions = tmp_path / "exceptions.yaml"
    exceptions.write_text(EXCEPTIONS, encoding="utf-8")
    return folder, exceptions


def assert_only_text(page: str, at_least: int) -> None:
    elements = parsed(page)
    assert elements.tags <= DRAWN, elements.tags - DRAWN
    assert not [name for name, _ in elements.attributes if name.startswith("on")]
    assert "".join(elements.text).count(HOSTILE) >= at_least  # shown, not dropped


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_check_document_escapes_every_user_field(run_chithi, hostile, lang):
    folder, exceptions = hostile
    done = run_chithi(
        "check", str(folder), "--exceptions", str(exceptions), "-f", "html", "--lang", lang
    )
    assert done.returncode == 2, done.stderr  # the broken file: shown in the document's problems
    # id, unit (×2), name, position, reporter, incident, summary, sentences, evidence, waiver,
    # exception fields, file names, the problem's message
    assert_only_text(done.stdout, at_least=15)


def test_summary_document_escapes_units_and_persons(run_chithi, hostile):
    folder, _ = hostile
    (folder / "b-broken.yaml").unlink()
    done = run_chithi("summary", str(folder), "-f", "html")
    assert done.returncode == 0, done.stderr
    assert_only_text(done.stdout, at_least=2)


def test_markupsafe_loads_only_for_html():
    """Every other format and command starts without it: start-up time matters in pre-commit."""
    program = (
        "import sys\n"
        "import chithi.app, chithi.commands.check, chithi.commands.summary\n"
        "from chithi.render.registry import CHECK_RENDERERS, VALIDATE_RENDERERS\n"
        "[CHECK_RENDERERS[f] for f in CHECK_RENDERERS if f != 'html']\n"
        "[VALIDATE_RENDERERS[f] for f in VALIDATE_RENDERERS]\n"
        "assert 'markupsafe' not in sys.modules, 'loaded without html'\n"
        "CHECK_RENDERERS['html']\n"
        "assert 'markupsafe' in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], check=False, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
