"""--format html and markdown: the documents people read, checked as a reader would.

The HTML must parse as HTML5 without a single error, fetch nothing, speak the chosen language,
and draw charts whose numbers are the run's numbers; the markdown must say the same.
(tests/render/test_browser.py opens the page in a real browser.)
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import time
from collections import Counter

import html5lib
import pytest

from chithi._version import __version__
from conftest import ROOT, SEEDS, chithi_executable
from helpers import bundled

SVG = "{http://www.w3.org/2000/svg}"


def parse(document: str):
    """Parse strictly: any HTML5 parse error fails the test with its position."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(document)


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def charts(tree) -> dict[str, list[dict[str, str]]]:
    """Every figure's caption → the attributes of its bars, in drawing order."""
    found: dict[str, list[dict[str, str]]] = {}
    for fig in tree.iter("figure"):
        caption = text_of(fig.find("figcaption"))
        found.setdefault(caption, []).extend(
            dict(r.attrib) for r in fig.iter(f"{SVG}rect") if r.get("class") == "bar"
        )
    return found


@pytest.fixture(scope="module")
def seed_batch(tmp_path_factory):
    """The seed batch as HTML (vi, en), markdown and JSON, from one CLI run each."""
    out = tmp_path_factory.mktemp("documents")
    outputs = {
        "html": ["-o", f"html:{out / 'vi.html'}", "-o", f"json:{out / 'run.json'}"],
        "en": ["--lang", "en", "-o", f"html:{out / 'en.html'}"],
        "markdown": ["--include-text", "-o", f"markdown:{out / 'vi.md'}"],
    }
    for args in outputs.values():
        subprocess.run([chithi_executable(), "check", str(SEEDS), *args], check=True, timeout=120)
    return {
        "vi": (out / "vi.html").read_text(encoding="utf-8"),
        "en": (out / "en.html").read_text(encoding="utf-8"),
        "md": (out / "vi.md").read_text(encoding="utf-8"),
        "json": json.loads((out / "run.json").read_text(encoding="utf-8")),
    }


def test_html_is_valid_html5_and_self_contained(seed_batch):
    for lang in ("vi", "en"):
        document = seed_batch[lang]
        tree = parse(document)
        assert tree.get("lang") == lang
        assert tree.find("head/meta[@charset='utf-8']") is not None
        csp = tree.find("head/meta[@http-equiv='Content-Security-Policy']")
        assert csp is not None and "default-src 'none'" in csp.get("content")
        # Nothing that could load: no script, no external style, image, frame or font.
        for tag in ("script", "link", "img", "iframe", "object", "embed"):
            assert next(tree.iter(tag), None) is None, tag
        assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:|//)", document)
        assert "url(" not in document and "@import" not in document
        ids = [e.get("id") for e in tree.iter() if e.get("id")]
        assert len(ids) == len(set(ids)), "duplicate ids"
        assert all(not re.search(r"\s", i) for i in ids)
        links = {e.get("href")[1:] for e in tree.iter("a") if e.get("href", "").startswith("#")}
        assert links and links <= set(ids), "an in-page link goes nowhere"


def test_html_header_says_what_was_checked_against_what(seed_batch):
    header = text_of(parse(seed_batch["vi"]).find("body/header"))
    assert "24-CT/TU" in header and f"hn-24-ct-tu-2023 {bundled().version}" in header
    assert "4 biểu hiện có nguyên văn, 1 có một phần nguyên văn, 20 được phục dựng" in header
    assert f"chithi {__version__}" in header and re.search(r"\d{4}-\d{2}-\d{2}", header)
    english = text_of(parse(seed_batch["en"]).find("body/header"))
    assert "4 indicators verbatim, 1 partly verbatim, 20 reconstructed" in english


