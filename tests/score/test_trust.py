"""Text alone suggests; it does not convict (docs/scoring.md §1a).

The four cases a new user tried when this was built, in both languages: an uncited phrase never
forces a level, an allegation is never a violation, a remedied-on-time narrative carries no
points, and a bribe described in plain words is found.
"""

from __future__ import annotations

import json
import re

import pytest

from chithi.inputs.rulesets import compiled_matcher
from chithi.model.detections import text_alone_convicts
from chithi.model.runs import CheckRun
from chithi.render import labels as L
from chithi.render.machine.json_summary import render_json
from chithi.render.terminal.table import plain, report_view
from helpers import bundled, check_text, incident, report_yaml

LANGS = ("vi", "en")


def one(narrative: str, **extra: object):
    return check_text(report_yaml(incident(narrative, **extra)))


def views(result) -> dict[str, str]:
    return {lang: plain(report_view(result, lang, explain=True)) for lang in LANGS}


def test_an_uncited_phrase_never_forces_the_level():
    result = one(
        "Cán bộ bộ phận một cửa yêu cầu người dân bổ sung giấy tờ không có trong danh mục thủ tục.",
        status="confirmed",
    )
    assert result.forced_by == ()
    assert result.level.id == result.score_level.id
    for row in result.rows:
        assert row.basis == "matched"
        assert row.outcome in ("suggested", "violated")
    minimum = bundled().indicator("KL-08").min_level
    assert minimum is not None
    assert result.level.id != minimum or result.score_level.id == minimum


def test_min_level_still_applies_to_a_cited_confirmed_violation():
    result = one(
        "Cán bộ yêu cầu người dân bổ sung giấy tờ không có trong danh mục thủ tục.",
        status="confirmed",
        indicators=["KL-08"],
    )
    assert result.forced_by == ("KL-08",) or result.score_level.id == "serious"
    assert result.level.id == "serious"


@pytest.mark.parametrize("lang", LANGS)
def test_an_allegation_is_never_a_violation_or_a_conclusion(lang):
    result = one(
        "Người dân phản ánh ông Hùng nhận tiền của người làm hồ sơ; chưa có căn cứ xác định đã nhận tiền.",
        status="alleged",
        indicators=["KL-01"],
        evidence=[{"type": "document", "ref": "Đơn"}, {"type": "recording", "ref": "Ghi âm"}],
    )
    (row,) = [r for r in result.rows if r.indicator_id == "KL-01"]
    assert row.strength >= bundled().scoring.violated_threshold  # the evidence alone would convict
    assert row.outcome == "probable"
    shown = views(result)[lang]
    assert re.search(rf"│ {L.OUTCOME['violated'](lang)} +│", shown) is None  # no such cell
    assert L.OUTCOME["probable"](lang) in shown
    assert ("Kết luận" if lang == "vi" else "Conclusion") not in shown
    # the citation the narrative contradicts is flagged for review
    notes = [n for n in result.notes if n.code in ("cited-contradicted", "cited-negated")]
    assert notes and "chưa có căn cứ" in notes[0].message(lang)


@pytest.mark.parametrize(
    ("narrative", "cue"),
    [
        (
            "Qua xác minh, không phát hiện ông Hùng nhận tiền. Đơn tố cáo không đúng sự thật.",
            "không phát hiện",
        ),
        ("The inspection found no evidence of the alleged payments.", "found no"),
    ],
)
@pytest.mark.parametrize("lang", LANGS)
def test_a_citation_the_narrative_contradicts_gets_a_note(narrative, cue, lang):
    result = one(narrative, status="confirmed", indicators=["KL-08"])
    notes = [n for n in result.notes if n.indicator_id == "KL-08"]
    assert [n.code for n in notes] in (["cited-contradicted"], ["cited-negated"])
    assert cue in notes[0].message(lang)


@pytest.mark.parametrize(
    "narrative",
    [
        "Phòng đã nộp báo cáo khắc phục đúng hạn, các tồn tại đã được khắc phục.",
        "Đơn vị đã có báo cáo khắc phục đầy đủ và được biểu dương.",
        "Phong da nop bao cao khac phuc dung han, cac ton tai da duoc khac phuc.",
        "The division filed its remediation report on time and the shortcomings were fixed.",
    ],
)
def test_a_remedied_on_time_narrative_carries_no_points(narrative):
    result = one(narrative, status="confirmed")
    assert result.total == 0
    assert all(r.outcome == "suggested" for r in result.rows)
    assert result.level.id == "none"


