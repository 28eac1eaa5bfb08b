"""The library API (docs/api.md): what a program calling chithi gets, without the CLI."""

from __future__ import annotations

import json
from datetime import date

import pytest

import chithi
from chithi.api import (
    Problem,
    RunOutcome,
    Severity,
    check_many,
    check_report,
    check_stream,
    load_exceptions,
    load_ruleset,
    report_files,
    summarise,
    validate_ruleset,
)
from chithi.render.machine.json_summary import report_line
from conftest import SEEDS
from helpers import bundled, ruleset_variant

# The report files of the seed folder: YAML, and seed 12 as a workbook
SEED_FILES = sorted(str(p) for p in SEEDS.iterdir() if p.suffix in (".yaml", ".xlsx"))


def test_check_many_streams_results_and_problems_in_input_order(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [unclosed", encoding="utf-8")
    inputs = [SEED_FILES[2], str(broken), SEED_FILES[0], str(tmp_path / "missing.yaml")]
    items = list(check_many(inputs))
    assert [type(i).__name__ for i in items] == [
        "ReportResult",
        "Problem",
        "ReportResult",
        "Problem",
    ]
    assert items[0].path == SEED_FILES[2] and items[2].path == SEED_FILES[0]
    assert items[1].file == str(broken) and items[3].file == str(tmp_path / "missing.yaml")


def test_check_many_on_two_processes_gives_what_one_gives():
    one = list(check_many([str(SEEDS)], jobs=1))
    two = list(check_many([str(SEEDS)], jobs=2))
    assert [r.path for r in two] == SEED_FILES
    assert [(r.path, r.total, r.level.id, r.rows) for r in two] == [
        (r.path, r.total, r.level.id, r.rows) for r in one
    ]
    assert all(r.ruleset is one[0].ruleset for r in two)  # the parent's ruleset, re-attached


def test_check_many_reads_folders_and_globs_as_the_cli_does():
    by_glob = [r.path for r in check_many([str(SEEDS / "0*.yaml")])]
    assert by_glob == [p for p in SEED_FILES if p.rsplit("/", 1)[1].startswith("0")]
    files, problems = report_files([str(SEEDS), str(SEEDS / "nothing-*.yaml")])
    assert files == SEED_FILES
    assert [p.code for p in problems] == ["E-READ"]


def test_one_path_given_alone_is_one_input_not_its_letters():
    assert [r.path for r in check_many(str(SEEDS))] == SEED_FILES
    assert summarise(SEEDS).aggregate.reports == len(SEED_FILES)


def test_a_single_report_keeps_its_library_call():
    result = check_report(SEED_FILES[9])
    assert result.level.id == "serious"
    assert chithi.check_report is check_report


def test_where_exceptions_applied_is_read_from_the_rows_alike_on_any_number_of_jobs(tmp_path):
    exceptions = tmp_path / "exceptions.yaml"
    exceptions.write_text(
        "exceptions:\n"
        "  - id: EX-1\n    indicator: NT-06\n"
        '    scope: {unit: "Phòng Tài nguyên và Môi trường quận Long Biên"}\n'
        '    reason: r\n    owner: o\n    expires: "2030-01-01"\n'
        "  - id: EX-2\n    indicator: KL-02\n"
        '    scope: {unit: "nowhere"}\n    reason: r\n    owner: o\n    expires: "2030-01-01"\n',
        encoding="utf-8",
    )
    rules = bundled()
    suppressions = load_exceptions(exceptions, rules, date(2025, 1, 1))
    records = []
    for jobs in (1, 2):
        outcome = RunOutcome(rules)
        for item in check_stream([str(SEEDS)], rules, jobs=jobs, exceptions=suppressions):
            if not isinstance(item, Problem):
                outcome.add(item)
        records.append(outcome.exception_records(suppressions))
    assert records[0] == records[1]
    applied, unused = records[0]
    assert applied.status == "applied" and unused.status == "unused"
    report = str(SEEDS / "03-leader-repeated-delays.yaml")
    assert applied.applied_to == ((report, "SV-1"), (report, "SV-2"), (report, "SV-4"))


def test_fail_on_is_judged_from_each_reports_level():
    rules = bundled()
    seeds = [SEED_FILES[0], SEED_FILES[9]]  # clean, then serious
    for level, reached in (("serious", True), ("critical", False)):
        outcome = RunOutcome(rules, level)
        for item in check_stream(seeds, rules, str):
            assert not isinstance(item, Problem)
            outcome.add(item)
        assert outcome.checked == 2 and outcome.reached is reached


def test_summarise_reports_what_it_could_not_read(tmp_path):
    summary = summarise([SEED_FILES[0], str(tmp_path / "missing.yaml")])
    assert summary.aggregate.reports == 1
    assert [p.code for p in summary.problems] == ["E-READ"]


def test_validate_ruleset_finds_the_problem_and_never_raises(tmp_path):
    bad = ruleset_variant(tmp_path, lambda data: data["groups"][0].update(size=11))
    found = validate_ruleset(bad)
    assert "RS-GROUP-SIZE" in {p.code for p in found.problems}
    bundled_problems = validate_ruleset(load_ruleset().path).problems
    assert all(p.severity != Severity.ERROR for p in bundled_problems)  # notices only


@pytest.mark.parametrize("name", ["InputError", "RulesetError", "Problem"])
def test_errors_are_exported(name):
    assert getattr(chithi, name) is getattr(chithi.api, name)
    assert name in chithi.api.__all__


def test_a_json_line_can_be_made_where_a_report_is_checked():
    (item,) = check_stream([SEED_FILES[1]], bundled(), report_line)
    assert not isinstance(item, Problem)
    assert json.loads(item.value)["path"] == SEED_FILES[1]
