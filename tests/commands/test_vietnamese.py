"""Vietnamese all the way (#13): click's own words, labels, numbers with a decimal comma, figures
that explain themselves, and warnings where chithi used to stay silent."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
import yaml

from chithi.commands.chrome import choose_language, in_language
from chithi.core.numbers import number, percent
from chithi.validate.plausibility import TEMPLATE_EXAMPLES
from conftest import ROOT, SEEDS
from helpers import incident, report_yaml

LEADER_SEED = "seeds/03-leader-repeated-delays.yaml"
LATE = "Ông Thử nhiều lần đi muộn về sớm."


def write(folder: Path, name: str, source: str) -> Path:
    path = folder / name
    path.write_text(source, encoding="utf-8")
    return path


# --- click's usage errors and help chrome -------------------------------------------------------


def test_usage_errors_are_vietnamese_by_default_and_english_on_request(run_chithi):
    vi = run_chithi("check")
    assert vi.returncode == 2
    assert "Lỗi: Thiếu đối số 'paths'." in vi.stderr
    assert "Cách dùng: chithi check" in vi.stderr
    assert "Xem 'chithi check -h' để biết cách dùng." in vi.stderr
    assert "Missing argument" not in vi.stderr and "Usage:" not in vi.stderr
    en = run_chithi("check", "--lang", "en")
    assert en.returncode == 2 and "Error: Missing argument 'paths'." in en.stderr
    from_env = run_chithi("check", env={"CHITHI_LANG": "en"})
    assert "Error: Missing argument 'paths'." in from_env.stderr


@pytest.mark.parametrize(
    ("args", "vi", "en"),
    [
        (("check", "--bogus"), "Không có tùy chọn --bogus", "No such option: --bogus"),
        (("check", "seeds", "-j", "x"), "Giá trị không hợp lệ cho", "Invalid value for"),
        (("schema", "nope"), "không phải một trong", "is not one of"),
        (("bogus",), "Không có lệnh 'bogus'", "No such command 'bogus'"),
    ],
)
def test_every_kind_of_usage_error_speaks_the_chosen_language(run_chithi, args, vi, en):
    said = run_chithi(*args)
    assert said.returncode == 2 and vi in said.stderr, said.stderr
    english = run_chithi(*args, env={"CHITHI_LANG": "en"})  # schema and bogus have no --lang
    assert english.returncode == 2 and en in english.stderr, english.stderr


def test_help_chrome_follows_the_language(run_chithi):
    vi = run_chithi("check", "-h").stdout
    for phrase in ("Cách dùng:", "Tùy chọn:", "Hiện hướng dẫn này rồi thoát.", "mặc định: vi"):
        assert phrase in vi
    assert "Show this message and exit." not in vi and "Usage:" not in vi
    en = run_chithi("check", "-h", "--lang", "en").stdout
    assert "Usage:" in en and "Show this message and exit." in en


def test_the_language_is_read_before_click_parses():
    assert choose_language(["check", "--lang", "en"], {}) == "en"
    assert choose_language(["check", "--lang=EN"], {}) == "en"
    assert choose_language(["check", "-len"], {}) == "en"
    assert choose_language(["check"], {"CHITHI_LANG": "en"}) == "en"
    assert choose_language(["check", "-l", "vi"], {"CHITHI_LANG": "en"}) == "vi"
    assert choose_language(["check", "--", "--lang", "en"], {}) == "vi"  # a file named --lang
    assert choose_language(["check", "--lang", "fr"], {}) == "vi"  # click refuses it, in vi
    # a phrase wrapped across lines by the help formatter is still found
    assert in_language("  -h  Show this message\n      and exit.", "vi").endswith("rồi thoát.")


# --- labels ------------------------------------------------------------------------------------


def test_vi_outputs_label_evidence_types_fields_and_levels(run_chithi):
    html = run_chithi("check", LEADER_SEED, "--format", "html").stdout
    assert "recording:" not in html and "document:" not in html
    assert "văn bản:" in html  # the seed's evidence of type document
    explained = run_chithi("check", LEADER_SEED, "--explain").stdout
    assert "narrative:" not in explained and "summary:" not in explained
    assert "    mô tả:" in explained and "    tóm tắt:" in explained
    assert "Mức: Nghiêm trọng" in explained and "(serious)" not in explained
    markdown = run_chithi("check", LEADER_SEED, "--format", "markdown").stdout
    assert "Nghiêm trọng (serious)" not in markdown and "— Nghiêm trọng" in markdown


def test_explain_names_each_factor_and_what_a_repeat_repeats(run_chithi):
    vi = run_chithi("check", LEADER_SEED, "--explain").stdout
    assert (
        "trọng số 5 × kết luận 1 × trạng thái 1 × căn cứ 1 × tái phạm 1,5 × người đứng đầu 1,5"
        " = 11,25" in vi
    )
    assert "×1,5 lặp lại sự việc SV-1" in vi
    assert "×2 lặp lại sự việc SV-1, SV-2" in vi
    en = run_chithi("check", LEADER_SEED, "--explain", "--lang", "en").stdout
    assert "repeat 1.5 × leader 1.5 = 11.25" in en and "×1.5 repeats incident SV-1" in en


# --- numbers -----------------------------------------------------------------------------------


def test_vietnamese_numbers_have_a_decimal_comma_machine_fields_do_not(run_chithi):
    table = run_chithi("check", LEADER_SEED).stdout
    assert "Tổng điểm vi phạm: 36,45" in table and "92,8 %" in table
    assert "36.45" not in table and "92.8%" not in table
    english = run_chithi("check", LEADER_SEED, "--lang", "en").stdout
    assert "Violation score: 36.45" in english and "92.8%" in english
    markdown = run_chithi("check", LEADER_SEED, "--format", "markdown").stdout
    assert "36,45" in markdown and "36.45" not in markdown
    html = run_chithi("check", LEADER_SEED, "--format", "html").stdout
    assert "36,45" in html
    data = json.loads(run_chithi("check", LEADER_SEED, "--format", "json").stdout)
    assert data["reports"][0]["total"] == 36.45  # a number, never "36,45"
    sarif = run_chithi("check", LEADER_SEED, "--format", "sarif").stdout
    assert "36,45" not in json.dumps(json.loads(sarif)["runs"][0]["properties"])


def test_number_formatting():
    assert (number(21.04, "vi"), number(21.04, "en")) == ("21,04", "21.04")
    assert (number(2, "vi"), number(1.5, "vi")) == ("2", "1,5")
    assert (percent(89.4, "vi"), percent(89.4, "en")) == ("89,4 %", "89.4%")
    assert (number(12345.5, "vi"), number(12345.5, "en")) == ("12.345,5", "12,345.5")
    assert number(2024, "vi") == "2024"  # a four-digit number is not split


# --- figures that explain themselves -----------------------------------------------------------


def test_weighted_compliance_stands_beside_the_plain_count(run_chithi):
    vi = run_chithi("check", LEADER_SEED).stdout
    assert "2/25 biểu hiện bị vi phạm; mức tuân thủ có trọng số 92,8 %" in vi
    assert "XCCDF" not in vi
    en = run_chithi("check", LEADER_SEED, "--lang", "en").stdout
    assert "2 of 25 indicators violated; weighted compliance 92.8%" in en
    assert "XCCDF" not in en
    assert "XCCDF" in run_chithi("check", LEADER_SEED, "--explain").stdout


def test_group_table_columns_mean_the_same_in_both_languages(run_chithi):
    en = run_chithi("check", LEADER_SEED, "--lang", "en").stdout
    assert "Unverified" not in en
    assert "Share met" in en and "Insufficient" in en and "Weighted" in en
    vi = run_chithi("check", LEADER_SEED).stdout
    assert "Tỷ lệ đã có" in vi and "Chưa đủ chứng cứ" in vi


def test_summary_ranks_units_by_level_then_points_and_fills_group_columns(run_chithi):
    table = run_chithi("summary", str(SEEDS), cwd=ROOT).stdout
    # a serious unit at 15.16 points ranks above a moderate one (seed 09) at 16.01
    serious, moderate = (
        "Ban Quản lý dự án đầu tư xây dựng huyện Gia Lâm",
        "Phòng Quản lý đô thị huyện Thanh Trì",
    )
    assert table.index(serious) < table.index(moderate)
    data = json.loads(run_chithi("summary", str(SEEDS), "--format", "json").stdout)
    points = {u["key"]: (u["highest_level"], u["points"]) for u in data["units"]}
    assert points[serious][0] == "serious" and points[moderate][0] == "moderate"
    assert points[serious][1] < points[moderate][1]
    units = [u["key"] for u in data["units"]]
    assert units.index(serious) < units.index(moderate)
    groups = {g["key"]: g for g in data["groups"]}
    assert groups["NT"]["incidents"] > 0 and groups["NT"]["highest_level"] == "serious"


# --- warnings, not silence ---------------------------------------------------------------------


def warnings_of(run_chithi, path: Path) -> tuple[int, str, list[str]]:
    shown = run_chithi("check", str(path), "--lang", "en")
    data = json.loads(run_chithi("check", str(path), "--format", "json").stdout)
    return shown.returncode, shown.stdout, [w["code"] for w in data["reports"][0]["warnings"]]


def test_a_report_without_incidents_is_warned_about(run_chithi, tmp_path):
    path = write(tmp_path, "empty.yaml", report_yaml())
    code, shown, codes = warnings_of(run_chithi, path)
    assert code == 0 and codes == ["no-incidents"]
    assert "Warnings:" in shown and "the report has no incident" in shown


def test_an_incident_dated_after_its_report_is_warned_about(run_chithi, tmp_path):
    path = write(tmp_path, "late.yaml", report_yaml(incident(LATE, date="2024-06-01")))
    code, shown, codes = warnings_of(run_chithi, path)
    assert code == 0 and codes == ["incident-after-report"]
    assert "after the report's own date 2024-05-01" in shown


def test_a_repeat_is_warned_about_with_the_incident_it_repeats(run_chithi):
    data = json.loads(run_chithi("check", LEADER_SEED, "--format", "json", cwd=ROOT).stdout)
    report = data["reports"][0]
    assert [w["incident"] for w in report["warnings"] if w["code"] == "repeat"] == ["SV-2", "SV-4"]
    rows = {(i["id"], r["indicator"]): r for i in report["incidents"] for r in i["results"]}
    assert rows[("SV-2", "NT-06")]["repeat_of"] == ["SV-1"]
    assert rows[("SV-1", "NT-06")]["repeat_of"] == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_unedited_template_is_warned_about_and_an_edited_one_checks_cleanly(
    run_chithi, tmp_path, lang
):
    path = tmp_path / "report.yaml"
    assert run_chithi("init", str(path), "--lang", lang).returncode == 0
    code, shown, codes = warnings_of(run_chithi, path)
    assert code == 0 and codes == ["template-text"]
    assert "subject.name" in shown and "incidents[0].narrative" in shown

    # A writer fills in the template, keeping its comments, ids, dates and reporter.
    source = path.read_text(encoding="utf-8")
    for example, real in (
        ("UBND phường Ví Dụ, quận Mẫu", "UBND phường Thành Công, quận Ba Đình"),
        ("Nguyễn Văn A", "Trần Thị Bích"),
        ("Trả hồ sơ quá hạn", "Chậm trả kết quả thủ tục đất đai"),
        (
            "Hồ sơ cấp giấy chứng nhận của bà B bị trễ hẹn ba lần so với phiếu hẹn.",
            "Hồ sơ đăng ký biến động đất đai của ông C bị trễ hẹn 20 ngày so với phiếu hẹn.",
        ),
    ):
        assert example in source
        source = source.replace(example, real)
    path.write_text(source, encoding="utf-8")
    checked = run_chithi("check", str(path), "--lang", lang)
    assert checked.returncode == 0 and checked.stderr == ""
    assert "Warnings:" not in checked.stdout and "Cảnh báo:" not in checked.stdout
    _code, _shown, codes = warnings_of(run_chithi, path)
    assert codes == []


def test_init_lang_en_writes_the_english_first_template(run_chithi, tmp_path):
    english = run_chithi("init", "--lang", "en").stdout
    vietnamese = run_chithi("init").stdout
    assert english.startswith("# Incident report to check against Directive 24-CT/TU")
    assert vietnamese.startswith("# Báo cáo sự việc")
    assert "# Report id, unique within the unit" in english
    # the same report underneath: only the comments' language differs
    assert yaml.safe_load(english) == yaml.safe_load(vietnamese)


def test_the_template_examples_chithi_warns_about_are_the_templates_own():
    for name in ("report.yaml", "report.en.yaml"):
        data = yaml.safe_load(resources.files("chithi.templates").joinpath(name).read_text("utf-8"))
        incident_ = data["incidents"][0]
        values = {
            data["unit"],
            data["subject"]["name"],
            incident_["summary"],
            incident_["narrative"],
        }
        assert values == TEMPLATE_EXAMPLES
