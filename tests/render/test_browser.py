"""The HTML report in a real browser: headless Chromium (Debian's package) driven by Playwright.

Nothing is downloaded at run time: Playwright only drives the Chromium that is installed
(`.ci/run` installs Debian's `chromium`). Where none is installed the tests skip and say so,
except when CHITHI_REQUIRE_BROWSER is set, as `.ci/run` sets it: there a missing browser fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import SEEDS, chithi_executable

CHROMIUM = os.environ.get("CHITHI_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# As root in a sandbox with no network: no sandboxing of its own, no calls home.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _browser_or_skip():
    missing = None
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415 - optional: may skip
    except ImportError:
        missing = "playwright is not installed (pip install '.[test]')"
        sync_playwright = None
    if missing is None and not Path(CHROMIUM).exists():
        missing = f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHITHI_CHROMIUM)"
    if missing is not None:
        if os.environ.get("CHITHI_REQUIRE_BROWSER"):
            pytest.fail(f"CHITHI_REQUIRE_BROWSER is set but {missing}")
        pytest.skip(missing)
    return sync_playwright


@pytest.fixture(scope="module")
def browser():
    sync_playwright = _browser_or_skip()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    """The seed batch as an HTML page, and the same run as JSON to know what it must show."""
    out = tmp_path_factory.mktemp("browser")
    page, data = out / "seeds.html", out / "seeds.json"
    subprocess.run(
        [chithi_executable(), "check", str(SEEDS), "-o", f"html:{page}", "-o", f"json:{data}"],
        check=True,
        timeout=120,
    )
    return page, json.loads(data.read_text(encoding="utf-8"))


def open_page(browser, path: Path):
    """A fresh page on `path` with every console message and every request recorded."""
    page = browser.new_page(viewport={"width": 1100, "height": 1400})
    record = {"console": [], "requests": [], "errors": []}
    page.on("console", lambda m: record["console"].append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: record["errors"].append(str(e)))
    page.on("request", lambda r: record["requests"].append(r.url))
    page.goto(path.as_uri(), wait_until="load")
    return page, record


BAR_BOXES = """
(figure) => Array.from(figure.querySelectorAll('rect.bar')).map(r => ({
  value: Number(r.dataset.value), max: r.dataset.max ? Number(r.dataset.max) : null,
  width: r.getBoundingClientRect().width, height: r.getBoundingClientRect().height}))
"""


def figure_bars(page, caption: str) -> list[dict]:
    figure = page.locator("figure", has=page.locator("figcaption", has_text=caption)).first
    return figure.evaluate(BAR_BOXES)


def test_page_loads_with_no_console_errors_and_no_network(browser, seed_report, tmp_path):
    path, _ = seed_report
    page, record = open_page(browser, path)
    assert page.title().startswith("Kết quả kiểm tra theo Chỉ thị 24-CT/TU")
    assert record["errors"] == [] and record["console"] == []
    assert record["requests"] == [path.as_uri()]  # the page itself, nothing else
    shot = tmp_path / "seeds.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 50_000
    page.close()


def test_bars_have_the_right_relative_sizes(browser, seed_report):
    path, run = seed_report
    page, _ = open_page(browser, path)
    # The most frequent indicators of the batch, counted here from the JSON of the same run.
    counts = Counter(
        row["indicator"]
        for r in run["reports"]
        for i in r["incidents"]
        for row in i["results"]
        if row["outcome"] in ("violated", "probable")
    )
    bars = figure_bars(page, "Biểu hiện gặp nhiều nhất")
    assert [b["value"] for b in bars] == sorted(counts.values(), reverse=True)[:10]
    top = bars[0]
    for bar in bars:
        assert bar["width"] == pytest.approx(top["width"] * bar["value"] / top["value"], abs=0.5)
    # One report's groups, each bar against its group's size: seed 03 meets 2 of NT's 9.
    report = next(r for r in run["reports"] if r["id"] == "BC-LB-2024-109")
    section = page.locator("section.report", has=page.locator("h2", has_text="BC-LB-2024-109"))
    groups = section.locator("figure").first.evaluate(BAR_BOXES)
    assert [(b["value"], b["max"]) for b in groups] == [
        (g["met"], g["size"]) for g in report["groups"]
    ]
    tracks = section.locator("figure").first.evaluate(
        "(f) => Array.from(f.querySelectorAll('rect.track')).map(r => r.getBoundingClientRect().width)"
    )
    assert tracks[0] == pytest.approx(tracks[1] * 12 / 9, abs=0.5)  # KL's 12 against NT's 9
    nt = groups[1]
    assert nt["width"] == pytest.approx(tracks[1] * 2 / 9, abs=0.5)
    # The month trend: columns' heights in proportion to their numbers.
    columns = figure_bars(page, "theo tháng")
    tallest = max(columns, key=lambda c: c["value"])
    for column in columns:
        expected = tallest["height"] * column["value"] / tallest["value"]
        assert column["height"] == pytest.approx(expected, abs=0.5)
    page.close()


def test_readable_with_css_off(browser, seed_report):
    path, run = seed_report
    page, _ = open_page(browser, path)
    page.evaluate("document.querySelectorAll('style').forEach(s => s.remove())")
    assert page.evaluate("document.styleSheets.length") == 0
    text = page.inner_text("body")
    for report in run["reports"]:
        assert f"{report['id']} — {report['level']['name']['vi']}" in text
    # Headings keep the reading order: overview, then the reports in the table's order.
    headings = page.locator("h2").all_inner_texts()
    assert headings[0] == "Tổng quan" and len(headings) == 1 + len(run["reports"])
    # Charts draw from their own attributes: bars still have their lengths, numbers their text.
    bars = figure_bars(page, "Biểu hiện gặp nhiều nhất")
    assert all(b["width"] > 0 for b in bars)
    page.close()


def test_prints_on_a4_with_each_report_on_its_own_pages(browser, seed_report, tmp_path):
    path, run = seed_report
    page, _ = open_page(browser, path)
    pdf = tmp_path / "seeds.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    page.close()
    pages = PdfReader(pdf).pages
    for sheet in pages:  # A4 is 595 × 842 points
        assert (round(float(sheet.mediabox.width)), round(float(sheet.mediabox.height))) == (
            595,
            842,
        )
    texts = [sheet.extract_text() for sheet in pages]
    # Every sheet is numbered "n / N" in its margin; the text extractor reads it first.
    for number, text in enumerate(texts, start=1):
        assert re.search(rf"^{number} / {len(pages)}$", text, re.MULTILINE), number
    tops = [re.sub(r"^\d+ / \d+\n", "", text.lstrip()).lstrip() for text in texts]
    assert tops[0].startswith("K")  # the header opens the first page
    for report in run["reports"]:
        assert any(top.startswith(f"{report['id']} — ") for top in tops), report["id"]
