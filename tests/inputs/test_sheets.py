"""Reports kept in spreadsheets: .xlsx and .csv read, located at their cells, and templated."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from chithi.model.sheet_form import COLUMNS, TEMPLATE_COLUMNS

HEADERS = [c.header for c in TEMPLATE_COLUMNS]
ROW = {
    "id": "BC-1",
    "date": date(2024, 6, 28),
    "unit": "UBND phường Dịch Vọng Hậu",
    "subject.name": "Lê Văn Dũng",
    "subject.kind": "person",
    "incidents.id": "SV-1",
    "incidents.date": date(2024, 3, 29),
    "incidents.narrative": "Ông Dũng đi muộn 4 buổi trong tháng và bỏ vị trí làm việc trong giờ hành chính.",
    "incidents.indicators": "KL-09",
    "incidents.status": "confirmed",
    "evidence.type": "minutes",
    "evidence.ref": "Biên bản kiểm tra công vụ",
}


def _row(**changes):
    values = {**ROW, **changes}
    return [values.get(c.key) for c in TEMPLATE_COLUMNS]


def _letter(key: str) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[[c.key for c in TEMPLATE_COLUMNS].index(key)]


def _openpyxl_book(path, rows, headers=HEADERS, title="Sự việc - Incidents"):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _check_json(run_chithi, path):
    result = run_chithi("check", str(path), "-f", "json")
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def _without_paths(value):
    """A JSON result with file names and the run's own details left out, for comparing."""
    if isinstance(value, dict):
        return {
            k: _without_paths(v)
            for k, v in value.items()
            if k not in {"path", "file", "line", "column", "generated", "elapsed"}
        }
    if isinstance(value, list):
        return [_without_paths(v) for v in value]
    return value


# ---- Reading and locating ----


def test_a_workbook_is_checked_like_its_yaml_twin(run_chithi, tmp_path):
    book = _openpyxl_book(tmp_path / "r.xlsx", [_row()])
    twin = tmp_path / "r.yaml"
    twin.write_text(
        """id: BC-1
date: "2024-06-28"
unit: UBND phường Dịch Vọng Hậu
subject: {kind: person, name: Lê Văn Dũng}
incidents:
  - id: SV-1
    date: "2024-03-29"
    narrative: Ông Dũng đi muộn 4 buổi trong tháng và bỏ vị trí làm việc trong giờ hành chính.
    indicators: [KL-09]
    status: confirmed
    evidence: [{type: minutes, ref: Biên bản kiểm tra công vụ}]
""",
        encoding="utf-8",
    )
    assert _without_paths(_check_json(run_chithi, book)) == _without_paths(
        _check_json(run_chithi, twin)
    )


def test_a_bad_cell_is_named_as_a_spreadsheet_user_finds_it(run_chithi, tmp_path):
    book = _openpyxl_book(
        tmp_path / "r.xlsx",
        [_row(), _row(**{"incidents.id": "SV-2", "incidents.status": "đã xác minh"})],
    )
    result = run_chithi("check", str(book), "--lang", "en")
    assert result.returncode == 2
    cell = f"{_letter('incidents.status')}3"
    assert f"{book}:Sự việc - Incidents!{cell}: " in result.stderr
    assert "did you mean 'confirmed'?" in result.stderr
    assert "[E-SCHEMA]" in result.stderr
    vi = run_chithi("check", str(book), "--lang", "vi")
    assert (
        f"{book}:Sự việc - Incidents!{cell}: " in vi.stderr
        and "có phải ý là 'confirmed'?" in vi.stderr
    )


def test_an_unknown_indicator_and_evidence_type_get_the_yaml_help(run_chithi, tmp_path):
    book = _openpyxl_book(
        tmp_path / "r.xlsx", [_row(**{"incidents.indicators": "kl-9", "evidence.type": "minute"})]
    )
    result = run_chithi("check", str(book), "--lang", "en")
    assert result.returncode == 2
    assert f"!{_letter('incidents.indicators')}2: " in result.stderr
    assert "write 'KL-09'" in result.stderr


