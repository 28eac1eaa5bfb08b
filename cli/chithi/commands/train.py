"""`chithi train`: fit the learned reader from the labelled corpus and pin it in the ruleset."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Annotated

import typer

from chithi.commands.common import LangOption, OutputLang, fail, report_problems, stderr
from chithi.core.exit_codes import ExitCode
from chithi.core.i18n import Lang, Text
from chithi.io.output import write_atomic_bytes

CorpusOption = Annotated[
    Path,
    typer.Option(
        "--corpus",
        help="Thư mục ngữ liệu có splits.yaml [labelled corpus folder with splits.yaml]",
    ),
]


def train(
    corpus: CorpusOption = Path("tests/data/corpus"),
    ruleset: Annotated[
        Path,
        typer.Option("--ruleset", "-r", help="Bộ quy tắc [ruleset the reader serves]"),
    ] = Path("rulesets/hn-24-ct-tu-2023.yaml"),
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Tệp mô hình [model file] (mặc định: tệp bộ quy tắc ghi)"
        ),
    ] = None,
    update_ruleset: Annotated[
        bool,
        typer.Option(
            "--update-ruleset",
            help="Ghi sha256 và ngưỡng vào bộ quy tắc [pin the model's sha256 and threshold]",
        ),
    ] = False,
    lang: LangOption = OutputLang.vi,
) -> None:
    """Huấn luyện bộ đọc học máy [train the learned reader] (cần: pip install 'chithi[train]')."""
    from chithi.api import load_ruleset_document  # noqa: PLC0415
    from chithi.core.problems import RulesetError  # noqa: PLC0415
    from chithi.model.documents import ruleset_from_data  # noqa: PLC0415
    from chithi.validate.ruleset import ruleset_problems  # noqa: PLC0415

    language: Lang = lang.value
    if not (corpus / "splits.yaml").is_file():
        fail(
            Text(
                f"{corpus} không có splits.yaml (xem tests/data/corpus/README.md)",
                f"{corpus} has no splits.yaml (see tests/data/corpus/README.md)",
            ),
            language,
        )
    try:  # not load_ruleset: the reader the ruleset names may be the stale one we replace
        doc = load_ruleset_document(ruleset)
        problems = ruleset_problems(doc)
    except RulesetError as err:
        problems = err.problems
    if problems:
        report_problems(problems, language)
        raise typer.Exit(int(ExitCode.RULESET_INVALID))
    rules = ruleset_from_data(doc.data, sha256="", path=doc.file)
    target = output or ruleset.parent / (
        rules.reader.file if rules.reader else ruleset.with_suffix(".reader").name
    )
    try:
        from chithi.train.fit import train as fit  # noqa: PLC0415 - the `train` extra
    except ImportError as err:
        fail(
            Text(
                f"cần scikit-learn để huấn luyện: pip install 'chithi[train]' ({err})",
                f"training needs scikit-learn: pip install 'chithi[train]' ({err})",
            ),
            language,
        )
    trained = fit(corpus, rules)
    write_atomic_bytes(target, trained.model)
    sha = hashlib.sha256(trained.model).hexdigest()
    dev = trained.summary["dev"]
    stderr().print(
        Text(
            f"đã ghi {target} ({len(trained.model) / 1e6:.1f} MB, sha256 {sha}); ngưỡng tính điểm"
            f" chọn trên tập dev: {trained.min_confidence} (độ chính xác {dev['precision']},"
            f" độ phủ {dev['recall']})",
            f"wrote {target} ({len(trained.model) / 1e6:.1f} MB, sha256 {sha}); points threshold"
            f" chosen on dev: {trained.min_confidence} (precision {dev['precision']},"
            f" recall {dev['recall']})",
        )(language)
    )
    if update_ruleset:
        _pin(ruleset, target.name, sha, trained.min_confidence)
        stderr().print(Text(f"đã cập nhật {ruleset}", f"updated {ruleset}")(language))


_READER = re.compile(r"^reader:\n(?:[ \t]+.*\n)+", re.MULTILINE)
_MIN_CONFIDENCE = re.compile(r"(\bmin_confidence:\s*)[0-9.]+")


def _pin(ruleset: Path, file: str, sha: str, min_confidence: float) -> None:
    """Rewrite the ruleset's `reader:` block and `min_confidence` in place, keeping the rest."""
    source = ruleset.read_text(encoding="utf-8")
    block = f'reader:\n  file: "{file}"\n  sha256: "{sha}"\n'
    if _READER.search(source):
        source = _READER.sub(block, source, count=1)
    else:
        source = source.replace("\nmatching:\n", f"\n{block}matching:\n", 1)
    if _MIN_CONFIDENCE.search(source):
        source = _MIN_CONFIDENCE.sub(rf"\g<1>{min_confidence}", source, count=1)
    else:
        raise typer.BadParameter(f"{ruleset} has no scoring.text_only.min_confidence to update")
    ruleset.write_text(source, encoding="utf-8")
