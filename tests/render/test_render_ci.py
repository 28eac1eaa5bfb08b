"""CI output formats (SARIF, JUnit, GitHub annotations, Markdown) read by the tools CI uses."""

from __future__ import annotations

import dataclasses
import json
import math
import re
import xml.etree.ElementTree as ET

import pytest
from junitparser import Error, Failure, JUnitXml, Skipped
from sarif import loader

from chithi.api import check_report, load_ruleset
from chithi.core.i18n import Text
from chithi.core.problems import Problem, Severity
from chithi.model.runs import (
    CheckRun,
    ExampleOutcome,
    ExceptionRecord,
    RenderOptions,
    RulesetValidation,
    ValidateRun,
)
from chithi.model.runs import (
    TestReportOutcome as ReportOutcome,  # "Test…" would be collected by pytest
)
from chithi.render.documents import markdown, step_summary
from chithi.render.machine import github, junit, sarif
from conftest import ROOT, SEEDS
from helpers import check_text, incident, report_yaml

# The seeds read with their phrases alone: these tests are about the formats, and every
# text-only detection is then a suggestion (test_trust.py and test_reader.py cover the reader).
RULESET = dataclasses.replace(load_ruleset(), reader=None)
SEED_03 = "seeds/03-leader-repeated-delays.yaml"  # 3 × NT-06 violated, NT-03 probable (SV-3)
SEED_08 = "seeds/08-dismissed-and-waived.yaml"  # KL-01 not violated, KL-09 waived, NT-06 violated
NAMES = ("Nguyễn Hữu Thắng", "Ngô Đức Hùng")  # the two seeds' subjects
EN, VI = RenderOptions(lang="en"), RenderOptions(lang="vi")


def checked(relative: str):
    """A real check of a seed, with the path as a user would give it (relative, POSIX)."""
    result = check_report(SEEDS.parent / relative, RULESET)
    return dataclasses.replace(result, path=relative)


R03, R08 = checked(SEED_03), checked(SEED_08)
PLAIN = CheckRun(RULESET, (R08, R03), ())  # given out of order on purpose


def with_exception(result, incident_id: str, exception_id: str):
    """What `check --exceptions` makes of a suppressed row: waived, 0 points, the entry's id."""
    incidents = tuple(
        dataclasses.replace(
            item,
            rows=tuple(
                dataclasses.replace(r, outcome="waived", points=0.0, exception=exception_id)
                for r in item.rows
            ),
        )
        if item.incident.id == incident_id
        else item
        for item in result.incidents
    )
    return dataclasses.replace(result, incidents=incidents)


UNREADABLE = Problem("reports/broken.yaml", 4, 7, "E-PARSE", Text("sai cú pháp", "bad syntax"))
EXCEPTIONS = (
    ExceptionRecord(
        id="EX-1",
        indicator="NT-03",
        unit=None,
        person="Nguyễn Hữu Thắng",
        reason="Đã được Ban Thường vụ xem xét riêng",
        owner="Ủy ban Kiểm tra",
        expires="2025-06-30",
        status="applied",
        applied_to=((SEED_03, "SV-3"),),
    ),
    ExceptionRecord(
        id="EX-2",
        indicator="KL-01",
        unit="UBND phường Văn Quán",
        person=None,
        reason="Hết hiệu lực",
        owner="Văn phòng",
        expires="2024-01-01",
        status="expired",
    ),
)
EXCEPTED = CheckRun(
    RULESET,
    (with_exception(R03, "SV-3", "EX-1"), R08),
    (UNREADABLE,),
    EXCEPTIONS,
    "ci/exceptions.yaml",
)

