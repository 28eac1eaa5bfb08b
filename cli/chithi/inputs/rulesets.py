"""A ruleset from a path: read, validated, compiled (phrases and learned reader), cached.

Each ruleset is compiled once per process, and once per machine through the disk cache
(inputs/cache.py), keyed by its bytes' sha256.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from chithi.core.codes import RS_READER_MISMATCH, RS_READER_MISSING
from chithi.core.i18n import Text, text
from chithi.core.problems import InputError, Problem, RulesetError
from chithi.inputs import cache as ruleset_cache
from chithi.io.loading import Document, decode, load_text, read_bytes
from chithi.match.learned import ReaderFileError, ReaderModel, loads
from chithi.match.matcher import Matcher
from chithi.match.reader import TextReader
from chithi.model.documents import Ruleset, ruleset_from_data
from chithi.validate.ruleset import ruleset_problems

DEFAULT_RULESET = "hn-24-ct-tu-2023.yaml"


def bundled_rulesets_dir() -> Path:
    """Inside the wheel: chithi/rulesets. From a source checkout: the repository's rulesets/."""
    packaged = Path(__file__).resolve().parents[1] / "rulesets"  # see validate/schema.py
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "rulesets"


def bundled_rulesets() -> list[Path]:
    return sorted(bundled_rulesets_dir().glob("*.yaml"))


def default_ruleset_path() -> Path:
    return bundled_rulesets_dir() / DEFAULT_RULESET


_RULESETS: dict[tuple[str, str], Ruleset] = {}
_MATCHERS: dict[tuple[str, str], Matcher] = {}
_MODELS: dict[tuple[str, str, str | None], ReaderModel | None] = {}


def load_ruleset(path: Path | str | None = None) -> Ruleset:
    """Load, validate and check a ruleset; raise RulesetError with every problem found.

    A ruleset already validated in this process is reused when its bytes are unchanged.
    """
    chosen = Path(path) if path is not None else default_ruleset_path()
    try:
        raw = read_bytes(chosen, str(chosen))
    except InputError as err:
        raise RulesetError(err.problems) from None
    key = (str(chosen), hashlib.sha256(raw).hexdigest())
    if key not in _RULESETS:
        _RULESETS[key] = _compiled_ruleset(chosen, raw, key[1])
    return _RULESETS[key]


def _compiled_ruleset(path: Path, raw: bytes, sha256: str) -> Ruleset:
    """From the disk cache when this ruleset was compiled before, else read, checked, compiled."""
    cached = ruleset_cache.load(sha256)
    if cached is not None:
        # The cache holds the reader model the ruleset pins: it was checked when stored.
        ruleset, matcher, model = replace(cached[0], path=str(path)), cached[1], cached[2]
    else:
        doc = load_ruleset_document(path, raw)
        problems = ruleset_problems(doc)
        if problems:
            raise RulesetError(problems)
        ruleset = ruleset_from_data(doc.data, sha256=sha256, path=doc.file)
        matcher = Matcher.for_ruleset(ruleset)
        model, problems = load_reader(doc)
        if problems:
            raise RulesetError(problems)
        ruleset_cache.store(sha256, ruleset, matcher, model)
    _MATCHERS[(ruleset.path, sha256)] = matcher
    _MODELS[_model_key(ruleset)] = model
    return ruleset


def load_ruleset_document(path: Path, raw: bytes | None = None) -> Document:
    try:
        data = raw if raw is not None else read_bytes(path, str(path))
        return load_text(decode(data, str(path)), str(path), data)
    except InputError as err:
        raise RulesetError(err.problems) from None


def _reader_path(doc: Document) -> Path | None:
    """Where the ruleset's learned reader lives: beside the ruleset file."""
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("reader"), dict):
        return None
    return Path(doc.file).parent / str(doc.data["reader"].get("file", ""))


def load_reader(doc: Document) -> tuple[ReaderModel | None, list[Problem]]:
    """The model a ruleset names, read and checked against its sha256; or what is wrong."""
    path = _reader_path(doc)
    if path is None:
        return None, []
    expected = str(doc.data["reader"]["sha256"])

    def problem(code: str, message: Text) -> list[Problem]:
        line, column = doc.positions.of_value(("reader", "file"))
        return [Problem(doc.file, line, column, code, message)]

    try:
        raw = path.read_bytes()
    except OSError as err:
        return None, problem(
            RS_READER_MISSING,
            text(
                f"không đọc được tệp mô hình {path.name}: {err.strerror}; chạy `chithi train` để tạo lại",
                f"cannot read the reader model {path.name}: {err.strerror}; run `chithi train` to rebuild it",
            ),
        )
    actual = hashlib.sha256(raw).hexdigest()
    if actual != expected:
        return None, problem(
            RS_READER_MISMATCH,
            text(
                f"tệp mô hình {path.name} có sha256 {actual[:12]}…, bộ quy tắc ghi {expected[:12]}…: tệp đã bị thay đổi hoặc bộ quy tắc chưa được cập nhật",
                f"reader model {path.name} has sha256 {actual[:12]}…, the ruleset names {expected[:12]}…: the file changed or the ruleset was not updated",
            ),
        )
    try:
        model = loads(raw, actual)  # hashed once, just above
    except ReaderFileError as err:
        return None, problem(
            RS_READER_MISMATCH,
            text(
                f"tệp mô hình {path.name} không hợp lệ: {err}",
                f"reader model {path.name} is not valid: {err}",
            ),
        )
    indicators = [i["id"] for i in doc.data.get("indicators", []) if isinstance(i, dict)]
    if list(model.indicators) != indicators:
        return None, problem(
            RS_READER_MISMATCH,
            text(
                f"mô hình {path.name} được huấn luyện cho các chỉ số khác với bộ quy tắc; chạy `chithi train`",
                f"reader model {path.name} was trained for other indicators than the ruleset's; run `chithi train`",
            ),
        )
    return model, []


def compiled_reader(ruleset: Ruleset) -> TextReader:
    """The phrases and the learned reader (when the ruleset ships one), compiled once."""
    key = _model_key(ruleset)
    if key not in _MODELS:
        model = None
        if ruleset.reader is not None:
            found, problems = load_reader(load_ruleset_document(Path(ruleset.path)))
            if problems:
                raise RulesetError(problems)
            model = found
        _MODELS[key] = model
    return TextReader(compiled_matcher(ruleset), _MODELS[key])


def _model_key(ruleset: Ruleset) -> tuple[str, str, str | None]:
    # A ruleset read without its reader (replace(ruleset, reader=None)) reads with phrases alone.
    return ruleset.path, ruleset.sha256, ruleset.reader.sha256 if ruleset.reader else None


def compiled_matcher(ruleset: Ruleset) -> Matcher:
    """Compile a ruleset's phrases once per process (keyed by content, not identity)."""
    key = (ruleset.path, ruleset.sha256)
    if key not in _MATCHERS:
        _MATCHERS[key] = Matcher.for_ruleset(ruleset)
    return _MATCHERS[key]
