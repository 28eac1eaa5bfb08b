"""Where outputs go and in which format (docs/ci.md, "Where -o writes"): never silently wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer

from chithi.commands.common import OutputTarget, output_targets
from chithi.render.registry import CHECK_RENDERERS, SUMMARY_RENDERERS, VALIDATE_RENDERERS
from conftest import ROOT, SEEDS

ONE_SEED = str(SEEDS / "03-leader-repeated-delays.yaml")
RULESET = str(ROOT / "rulesets" / "hn-24-ct-tu-2023.yaml")
MISSING_RULESET = "/nonexistent/ruleset.yaml"  # loading it would exit 3: refusals come first


def targets(values, chosen=None, default="table", known=CHECK_RENDERERS):
    return output_targets(values, chosen, default, known, "en")


def formats(values, chosen=None, default="table", known=CHECK_RENDERERS):
    return [t.format for t in targets(values, chosen, default, known)]


# ---- Which format each -o gets ----


@pytest.mark.parametrize(
    ("values", "chosen", "expected"),
    [
        (None, None, ["table"]),  # no -o: standard output, the default
        (None, "json", ["json"]),
        (["-"], "sarif", ["sarif"]),
        (["json:-"], None, ["json"]),
        (["out.json"], None, ["json"]),  # the extension, not the default table
        (["out.sarif"], None, ["sarif"]),
        (["out.sarif.json"], None, ["sarif"]),  # GitHub's other name for a SARIF file
        (["junit.xml"], None, ["junit"]),
        (["out.md"], None, ["markdown"]),
        (["OUT.HTML"], None, ["html"]),
        (["out.txt"], None, ["table"]),
        (["out.json"], "json", ["json"]),  # --format agrees with the extension
        (["out.log"], "github", ["github"]),  # an extension that says nothing: --format
        (["out.log"], None, ["table"]),  # … or the default
        (["/dev/stdout"], "json", ["json"]),
        (["json:out.sarif"], None, ["json"]),  # the prefix wins over everything
        (["JSON:out.txt"], "sarif", ["json"]),
        (["markdown:out.md", "out.sarif", "x.log"], None, ["markdown", "sarif", "table"]),
        (["markdown:out.md", "x.log"], "github", ["markdown", "github"]),
    ],
)
def test_the_format_comes_from_prefix_then_extension_then_format(values, chosen, expected):
    assert formats(values, chosen) == expected


def test_txt_is_the_plain_text_format_of_the_command():
    assert formats(["out.txt"], default="text", known=VALIDATE_RENDERERS) == ["text"]
    assert formats(["out.csv"], known=SUMMARY_RENDERERS) == ["csv"]


def test_a_prefix_that_is_no_format_is_part_of_the_file_name():
    (target,) = targets(["notes:out.json"])
    assert target == OutputTarget("json", Path("notes:out.json"))


@pytest.mark.parametrize(
    ("values", "chosen", "known", "message"),
    [
        (["csv:out.csv"], None, CHECK_RENDERERS, "this command cannot write csv; it writes: "),
        (
            ["sarif:s.sarif"],
            None,
            SUMMARY_RENDERERS,
            "this command cannot write sarif; it writes: ",
        ),
        (["out.sarif"], None, SUMMARY_RENDERERS, "the extension means sarif, which this command"),
        (["out.csv"], None, CHECK_RENDERERS, "the extension means csv, which this command"),
        (["out.sarif"], "json", CHECK_RENDERERS, "the extension means sarif but --format says"),
        (["out.txt"], "github", CHECK_RENDERERS, "the extension means table but --format says"),
    ],
)
def test_a_format_the_command_cannot_write_or_a_disagreement_is_refused(
    values, chosen, known, message, capsys
):
    with pytest.raises(typer.Exit) as stopped:
        targets(values, chosen, known=known)
    assert stopped.value.exit_code == 2
    error = capsys.readouterr().err
    assert message in error
    if "cannot write" in message:
        assert ", ".join(known) in error  # names what it can write


@pytest.mark.parametrize(
    ("args", "written", "vi", "en"),
    [
        (
            ("check", ONE_SEED, "-o", "csv:out.csv"),
            "table, json, sarif, junit, github, markdown, html",
            "lệnh này không ghi được định dạng csv",
            "this command cannot write csv",
        ),
        (
            ("summary", ONE_SEED, "-o", "sarif:summary.sarif"),
            "table, json, csv, html, markdown",
            "lệnh này không ghi được định dạng sarif",
            "this command cannot write sarif",
        ),
        (
            ("summary", ONE_SEED, "-o", "summary.sarif"),
            "table, json, csv, html, markdown",
            "đuôi tệp là định dạng sarif, lệnh này không ghi được",
            "the extension means sarif, which this command cannot write",
        ),
        (
            ("validate", RULESET, "-o", "html:out.html"),
            "text, json, sarif, junit, github, markdown",
            "lệnh này không ghi được định dạng html",
            "this command cannot write html",
        ),
        (
            ("diff", RULESET, RULESET, "-o", "out.html"),
            "table, markdown, json",
            "đuôi tệp là định dạng html, lệnh này không ghi được",
            "the extension means html, which this command cannot write",
        ),
    ],
)
def test_each_command_refuses_a_format_it_cannot_write_before_any_work(
    run_chithi, tmp_path, args, written, vi, en
):
    ruleset = ["--ruleset", MISSING_RULESET] if args[0] in ("check", "summary") else []
    for lang, message in (("vi", vi), ("en", en)):
        result = run_chithi(*args, *ruleset, "--lang", lang, cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        assert message in result.stderr and written in result.stderr
        assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []  # neither `csv:out.csv` nor anything else


def test_summary_help_offers_only_formats_summary_writes(run_chithi):
    help_text = run_chithi("summary", "--help").stdout
    assert "sarif" not in help_text
    assert "table, json, csv, html, markdown" in help_text


def test_a_file_gets_the_format_its_extension_says(run_chithi, tmp_path):
    result = run_chithi(
        "check", ONE_SEED, "-o", "out.sarif", "-o", "out.xml", "-o", "out.md", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert (tmp_path / "out.xml").read_text(encoding="utf-8").startswith("<?xml")
    assert (tmp_path / "out.md").read_text(encoding="utf-8").startswith("#")
    summary = run_chithi("summary", ONE_SEED, "-o", "s.json", cwd=tmp_path)
    assert summary.returncode == 0
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["reports"] == 1


def test_format_and_extension_cannot_disagree(run_chithi, tmp_path):
    result = run_chithi(
        "check", ONE_SEED, "-f", "json", "-o", "out.sarif", "--lang", "en", cwd=tmp_path
    )
    assert result.returncode == 2
    assert "-o json:out.sarif" in result.stderr and "-o sarif:out.sarif" in result.stderr
    assert not (tmp_path / "out.sarif").exists()
    forced = run_chithi("check", ONE_SEED, "-o", "json:out.sarif", cwd=tmp_path)
    assert forced.returncode == 0
    assert "reports" in json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))


# ---- A file in a folder that does not exist ----


@pytest.mark.parametrize(
    "command",
    [
        ("check", ONE_SEED),
        ("summary", ONE_SEED),
        ("validate", RULESET),
        ("diff", RULESET, RULESET),
    ],
)
def test_an_output_in_a_missing_folder_is_refused_naming_the_folder(run_chithi, tmp_path, command):
    folder = tmp_path / "no" / "such"
    for lang, message in (("vi", "không tồn tại"), ("en", "does not exist")):
        result = run_chithi(*command, "-o", str(folder / "out.json"), "--lang", lang)
        assert result.returncode == 2
        assert f"{folder} {message}" in result.stderr
        assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "no").exists()  # refused, not created


def test_init_in_a_missing_folder_is_refused_naming_the_folder(run_chithi, tmp_path):
    folder = tmp_path / "no" / "such"
    result = run_chithi("init", str(folder / "report.yaml"), "--lang", "en")
    assert result.returncode == 2
    assert f"folder {folder} does not exist" in result.stderr
    assert "internal error" not in result.stderr
    assert not (tmp_path / "no").exists()
    inside_a_file = run_chithi("init", f"{ONE_SEED}/report.yaml", "--lang", "en")
    assert inside_a_file.returncode == 2 and f"{ONE_SEED} is not a folder" in inside_a_file.stderr


def test_a_folder_is_not_overwritten_as_an_output(run_chithi, tmp_path):
    result = run_chithi("check", ONE_SEED, "-o", f"json:{tmp_path}", "--lang", "en")
    assert result.returncode == 2
    assert f"cannot write {tmp_path}: it is a folder" in result.stderr


# ---- Nothing checked ----


def test_an_unmatched_glob_leaves_earlier_outputs_as_they_were(run_chithi, tmp_path):
    earlier = run_chithi("check", ONE_SEED, "-o", "prev.json", "-o", "prev.sarif", cwd=tmp_path)
    assert earlier.returncode == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    pattern = str(tmp_path / "nomatch-*.yaml")
    for outputs in (["-o", "prev.json"], ["-o", "prev.json", "-o", "prev.sarif"]):
        # JSON alone is streamed while the reports are checked; with SARIF it is written whole.
        result = run_chithi("check", pattern, *outputs, "--lang", "en", cwd=tmp_path)
        assert result.returncode == 2
        assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no temporary left
        assert f"{pattern}: no file matches this pattern [E-READ]" in result.stderr
        assert "no report was checked; prev.json" in result.stderr
    broken = tmp_path / "sub"
    broken.mkdir()
    (broken / "bad.yaml").write_text("id: [", encoding="utf-8")
    result = run_chithi("check", str(broken), "-o", "new.sarif", "--lang", "vi", cwd=tmp_path)
    assert result.returncode == 2
    assert "không có báo cáo nào được kiểm; không ghi new.sarif" in result.stderr
    assert not (tmp_path / "new.sarif").exists()


def test_summary_of_nothing_leaves_an_earlier_summary_as_it_was(run_chithi, tmp_path):
    assert run_chithi("summary", ONE_SEED, "-o", "s.csv", cwd=tmp_path).returncode == 0
    before = (tmp_path / "s.csv").read_bytes()
    result = run_chithi("summary", str(tmp_path / "x-*.yaml"), "-o", "s.csv", cwd=tmp_path)
    assert result.returncode == 2
    assert (tmp_path / "s.csv").read_bytes() == before


@pytest.mark.parametrize("command", ["check", "summary"])
def test_an_empty_folder_says_so_and_exits_2(run_chithi, tmp_path, command):
    empty = tmp_path / "empty"
    (empty / "inner").mkdir(parents=True)
    (empty / "notes.txt").write_text("not a report", encoding="utf-8")
    for lang, message in (
        ("vi", "không có tệp .yaml, .yml, .xlsx hay .csv nào trong thư mục này"),
        ("en", "no .yaml, .yml, .xlsx or .csv file in this folder"),
    ):
        result = run_chithi(command, str(empty), "--lang", lang)
        assert result.returncode == 2
        assert f"{empty}: {message} [E-READ]" in result.stderr
    folders_only = run_chithi(command, str(tmp_path / "emp*"), "--lang", "en")
    assert folders_only.returncode == 2
    assert "matches only folders with no .yaml, .yml, .xlsx or .csv file" in folders_only.stderr


def test_a_folder_named_twice_is_not_empty_the_second_time(run_chithi):
    result = run_chithi("check", ONE_SEED, ONE_SEED, str(SEEDS), str(SEEDS), "-f", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["problems"] == []