RULESET_FILE = "rulesets/demo.yaml"
TRICKY = Text(
    "nhóm KL có 11 | chỉ số: 100% sai,\nxem lại",
    "group KL has 11 | indicators: 100% wrong,\nreview",
)
VALIDATION = RulesetValidation(
    RULESET_FILE,
    "demo-1",
    (
        Problem(RULESET_FILE, 12, 3, "RS-GROUP-SIZE", TRICKY),
        Problem(
            RULESET_FILE, None, None, "RS-LEVELS", Text("mức lộn xộn", "levels"), Severity.WARNING
        ),
        Problem(RULESET_FILE, 40, 5, "RS-EMPTY-PHRASE", Text("rỗng", "empty"), Severity.NOTICE),
    ),
    (
        ExampleOutcome("KL-01", "match", "nhận phong bì", 30, 9, ("KL-01",)),
        ExampleOutcome("KL-02", "no_match", "đi họp đúng giờ", 31, 9, ("KL-02",)),
    ),
    (
        ReportOutcome("rulesets/tests/a.yaml", "low", ("NT-06",), "low", ("NT-06",)),
        ReportOutcome("rulesets/tests/b.yaml", "serious", ("NT-06",), "low", ("NT-06",)),
    ),
)
VALIDATE = ValidateRun((VALIDATION,), checks={"RS-GROUP-SIZE": "Groups hold their declared size"})


def narrative_sentences(*results) -> list[str]:
    return [
        " ".join(d.sentence.split())
        for result in results
        for row in result.rows
        for d in row.detections
    ]


# ---- SARIF ----


def load_sarif(tmp_path, text: str):
    path = tmp_path / "out.sarif"
    path.write_text(text, encoding="utf-8")
    return loader.load_sarif_file(str(path))


def test_sarif_is_read_by_sarif_tools_with_one_result_per_finding(tmp_path):
    document = load_sarif(tmp_path, sarif.render_check(PLAIN, EN))
    # 03: 3 violated + 1 probable; 08: 1 violated + 1 waived (KL-01 is not violated: no result).
    assert document.get_result_count() == 6
    assert document.get_distinct_tool_names() == ["chithi"]
    records = document.get_records()
    assert sorted(r["Severity"] for r in records) == ["error"] * 4 + ["note", "warning"]
    assert {(r["Location"], r["Code"]) for r in records} >= {(SEED_03, "NT-06"), (SEED_08, "KL-09")}


def test_sarif_counts_problems_and_excepted_rows(tmp_path):
    document = load_sarif(tmp_path, sarif.render_check(EXCEPTED, EN))
    assert document.get_result_count() == 7  # the 6 findings + one unreadable report
    assert document.get_rules_by_id("E-PARSE")


def test_sarif_has_the_structure_code_scanning_needs():
    doc = json.loads(sarif.render_check(EXCEPTED, VI))
    assert doc["version"] == "2.1.0" and "sarif-2.1.0" in doc["$schema"]
    (run,) = doc["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "chithi" and driver["version"] and driver["informationUri"]
    rules = driver["rules"]
    assert [r["id"] for r in rules[:25]] == [i.id for i in RULESET.indicators]
    first = rules[0]
    indicator = RULESET.indicators[0]
    assert first["shortDescription"]["text"] == indicator.title.vi
    assert (
        indicator.title.en in first["help"]["text"] and indicator.title.vi in first["help"]["text"]
    )
    assert {"group", "weight", "provenance", "source_item", "tags"} <= set(first["properties"])
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
        assert result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] in {SEED_03, SEED_08, "reports/broken.yaml"}
        assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1
        assert len(next(iter(result["partialFingerprints"].values()))) == 32
    fingerprints = [next(iter(r["partialFingerprints"].values())) for r in run["results"]]
    assert len(set(fingerprints)) == len(fingerprints)
    nt06 = [r for r in run["results"] if r["ruleId"] == "NT-06"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in nt06][:3] == [
        i.incident.line for i in R03.incidents if i.incident.id != "SV-3"
    ]


def test_sarif_is_deterministic_and_rule_ids_are_stable():
    once = sarif.render_check(PLAIN, EN)
    reordered = CheckRun(RULESET, (R03, R08), ())
    assert sarif.render_check(reordered, EN) == once
    ids = [r["ruleId"] for r in json.loads(once)["runs"][0]["results"]]
    ids_vi = [r["ruleId"] for r in json.loads(sarif.render_check(PLAIN, VI))["runs"][0]["results"]]
    assert ids == ids_vi == ["NT-06", "NT-06", "NT-03", "NT-06", "KL-09", "NT-06"]