def test_report_fields_may_be_left_blank_below_but_must_not_disagree(run_chithi, tmp_path):
    blank = {k: None for k in ("id", "date", "unit", "subject.name", "subject.kind")}
    same = _row(**{"incidents.id": "SV-2"}, **{k: v for k, v in ROW.items() if k in blank})
    continued = _row(**blank, **{"incidents.id": "SV-3"})
    book = _openpyxl_book(tmp_path / "ok.xlsx", [_row(), same, continued])
    data = _check_json(run_chithi, book)
    assert [i["id"] for i in data["reports"][0]["incidents"]] == ["SV-1", "SV-2", "SV-3"]
    differs = _openpyxl_book(
        tmp_path / "bad.xlsx", [_row(), _row(**{"incidents.id": "SV-2", "unit": "UBND khác"})]
    )
    result = run_chithi("check", str(differs), "--lang", "en")
    assert result.returncode == 2
    assert f"!{_letter('unit')}3: " in result.stderr
    assert f"differs from cell Sự việc - Incidents!{_letter('unit')}2" in result.stderr


def test_a_repeated_incident_row_adds_evidence(run_chithi, tmp_path):
    more = [None] * len(TEMPLATE_COLUMNS)
    keys = [c.key for c in TEMPLATE_COLUMNS]
    more[keys.index("incidents.id")] = "SV-1"
    more[keys.index("evidence.type")] = "document"
    more[keys.index("evidence.ref")] = "Dữ liệu máy chấm công"
    book = _openpyxl_book(tmp_path / "r.xlsx", [_row(), more])
    data = _check_json(run_chithi, book)
    incidents = data["reports"][0]["incidents"]
    assert len(incidents) == 1


@pytest.mark.parametrize(
    ("written", "accepted"),
    [
        ("2024-03-29", True),
        ("29/03/2024", True),
        ("05/05/2024", True),
        ("03/04/2024", False),
        ("04/13/2024", False),
    ],
)
def test_dates_are_read_without_a_silent_day_month_swap(run_chithi, tmp_path, written, accepted):
    book = _openpyxl_book(tmp_path / "r.xlsx", [_row(**{"incidents.date": written})])
    result = run_chithi("check", str(book), "--lang", "en", "-f", "json")
    if accepted:
        assert result.returncode in (0, 1), result.stderr
        return
    assert result.returncode == 2
    assert f"!{_letter('incidents.date')}2: date '{written}'" in result.stderr
    assert "[E-SHEET-DATE]" in result.stderr


def test_headers_match_whatever_their_case_or_diacritics(run_chithi, tmp_path):
    headers = ["MA BAO CAO", "ngay bao cao", "đơn vị", "Subject", "subject kind"]
    headers += ["Incident ID", "NGÀY SỰ VIỆC", "dien bien", "trang thai", "# ghi chú riêng"]
    row = [
        "BC-1",
        date(2024, 6, 28),
        "UBND",
        "Dũng",
        "person",
        "SV-1",
        date(2024, 3, 1),
        "Đi muộn nhiều lần.",
        "alleged",
        "bỏ qua",
    ]
    book = _openpyxl_book(tmp_path / "r.xlsx", [row], headers=headers)
    assert _check_json(run_chithi, book)["reports"][0]["id"] == "BC-1"
    misspelt = _openpyxl_book(
        tmp_path / "m.xlsx", [row], headers=[*headers[:7], "Dien bein", *headers[8:]]
    )
    result = run_chithi("check", str(misspelt), "--lang", "en")
    assert result.returncode == 2
    assert "!H1: column 'Dien bein' is not a report column" in result.stderr
    assert "did you mean" in result.stderr


# ---- Other producers ----


def test_a_workbook_written_by_xlsxwriter_is_read(run_chithi, tmp_path):
    path = tmp_path / "x.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Báo cáo")
    dates = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, HEADERS)
    for col, value in enumerate(_row()):
        if isinstance(value, date):
            sheet.write_datetime(1, col, value, dates)
        elif value is not None:
            sheet.write(1, col, value)
    book.close()
    data = _check_json(run_chithi, path)
    assert data["reports"][0]["incidents"][0]["date"] == "2024-03-29"


