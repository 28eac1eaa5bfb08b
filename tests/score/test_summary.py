"""`chithi summary`: a batch aggregated per unit, person, group, indicator, month and level."""

from __future__ import annotations

import csv
import io
import json

from jsonschema import Draft202012Validator

from helpers import incident, report_yaml

LATE = "Ông Thử nhiều lần đi muộn về sớm."
DELAY = "Hồ sơ của bà B bị trễ hẹn nhiều lần."


def write(tmp_path, name, *incidents, unit="UBND phường Thử Nghiệm", person="Nguyễn Văn Thử"):
    text = (
        report_yaml(*incidents)
        .replace("UBND phường Thử Nghiệm", unit)
        .replace("Nguyễn Văn Thử", person)
    )
    (tmp_path / name).write_text(text, encoding="utf-8")


def test_summary_aggregates_a_folder(run_chithi, tmp_path):
    write(
        tmp_path,
        "a.yaml",
        incident(LATE, status="confirmed", date="2024-03-02", indicators=["KL-09"]),
    )
    write(
        tmp_path,
        "b.yaml",
        incident(DELAY, status="confirmed", date="2024-04-10", indicators=["NT-06"]),
        incident(LATE, id_="SV-2", status="confirmed", date="2024-04-11", indicators=["KL-09"]),
        person="nguyễn  văn thử",
    )  # the same person, written differently
    write(
        tmp_path,
        "c.yaml",
        incident(DELAY, status="confirmed", date="2024-04-20", indicators=["NT-06"]),
        unit="UBND phường Khác",
        person="Trần Thị Khác",
    )
    result = run_chithi("summary", str(tmp_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    Draft202012Validator(json.loads(run_chithi("schema", "batch").stdout)).validate(data)
    assert data["reports"] == 3
    assert [(u["key"], u["reports"]) for u in data["units"]] == [
        ("UBND phường Thử Nghiệm", 2),
        ("UBND phường Khác", 1),
    ]  # ranked by points
    persons = {p["key"]: p["reports"] for p in data["persons"]}
    assert persons == {"Nguyễn Văn Thử": 2, "Trần Thị Khác": 1}
    assert [(m["key"], m["incidents"]) for m in data["months"]] == [("2024-03", 1), ("2024-04", 3)]
    assert data["indicators"] == [{"id": "KL-09", "count": 2}, {"id": "NT-06", "count": 2}]
    assert sum(data["levels"].values()) == 3


def test_csv_opens_in_a_spreadsheet_with_vietnamese_intact(run_chithi, tmp_path):
    write(tmp_path, "a.yaml", incident(LATE, status="confirmed"), unit='=HYPERLINK("x")')
    result = run_chithi("summary", str(tmp_path), "--format", "csv", "-o", str(tmp_path / "s.csv"))
    assert result.returncode == 0
    raw = (tmp_path / "s.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [
        "section",
        "key",
        "reports",
        "incidents",
        "indicators_met",
        "points",
        "highest_level",
    ]
    assert rows[[r[0] for r in rows].index("persons")][:2] == ["persons", "Nguyễn Văn Thử"]
    unit = rows[[r[0] for r in rows].index("units")][1]
    assert unit.startswith("'=")  # never run as a formula


def test_summary_table_and_a_bad_file(run_chithi, tmp_path):
    write(tmp_path, "a.yaml", incident(LATE, status="confirmed"))
    (tmp_path / "bad.yaml").write_text("id: [", encoding="utf-8")
    result = run_chithi("summary", str(tmp_path), "--lang", "en")
    assert result.returncode == 2
    assert (
        "Units (ranked by level, then points)" in result.stdout
        and "Nguyễn Văn Thử" in result.stdout
    )
    assert "bad.yaml:" in result.stderr


def test_workers_add_up_and_redact_exactly_as_one_process_does(run_chithi, tmp_path):
    for n in range(12):
        person = "Nguyễn Văn Thử" if n % 2 else "nguyễn  văn thử"  # one person, written twice
        write(tmp_path, f"r{n:02d}.yaml", incident(LATE if n % 3 else DELAY), person=person)
    key = {"CHITHI_REDACT_KEY": "test-key"}
    args = ("summary", str(tmp_path), "-f", "json", "--redact")
    one = run_chithi(*args, "--jobs", "1", env=key)
    two = run_chithi(*args, "--jobs", "2", env=key)
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    (person,) = json.loads(two.stdout)["persons"]
    assert person["reports"] == 12 and "Thử" not in person["key"]