def test_sarif_carries_no_narrative_or_names_unless_asked():
    sentences = narrative_sentences(R03, R08)
    assert sentences
    for options in (EN, VI):
        text = sarif.render_check(EXCEPTED, options)
        for private in (*NAMES, *sentences, "Ông Hùng", EXCEPTIONS[0].reason, R03.report.unit):
            assert private not in text
    shown = sarif.render_check(EXCEPTED, RenderOptions(lang="en", include_text=True))
    messages = " ".join(r["message"]["text"] for r in json.loads(shown)["runs"][0]["results"])
    assert any(s in messages for s in narrative_sentences(R03))
    assert "Nguyễn Hữu Thắng" in shown  # the exception's person, listed in run properties


def test_sarif_suppresses_waived_and_excepted_rows():
    (run,) = json.loads(sarif.render_check(EXCEPTED, EN))["runs"]
    suppressed = {r["ruleId"]: r["suppressions"] for r in run["results"] if "suppressions" in r}
    assert set(suppressed) == {"KL-09", "NT-03"}
    assert suppressed["NT-03"][0]["kind"] == "external"
    assert "EX-1" in suppressed["NT-03"][0]["justification"]
    assert suppressed["KL-09"][0]["kind"] == "inSource"  # the waiver is written in the report
    assert suppressed["KL-09"][0]["justification"]
    listed = {e["id"]: e["status"] for e in run["properties"]["exceptions"]}
    assert listed == {"EX-1": "applied", "EX-2": "expired"}
    assert run["properties"]["exceptionsFile"] == "ci/exceptions.yaml"


def test_sarif_validate_points_at_problems_and_failed_self_tests(tmp_path):
    text = sarif.render_validate(VALIDATE, EN)
    # 3 problems + the failing no_match example + the failing test report.
    assert load_sarif(tmp_path, text).get_result_count() == 5
    (run,) = json.loads(text)["runs"]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert {"RS-GROUP-SIZE", "RS-LEVELS", "RS-EMPTY-PHRASE", "RS-EXAMPLE-FIRED"} <= set(rule_ids)
    assert {"RS-TEST-FAILED"} <= set(rule_ids)
    file_level = next(r for r in run["results"] if r["ruleId"] == "RS-LEVELS")
    assert "region" not in file_level["locations"][0]["physicalLocation"]
    assert file_level["level"] == "warning"
    example = next(r for r in run["results"] if r["ruleId"] == "RS-EXAMPLE-FIRED")
    assert example["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 31,
        "startColumn": 9,
    }


def test_failed_self_tests_already_reported_as_problems_are_not_repeated(tmp_path):
    # `chithi validate` reports a failed example as a problem at the example's own line.
    reported = Problem(
        RULESET_FILE, 31, 9, "RS-EXAMPLE-FIRED", Text("ví dụ kích hoạt", "example fires")
    )
    failed = Problem("rulesets/tests/b.yaml", None, None, "RS-TEST-FAILED", Text("sai", "wrong"))
    run = ValidateRun(
        (dataclasses.replace(VALIDATION, problems=(*VALIDATION.problems, reported, failed)),)
    )
    assert load_sarif(tmp_path, sarif.render_validate(run, EN)).get_result_count() == 5
    assert len(github.render_validate(run, EN).splitlines()) == 5
    assert len(table_rows(markdown.render_validate(run, EN))) == 2 + 5  # header, rule, problems


# ---- JUnit ----


def load_junit(tmp_path, text: str) -> JUnitXml:
    path = tmp_path / "out.xml"
    path.write_text(text, encoding="utf-8")
    return JUnitXml.fromfile(str(path))


