"""Many inputs: folders, globs, stdin and multi-document streams, in a deterministic order."""

from __future__ import annotations

import json
import shutil

from conftest import SEEDS


def reports_of(result):
    return [r["path"] for r in json.loads(result.stdout)["reports"]]


def test_folders_are_walked_sorted_following_links_but_not_loops(run_chithi, tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    shutil.copy(SEEDS / "01-clean.yaml", tmp_path / "b" / "one.yaml")
    shutil.copy(SEEDS / "02-discipline-kl.yaml", tmp_path / "a" / "deep" / "two.yml")
    (tmp_path / "a" / "notes.txt").write_text("not a report", encoding="utf-8")
    (tmp_path / "a" / "loop").symlink_to(tmp_path)  # a symlink loop back to the top
    result = run_chithi(
        "check", str(tmp_path), str(tmp_path / "b" / "one.yaml"), "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    assert reports_of(result) == [
        str(tmp_path / "a" / "deep" / "two.yml"),
        str(tmp_path / "b" / "one.yaml"),
    ]


def test_globs_stdin_and_an_unmatched_pattern(run_chithi, tmp_path):
    pattern = str(SEEDS / "0[12]-*.yaml")
    stdin = (SEEDS / "06-english.yaml").read_text(encoding="utf-8")
    result = run_chithi(
        "check",
        pattern,
        "-",
        str(tmp_path / "*.nothing"),
        "--format",
        "json",
        "--lang",
        "en",
        input_text=stdin,
    )
    assert result.returncode == 2  # one input found nothing
    assert [p.rsplit("/", 1)[-1] for p in reports_of(result)] == [
        "01-clean.yaml",
        "02-discipline-kl.yaml",
        "<stdin>",
    ]
    assert "no file matches this pattern" in result.stderr


def test_a_multi_document_stream_is_several_reports_and_a_bad_one_is_skipped(run_chithi, tmp_path):
    good = (SEEDS / "01-clean.yaml").read_text(encoding="utf-8")
    other = (SEEDS / "02-discipline-kl.yaml").read_text(encoding="utf-8")
    stream = tmp_path / "batch.yaml"
    stream.write_text(f"{good}\n---\nid: broken\n---\n{other}", encoding="utf-8")
    result = run_chithi("check", str(stream), "--format", "json", "--lang", "en")
    assert result.returncode == 2
    assert reports_of(result) == [f"{stream}#1", f"{stream}#3"]
    broken_line = stream.read_text(encoding="utf-8").splitlines().index("id: broken") + 1
    assert f"{stream}:{broken_line}:1:" in result.stderr


def test_parallel_jobs_give_the_same_output_and_exception_records(run_chithi, tmp_path):
    for n in range(6):
        for seed in ("03-leader-repeated-delays.yaml", "08-dismissed-and-waived.yaml"):
            shutil.copy(SEEDS / seed, tmp_path / f"{n}-{seed}")
    exceptions = tmp_path.parent / f"{tmp_path.name}-exceptions.yaml"  # outside the walked folder
    exceptions.write_text(
        "exceptions:\n"
        '  - {id: EX-1, indicator: NT-03, scope: {unit: "Phòng Tài nguyên và Môi trường quận Long Biên"},\n'
        '     reason: test, owner: test, expires: "2030-01-01"}\n',
        encoding="utf-8",
    )
    args = (
        "check",
        str(tmp_path),
        "--format",
        "json",
        "--exceptions",
        str(exceptions),
        "--today",
        "2025-01-01",
    )
    one = run_chithi(*args, "--jobs", "1")
    two = run_chithi(*args, "--jobs", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    (record,) = json.loads(two.stdout)["exceptions"]
    assert record["status"] == "applied" and len(record["applied_to"]) == 6


def test_json_written_report_by_report_is_the_same_document_as_written_whole(run_chithi, tmp_path):
    """JSON alone is streamed (memory stays flat); beside another format it is written whole."""
    shutil.copytree(SEEDS, tmp_path / "in")
    (tmp_path / "in" / "zz-broken.yaml").write_text("id: [", encoding="utf-8")
    streamed_file = tmp_path / "streamed.json"
    whole_file = tmp_path / "whole.json"
    inputs = str(tmp_path / "in")
    streamed = run_chithi("check", inputs, "-f", "json", "-o", "-", "-o", str(streamed_file))
    whole = run_chithi(
        "check", inputs, "-o", f"json:{whole_file}", "-o", f"table:{tmp_path / 'table.txt'}"
    )
    assert streamed.returncode == whole.returncode == 2  # the broken file is reported, not fatal
    document = whole_file.read_text(encoding="utf-8")
    assert streamed.stdout == document == streamed_file.read_text(encoding="utf-8")
    parsed = json.loads(document)
    assert parsed["totals"] == {"files": 13, "checked": 12, "failed": 1}  # seed 12 is a workbook
    assert [p["code"] for p in parsed["problems"]] == ["E-YAML"]


def test_workers_redact_and_judge_fail_on_as_one_process_does(run_chithi, tmp_path):
    for n in range(4):
        for seed in sorted(SEEDS.glob("*.yaml")):
            shutil.copy(seed, tmp_path / f"{n}-{seed.name}")
    args = ("check", str(tmp_path), "-f", "json", "--redact", "--fail-on", "serious")
    key = {"CHITHI_REDACT_KEY": "test-key"}  # one key: the same pseudonyms in every process
    one = run_chithi(*args, "--jobs", "1", env=key)
    two = run_chithi(*args, "--jobs", "2", env=key)
    assert one.returncode == two.returncode == 1  # some seed reaches "serious"
    assert one.stdout == two.stdout
    names = {r["subject"]["name"] for r in json.loads(two.stdout)["reports"]}
    assert "Nguyễn Hữu Thắng" not in names and len(names) > 1
