"""Commands that show the ruleset and help write reports: rules, explain, match, schema, init."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from chithi.api import compiled_reader
from chithi.commands.common import (
    LangOption,
    OutputLang,
    RulesetOption,
    fail,
    report_problems,
    ruleset_or_exit,
    stderr,
    stdout,
    writable_file,
)
from chithi.core.fixes import indicator_id, suggestion
from chithi.core.i18n import Lang, Text
from chithi.io.output import write_atomic, write_atomic_bytes
from chithi.validate.schema import SCHEMA_NAMES, schema_text

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"  # see validate/schema.py


class ListFormat(str, Enum):
    table = "table"
    json = "json"


SchemaName = Enum("SchemaName", {name: name for name in SCHEMA_NAMES}, type=str)  # type: ignore[misc]


def rules(
    ruleset: RulesetOption = None,
    group: Annotated[
        str | None, typer.Option("--group", "-g", help="Chỉ nhóm này [only this group]")
    ] = None,
    lang: LangOption = OutputLang.vi,
    output_format: Annotated[
        ListFormat, typer.Option("--format", "-f", case_sensitive=False)
    ] = ListFormat.table,
) -> None:
    """Liệt kê các biểu hiện [list the ruleset's indicators]."""
    from chithi.render.terminal import rules_view  # noqa: PLC0415 - `check` starts without the views

    language: Lang = lang.value
    loaded = ruleset_or_exit(ruleset, language)
    if group is not None and loaded.group(group) is None and loaded.group(group.upper()):
        group = group.upper()  # `--group kl` is KL: choices ignore case
    if group is not None and loaded.group(group) is None:
        known = ", ".join(g.id for g in loaded.groups)
        fail(
            Text(
                f"không có nhóm '{group}'; chọn một trong: {known}",
                f"no group '{group}'; choose one of: {known}",
            ),
            language,
        )
    if output_format is ListFormat.json:
        sys.stdout.write(rules_view.rules_json(loaded, group))
    else:
        stdout().print(rules_view.rules_table(loaded, group, language))


def explain(
    indicator: Annotated[str, typer.Argument(help="Mã biểu hiện, ví dụ KL-03 [indicator id]")],
    ruleset: RulesetOption = None,
    lang: LangOption = OutputLang.vi,
) -> None:
    """Xem đầy đủ một biểu hiện [show one indicator in full]."""
    from chithi.render.terminal import rules_view  # noqa: PLC0415

    language: Lang = lang.value
    loaded = ruleset_or_exit(ruleset, language)
    known = [i.id for i in loaded.indicators]
    # a lookup, not a record: `kl-3` and `KL 03` plainly mean KL-03
    found = loaded.indicator(indicator_id(indicator, known) or indicator.strip().upper())
    if found is None:
        fail(
            Text(
                f"không có biểu hiện '{indicator}' trong {loaded.id} (xem: chithi rules)",
                f"no indicator '{indicator}' in {loaded.id} (see: chithi rules)",
            )
            + suggestion(indicator, known),
            language,
        )
    stdout().print(rules_view.indicator_card(loaded, found, language))


def match(
    text: Annotated[
        str | None,
        typer.Argument(help="Câu cần thử, hoặc - để đọc stdin [text, or - for stdin]"),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            help="Sàng lọc từng đoạn của tệp .docx hoặc văn bản [screen each paragraph of a .docx or text file]",
        ),
    ] = None,
    ruleset: RulesetOption = None,
    lang: LangOption = OutputLang.vi,
    output_format: Annotated[
        ListFormat, typer.Option("--format", "-f", case_sensitive=False)
    ] = ListFormat.table,
) -> None:
    """Thử bộ nhận diện trên một đoạn văn [run the matcher on a text]."""
    from chithi.render.terminal import match_view  # noqa: PLC0415

    language: Lang = lang.value
    if (text is None) == (file is None):
        fail(
            Text(
                "cần một đoạn văn hoặc --file, không phải cả hai",
                "give a text or --file, not both",
            ),
            language,
        )
    loaded = ruleset_or_exit(ruleset, language)
    if file is not None:
        found = [
            (n, compiled_reader(loaded).read_text(paragraph))
            for n, paragraph in _paragraphs(file, language)
        ]
        if output_format is ListFormat.json:
            sys.stdout.write(match_view.paragraphs_json(found, loaded))
        else:
            stdout().print(match_view.paragraphs_view(found, loaded, language))
        return
    source = sys.stdin.read() if text == "-" else str(text)
    one = compiled_reader(loaded).read_text(source)
    if output_format is ListFormat.json:
        sys.stdout.write(match_view.match_json(one, loaded))
    else:
        stdout().print(match_view.match_view(one, loaded, language))