def outcomes(xml: JUnitXml) -> dict[str, int]:
    """Count results the way a CI dashboard does, from junitparser's own view of each case."""
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in xml:
        for case in suite:
            counts["tests"] += 1
            kinds = {type(r) for r in case.result}
            counts["failures"] += Failure in kinds
            counts["errors"] += Error in kinds
            counts["skipped"] += Skipped in kinds
    return counts


def test_junit_has_a_case_per_indicator_per_report(tmp_path):
    xml = load_junit(tmp_path, junit.render_check(PLAIN, EN))
    # 03: NT-06 and NT-03 (probable) fail; 08: NT-06 fails, KL-09 (waived) is skipped.
    expected = {"tests": 50, "failures": 3, "errors": 0, "skipped": 1}
    assert outcomes(xml) == expected
    assert {k: getattr(xml, k) for k in expected} == expected
    suites = {suite.name: suite for suite in xml}
    assert set(suites) == {SEED_03, SEED_08}
    cases = {case.name.split()[0]: case for case in suites[SEED_03]}
    assert len(cases) == 25 and cases["NT-06"].classname == "NT"
    (failure,) = cases["NT-06"].result
    assert failure.type == "violated" and "SV-1, SV-2, SV-4" in failure.message


def test_junit_skips_excepted_rows_and_errors_on_unreadable_reports(tmp_path):
    text = junit.render_check(EXCEPTED, EN)
    xml = load_junit(tmp_path, text)
    expected = {"tests": 51, "failures": 2, "errors": 1, "skipped": 2}
    assert outcomes(xml) == expected
    assert {k: getattr(xml, k) for k in expected} == expected
    suites = {suite.name: suite for suite in xml}
    nt03 = next(c for c in suites[SEED_03] if c.name.startswith("NT-03"))
    (skipped,) = nt03.result
    assert "EX-1" in skipped.message
    exceptions = next(s for s in xml if "exceptions" in s.name)
    assert {p.name: p.value for p in exceptions.properties()} == {
        "exception.EX-1": "applied",
        "exception.EX-2": "expired",
    }
    system_out = ET.fromstring(text.encode("utf-8")).find("testsuite[last()]/system-out")
    assert system_out is not None and "EX-1" in system_out.text and "EX-2" in system_out.text


def test_junit_skips_insufficient_evidence_and_says_so(tmp_path):
    unsure = dataclasses.replace(
        R08,
        incidents=tuple(
            dataclasses.replace(
                item,
                rows=tuple(
                    dataclasses.replace(r, outcome="insufficient_evidence") for r in item.rows
                ),
            )
            if item.incident.id == "SV-3"
            else item
            for item in R08.incidents
        ),
    )
    xml = load_junit(tmp_path, junit.render_check(CheckRun(RULESET, (unsure,), ()), EN))
    assert outcomes(xml) == {"tests": 25, "failures": 0, "errors": 0, "skipped": 2}
    nt06 = next(c for s in xml for c in s if c.name.startswith("NT-06"))
    assert "Insufficient evidence: SV-3" in nt06.result[0].message


def test_junit_validate_counts_self_tests_and_problem_groups(tmp_path):
    # 2 examples + 2 test reports + 3 severity groups; failing: 1 example, 1 report, errors.
    xml = load_junit(tmp_path, junit.render_validate(VALIDATE, EN))
    assert outcomes(xml) == {"tests": 7, "failures": 3, "errors": 0, "skipped": 0}
    strict = dataclasses.replace(VALIDATE, strict=True)
    assert outcomes(load_junit(tmp_path, junit.render_validate(strict, EN)))["failures"] == 4


def test_junit_strips_characters_xml_cannot_hold(tmp_path):
    hostile = Problem(
        RULESET_FILE, 1, 1, "RS-X", Text("a\x00b\x1b[31mc\x7f", "a\x00b\x1b[31mc\x7f")
    )
    run = ValidateRun((RulesetValidation(RULESET_FILE, "x", (hostile,)),))
    text = junit.render_validate(run, EN)
    assert "\x00" not in text and "\x1b" not in text
    xml = load_junit(tmp_path, text)
    assert outcomes(xml)["failures"] == 1


