"""Every kind of broken or hostile file gets one located line and the documented exit code."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from chithi.core.problems import InputError
from chithi.io.loading import Limits, load_text, read_bytes
from conftest import chithi_executable
from helpers import incident, report_yaml, ruleset_variant

ONE_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): .+ \[(?P<code>[A-Z-]+)\]$")


def check_file(run_chithi, path: Path, *args: str):
    result = run_chithi("check", str(path), "--lang", "en", *args)
    assert "Traceback" not in result.stderr
    return result


def located(result) -> tuple[int, int, str]:
    lines = result.stderr.strip().splitlines()
    match = ONE_LINE.match(lines[0])
    assert match is not None, result.stderr
    return int(match["line"]), int(match["col"]), match["code"]


VALID = report_yaml(incident("Ông Thử đi muộn."))


@pytest.mark.parametrize(
    ("name", "content", "where"),
    [
        ("empty", b"", (1, 1, "E-EMPTY")),
        ("comments-only", b"# chi co chu thich\n# only comments\n", (1, 1, "E-EMPTY")),
        ("scalar-top", b"just a sentence\n", (1, 1, "E-SCHEMA")),
        ("list-top", b"- id: A\n- id: B\n", (1, 1, "E-SCHEMA")),
        ("invalid-utf8", b"id: A\nunit: Ph\xf2ng\n", (2, 9, "E-ENCODING")),
        ("utf16", "id: A\n".encode("utf-16"), (1, 1, "E-ENCODING")),
        ("binary", bytes(range(256)) * 4, (2, 118, "E-ENCODING")),  # first byte ≥ 0x80
        ("nul", b"id: A\nunit: x\x00y\n", (2, 8, "E-ENCODING")),
        ("tab-indent", b"id: A\nsubject:\n\tkind: person\n", (3, 1, "E-YAML")),
        ("unclosed-quote", b'id: "A\nunit: U\n', (3, 1, "E-YAML")),
        ("python-tag", b"id: !!python/object/apply:os.system [ls]\n", (1, 5, "E-YAML-TAG")),
        ("custom-tag", b"id: !secret A\n", (1, 5, "E-YAML-TAG")),
        ("binary-tag", b"id: !!binary aGk=\n", (1, 5, "E-YAML-TAG")),
        ("duplicate-key", b"id: A\nunit: U\nid: B\n", (3, 1, "E-DUPLICATE-KEY")),
        ("merge-key", b"a: &x {k: 1}\nb:\n  <<: *x\n", (3, 3, "E-YAML")),
        (
            "float-in-string-field",
            VALID.replace("unit: UBND phường Thử Nghiệm", "unit: 1.5").encode(),
            (3, 7, "E-SCHEMA"),
        ),
        (
            "no-as-status",
            VALID.replace("status: alleged", "status: no").encode(),
            (None, 11, "E-SCHEMA"),
        ),
    ],
)
def test_broken_file_gives_one_located_line_and_exit_2(run_chithi, tmp_path, name, content, where):
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(content)
    result = check_file(run_chithi, path)
    assert result.returncode == 2
    line, col, code = located(result)
    expected_line, expected_col, expected_code = where
    if expected_line is None:  # found by content rather than a fixed number
        expected_line = content.decode().splitlines().index("  status: no") + 1
    assert (line, col, code) == (expected_line, expected_col, expected_code)


def test_missing_file_dangling_link_and_file_used_as_folder_are_named(run_chithi, tmp_path):
    dangling = tmp_path / "gone.yaml"
    dangling.symlink_to(tmp_path / "never-there.yaml")
    not_a_dir = tmp_path / "plain.yaml"
    not_a_dir.write_text(VALID, encoding="utf-8")
    result = run_chithi(
        "check",
        str(dangling),
        str(not_a_dir / "x.yaml"),
        str(tmp_path / "no.yaml"),
        str(tmp_path),
        "--lang",
        "en",
    )  # the folder itself is walked: plain.yaml in it is checked, gone.yaml only once
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"{dangling}: file not found [E-READ]",
        f"{not_a_dir / 'x.yaml'}: cannot read the file (Not a directory) [E-READ]",
        f"{tmp_path / 'no.yaml'}: file not found [E-READ]",
    ]
    assert "Nguyễn Văn Thử" in result.stdout


def test_unreadable_file_is_named(tmp_path, monkeypatch):
    path = tmp_path / "secret.yaml"
    path.write_text("id: A\n", encoding="utf-8")

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputError) as caught:
        read_bytes(path, "secret.yaml")
    assert caught.value.problems[0].message.en == "permission denied reading the file"


def test_yaml_11_words_in_string_fields_are_never_misread():
    doc = load_text(
        textwrap.dedent("""\
        id: on
        name: no
        date: 2024-01-05
        ref: 1e3
        flag: yes
    """),
        "r.yaml",
    )
    assert doc.data == {"id": "on", "name": "no", "date": "2024-01-05", "ref": "1e3", "flag": "yes"}


def test_limits_are_refused_with_position_and_can_be_raised(run_chithi, tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text(VALID, encoding="utf-8")
    shallow = check_file(run_chithi, path, "--max-depth", "2")
    assert shallow.returncode == 2
    assert located(shallow)[2] == "E-LIMIT" and "--max-depth" in shallow.stderr
    short = check_file(run_chithi, path, "--max-string-length", "5")
    assert short.returncode == 2 and "--max-string-length" in short.stderr
    small = check_file(run_chithi, path, "--max-file-size", "10")
    assert small.returncode == 2 and "10-byte limit" in small.stderr
    assert check_file(run_chithi, path, "--max-depth", "8").returncode == 0


def test_limit_messages_exist_in_vietnamese(tmp_path):
    with pytest.raises(InputError) as caught:
        load_text("a: [[[[1]]]]\n", "r.yaml", limits=Limits(max_depth=3))
    problem = caught.value.problems[0]
    assert "giới hạn 3 cấp" in problem.message.vi and problem.code == "E-LIMIT"


def billion_laughs() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


def run_measured(args: list[str]) -> tuple[int, str, float]:
    """Run chithi in a fresh child; return its exit code, stderr and peak memory in MB."""
    probe = (
        "import resource, subprocess, sys\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(r.returncode); print(peak); sys.stdout.write(r.stderr)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout.splitlines()
    return int(out[0]), "\n".join(out[2:]), float(out[1])


@pytest.mark.parametrize("kind", ["billion-laughs", "200MB", "deep-nesting"])
def test_hostile_sizes_are_refused_in_bounded_memory(tmp_path, kind):
    path = tmp_path / f"{kind}.yaml"
    if kind == "billion-laughs":
        path.write_text(billion_laughs(), encoding="utf-8")
    elif kind == "200MB":
        with path.open("wb") as handle:
            handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB of NUL bytes
    else:
        path.write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    code, stderr, peak_mb = run_measured([chithi_executable(), "check", str(path), "--lang", "en"])
    assert code == 2
    assert "[E-LIMIT]" in stderr and ONE_LINE.match(stderr.strip())
    assert peak_mb < 200


def test_a_broken_ruleset_gets_the_same_treatment_with_exit_3(run_chithi, tmp_path):
    report = tmp_path / "r.yaml"
    report.write_text(VALID, encoding="utf-8")
    for content, code in [
        (b"", "E-EMPTY"),
        (b"id: !!python/name:os.system x\n", "E-YAML-TAG"),
        (b"id: a\nid: b\n", "E-DUPLICATE-KEY"),
        (b"\xff\xfe", "E-ENCODING"),
    ]:
        ruleset = tmp_path / "rules.yaml"
        ruleset.write_bytes(content)
        result = run_chithi("check", str(report), "--ruleset", str(ruleset), "--lang", "en")
        assert result.returncode == 3, content
        assert located(result)[2] == code


def test_ruleset_schema_error_is_located(run_chithi, tmp_path):
    def bad_weight(data):
        data["indicators"][2]["weight"] = "heavy"

    ruleset = ruleset_variant(tmp_path, bad_weight)
    report = tmp_path / "r.yaml"
    report.write_text(VALID, encoding="utf-8")
    result = run_chithi("check", str(report), "--ruleset", str(ruleset), "--lang", "en")
    assert result.returncode == 3
    line, _col, code = located(result)
    assert code == "RS-SCHEMA"
    assert ruleset.read_text(encoding="utf-8").splitlines()[line - 1].strip() == "weight: heavy"


@pytest.mark.parametrize(
    "payload",
    [
        "[bold red]X[/]",
        "\x1b[2J\x1b[31mred",
        "line\rover",
        "\u202eevil\u202c",
        "[link=http://x]y[/link]",
    ],
)
def test_nothing_from_a_file_reaches_the_terminal_as_control(run_chithi, tmp_path, payload):
    narrative = f"Ông Thử đi muộn {payload}."
    path = tmp_path / "r.yaml"
    path.write_text(report_yaml(incident(narrative, status="confirmed")), encoding="utf-8")
    env = {"FORCE_COLOR": "1", "NO_COLOR": "", "TERM": "xterm-256color"}
    table = run_chithi("check", str(path), "--explain", env=env)
    for dangerous in ("\x1b[2J", "\x1b[31mred", "\r", "\u202e", "\x1b]8;"):
        assert dangerous not in table.stdout
    if payload.startswith("["):
        assert payload in table.stdout
    as_json = run_chithi("check", str(path), "--format", "json")
    results = json.loads(as_json.stdout)["reports"][0]["incidents"][0]["results"]
    assert results[0]["detections"][0]["sentence"] == narrative  # escaped, not altered
    for dangerous in ("\x1b", "\r", "\u202e"):
        assert dangerous not in as_json.stdout


def test_error_messages_neutralise_control_characters_too(run_chithi, tmp_path):
    path = tmp_path / "r.yaml"
    path.write_bytes(b'id: A\n"\x1b[31mkey": 1\n')
    result = run_chithi("check", str(path), "--lang", "en")
    assert result.returncode == 2
    assert "\x1b" not in result.stderr


def test_interrupt_leaves_no_partial_output(tmp_path):
    """SIGINT during a run exits 130 with a message and leaves no temporary file behind."""
    report = tmp_path / "r.yaml"
    report.write_text(VALID, encoding="utf-8")
    script = textwrap.dedent(f"""
        import os, pathlib, signal, sys
        real_replace = pathlib.Path.replace
        def interrupted(self, target):  # Ctrl-C arrives just before the rename
            os.kill(os.getpid(), signal.SIGINT)
            return real_replace(self, target)
        pathlib.Path.replace = interrupted
        import chithi.app as app
        sys.argv = ["chithi", "check", {str(report)!r}, "--format", "json", "-o", {str(tmp_path / "out.json")!r}]
        app.main()
    """)
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 130
    assert "interrupted" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.yaml"]
