"""Outcomes, points, levels and compliance, every number taken from the ruleset."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chithi.api import load_ruleset
from helpers import bundled, check_text, incident, phrases_only, report_yaml, ruleset_variant

LATE = "Ông Thử nhiều lần đi muộn về sớm trong tháng 3."  # KL-09 (weight 5)


def row(result, indicator):
    return next(r for r in result.rows if r.indicator_id == indicator)


def policy():
    """The bundled ruleset's scoring: expected numbers are derived from it, never typed in."""
    return bundled().scoring


def weight(indicator):
    found = bundled().indicator(indicator)
    assert found is not None
    return found.weight


def combined(*reliabilities):
    """Noisy-OR of independent evidence items (docs/scoring.md §2)."""
    missing = 1.0
    for r in reliabilities:
        missing *= 1 - r
    return 1 - missing


def test_text_alone_is_a_suggestion_that_adds_nothing():
    result = check_text(report_yaml(incident(LATE, status="confirmed")), phrases_only())
    late = row(result, "KL-09")
    assert (late.basis, late.outcome, late.points) == ("matched", "suggested", 0)
    assert late.detections and late.confidence is None  # no learned reader: never sure
    assert (result.total, result.level.id, result.indicators_met) == (0, "none", ())
    assert all(g.compliance == 100 for g in result.groups)


def test_cited_alleged_without_evidence_is_insufficient_not_clean():
    result = check_text(report_yaml(incident(LATE, indicators=["KL-09"])))
    late = row(result, "KL-09")
    assert (late.basis, late.outcome, late.strength) == ("both", "insufficient_evidence", 0.0)
    p = policy()
    expected = (
        weight("KL-09")
        * p.outcome_factors["insufficient_evidence"]
        * p.status["alleged"].factor
        * p.basis_factors["both"]
    )
    assert late.points == pytest.approx(expected)
    assert result.level.id == "low"
    assert result.indicators_met == ()


def test_evidence_reliabilities_combine_into_outcomes():
    witness = {"type": "witness"}
    minutes = {"type": "minutes"}
    cited = {"indicators": ["KL-09"]}
    p = policy()
    w, m = p.reliability["witness"], p.reliability["minutes"]
    assert combined(w, w) >= p.probable_threshold  # the premise of the first case
    probable = check_text(report_yaml(incident(LATE, evidence=[witness, witness], **cited)))
    assert row(probable, "KL-09").strength == pytest.approx(combined(w, w))
    assert row(probable, "KL-09").outcome == "probable"
    strong = check_text(report_yaml(incident(LATE, evidence=[witness, minutes], **cited)))
    assert row(strong, "KL-09").strength == pytest.approx(combined(w, m))
    assert row(strong, "KL-09").outcome == "probable"  # nobody verified it: at most probable
    confirmed = check_text(
        report_yaml(incident(LATE, evidence=[witness], status="confirmed", **cited))
    )
    implied = p.status["confirmed"].implied_reliability
    assert row(confirmed, "KL-09").strength == pytest.approx(combined(w, implied))
    assert row(confirmed, "KL-09").outcome == "violated"


def test_evidence_scoped_to_other_indicators_does_not_count():
    scoped = {"type": "minutes", "indicators": ["NT-06"]}
    result = check_text(report_yaml(incident(LATE, evidence=[scoped], indicators=["KL-09"])))
    assert row(result, "KL-09").outcome == "insufficient_evidence"


def test_confirmed_cited_and_matched_scores_full_weight():
    result = check_text(
        report_yaml(incident(LATE, status="confirmed", indicators=["KL-09"])), phrases_only()
    )
    late = row(result, "KL-09")
    assert (late.basis, late.outcome, late.points) == ("both", "violated", weight("KL-09"))
    assert result.indicators_met == ("KL-09",)
    assert result.notes == ()