def test_a_csv_saved_by_excel_in_a_vietnamese_locale_is_read(run_chithi, tmp_path):
    """UTF-8 with a BOM, `;` between cells, quotes around a cell that holds a `;`."""
    headers = ";".join(HEADERS)
    cells = [
        "" if v is None else v.strftime("%d/%m/%Y") if isinstance(v, date) else str(v)
        for v in _row()
    ]
    cells[[c.key for c in TEMPLATE_COLUMNS].index("incidents.narrative")] = (
        '"Đi muộn; bỏ vị trí làm việc trong giờ hành chính"'
    )
    path = tmp_path / "r.csv"
    path.write_bytes(
        b"\xef\xbb\xbf" + (headers + "\r\n" + ";".join(cells) + "\r\n").encode("utf-8")
    )
    data = _check_json(run_chithi, path)
    assert data["reports"][0]["incidents"][0]["date"] == "2024-03-29"
    broken = tmp_path / "b.csv"
    broken.write_text(
        headers + "\n" + ";".join(cells).replace("confirmed", "confirmd") + "\n", encoding="utf-8"
    )
    result = run_chithi("check", str(broken), "--lang", "en")
    assert result.returncode == 2
    assert f"{broken}!{_letter('incidents.status')}2: " in result.stderr


# ---- Hostile workbooks ----


def test_a_formula_is_refused_at_its_cell(run_chithi, tmp_path):
    book = _openpyxl_book(
        tmp_path / "f.xlsx", [_row(**{"incidents.narrative": '=HYPERLINK("http://x")'})]
    )
    result = run_chithi("check", str(book), "--lang", "en")
    assert result.returncode == 2
    assert f"!{_letter('incidents.narrative')}2: the cell holds a formula" in result.stderr


def test_a_zip_bomb_is_refused_from_its_directory(run_chithi, tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 60_000_000)
    assert path.stat().st_size < 200_000
    result = run_chithi("check", str(path), "--lang", "en")
    assert result.returncode == 2
    assert "possibly a zip bomb; not opened [E-LIMIT]" in result.stderr
    assert "Traceback" not in result.stderr


def test_huge_shared_strings_macros_and_external_links_are_refused(run_chithi, tmp_path):
    source = _openpyxl_book(tmp_path / "ok.xlsx", [_row()])
    cases = {
        "xl/sharedStrings.xml": (b"<sst>" + b" " * 12_000_000 + b"</sst>", "shared-strings table"),
        "xl/vbaProject.bin": (b"\0" * 100, "holds macros"),
        "xl/externalLinks/externalLink1.xml": (b"<externalLink/>", "links to other workbooks"),
    }
    for member, (content, said) in cases.items():
        path = tmp_path / f"{member.rsplit('/', 1)[-1]}.xlsx"
        with (
            zipfile.ZipFile(source) as original,
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out,
        ):
            for item in original.infolist():
                if item.filename != member:
                    out.writestr(item, original.read(item))
            out.writestr(member, content)
        result = run_chithi("check", str(path), "--lang", "en")
        assert result.returncode == 2, member
        assert said in result.stderr, member
    xlsm = tmp_path / "m.xlsm"
    xlsm.write_bytes(source.read_bytes())
    assert "holds macros" in run_chithi("check", str(xlsm), "--lang", "en").stderr


def test_limits_apply_to_cells_and_rows(run_chithi, tmp_path):
    book = _openpyxl_book(tmp_path / "r.xlsx", [_row(**{"incidents.narrative": "a" * 200})])
    result = run_chithi("check", str(book), "--max-string-length", "100", "--lang", "en")
    assert result.returncode == 2
    assert (
        f"!{_letter('incidents.narrative')}2: cell is longer than the 100-character limit"
        in result.stderr
    )
    rows = run_chithi("check", str(book), "--max-nodes", "5", "--lang", "en")
    assert rows.returncode == 2 and "--max-nodes" in rows.stderr


def test_a_broken_workbook_is_refused_without_a_traceback(run_chithi, tmp_path):
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not closed")
    result = run_chithi("check", str(path), "--lang", "en")
    assert result.returncode == 2
    assert "cannot read the workbook" in result.stderr and "Traceback" not in result.stderr


