"""Every refusal names the fix: did-you-mean, ISO dates, file kinds, YAML in our own words."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from chithi.api import report_from_document
from chithi.core.fixes import did_you_mean, indicator_id, iso_date
from chithi.core.problems import InputError
from chithi.io.loading import decode, load_text
from helpers import bundled, incident, report_yaml, ruleset_variant

REGEX = re.compile(r"\^\[|\[A-Z|\{0,|\$\"|\]\$")  # pieces of a pattern, not a JSON path


def problems(source: str) -> list:
    try:
        report_from_document(load_text(source, "r.yaml"), bundled())
    except InputError as err:
        return err.problems
    return []


def messages(source: str, lang: str) -> list[str]:
    return [p.message(lang) for p in problems(source)]


def test_a_misspelt_field_is_one_error_that_names_the_field():
    source = report_yaml(incident("Ông Thử đi muộn.")).replace("narrative:", "narative:")
    (problem,) = problems(source)
    assert "did you mean 'narrative'" in problem.message.en
    assert "có phải ý là 'narrative'" in problem.message.vi


@pytest.mark.parametrize("written", ["nt-06", "NT-6", "nt 06"])
def test_an_indicator_id_in_the_wrong_case_or_width_is_spelt_out(written):
    source = report_yaml(incident("Ông Thử đi muộn.", indicators=[written]))
    for lang in ("vi", "en"):
        (message,) = messages(source, lang)
        assert "'NT-06'" in message
        assert not REGEX.search(message), message  # never a regular expression


def test_a_day_first_date_gets_its_iso_form():
    source = report_yaml(incident("Ông Thử đi muộn.", date="14/02/2025"))
    (en,) = messages(source, "en")
    (vi,) = messages(source, "vi")
    assert "write '2025-02-14'" in en
    assert "hãy viết '2025-02-14'" in vi and "ngày 14 tháng 2" in vi
    assert iso_date("31/02/2025") is None  # no such day: no made-up date


@pytest.mark.parametrize(
    ("written", "meant"),
    [("chưa xác minh", "alleged"), ("da xac minh", "confirmed"), ("Confirmed", "confirmed")],
)
def test_a_status_in_words_points_at_the_value(written, meant):
    source = report_yaml(incident("Ông Thử đi muộn.", status=written))
    (message,) = messages(source, "en")
    assert f"did you mean '{meant}'" in message


def test_free_prose_points_at_chithi_init():
    for source in ("Ông A đi muộn nhiều lần trong tháng 3\n", "Ông A đi muộn: 9 giờ mới đến.\n"):
        (problem,) = problems(source)
        assert "chithi init" in problem.message.vi and "chithi init" in problem.message.en
        assert " str" not in problem.message.en  # never a Python type name


def test_yaml_errors_are_said_in_vietnamese():
    for source, words in (
        ("id: R\n\tdate: x\n", "dùng dấu cách"),
        ("id: R\nnarrative: Ông A nói: tôi bận\n", "ngoặc kép"),
    ):
        with pytest.raises(InputError) as caught:
            load_text(source, "r.yaml")
        (problem,) = caught.value.problems
        assert words in problem.message.vi
        assert "not allowed" not in problem.message.vi and "token" not in problem.message.vi


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("raw", "kind"),
    [(_docx(), "Word"), (b"%PDF-1.7\n%\xe2\xe3", "PDF"), (b"\xd0\xcf\x11\xe0\xa1\xb1", "Office")],
)
def test_a_word_pdf_or_office_file_is_named_with_the_way_forward(raw, kind):
    with pytest.raises(InputError) as caught:
        decode(raw, "bao-cao.docx")
    (problem,) = caught.value.problems
    way = "chithi import" if kind == "Word" else "chithi init"  # a .docx can be imported
    assert kind in problem.message.en and way in problem.message.en
    assert "UTF-8" not in problem.message.en


def test_explain_takes_an_id_in_any_case_and_width(run_chithi):
    for written in ("KL-3", "kl-03", "kl 3"):
        result = run_chithi("explain", written, "--lang", "en")
        assert result.returncode == 0 and "KL-03" in result.stdout
    wrong = run_chithi("explain", "XL-03", "--lang", "en")
    assert wrong.returncode == 2 and "did you mean 'KL-03'" in wrong.stderr


def test_a_ruleset_misspelling_gets_a_suggestion(run_chithi, tmp_path):
    def field(data):
        kl09 = next(i for i in data["indicators"] if i["id"] == "KL-09")
        kl09["wieght"] = kl09.pop("weight")

    def level(data):
        next(i for i in data["indicators"] if i["id"] == "KL-01")["min_level"] = "serios"

    for change, meant in ((field, "weight"), (level, "serious")):
        folder = tmp_path / meant
        folder.mkdir()
        result = run_chithi("validate", str(ruleset_variant(folder, change)), "--lang", "en")
        assert result.returncode == 3
        assert f"did you mean '{meant}'" in result.stdout


def test_did_you_mean_stays_quiet_when_nothing_is_close():
    assert did_you_mean("hoàn toàn khác", ["confirmed", "alleged", "dismissed"]) is None
    assert indicator_id("KL-3", ["KL-03"]) == "KL-03"
    assert indicator_id("ZZ-03", ["KL-03"]) is None