def test_dismissed_incident_is_not_violated_and_scores_nothing():
    result = check_text(report_yaml(incident(LATE, status="dismissed", indicators=["KL-09"])))
    assert row(result, "KL-09").outcome == "not_violated"
    assert result.total == 0
    assert result.level.id == "none"


def test_waiver_rules_an_indicator_out_and_keeps_its_reason():
    waive = [{"indicator": "KL-09", "reason": "Đã được phép nghỉ", "by": "Chánh VP"}]
    result = check_text(report_yaml(incident(LATE, status="confirmed", waive=waive)))
    late = row(result, "KL-09")
    assert late.outcome == "waived" and late.points == 0
    assert late.waiver is not None and late.waiver.reason == "Đã được phép nghỉ"


def test_leader_multiplier_applies_to_a_head_of_unit():
    plain = check_text(report_yaml(incident(LATE, status="confirmed", indicators=["KL-09"])))
    leader = check_text(
        report_yaml(incident(LATE, status="confirmed", indicators=["KL-09"]), leader=True)
    )
    assert leader.total == pytest.approx(plain.total * policy().leader_multiplier)


def test_repeats_within_the_window_escalate_and_outside_do_not():
    def report(second_date):
        return report_yaml(
            incident(LATE, id_="A", date="2024-01-10", status="confirmed", indicators=["KL-09"]),
            incident(LATE, id_="B", date=second_date, status="confirmed", indicators=["KL-09"]),
            incident(LATE, id_="C", date="2024-03-10", status="confirmed", indicators=["KL-09"]),
        )

    step, cap = policy().repeat_step, policy().repeat_max
    near = check_text(report("2024-02-10"))
    assert [r.factors.repeat for r in near.rows if r.indicator_id == "KL-09"] == [
        1.0,
        min(1 + step, cap),
        min(1 + 2 * step, cap),
    ]
    far = check_text(report("2026-06-01"))  # B is past the window; C still repeats A
    assert [r.factors.repeat for r in far.rows if r.indicator_id == "KL-09"] == [
        1.0,
        1.0,
        min(1 + step, cap),
    ]


def test_min_level_of_a_confirmed_violation_raises_the_level():
    bribe = "Ông Thử nhận hối lộ của chủ đầu tư để đẩy nhanh hồ sơ."
    result = check_text(
        report_yaml(incident(bribe, status="confirmed", indicators=["KL-01"])), phrases_only()
    )
    assert row(result, "KL-01").outcome == "violated"
    assert result.score_level.id in ("low", "moderate")  # 10 points alone
    assert (result.level.id, result.forced_by) == ("serious", ("KL-01",))
    alleged = check_text(report_yaml(incident(bribe, status="alleged", indicators=["KL-01"])))
    assert alleged.level.id == alleged.score_level.id
    uncited = check_text(report_yaml(incident(bribe, status="confirmed")))
    assert uncited.forced_by == () and uncited.level.id == uncited.score_level.id


def test_compliance_follows_the_xccdf_default_model():
    result = check_text(
        report_yaml(incident(LATE, status="confirmed", indicators=["KL-09"])), phrases_only()
    )
    kl = [i for i in bundled().indicators if i.group == "KL"]
    expected_kl = 100 * (sum(i.weight for i in kl) - weight("KL-09")) / sum(i.weight for i in kl)
    groups = {g.group: g for g in result.groups}
    assert groups["KL"].compliance == pytest.approx(expected_kl, abs=0.01)
    assert groups["NT"].compliance == groups["BV"].compliance == 100
    assert result.compliance == pytest.approx((expected_kl + 200) / 3, abs=0.01)
    assert (groups["KL"].met, groups["KL"].size) == (1, len(kl))