# ---- Templates, folders, summary ----


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_init_then_fill_then_check(run_chithi, tmp_path, suffix):
    path = tmp_path / f"report{suffix}"
    assert run_chithi("init", str(path)).returncode == 0
    if suffix == ".csv":
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        text = raw.decode("utf-8-sig").replace(",SV-1,", ",SV-9,")
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    else:
        book = openpyxl.load_workbook(path)
        sheet = book.worksheets[0]
        assert sheet.freeze_panes == "A2"
        assert sheet["A1"].comment is not None
        rules = {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation}
        assert (
            _letter("incidents.status") + "2" in rules and _letter("evidence.type") + "2" in rules
        )
        sheet[f"{_letter('incidents.id')}2"] = "SV-9"
        book.save(path)
    data = _check_json(run_chithi, path)
    assert data["reports"][0]["id"] == "BC-2024-001"
    assert data["reports"][0]["incidents"][0]["id"] == "SV-9"


def test_folders_hold_sheets_beside_yaml_and_summary_reads_them(run_chithi, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _openpyxl_book(folder / "a.xlsx", [_row(), _row(id="BC-2", **{"incidents.id": "SV-1"})])
    (folder / "~$a.xlsx").write_bytes(b"lock file of an open workbook")
    result = run_chithi("check", str(folder), "-f", "json")
    assert result.returncode in (0, 1), result.stderr
    names = [r["path"] for r in json.loads(result.stdout)["reports"]]
    assert names == [f"{folder}/a.xlsx#1", f"{folder}/a.xlsx#2"]
    summary = run_chithi("summary", str(folder), "--lang", "en")
    assert summary.returncode in (0, 1), summary.stderr
    assert "2" in summary.stdout


def test_every_column_has_a_bilingual_header_and_help():
    for column in COLUMNS:
        assert column.vi and column.en and column.help_vi and column.help_en
        assert "/" not in column.vi and "/" not in column.en


def test_checking_yaml_never_imports_openpyxl(tmp_path):
    """Start-up for YAML stays what it was: the workbook reader loads only for a workbook."""
    seed = Path(__file__).parents[2] / "seeds" / "01-clean.yaml"
    probe = (
        "import sys\n"
        "from chithi.app import main\n"
        f"sys.argv = ['chithi', 'check', {str(seed)!r}, '-f', 'json', '-o', {str(tmp_path / 'o.json')!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('openpyxl' in sys.modules, 'chithi.io.tables' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"], out.stderr


# ---- Import, Word documents, seeds ----

SEEDS_DIR = Path(__file__).parents[2] / "seeds"


def _reports_json(run_chithi, path):
    data = _check_json(run_chithi, path)
    for report in data["reports"]:
        report.pop("path")
    return data["reports"]


def test_import_round_trips_a_sheet(run_chithi, tmp_path):
    book = _openpyxl_book(
        tmp_path / "r.xlsx",
        [
            _row(),
            _row(
                id="BC-2",
                unit="UBND phường Láng Hạ",
                **{"incidents.narrative": "Cán bộ đùn đẩy trách nhiệm,\nchuyển hồ sơ lòng vòng."},
            ),
        ],
    )
    result = run_chithi("import", str(book), "-o", str(tmp_path / "out"), "--lang", "en")
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["BC-1.yaml", "BC-2.yaml"]
    from_yaml = [r for name in written for r in _reports_json(run_chithi, tmp_path / "out" / name)]
    assert from_yaml == _reports_json(run_chithi, book)
    again = run_chithi("import", str(book), "-o", str(tmp_path / "out"), "--lang", "en")
    assert again.returncode == 2 and "already exists; use --force" in again.stderr


def _hand_made_docx(path, body: str) -> None:
    """The smallest WordprocessingML package, written by hand: no python-docx involved."""
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{body}</w:body></w:document>',
        )


def _p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _table(rows) -> str:
    cells = "".join(
        "<w:tr>" + "".join(f"<w:tc>{_p(c)}</w:tc>" for c in row) + "</w:tr>" for row in rows
    )
    return f"<w:tbl>{cells}</w:tbl>"


