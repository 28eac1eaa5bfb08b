from __future__ import annotations

from chithi.core.i18n import Text
from chithi.match.matcher import Matcher
from chithi.model.detections import text_alone_convicts
from chithi.model.documents import Indicator, MatchSpec, Near, Negation

NEGATION = Negation(
    clause_cues=("không phát hiện", "chưa có căn cứ", "no evidence"),
    near_cues=("không", "chưa", "not", "never"),
    window=3,
    clause_breaks=("nhưng", "tuy nhiên", "but"),
)


def indicator(
    id_: str,
    phrases: tuple[str, ...],
    near: tuple[Near, ...] = (),
    exclude: tuple[str, ...] = (),
    refuted_by: tuple[str, ...] = (),
) -> Indicator:
    return Indicator(
        id=id_,
        group=id_.split("-", maxsplit=1)[0],
        source_item="1.1",
        provenance="reconstructed",
        title=Text(id_, id_),
        description=Text(id_, id_),
        weight=1.0,
        applies_to=("individual",),
        min_level=None,
        match=MatchSpec(phrases=phrases, near=near, exclude=exclude, refuted_by=refuted_by),
        examples_match=(),
        examples_no_match=(),
    )


MATCHER = Matcher(
    (
        indicator("NT-04", ("đùn đẩy", "passing the buck")),
        indicator("NT-09", ("không kiểm tra, đôn đốc",)),
        indicator("KL-01", ("nhận tiền",), exclude=("nhận tiền lương",), refuted_by=("bịa đặt",)),
        indicator("KL-07", ("không chấp hành chỉ đạo",)),
        indicator("KL-09", ("đi muộn", "không có mặt")),
        indicator("NT-06", (), near=(Near(("hồ sơ", "quá hạn"), 6),)),
    ),
    NEGATION,
)


def ids(text: str) -> list[str]:
    return [d.indicator for d in MATCHER.match(text).detections]


def test_phrase_matches_with_and_without_diacritics():
    assert ids("Cán bộ đùn đẩy trách nhiệm.") == ["NT-04"]
    assert ids("Can bo dun day trach nhiem.") == ["NT-04"]
    assert MATCHER.match("dun day").detections[0].confidence == "folded"
    assert MATCHER.match("đùn đẩy").detections[0].confidence == "exact"


def test_a_word_with_other_diacritics_is_another_word():
    assert ids("đun đây là việc khác") == []


def test_span_and_sentence_point_at_what_the_reporter_wrote():
    text = "Mở đầu. Ông A ĐÙN ĐẨY việc cho phòng khác."
    d = MATCHER.match(text).detections[0]
    assert text[d.start : d.end] == "ĐÙN ĐẨY" == d.matched
    assert d.sentence == "Ông A ĐÙN ĐẨY việc cho phòng khác."


def test_word_boundaries_are_respected():
    assert ids("nhận tiềnxx") == []


def test_clause_cue_negates_the_whole_clause():
    assert ids("Qua kiểm tra, không phát hiện cán bộ có hành vi đùn đẩy.") == []
    assert ids("No evidence that staff were passing the buck.") == []


def test_negation_stops_at_a_clause_break():
    assert ids("Không phát hiện nhận tiền, nhưng ông A đùn đẩy việc.") == ["NT-04"]
    assert ids("Không phát hiện nhận tiền; ông A đùn đẩy việc.") == ["NT-04"]


def test_near_cue_only_governs_a_short_window():
    assert ids("Ông A không đi muộn.") == []
    assert ids("Ông A không ký văn bản nào hôm đó và đi muộn.") == ["KL-09"]


def test_omission_phrases_match_and_their_negation_negates_nothing_else():
    assert ids("Trưởng phòng không kiểm tra, đôn đốc cấp dưới.") == ["NT-09"]
    assert ids("Ông A không chấp hành chỉ đạo, đi muộn.") == ["KL-07", "KL-09"]
    assert ids("Ông A không có mặt, đi muộn.") == ["KL-09"]


def test_an_omission_phrase_can_itself_be_negated():
    assert ids("Không phát hiện việc không chấp hành chỉ đạo.") == []


def test_negated_matches_are_kept_as_explanations():
    result = MATCHER.match("Chưa có căn cứ kết luận ông A đùn đẩy.")
    assert result.detections == ()
    (suppressed,) = result.suppressed
    assert (suppressed.indicator, suppressed.reason, suppressed.cue) == (
        "NT-04",
        "negated",
        "chưa có căn cứ",
    )


def test_exclude_phrase_drops_the_indicator_in_that_sentence():
    assert ids("Ông A nhận tiền lương tháng 5.") == []
    assert ids("Ông A nhận tiền của dân.") == ["KL-01"]


def test_an_exclude_phrase_speaks_only_for_its_own_sentence():
    """A look-alike ("nhận tiền lương", a salary) says nothing of the text's other sentences."""
    found = MATCHER.match("Ông A nhận tiền của dân. Ông A nhận tiền lương tháng 5.")
    assert [(d.indicator, d.disputed_by) for d in found.detections] == [("KL-01", "")]
    assert found.disputes == ()
    assert text_alone_convicts(0.999, found.detections, 0.95)