def _paragraphs(file: Path, lang: Lang) -> list[tuple[int, str]]:
    """A Word document's paragraphs; a text file's, separated by blank lines."""
    from chithi.core.problems import InputError  # noqa: PLC0415
    from chithi.inputs.imports import read_word_file  # noqa: PLC0415
    from chithi.io.loading import decode, read_bytes  # noqa: PLC0415

    try:
        if file.suffix.lower() == ".docx":
            paragraphs: list[tuple[int, str]] = read_word_file(str(file), str(file)).paragraphs
            return paragraphs
        source = decode(read_bytes(file, str(file)), str(file))
    except InputError as err:
        report_problems(err.problems, lang)
        raise typer.Exit(2) from None
    blocks = [b.strip() for b in source.replace("\r\n", "\n").split("\n\n")]
    return [(n, b) for n, b in enumerate((b for b in blocks if b), start=1)]


def schema(name: Annotated[SchemaName, typer.Argument(help=" | ".join(SCHEMA_NAMES))]) -> None:
    """In JSON Schema [print a JSON Schema]."""
    sys.stdout.write(schema_text(name.value))


def init(
    file: Annotated[
        Path | None, typer.Argument(help="Tệp sẽ tạo [file to create]; bỏ trống: in ra")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè [overwrite]")] = False,
    lang: LangOption = OutputLang.vi,
) -> None:
    """Tạo mẫu báo cáo có chú thích: .yaml, .xlsx hoặc .csv theo đuôi tệp [write a commented
    report template: YAML, Excel or CSV, by the file's extension]."""
    # --lang en: English comments first; the example values stay Vietnamese, as the matcher reads
    name = "report.en.yaml" if lang is OutputLang.en else "report.yaml"
    template = (TEMPLATES / name).read_text("utf-8")
    if file is None:
        sys.stdout.write(template)
        return
    writable_file(file, lang.value)
    if file.exists() and not force:
        fail(
            Text(
                f"{file} đã tồn tại; dùng --force để ghi đè",
                f"{file} already exists; use --force to overwrite",
            ),
            lang.value,
        )
    suffix = file.suffix.lower()
    if suffix in (".xlsx", ".csv"):
        write_atomic_bytes(file, _sheet_template(suffix, lang.value))
    else:
        write_atomic(file, template)
    stderr().print(Text(f"đã tạo {file}", f"created {file}")(lang.value))


def _sheet_template(suffix: str, lang: Lang) -> bytes:
    from chithi.io import sheet_writer  # noqa: PLC0415 - only a sheet template needs it
    from chithi.model.sheet_form import TEMPLATE_COLUMNS, example_row  # noqa: PLC0415

    if suffix == ".csv":
        return sheet_writer.csv_bytes(TEMPLATE_COLUMNS, [example_row()])
    rules = ruleset_or_exit(None, lang)
    ids = [i.id for i in rules.indicators]
    choices = {
        "subject.kind": ["person", "organisation"],
        "incidents.status": ["confirmed", "alleged", "dismissed"],
        "evidence.type": sorted(rules.scoring.reliability),
        "incidents.indicators": ids,
        "evidence.indicators": ids,
        "waiver.indicator": ids,
    }
    return sheet_writer.xlsx_bytes(TEMPLATE_COLUMNS, [example_row()], choices, lang)