def test_html_has_every_report_with_its_level_and_detections(seed_batch):
    tree = parse(seed_batch["vi"])
    reports = seed_batch["json"]["reports"]
    sections = [s for s in tree.iter("section") if s.get("class") == "report"]
    assert len(sections) == len(reports) == 12  # 11 YAML seeds and the workbook seed 12
    headings = [text_of(s.find("h2")) for s in sections]
    for report in reports:
        level = report["level"]
        assert f"{report['id']} — {level['name']['vi']}" in headings  # the label, not the id
    # Every detection's matched words are marked inside the sentence they came from.
    marks = [text_of(m) for m in tree.iter("mark")]
    expected = [
        d["matched"]
        for r in reports
        for i in r["incidents"]
        for row in i["results"]
        for d in row["detections"]
    ]
    assert Counter(" ".join(m.split()) for m in expected) <= Counter(marks)
    assert len(marks) == len(expected)


def test_html_charts_carry_the_runs_numbers(seed_batch):
    tree = parse(seed_batch["vi"])
    reports = seed_batch["json"]["reports"]
    found = charts(tree)
    frequent = found["Biểu hiện gặp nhiều nhất (số lần)"]
    counts = Counter(
        row["indicator"]
        for r in reports
        for i in r["incidents"]
        for row in i["results"]
        if row["outcome"] in ("violated", "probable")
    )
    assert [float(b["data-value"]) for b in frequent] == sorted(counts.values(), reverse=True)[:10]
    # One scale per chart: each bar's length is its value over the chart's largest value.
    longest = max(float(b["width"]) for b in frequent)
    top = max(float(b["data-value"]) for b in frequent)
    for b in frequent:
        assert float(b["width"]) == pytest.approx(float(b["data-value"]) / top * longest, abs=0.01)
    groups = found["Biểu hiện đã có theo nhóm, trên mức tối đa (số biểu hiện × số báo cáo)"]
    assert [b["data-max"] for b in groups] == ["144", "108", "48"]  # 12, 9, 4 × 12 reports
    met = Counter(g["id"] for r in reports for g in r["groups"] for _ in range(g["met"]))
    assert [float(b["data-value"]) for b in groups] == [met["KL"], met["NT"], met["BV"]]


def test_html_in_english_has_no_vietnamese_labels(seed_batch):
    english = seed_batch["en"]
    for label in ("Tổng quan", "Cách tính", "Biểu hiện gặp nhiều nhất", "Chứng cứ", "Ngày lập"):
        assert label in seed_batch["vi"] and label not in english
    for label in ("Overview", "How the score is computed", "Most frequent indicators", "Evidence"):
        assert label in english


def test_markdown_says_what_the_html_says(seed_batch):
    md, tree = seed_batch["md"], parse(seed_batch["vi"])
    assert not re.search(r"(?<!\\)<[A-Za-z/!]", md)  # no raw HTML
    for caption, bars in charts(tree).items():
        if not caption.startswith("Biểu hiện gặp nhiều nhất"):
            continue
        section = md.split(f"**{caption}**", 1)[1].split("\n\n", 2)[1]
        values = [line.split(" | ")[1] for line in section.splitlines()[2:]]
        assert values == [f"{float(b['data-value']):g}" for b in bars]
    for report in seed_batch["json"]["reports"]:
        assert f"## {report['id']} — {report['level']['name']['vi']}" in md
    # Matched words in bold inside their sentence, evidence and the formula are all there.
    assert "**trễ hẹn**" in md
    assert "**Chứng cứ**" in md and "**Cách tính**" in md


def test_markdown_without_include_text_keeps_narrative_out(run_chithi):
    result = run_chithi("check", str(SEEDS / "03-leader-repeated-delays.yaml"), "-f", "markdown")
    assert "Nguyễn Hữu Thắng" not in result.stdout and "trễ hẹn 47 ngày" not in result.stdout
    assert "--include-text" in result.stdout  # the reader is told what was left out and how
    assert "Cách tính" in result.stdout  # numbers and ids still shown