def test_a_refutation_elsewhere_in_the_text_disputes_the_indicator():
    """A refuted_by phrase silences its own sentence like an exclude; a detection elsewhere in
    the same text is kept, marked disputed (text alone may then suggest it, never convict)."""
    found = MATCHER.match("Ông A nhận tiền của dân. Sau xác minh, việc ông A nhận tiền là bịa đặt.")
    assert [(d.indicator, d.disputed_by) for d in found.detections] == [("KL-01", "bịa đặt")]
    (silenced,) = found.suppressed
    assert (silenced.reason, silenced.cue) == ("excluded", "bịa đặt")
    assert found.disputes == (("KL-01", "bịa đặt"),)
    assert not text_alone_convicts(0.999, found.detections, 0.95)
    plain = MATCHER.match("Ông A nhận tiền của dân. Ông A đi muộn.")
    assert plain.disputes == () and all(not d.disputed_by for d in plain.detections)
    assert text_alone_convicts(0.999, [plain.detections[0]], 0.95)


def test_near_rule_needs_all_parts_within_the_window():
    assert ids("Hồ sơ của bà B đã quá hạn.") == ["NT-06"]
    assert ids("Hồ sơ được nhận đúng quy trình, sau đó một việc khác quá hạn.") == []
    assert MATCHER.match("hồ sơ quá hạn").detections[0].confidence == "near"


def test_english_is_matched_case_insensitively():
    assert ids("Staff were PASSING THE BUCK.") == ["NT-04"]


def test_english_inflections_find_the_phrase():
    # The ruleset says "passing the buck"; writers also say passed, passes, pass.
    for text in ("They passed the buck.", "He passes the buck.", "Do not pass the buck."):
        assert ids(text) == (["NT-04"] if "not" not in text else []), text
    (found,) = MATCHER.match("The unit kept passing the buck.").detections
    assert found.confidence == "exact"
    (found,) = MATCHER.match("The unit passed the buck.").detections
    assert found.confidence == "folded"  # another word form: says so, like missing diacritics


def test_an_inflection_never_turns_a_word_into_a_negation():
    # "notes" loses its s, not its e: it stays "note", never the cue "not".
    assert ids("Meeting notes passing the buck to the ward.") == ["NT-04"]


def test_expressions_that_only_look_negative_do_not_negate():
    matcher = Matcher(
        (indicator("KL-01", ("nhận hối lộ",)), indicator("NT-06", ("trễ hẹn", "overdue"))),
        Negation(
            clause_cues=(),
            near_cues=("không", "was not"),
            window=3,
            clause_breaks=("but",),
            not_negations=("không chỉ", "không ít", "not only"),
        ),
    )

    def found(text):
        return [d.indicator for d in matcher.match(text).detections]

    assert found("Ông A không chỉ nhận hối lộ mà còn ép dân rút đơn.") == ["KL-01"]
    assert found("Hồ sơ không ít lần trễ hẹn.") == ["NT-06"]
    assert found("The file was not only overdue but lost.") == ["NT-06"]
    assert found("Hồ sơ không trễ hẹn.") == []


def test_hedged_detection_still_counts_but_names_its_cue():
    matcher = Matcher(
        (indicator("KL-01", ("nhận hối lộ", "took bribes")),),
        Negation(
            clause_cues=(),
            near_cues=("không",),
            window=3,
            clause_breaks=("nhưng",),
            hedge_cues=("được cho là", "allegedly"),
        ),
    )
    (hedged,) = matcher.match("Ông A được cho là đã nhận hối lộ.").detections
    assert hedged.hedge == "được cho là"
    (plain,) = matcher.match("Ông A được khen, nhưng đã nhận hối lộ.").detections
    assert plain.hedge == ""
    assert matcher.match("He allegedly took bribes.").detections[0].hedge == "allegedly"


def test_exact_beats_folded_beats_near_within_a_sentence():
    matcher = Matcher(
        (indicator("NT-06", ("trễ hẹn",), near=(Near(("hồ sơ", "quá hạn"), 6),)),),
        NEGATION,
    )
    (d,) = matcher.match("Hồ sơ quá hạn, tre hen và trễ hẹn.").detections
    assert (d.confidence, d.matched) == ("exact", "trễ hẹn")
    (d,) = matcher.match("Hồ sơ quá hạn, tre hen.").detections
    assert d.confidence == "folded"


def test_near_takes_the_closest_pair_when_a_part_repeats():
    matcher = Matcher(
        (indicator("KL-01", (), near=(Near(("công ty", "trúng thầu"), 2),)),), NEGATION
    )
    text = "Công ty của vợ ông A, một công ty mới lập, trúng thầu ba gói."
    assert [d.indicator for d in matcher.match(text).detections] == ["KL-01"]


def test_an_unfinished_near_rule_does_not_shield_a_negation_cue():
    matcher = Matcher(
        (
            indicator("KL-09", ("đi muộn",)),
            indicator("NT-01", (), near=(Near(("không", "dám làm"), 2),)),
        ),
        NEGATION,
    )
    assert [d.indicator for d in matcher.match("Ông A không đi muộn.").detections] == []