REMEDIED = {
    "vi": "Đến nay các tồn tại trong kết luận đều đã được khắc phục.",
    "vi-no-diacritics": "Den nay cac ton tai trong ket luan deu da duoc khac phuc.",
    "two-sentences": "Năm 2023 đoàn kiểm tra chỉ ra 5 tồn tại. Đến nay các tồn tại đều đã được khắc phục.",
    "en": "The weaknesses the 2023 audit found were remedied within three months.",
}


@pytest.mark.parametrize("narrative", REMEDIED.values(), ids=REMEDIED.keys())
def test_a_text_that_says_the_shortcomings_were_remedied_never_convicts_kl03(narrative):
    """The learned reader is sure of KL-03 in these (the words of shortcomings and remedies are
    the words of its cases), but the text itself says the opposite: a suggestion, no points."""
    result = one(narrative, status="confirmed")
    assert result.total == 0 and result.level.id == "none"
    rows = [r for r in result.rows if r.indicator_id == "KL-03"]
    assert rows and all(r.outcome == "suggested" for r in rows)
    document = json.loads(render_json(CheckRun(bundled(), (result,), ())))
    found = [
        d
        for r in document["reports"][0]["incidents"][0]["results"]
        if r["indicator"] == "KL-03"
        for d in r["detections"]
    ]
    assert found and all(d.get("disputed_by") for d in found)


def test_shortcomings_not_remedied_still_read_as_kl03():
    result = one(
        "Phòng chậm nộp báo cáo khắc phục, các tồn tại chưa được khắc phục.", status="confirmed"
    )
    rows = {r.indicator_id: r for r in result.rows}
    assert rows["KL-03"].points > 0 and rows["KL-03"].outcome != "suggested"


@pytest.mark.parametrize(
    "narrative",
    [
        "Ông Hùng nhận 5 triệu đồng của người dân để đẩy nhanh hồ sơ.",
        "Ong Hung nhan 5 trieu dong cua nguoi dan de day nhanh ho so.",
        "Mr Hung took 5 million dong from a resident to speed up the file.",
    ],
)
def test_a_bribe_in_plain_words_is_found(narrative):
    result = one(narrative, status="confirmed")
    found = {r.indicator_id for r in result.rows}
    assert found & {"KL-01", "KL-08"}, found
    for lang, shown in views(result).items():
        assert ("KL-01" in shown) or ("KL-08" in shown), lang


def test_a_suggestion_is_listed_with_its_evidence_in_json():
    result = one("Đơn vị đã có báo cáo khắc phục đầy đủ và được biểu dương.", status="confirmed")
    document = json.loads(render_json(CheckRun(bundled(), (result,), ())))
    rows = document["reports"][0]["incidents"][0]["results"]
    for r in rows:
        assert r["outcome"] == "suggested"
        assert r["points"] == 0
        assert r["detections"], "a suggestion shows why"
        assert (
            r["text_confidence"] is None
            or r["text_confidence"] < bundled().scoring.text_min_confidence
        )


@pytest.mark.parametrize("lang", LANGS)
def test_a_suggestion_reads_as_one_in_every_language(lang):
    result = one("Đơn vị đã có báo cáo khắc phục đầy đủ và được biểu dương.", status="confirmed")
    if result.rows:
        assert L.OUTCOME["suggested"](lang) in views(result)[lang]


LATENESS = {
    "vi": "Ông Thử nhiều lần đi muộn về sớm.",
    "vi-no-diacritics": "Ong Thu nhieu lan di muon ve som.",
}


@pytest.mark.parametrize("text", LATENESS.values(), ids=LATENESS.keys())
def test_words_one_phrase_already_read_never_convict_a_second_indicator(text):
    # In the corpus "muộn" is mostly a deliberately delayed file (KL-08), so the learned reader
    # is sure of KL-08 here too; but its heaviest word is KL-09's phrase "đi muộn".
    result = one(text, status="confirmed")
    rows = {r.indicator_id: r for r in result.rows}
    assert rows["KL-09"].outcome == "violated" and rows["KL-09"].points > 0
    second = rows.get("KL-08")
    if second is not None:  # the reader may not raise it at all; if it does, it only suggests
        assert (second.outcome, second.points) == ("suggested", 0)
        assert [d.explained_by for d in second.detections] == ["KL-09"]
        document = json.loads(render_json(CheckRun(bundled(), (result,), ())))
        (incident_json,) = document["reports"][0]["incidents"]
        (kl08,) = [r for r in incident_json["results"] if r["indicator"] == "KL-08"]
        assert kl08["detections"][0]["explained_by"] == "KL-09"
    assert result.indicators_met == ("KL-09",)