def test_hostile_text_is_shown_not_run(run_chithi, tmp_path):
    report = tmp_path / "hostile.yaml"
    report.write_text(
        """\
id: "<script>alert(1)</script>"
date: "2024-05-01"
unit: "UBND <img src=x onerror=alert(2)>"
subject: {kind: person, name: "A\u202eB", position: "x"}
incidents:
  - id: "S1\\" onmouseover=\\"alert(3)"
    date: "2024-04-01"
    status: confirmed
    narrative: "Cán bộ <b>đi muộn</b> nhiều lần & về sớm; </mark><script>x</script>"
""",
        encoding="utf-8",
    )
    result = run_chithi("check", str(report), "-f", "html")
    assert result.returncode == 0, result.stderr
    tree = parse(result.stdout)
    assert next(tree.iter("script"), None) is None and next(tree.iter("img"), None) is None
    assert not any(k.startswith("on") for e in tree.iter() for k in e.attrib)
    assert "<script>alert(1)</script>" in text_of(tree.find("body"))
    assert "\u202e" not in result.stdout


@pytest.mark.parametrize("output_format", ["html", "markdown"])
def test_summary_documents(run_chithi, output_format):
    result = run_chithi("summary", str(SEEDS), "--format", output_format, "--lang", "en")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "Summary of checks under Directive 24-CT/TU" in text
    for section in (
        "Reports per level",
        "Most frequent indicators",
        "Units ranked by highest level, then violation score",
    ):
        assert section in text
    assert "Indicators met per month of the incident" in text
    if output_format == "html":
        tree = parse(text)
        trend = charts(tree)["Indicators met per month of the incident"]
        assert len(trend) == 15  # 2024-02 … 2025-04, empty months drawn as 0
        assert [b["data-value"] for b in trend][-5:] == ["0", "0", "0", "0", "1"]


def test_written_document_is_shareable_like_any_new_file(run_chithi, tmp_path):
    """Atomic writing goes through a temporary file; the result still follows the umask."""
    old = os.umask(0o027)
    try:
        target = tmp_path / "report.html"
        result = run_chithi("check", str(SEEDS / "01-clean.yaml"), "-o", f"html:{target}")
    finally:
        os.umask(old)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize("output_format", ["json", "html"])
def test_a_named_pipe_stays_a_pipe_and_gets_the_document(tmp_path, output_format):
    """`-o /dev/stdout`, `/dev/null` or a pipe is written in place: renaming a temporary file
    over it would replace the device (as root, /dev/null itself)."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # open first: the writer never blocks
    command = [chithi_executable(), "check", str(SEEDS / "01-clean.yaml")]
    chunks: list[bytes] = []
    try:
        written = subprocess.Popen([*command, "-o", f"{output_format}:{pipe}"])
        while True:  # drained as it comes: a document larger than the pipe's buffer still fits
            try:
                data: bytes | None = os.read(reader, 65536)
            except BlockingIOError:
                data = None  # a writer is there, with nothing written yet
            if data:
                chunks.append(data)
            elif data == b"" and written.poll() is not None:
                break  # end of file, and the writer is gone
            else:
                time.sleep(0.01)
    finally:
        os.close(reader)
    received = b"".join(chunks).decode("utf-8")
    assert written.wait() == 0
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    expected = subprocess.run(
        [*command, "-f", output_format], check=True, capture_output=True, text=True
    )
    assert received == expected.stdout


EXAMPLES = ROOT / "docs" / "examples"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?=</dd>|\n)")  # the "generated" date in either format


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["check", "seeds", "-f", "markdown", "--include-text"], "seeds-check.md"),
        (["check", "seeds", "-f", "html"], "seeds-check.html"),
        (["summary", "seeds", "-f", "markdown"], "seeds-summary.md"),
        (["summary", "seeds", "-f", "html"], "seeds-summary.html"),
    ],
)
def test_committed_examples_are_current(run_chithi, args, name):
    """The README links these; regenerate with `python docs/examples/render.py`."""
    result = run_chithi(*args, cwd=ROOT)
    committed = (EXAMPLES / name).read_text(encoding="utf-8")
    assert _DATE.sub("DATE", result.stdout) == _DATE.sub("DATE", committed)