def test_a_verdict_after_the_phrase_clears_it():
    matcher = Matcher(
        (indicator("KL-01", ("nhận hối lộ", "took bribes")),),
        Negation(
            clause_cues=(),
            near_cues=(),
            window=3,
            clause_breaks=("nhưng",),
            trailing_cues=("là không có cơ sở", "was unfounded"),
        ),
    )
    result = matcher.match("Đơn tố cáo ông A nhận hối lộ là không có cơ sở.")
    assert result.detections == () and result.suppressed[0].cue == "là không có cơ sở"
    assert matcher.match("The claim that he took bribes was unfounded.").detections == ()
    assert (
        len(matcher.match("Ông A nhận hối lộ, nhưng đơn khác là không có cơ sở.").detections) == 1
    )


REPORTED = Negation(
    clause_cues=("quán triệt", "tuyệt đối không"),
    near_cues=("không", "no"),
    window=4,
    clause_breaks=("nhưng",),
    hedge_cues=("phản ánh", "claimed"),
    refutation_cues=("chưa chính xác", "không có việc", "unfounded"),
)
REPORTING = Matcher(
    (
        indicator("KL-08", ("gây khó dễ", "harassed")),
        indicator("NT-06", ("quá hạn", "hồ sơ giải quyết quá hạn", "delays")),
        indicator("KL-05", ("giữ kín",)),
    ),
    REPORTED,
)


def reported(text: str) -> list[str]:
    return [d.indicator for d in REPORTING.match(text).detections]


def test_a_later_sentence_refutes_what_was_only_reported():
    text = "Người dân phản ánh cán bộ gây khó dễ. Qua xác minh, không có việc này."
    result = REPORTING.match(text)
    assert result.detections == ()
    (cleared,) = result.suppressed
    assert (cleared.indicator, cleared.cue) == ("KL-08", "không có việc")
    assert reported("A post claimed the clerk harassed residents. The claim was unfounded.") == []


def test_a_refutation_clears_only_reported_findings_and_only_before_it():
    # Established, not reported: a later "chưa chính xác" about something else does not clear it.
    assert reported("Cán bộ gây khó dễ cho dân. Báo cáo của phường là chưa chính xác.") == ["KL-08"]
    # Reported after the refutation: nothing yet refuted it.
    assert reported("Tin trước đó là chưa chính xác. Nay dân phản ánh cán bộ gây khó dễ.") == [
        "KL-08"
    ]


def test_a_phrase_inside_a_negated_phrase_is_negated_with_it():
    # "không có" is out of reach of "quá hạn" (window 4) but negates the longer phrase around it.
    assert reported("Năm qua không có hồ sơ giải quyết quá hạn.") == []
    assert reported("Năm qua có hồ sơ giải quyết quá hạn.") == ["NT-06"]


def test_a_lone_negation_does_not_reach_past_a_comma():
    assert reported("Ông A không xử lý, lại giữ kín.") == ["KL-05"]
    assert reported("Ông A không giữ kín.") == []
    assert reported("No citizen complaints about delays were recorded.") == []


def test_instructions_name_behaviours_without_finding_them():
    assert reported("Hội nghị quán triệt việc chống gây khó dễ cho dân.") == []
    assert reported("Lãnh đạo nhấn mạnh: cán bộ tuyệt đối không gây khó dễ.") == []


def test_a_verdict_later_in_the_same_sentence_refutes_what_came_before_it():
    assert reported("Ý kiến phản ánh cán bộ gây khó dễ là chưa chính xác.") == []
    # The verdict is about something else, said before the report: it refutes nothing.
    assert reported("Số liệu cũ chưa chính xác; nay dân phản ánh cán bộ gây khó dễ.") == ["KL-08"]


def test_nao_carries_a_negation_on_to_the_phrase_after_it():
    # "không" is five words before "quá hạn", but "nào" right before the phrase carries it on.
    assert reported("Năm 2023 không có hồ sơ nào quá hạn.") == []
    assert reported("Không có cán bộ trực ban nên hồ sơ quá hạn.") == ["NT-06"]
    # A "nào" far from the phrase carries nothing to it.
    assert reported("Không có cán bộ nào trực ban nên nhiều tháng liền hồ sơ quá hạn.") == ["NT-06"]


def test_what_a_colon_introduces_is_governed_by_the_cue_before_it():
    assert reported("Hội nghị quán triệt chỉ thị, nhấn mạnh: chấm dứt hồ sơ quá hạn.") == []
    # A semicolon still ends the clause the cue governs.
    assert reported("Hội nghị quán triệt chỉ thị; sau hội nghị vẫn có hồ sơ quá hạn.") == ["NT-06"]


def test_a_lone_part_of_a_near_rule_is_not_listed_as_not_counted():
    assert MATCHER.match("Không có hồ sơ mới.").suppressed == ()
    # The whole rule was there and negated: that is worth explaining.
    assert {s.indicator for s in MATCHER.match("Không có hồ sơ quá hạn.").suppressed} == {"NT-06"}
