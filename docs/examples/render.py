"""Regenerate the example documents the README links to, and the screenshot of the HTML one.

    python docs/examples/render.py            # from the repository root, chithi installed

The screenshot needs Playwright and Debian's chromium (as the browser test does).
tests/render/test_documents.py checks that the committed markdown is what chithi renders today.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "docs" / "examples"
CHITHI = str(Path(sys.executable).parent / "chithi")

# (arguments after `chithi`, output file): relative paths, so the documents name seeds/… files.
DOCUMENTS = [
    (["check", "seeds", "--format", "html"], "seeds-check.html"),
    (["check", "seeds", "--format", "markdown", "--include-text"], "seeds-check.md"),
    (["summary", "seeds", "--format", "html"], "seeds-summary.html"),
    (["summary", "seeds", "--format", "markdown"], "seeds-summary.md"),
]


def render() -> None:
    for args, name in DOCUMENTS:
        subprocess.run([CHITHI, *args, "-o", str(HERE / name)], cwd=ROOT, check=True)


def screenshot() -> None:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only for the screenshot

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1000, "height": 1500})
        page.goto((HERE / "seeds-check.html").as_uri())
        page.screenshot(path=str(HERE / "seeds-check.png"))
        browser.close()


if __name__ == "__main__":
    render()
    screenshot()
