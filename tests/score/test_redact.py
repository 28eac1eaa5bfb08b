"""--redact: no personal data in any output, one pseudonym per person across a batch."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from chithi.score.redact import Redactor, redact_result
from helpers import check_text, incident, report_yaml

PERSONAL = ("Trần Văn Bình", "Bình", "Lê Thị Hoa", "0912 345 678", "001203004005", "Đỗ Minh Tâm")


def report(report_id: str) -> str:
    return f"""\
id: "{report_id}"
date: "2024-05-01"
unit: "UBND phường Láng Hạ"
subject: {{kind: person, name: "Trần Văn Bình", position: "Cán bộ địa chính"}}
reporter: {{name: "Lê Thị Hoa"}}
incidents:
  - id: S1
    date: "2024-04-01"
    status: confirmed
    narrative: "Ông Bình nhiều lần đi muộn; bà Lê Thị Hoa (0912 345 678, CCCD 001203004005) phản ánh."
  - id: S2
    date: "2024-04-03"
    status: alleged
    narrative: "Trần Văn Bình đi muộn lần nữa."
    waive: [{{indicator: KL-09, reason: "Đỗ Minh Tâm cho phép", by: "Đỗ Minh Tâm"}}]
"""


@pytest.fixture
def batch(tmp_path):
    paths = []
    for n in (1, 2):
        path = tmp_path / f"r{n}.yaml"
        path.write_text(report(f"R-{n}"), encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "json"],
        ["--explain"],
        ["--explain", "--lang", "en"],
        ["--format", "html"],
        ["--format", "markdown", "--include-text"],
    ],
)
def test_no_personal_data_in_any_format(run_chithi, batch, args):
    result = run_chithi("check", *batch, "--redact", *args)
    assert result.returncode == 0
    for value in PERSONAL:
        assert value not in result.stdout, value
    assert "P-" in result.stdout and "TEL-" in result.stdout and "ID-" in result.stdout


def test_one_person_keeps_one_pseudonym_across_the_batch(run_chithi, batch):
    result = run_chithi(
        "check", *batch, "--redact", "--format", "json", env={"CHITHI_REDACT_KEY": "board-2024"}
    )
    reports = json.loads(result.stdout)["reports"]
    names = {r["subject"]["name"] for r in reports}
    assert len(names) == 1
    (alias,) = names
    narrative_aliases = set(re.findall(r"P-[0-9a-f]{8}", json.dumps(reports, ensure_ascii=False)))
    assert alias in narrative_aliases
    again = run_chithi(
        "check", *batch, "--redact", "--format", "json", env={"CHITHI_REDACT_KEY": "board-2024"}
    )
    assert json.loads(again.stdout)["reports"][0]["subject"]["name"] == alias


def test_redacted_spans_still_point_at_the_matched_words(run_chithi, batch):
    result = run_chithi("check", batch[0], "--redact", "--format", "json")
    results = json.loads(result.stdout)["reports"][0]["incidents"][0]["results"]
    detection = next(r for r in results if r["indicator"] == "KL-09")["detections"][0]
    assert detection["sentence"].startswith("Ông P-")
    start, end = detection["span"]
    assert detection["matched"] == "đi muộn"
    assert end - start == len("đi muộn")


def test_pseudonyms_depend_on_the_key_and_ignore_spacing_and_case():
    a, b = Redactor(b"k1"), Redactor(b"k2")
    assert a.pseudonym("P", "Trần Văn Bình") == a.pseudonym("P", "trần  văn bình")
    assert a.pseudonym("P", "Trần Văn Bình") != b.pseudonym("P", "Trần Văn Bình")
    assert a.text("gọi 0912.345.678 hoặc +84 912 345 678", ()).count("TEL-") == 2


@pytest.mark.parametrize("output_format", ["html", "markdown", "table", "csv", "json"])
def test_summary_redacts_persons(run_chithi, batch, output_format):
    shown = run_chithi("summary", *batch, "--format", output_format)
    assert "Trần Văn Bình" in shown.stdout  # the row a redacted summary must hide
    result = run_chithi("summary", *batch, "--redact", "--format", output_format)
    assert result.returncode == 0
    for value in PERSONAL:
        assert value not in result.stdout, value
    # One person across the two reports stays one row under one pseudonym.
    assert len(set(re.findall(r"P-[0-9a-f]{8}", result.stdout))) == 1


def test_a_repeated_sentence_keeps_its_own_span():
    """Each detection of a sentence that occurs twice points at its own occurrence, redacted."""
    narrative = "Ông Bình đi muộn. Hôm sau ông Bình lại đi muộn. Ông Bình đi muộn."
    data = yaml.safe_load(report_yaml(incident(narrative, status="confirmed")))
    data["subject"]["name"] = "Trần Văn Bình"
    result = check_text(yaml.safe_dump(data, allow_unicode=True))
    redacted = redact_result(result, Redactor(b"key"))
    text = redacted.incidents[0].incident.narrative
    assert "Bình" not in text and text.count("đi muộn") == 3
    spans = [
        (d.start, d.end)
        for row in redacted.incidents[0].rows
        for d in row.detections
        if d.field == "narrative" and d.matched == "đi muộn"
    ]
    assert len(spans) == 3
    assert sorted(spans) == [(m.start(), m.end()) for m in re.finditer("đi muộn", text)]
    for row in redacted.incidents[0].rows:
        for d in row.detections:
            if d.field == "narrative":
                assert text[d.start : d.end] == d.matched
                assert text[d.sentence_start :].startswith(d.sentence)