def test_a_sure_reading_built_on_its_own_words_still_carries_points():
    from chithi.model.detections import Detection, text_alone_convicts  # noqa: PLC0415

    def reading(explained_by: str) -> Detection:
        return Detection("KL-08", "narrative", "x", "x", 0, 1, "x", 0, "model", "", explained_by)

    assert text_alone_convicts(0.99, [reading("")], 0.95)
    assert not text_alone_convicts(0.99, [reading("KL-09")], 0.95)
    assert not text_alone_convicts(0.90, [reading("")], 0.95)
    assert not text_alone_convicts(None, [], 0.95)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "the text itself says otherwise: «đã được khắc phục»"),
        ("vi", "chính văn bản nói khác"),
    ],
)
def test_chithi_match_says_why_a_sure_reading_is_only_suggested(run_chithi, lang, said):
    shown = run_chithi("match", REMEDIED["vi"], "--lang", lang, env={"COLUMNS": "200"}).stdout
    assert said in shown


def test_a_remedy_in_the_narrative_disputes_a_reading_of_the_summary():
    result = one(
        "Đến nay các tồn tại trong kết luận đều đã được khắc phục.",
        status="confirmed",
        summary="Phòng chưa khắc phục khuyết điểm sau kiểm điểm",
    )
    rows = [r for r in result.rows if r.indicator_id == "KL-03"]
    assert rows and all(r.outcome == "suggested" and r.points == 0 for r in rows)


def test_a_look_alike_in_one_sentence_says_nothing_of_the_next():
    """`exclude` phrases are look-alikes ("siêu thị" for KL-02): they silence their own sentence
    only. Rudeness at the desk is not disputed by a supermarket in the next sentence."""
    found = compiled_matcher(bundled()).match(
        "Ông Hùng quát tháo, xúc phạm người dân đến làm thủ tục. Chiều đó ông đi siêu thị."
    )
    assert [(d.indicator, d.disputed_by) for d in found.detections] == [("KL-02", "")]
    assert found.disputes == ()


@pytest.mark.parametrize(
    ("narrative", "cue"),
    [
        (
            "Ông Hùng bị tố nhận phong bì của người dân. Qua xác minh, nội dung đơn là bịa đặt.",
            "là bịa đặt",
        ),
        (
            "Ông Hùng nhận phong bì của người dân để đẩy nhanh hồ sơ. Kết luận: ông Hùng không"
            " vi phạm.",
            "không vi phạm",
        ),
        (
            "Mr Hung was accused of taking a bribe from a resident. The claim was fabricated.",
            "claim was fabricated",
        ),
    ],
)
def test_a_verdict_that_the_accusation_is_untrue_disputes_kl01_in_the_whole_text(narrative, cue):
    """`refuted_by` phrases say the breach did not happen: they speak for the whole text."""
    found = [d for d in compiled_matcher(bundled()).match(narrative).detections]
    kl01 = [d for d in found if d.indicator == "KL-01"]
    assert kl01 and all(d.disputed_by == cue for d in kl01)
    assert not text_alone_convicts(0.999, kl01, 0.95)
    result = one(narrative, status="confirmed")
    rows = [r for r in result.rows if r.indicator_id == "KL-01"]
    assert rows and all(r.points == 0 for r in rows)


def test_another_breach_told_beside_a_bribe_does_not_refute_it():
    """ "vu khống" (slander) is KL-11's breach, not a verdict on the bribe: no dispute."""
    found = compiled_matcher(bundled()).match(
        "Ông Hùng nhận phong bì của người dân để đẩy nhanh hồ sơ. Ông Hùng còn vu khống đồng"
        " nghiệp."
    )
    assert found.disputes == ()
    assert {d.indicator for d in found.detections} == {"KL-01", "KL-11"}
