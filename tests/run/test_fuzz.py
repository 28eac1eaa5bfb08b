"""Generated and mutated reports and rulesets never break chithi's contract.

Derandomized, with a fixed number of examples: every run tries the same inputs, so the suite
takes the same time and a failure reproduces. The long random soak is
benchmarks/fuzz_soak.py."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chithi.api import default_ruleset_path
from fuzzing import any_report, contract_violations, run_in_process, truncated, type_swapped_yaml

FUZZ = settings(
    derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
RULESET_TEXT = default_ruleset_path().read_text(encoding="utf-8")
RULESET_DATA = yaml.safe_load(RULESET_TEXT)


@settings(FUZZ, max_examples=250)
@given(content=any_report, output_format=st.sampled_from(["json", "table"]), explain=st.booleans())
def test_any_report_keeps_the_contract(tmp_path_factory, content, output_format, explain):
    path = tmp_path_factory.mktemp("fuzz") / "report.yaml"
    path.write_bytes(content)
    args = ["check", str(path), "--format", output_format] + (["--explain"] if explain else [])
    code, stdout, stderr = run_in_process(*args)
    assert not contract_violations(code, stdout, stderr, json_output=output_format == "json")
    assert code in (0, 2)


@settings(FUZZ, max_examples=40)
@given(
    content=st.one_of(type_swapped_yaml([RULESET_DATA]).map(str.encode), truncated([RULESET_TEXT]))
)
def test_any_ruleset_keeps_the_contract(tmp_path_factory, content):
    folder = tmp_path_factory.mktemp("fuzz-rules")
    ruleset = folder / "rules.yaml"
    ruleset.write_bytes(content)
    code, stdout, stderr = run_in_process("rules", "--ruleset", str(ruleset), "--format", "json")
    assert not contract_violations(code, stdout, stderr, json_output=code == 0)
    assert code in (0, 3)
    if code == 3:
        assert stderr.strip()


@settings(FUZZ, max_examples=300)
@given(text=st.text(max_size=300).filter(lambda t: t != "-"))  # "-" means: read stdin
def test_match_never_fails_on_any_text(text):
    code, stdout, stderr = run_in_process("match", "--format", "json", "--", text)
    assert not contract_violations(code, stdout, stderr, json_output=True)
    assert code == 0
