from __future__ import annotations

import pytest

from chithi.core.problems import InputError
from chithi.io.loading import decode, load_text


def problem_of(source: str):
    with pytest.raises(InputError) as caught:
        load_text(source, "r.yaml")
    return caught.value.problems[0]


def test_positions_are_one_based_for_values_and_keys():
    doc = load_text("a: 1\nb:\n  - x\n  - {c: y}\n", "r.yaml")
    assert doc.positions.of_value(("a",)) == (1, 4)
    assert doc.positions.of_value(("b", 1, "c")) == (4, 9)
    assert doc.positions.of_key(("b",)) == (2, 1)


def test_missing_path_falls_back_to_nearest_ancestor():
    doc = load_text("a:\n  b: 1\n", "r.yaml")
    assert doc.positions.of_value(("a", "zzz", 3)) == (2, 3)


def test_duplicate_key_is_refused_at_the_second_key():
    problem = problem_of("id: x\nsubject: a\nid: y\n")
    assert (problem.line, problem.column, problem.code) == (3, 1, "E-DUPLICATE-KEY")
    assert "line 1" in problem.message.en and "dòng 1" in problem.message.vi


def test_dates_stay_strings_and_yaml11_words_are_not_booleans():
    doc = load_text("date: 2024-01-05\nstatus: no\nflag: on\nok: true\n", "r.yaml")
    assert doc.data == {"date": "2024-01-05", "status": "no", "flag": "on", "ok": True}


def test_python_tags_are_refused_not_executed():
    problem = problem_of("x: !!python/object/apply:os.system ['echo hi']\n")
    assert problem.code == "E-YAML-TAG"
    assert (problem.line, problem.column) == (1, 4)


def test_syntax_error_reports_its_position():
    problem = problem_of("a: 1\nb: c: d\n")
    assert problem.code == "E-YAML"
    assert (problem.line, problem.column) == (2, 5)


def test_empty_file_is_an_error():
    assert problem_of("").code == "E-EMPTY"
    assert problem_of("# only a comment\n").code == "E-EMPTY"


def test_utf16_and_invalid_utf8_are_named():
    with pytest.raises(InputError) as utf16:
        decode("id: x".encode("utf-16"), "r.yaml")
    assert "UTF-16" in utf16.value.problems[0].message.en
    with pytest.raises(InputError) as latin1:
        decode("id: x\nname: Nguy\xean\n".encode("latin-1"), "r.yaml")
    problem = latin1.value.problems[0]
    assert (problem.line, problem.column) == (2, 11)


def test_bom_is_accepted():
    assert decode(b"\xef\xbb\xbfid: x", "r.yaml") == "id: x"


def test_alias_bomb_is_refused():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]"
        for i in range(1, 9)
    ]
    assert problem_of("\n".join(lines) + "\n").code == "E-LIMIT"