def test_review_notes_for_unsupported_citation_and_uncited_match():
    result = check_text(report_yaml(incident(LATE, indicators=["NT-04"])), phrases_only())
    codes = {(n.code, n.indicator_id) for n in result.notes}
    assert codes == {("cited-unsupported", "NT-04")}  # KL-09 is a suggestion row, not a note
    assert row(result, "KL-09").outcome == "suggested"
    sure = check_text(report_yaml(incident(LATE, indicators=["NT-04"], status="confirmed")))
    late = row(sure, "KL-09")  # the reader is sure (about 1.0): points, and a person must confirm
    assert late.confidence is not None and late.confidence >= bundled().scoring.text_min_confidence
    assert (late.basis, late.outcome) == ("matched", "violated") and late.points > 0
    assert ("matched-uncited", "KL-09") in {(n.code, n.indicator_id) for n in sure.notes}


def test_negated_citation_says_what_negated_it():
    text = "Qua kiểm tra, không phát hiện ông Thử đi muộn về sớm."
    result = check_text(report_yaml(incident(text, indicators=["KL-09"])), phrases_only())
    (note,) = result.notes
    assert note.code == "cited-negated"
    assert "không phát hiện" in note.message.vi


def test_indicator_for_leaders_is_not_scored_on_an_ordinary_official():
    text = "Trưởng phòng không kiểm tra, đôn đốc cấp dưới; để tình trạng trên nóng dưới lạnh."
    person = check_text(report_yaml(incident(text)))
    assert "NT-09" not in {r.indicator_id for r in person.rows}
    assert any(n.code == "not-applicable" and n.indicator_id == "NT-09" for n in person.notes)
    leader = check_text(report_yaml(incident(text), leader=True))
    assert "NT-09" in {r.indicator_id for r in leader.rows}


def test_every_number_comes_from_the_ruleset(tmp_path):
    def change(data):
        data["scoring"]["leader_multiplier"] = 3
        data["scoring"]["levels"][2]["min_score"] = 1
        next(i for i in data["indicators"] if i["id"] == "KL-09")["weight"] = 2

    variant = replace(load_ruleset(ruleset_variant(tmp_path, change)), reader=None)
    result = check_text(
        report_yaml(incident(LATE, status="confirmed", indicators=["KL-09"]), leader=True), variant
    )
    assert result.total == 2 * 3  # the changed weight × the changed leader multiplier
    assert result.level.id == "moderate"


def test_an_organisation_marked_as_leader_carries_no_leader_multiplier():
    text = "UBND phường trù dập người tố cáo sai phạm."
    cited = incident(text, status="confirmed", indicators=["BV-02"])
    as_leader = report_yaml(cited, kind="organisation", leader=True)
    plain = report_yaml(cited, kind="organisation")
    assert check_text(as_leader).total == check_text(plain).total > 0
    assert all(r.factors.leader == 1.0 for r in check_text(as_leader).rows)


def test_a_waived_match_gets_no_please_confirm_note():
    waive = [{"indicator": "KL-09", "reason": "Trực bão", "by": "Chủ tịch phường"}]
    result = check_text(report_yaml(incident(LATE, waive=waive)), phrases_only())
    assert [n.code for n in result.notes] == []


def test_not_applicable_note_reads_naturally_in_both_languages():
    text = "Trưởng phòng không kiểm tra, đôn đốc cấp dưới."
    (note,) = check_text(report_yaml(incident(text)), phrases_only()).notes
    assert "heads of units, organisations" in note.message.en
    assert "a person who does not head the unit" in note.message.en
    assert "người đứng đầu, tổ chức" in note.message.vi


def test_min_level_names_no_indicator_when_the_score_already_reaches_it(tmp_path):
    def small_thresholds(data):
        for level, score in zip(data["scoring"]["levels"][1:], (0.01, 2, 5, 50), strict=True):
            level["min_score"] = score  # serious from 5 points

    variant = load_ruleset(ruleset_variant(tmp_path, small_thresholds))
    bribe = "Ông Thử nhận hối lộ của chủ đầu tư để đẩy nhanh hồ sơ."
    cited = incident(bribe, status="confirmed", indicators=["KL-01"])
    result = check_text(report_yaml(cited), variant)
    assert (result.score_level.id, result.level.id, result.forced_by) == ("serious", "serious", ())