# ---- GitHub annotations ----


def test_github_one_line_per_finding_with_the_right_command():
    lines = github.render_check(PLAIN, EN).splitlines()
    assert len(lines) == 6
    kinds = [line.split(" ", 1)[0] for line in lines]
    assert kinds.count("::error") == 4
    assert kinds.count("::warning") == 1
    assert kinds.count("::notice") == 1  # the waived KL-09: shown, never as a pass
    assert lines[0].startswith(f"::error file={SEED_03},line=") and ",col=" in lines[0]
    everything = github.render_check(EXCEPTED, EN).splitlines()
    assert len(everything) == 6 + 1 + 2  # findings, the unreadable report, two exceptions
    assert sum("EX-1" in line for line in everything) == 2  # the suppressed row and the notice


def test_github_escapes_data_and_properties():
    lines = github.render_validate(VALIDATE, EN).splitlines()
    assert len(lines) == 5
    tricky = next(line for line in lines if "RS-GROUP-SIZE" in line)
    assert tricky.endswith("::group KL has 11 | indicators: 100%25 wrong,%0Areview")
    assert f"::error file={RULESET_FILE},line=12,col=3,title=chithi RS-GROUP-SIZE::" in tricky
    file_level = next(line for line in lines if "RS-LEVELS" in line)
    assert file_level.startswith(f"::warning file={RULESET_FILE},title=")
    assert "line=" not in file_level
    odd = Problem("odd, name: 100%.yaml", 2, None, "RS-Y", Text("x\r\ny", "x\r\ny"))
    (line,) = github.render_validate(
        ValidateRun((RulesetValidation("odd, name: 100%.yaml", "y", (odd,)),)), EN
    ).splitlines()
    assert line == "::error file=odd%2C name%3A 100%25.yaml,line=2,title=chithi RS-Y::x%0D%0Ay"
    title = github.render_check(PLAIN, EN).splitlines()[0]
    assert "title=NT-06 Delays in handling work%2C files" in title


def test_github_keeps_names_out_and_step_summary_is_the_markdown():
    text = github.render_check(EXCEPTED, VI)
    for private in (*NAMES, *narrative_sentences(R03, R08), EXCEPTIONS[0].reason):
        assert private not in text
    assert step_summary.for_check(EXCEPTED, VI) == markdown.render_check(EXCEPTED, VI)
    assert step_summary.for_validate(VALIDATE, EN) == markdown.render_validate(VALIDATE, EN)


# ---- Markdown ----


def tables(text: str) -> list[list[list[str]]]:
    """Every table, as rows of cells split on unescaped pipes (header and rule included)."""
    found: list[list[list[str]]] = []
    previous = ""
    for line in text.splitlines():
        if line.startswith("| "):
            cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
            if not previous.startswith("| "):
                found.append([])
            found[-1].append(cells)
        previous = line
    return found


def table_rows(text: str) -> list[list[str]]:
    return [row for table in tables(text) for row in table]


@pytest.mark.parametrize("options", [EN, VI], ids=["en", "vi"])
def test_markdown_has_level_and_a_row_per_finding(options):
    text = markdown.render_check(EXCEPTED, options)
    assert R03.level.name(options.lang) in text and R08.level.name(options.lang) in text
    rows = table_rows(text)
    finding_rows = [row for row in rows if row[0].startswith("SV-") and len(row) == 6]
    findings = {(row[0], row[2].split()[0]) for row in finding_rows}
    assert findings == {(r.incident_id, r.indicator_id) for r in (*R03.rows, *R08.rows)}
    assert len(finding_rows) == len(R03.rows) + len(R08.rows)
    # The formula table: one row per finding, whose factors multiply to its points.
    formula_rows = [row for row in rows if row[0].startswith("SV-") and len(row) == 4]
    assert len(formula_rows) == len(finding_rows)
    for row in formula_rows:
        product, _, waived = row[2].partition(" → ")
        product, _, repeats = product.partition(" (")  # "(repeats incident SV-1)"
        assert not repeats or "SV-" in repeats
        factors = [float(f.replace(",", ".")) for f in product.split(" × ")]  # vi: 0,7
        product = 0.0 if waived else math.prod(factors)
        assert round(product, 2) == pytest.approx(float(row[3].replace(",", ".")), abs=0.01)
    assert "EX-1" in text and "EX-2" in text and "E-PARSE" in text
    assert not re.search(r"(?<!\\)<[A-Za-z/!]", text)  # no raw HTML
    for private in (*NAMES, *narrative_sentences(R03, R08), EXCEPTIONS[0].reason, R03.report.unit):
        assert private not in text
    for table in tables(text):
        assert {len(row) for row in table} == {len(table[0])}  # no cell text split a row


