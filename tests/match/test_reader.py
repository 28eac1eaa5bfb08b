"""The learned reader: trained by `chithi train`, read with the standard library, pinned by the
ruleset, and never convicting from a sentence the rules set aside."""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import replace

import pytest

from chithi.api import compiled_reader, default_ruleset_path
from chithi.match.learned import ReaderFileError, loads
from chithi.render import labels
from chithi.train import fit as training
from chithi.train.corpus import load_corpus
from conftest import DATA
from helpers import bundled, check_text, copy_reader, incident, report_yaml

MODEL = default_ruleset_path().parent / "hn-24-ct-tu-2023.reader"


def test_the_shipped_model_is_pinned_small_and_whole():
    raw = MODEL.read_bytes()
    assert bundled().reader is not None
    assert hashlib.sha256(raw).hexdigest() == bundled().reader.sha256
    assert len(raw) <= 10 * 1024 * 1024
    model = loads(raw)
    assert list(model.indicators) == [i.id for i in bundled().indicators]
    for cut in (0, 10, len(raw) // 2, len(raw) - 1):
        with pytest.raises(ReaderFileError):
            loads(raw[:cut])
    with pytest.raises(ReaderFileError):
        loads(raw + b"\0")


@pytest.fixture(scope="module")
def small_training(tmp_path_factory):
    """A model trained here on rounds 1 and 2 (train), chosen on the first blind set (dev)."""
    pytest.importorskip("sklearn")
    corpus = tmp_path_factory.mktemp("corpus") / "corpus"
    shutil.copytree(DATA / "corpus", corpus, ignore=shutil.ignore_patterns("writers"))
    shutil.copytree(DATA / "corpus-heldout", corpus.parent / "corpus-heldout")
    (corpus / "splits.yaml").write_text("train: [corpus]\ndev: [heldout]\ntest: []\n")
    grid, training.C_GRID = training.C_GRID, (16.0,)
    try:
        yield corpus, training.train(corpus, bundled())
    finally:
        training.C_GRID = grid


def test_the_runtime_reads_exactly_what_training_scored(small_training):
    """Features, norm and weights of reader.py are training's, to float32 precision."""
    _, trained = small_training
    model = loads(trained.model)
    texts = {c.id: c.text for c in load_corpus(DATA / "corpus-heldout")}
    matcher = compiled_reader(bundled()).matcher
    worst = 0.0
    for case_id, expected in trained.dev_scores.items():
        scores = model.read([("narrative", matcher.match(texts[case_id]))]).scores
        worst = max(worst, *(abs(scores[i] - z) for i, z in expected.items()))
    assert worst < 1e-3


def test_training_again_gives_the_same_file(small_training):
    corpus, trained = small_training
    grid, training.C_GRID = training.C_GRID, (16.0,)
    try:
        again = training.train(corpus, bundled())
    finally:
        training.C_GRID = grid
    assert again.model == trained.model


def test_a_word_an_indicator_s_cases_share_is_let_through_more_cheaply():
    """Training scales each feature by how unevenly it falls between an indicator's cases and
    the rest, so the regression's penalty weighs a telling word less than a common one."""
    np = pytest.importorskip("numpy")
    sparse = pytest.importorskip("scipy.sparse")
    # features: "nhận tiền" (in its cases, once elsewhere), "phường" (everywhere), "khen" (elsewhere)
    x = sparse.csr_matrix(np.array([[1, 1, 0], [1, 1, 0], [0, 1, 1], [0, 1, 1], [1, 1, 0]]))
    y = np.array([1, 1, 0, 0, 0])
    scale = training._evidence(x, y, np.ones(5))
    assert scale[1] < 0.1 and min(scale[0], scale[2]) > 0.5  # telling either way, not common
    # a case that counts neither for nor against (a `may` reading) says nothing either way
    assert training._evidence(x, y, np.array([1, 1, 1, 1, 0]))[0] > scale[0]


def test_a_set_aside_sentence_carries_no_detection():
    bribe = "Ông Hùng nhận 5 triệu đồng của người dân để đẩy nhanh hồ sơ."
    denied = "Qua kiểm tra, không phát hiện ông Hùng nhận 5 triệu đồng của người dân."
    read = compiled_reader(bundled())
    assert {"KL-08", "KL-01"} & {d.indicator for d in read.read_text(bribe).detections}
    found = read.read_text(denied)
    assert not {"KL-08", "KL-01"} & {d.indicator for d in found.detections}
    refuted = read.read_text(
        "Người dân phản ánh ông Hùng nhận tiền để đẩy nhanh hồ sơ. Qua xác minh, phản ánh là"
        " không đúng sự thật."
    )
    assert not any(d.confidence == "model" for d in refuted.detections)


def test_a_model_detection_says_which_sentence_and_words():
    text = "Hồ sơ đã đủ. Ông Hùng nhận 5 triệu đồng của người dân để đẩy nhanh hồ sơ."
    found = compiled_reader(bundled()).read_text(text)
    model = [d for d in found.detections if d.confidence == "model"]
    assert model
    for d in model:
        assert d.sentence.startswith("Ông Hùng")  # the sentence that weighs, not the first
        assert d.phrase and all(w in text for w in d.phrase.split(", "))
        assert text[d.start : d.end] == d.matched


def test_json_and_explain_show_confidence_in_words_and_numbers(run_chithi, tmp_path):
    report = tmp_path / "r.yaml"
    report.write_text(
        report_yaml(incident("Ông Hùng nhận 5 triệu đồng của người dân để đẩy nhanh hồ sơ.")),
        encoding="utf-8",
    )
    document = json.loads(run_chithi("check", str(report), "--format", "json").stdout)
    rows = document["reports"][0]["incidents"][0]["results"]
    assert any(isinstance(r["text_confidence"], float) for r in rows)
    for lang, word in (("vi", "độ tin cậy"), ("en", "confidence")):
        shown = run_chithi("check", str(report), "--explain", "--lang", lang).stdout
        assert word in shown and "%" in shown


def test_validate_fails_when_the_model_is_missing_or_changed(run_chithi, tmp_path):
    ruleset = tmp_path / "rules.yaml"
    shutil.copy(default_ruleset_path(), ruleset)
    missing = run_chithi("validate", str(ruleset), "--lang", "en")
    assert missing.returncode == 3 and "RS-READER-MISSING" in missing.stdout
    assert f"{ruleset}:" in missing.stdout  # file, line and column of the reader entry
    copy = copy_reader(tmp_path)
    assert run_chithi("validate", str(ruleset)).returncode == 0
    copy.write_bytes(copy.read_bytes()[:-4] + b"\0\0\0\0")
    changed = run_chithi("validate", str(ruleset), "--lang", "en")
    assert changed.returncode == 3 and "RS-READER-MISMATCH" in changed.stdout
    seed = str(DATA.parent.parent / "seeds" / "01-clean.yaml")
    check = run_chithi("check", seed, "--ruleset", str(ruleset), env={"CHITHI_NO_CACHE": "1"})
    assert check.returncode == 3 and "RS-READER-MISMATCH" in check.stderr
    assert "Traceback" not in check.stderr


def test_diff_lists_the_model_and_the_rewording_against_1_0_0(run_chithi):
    old = DATA / "rulesets" / "hn-24-ct-tu-2023-1.0.0.yaml"
    result = run_chithi("diff", str(old), str(default_ruleset_path()), "--format", "json")
    changes = {c["path"] for c in json.loads(result.stdout)["changes"]}
    assert "reader" in changes or "reader.sha256" in changes
    assert "version" in changes
    assert "indicators[KL-03].description.vi" in changes
    assert "indicators[KL-05].title.vi" in changes
    assert "scoring.text_only" in changes


def test_a_changed_model_is_a_changed_ruleset(run_chithi, tmp_path):
    """A retrained model (here: one weight changed) is pinned anew, and diff names it."""
    model = copy_reader(tmp_path)
    model.write_bytes(model.read_bytes()[:-4] + b"\x00\x00\x80\x3f")  # last weight: 1.0
    ruleset = tmp_path / "rules.yaml"
    source = default_ruleset_path().read_text(encoding="utf-8")
    assert bundled().reader is not None
    new_sha = hashlib.sha256(model.read_bytes()).hexdigest()
    ruleset.write_text(source.replace(bundled().reader.sha256, new_sha), encoding="utf-8")
    assert run_chithi("validate", str(ruleset)).returncode == 0
    result = run_chithi("diff", str(default_ruleset_path()), str(ruleset), "--format", "json")
    (change,) = json.loads(result.stdout)["changes"]
    assert (change["path"], change["new"]) == ("reader.sha256", new_sha)


def test_without_its_reader_text_never_convicts():
    alone = replace(bundled(), reader=None)
    text = "Ông Hùng nhận hối lộ của chủ đầu tư để đẩy nhanh hồ sơ."
    result = check_text(report_yaml(incident(text, status="confirmed")), alone)
    assert result.rows and all(r.outcome == "suggested" for r in result.rows)
    assert result.total == 0


def test_train_refuses_a_broken_ruleset_as_a_ruleset_error(run_chithi, tmp_path):
    broken = tmp_path / "rules.yaml"
    broken.write_text("id: x\n", encoding="utf-8")
    result = run_chithi("train", "--ruleset", str(broken), "--lang", "en", cwd=DATA.parent.parent)
    assert result.returncode == 3 and "RS-SCHEMA" in result.stderr
    assert "internal error" not in result.stderr


@pytest.mark.parametrize(
    ("value", "en"),
    [
        (0.9496, "high confidence, 94%"),  # just under the 0.95 points need: never shown as 95
        (0.95, "high confidence, 95%"),
        (0.9999, "high confidence, 99%"),  # a machine reading is never shown as certain
        (0.6049, "medium confidence, 60%"),
        (0.031, "low confidence, 3%"),
    ],
)
def test_a_confidence_is_shown_rounded_down_so_it_never_overstates(value, en):
    assert labels.confidence_words(value).en == en
    assert labels.confidence_words(value).vi.endswith(en.rsplit(", ", 1)[1].replace("%", " %"))


def test_chithi_match_says_the_text_disputes_a_reading_below_the_threshold_too(run_chithi):
    """ "… không vi phạm" refutes KL-01: worth saying whether or not the reader is sure."""
    shown = run_chithi(
        "match",
        "Ông Hùng bị tố nhận phong bì của người dân. Kết luận: ông Hùng không vi phạm.",
        "--lang",
        "en",
        env={"COLUMNS": "200"},
    ).stdout
    assert "only suggested for review" in shown
    assert "the text itself says otherwise: «không vi phạm»" in shown