def test_a_word_document_becomes_a_skeleton_that_check_completes(run_chithi, tmp_path):
    doc = tmp_path / "bien-ban.docx"
    _hand_made_docx(
        doc, _p("BIÊN BẢN") + _p("") + _p("Ông B nhiều lần đi muộn về sớm trong giờ làm việc.")
    )
    told = run_chithi("check", str(doc), "--lang", "en")
    assert told.returncode == 2 and "chithi import FILE -o FOLDER" in told.stderr
    result = run_chithi("import", str(doc), "-o", str(tmp_path / "out"), "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "to complete: id, date, unit, subject, incidents[0].id" in result.stderr
    skeleton = (tmp_path / "out" / "bien-ban.yaml").read_text(encoding="utf-8")
    assert "BIÊN BẢN\n\n" in skeleton and "đi muộn về sớm" in skeleton
    checked = run_chithi("check", str(tmp_path / "out" / "bien-ban.yaml"), "--lang", "en")
    assert checked.returncode == 2
    assert "missing required field 'id, date, unit, subject'" in checked.stderr


def test_a_word_table_with_the_sheet_headers_becomes_incidents(run_chithi, tmp_path):
    doc = tmp_path / "t.docx"
    rows = [
        ["Mã sự việc", "Ngày sự việc", "Diễn biến", "Trạng thái"],
        ["SV-1", "2024-03-29", "Hồ sơ của bà C bị trễ hẹn 20 ngày so với phiếu hẹn.", "alleged"],
        ["SV-2", "29/04/2024", "Ông B đi muộn về sớm.", "confirmed"],
    ]
    unrelated = [["Người ký", "Chức vụ"], ["Nguyễn Văn D", "Chủ tịch"]]
    _hand_made_docx(doc, _p("Báo cáo") + _table(rows) + _table(unrelated))
    result = run_chithi("import", str(doc), "-o", str(tmp_path / "out"), "--lang", "en")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "out" / "t.yaml").read_text(encoding="utf-8")
    assert "id: SV-2" in text and "date: '2024-04-29'" in text and "Người ký" not in text
    assert "to complete: id, date, unit, subject" in result.stderr


def test_a_hostile_word_document_is_refused(run_chithi, tmp_path):
    doc = tmp_path / "x.docx"
    entity = '<!DOCTYPE w:document [<!ENTITY a "aaaa">]>'
    with zipfile.ZipFile(doc, "w") as archive:
        archive.writestr("word/document.xml", f"<?xml version='1.0'?>{entity}<w:document/>")
    result = run_chithi("import", str(doc), "-o", str(tmp_path / "out"), "--lang", "en")
    assert (
        result.returncode == 2 and "DOCTYPE" in result.stderr and "Traceback" not in result.stderr
    )


def test_match_screens_a_documents_paragraphs(run_chithi, tmp_path):
    doc = tmp_path / "don.docx"
    _hand_made_docx(
        doc, _p("Kính gửi UBND phường") + _p("Hồ sơ của tôi bị trễ hẹn 20 ngày so với phiếu hẹn.")
    )
    result = run_chithi("match", "--file", str(doc), "--lang", "en", "-f", "json")
    assert result.returncode == 0, result.stderr
    found = {
        p["paragraph"]: [d["indicator"] for d in p["detections"]]
        for p in json.loads(result.stdout)["paragraphs"]
    }
    assert "NT-06" in found[2]
    table = run_chithi("match", "--file", str(doc), "--lang", "en")
    assert "¶2 Paragraph 2" in table.stdout and "NT-06" in table.stdout


def test_the_seed_twins_check_like_their_yaml(run_chithi, tmp_path):
    """seeds/12-one-stop-shop.xlsx and .docx (seeds/make_office_twins.py) against their twin."""
    twin = Path(__file__).parents[1] / "data" / "sheet-twins" / "12-one-stop-shop.yaml"
    yaml_result = _reports_json(run_chithi, twin)
    assert _reports_json(run_chithi, SEEDS_DIR / "12-one-stop-shop.xlsx") == yaml_result
    docx = str(SEEDS_DIR / "12-one-stop-shop.docx")
    result = run_chithi("import", docx, "-o", str(tmp_path), "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert _reports_json(run_chithi, tmp_path / "BC-KD-2024-031.yaml") == yaml_result


def test_a_sheet_with_only_its_header_says_so(run_chithi, tmp_path):
    path = tmp_path / "h.csv"
    path.write_text("Mã báo cáo,Mã sự việc\n", encoding="utf-8")
    result = run_chithi("check", str(path), "--lang", "en")
    assert result.returncode == 2
    assert f"{path}!A1: the sheet has a header row but no incident rows [E-EMPTY]" in result.stderr