def test_markdown_escapes_cell_text():
    hostile = dataclasses.replace(
        R03, report=dataclasses.replace(R03.report, id="<b>BC|1</b> `x` *y*")
    )
    text = markdown.render_check(CheckRun(RULESET, (hostile,), ()), EN)
    assert r"\<b\>BC\|1\</b\> \`x\` \*y\*" in text
    assert "<b>" not in text
    validate = markdown.render_validate(VALIDATE, EN)
    (cells,) = [row for row in table_rows(validate) if "RS-GROUP-SIZE" in row]
    assert cells == [f"{RULESET_FILE}:12:3", "error", "RS-GROUP-SIZE", cells[3]]
    assert r"11 \| indicators: 100% wrong, review" in cells[3]


def test_markdown_validate_summary_line():
    text = markdown.render_validate(VALIDATE, EN)
    assert "## ❌ demo-1" in text
    assert "errors: 3 · warnings: 1 · notices: 1" in text
    assert "examples: 1 passed, 1 failed · test reports: 1 passed, 1 failed" in text
    clean = ValidateRun((RulesetValidation(RULESET_FILE, "ok-1", ()),))
    assert "## ✅ ok-1" in markdown.render_validate(clean, EN)


def test_include_text_adds_matched_sentences_and_names():
    options = RenderOptions(lang="vi", include_text=True)
    text = markdown.render_check(PLAIN, options)
    assert "Nguyễn Hữu Thắng" in text
    assert "Câu khớp" in text
    annotations = github.render_check(PLAIN, options)
    assert "«" in annotations


def test_github_format_appends_the_full_table_to_the_step_summary(run_chithi, tmp_path):
    summary = tmp_path / "step-summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    seed = "seeds/03-leader-repeated-delays.yaml"
    result = run_chithi(
        "check",
        seed,
        "--format",
        "github",
        "--lang",
        "en",
        cwd=ROOT,
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert result.stdout.count("::error") == 3 and result.stdout.count("::warning") == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n")
    assert "| SV-4 | NT | NT-06" in text
    plain = run_chithi(
        "check", seed, "--format", "json", cwd=ROOT, env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert plain.returncode == 0
    assert summary.read_text(encoding="utf-8") == text  # only the github format writes it


def test_a_suggestion_travels_through_every_ci_format_as_one(tmp_path):
    """Text alone suggests: SARIF gives it kind "review" at level note, JUnit skips it saying
    so, GitHub makes it a notice; none of them reads it as a failure."""
    result = dataclasses.replace(
        check_text(
            report_yaml(incident("Ông Thử nhiều lần đi muộn về sớm.", status="confirmed")),
            RULESET,
        ),
        path="r.yaml",
    )
    (row,) = result.rows
    assert row.outcome == "suggested"
    run = CheckRun(RULESET, (result,), ())
    document = json.loads(sarif.render_check(run, EN))
    (item,) = document["runs"][0]["results"]
    assert (item["level"], item["kind"]) == ("note", "review")
    assert "Suggested for review" in item["message"]["text"]
    xml = junit.render_check(run, EN)
    assert "Suggested for review: SV-1" in xml and "<failure" not in xml
    lines = github.render_check(run, EN).splitlines()
    assert any(line.startswith("::notice") and "Suggested for review" in line for line in lines)
