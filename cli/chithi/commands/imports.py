"""`chithi import`: YAML reports from sheets, CSV files and Word documents."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chithi.commands.common import LangOption, OutputLang, fail, report_problems, stderr
from chithi.core.exit_codes import ExitCode
from chithi.core.i18n import Lang, Text


def import_reports(
    files: Annotated[
        list[Path], typer.Argument(help="Tệp .xlsx, .csv hoặc .docx [sheet, CSV or Word files]")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Thư mục ghi báo cáo YAML [folder to write to]")
    ],
    force: Annotated[bool, typer.Option("--force", help="Ghi đè [overwrite]")] = False,
    lang: LangOption = OutputLang.vi,
) -> None:
    """Chuyển bảng tính, CSV, tài liệu Word thành báo cáo YAML [turn sheets, CSV files and Word
    documents into YAML reports], một tệp cho mỗi mã báo cáo [one file per report id]."""
    from chithi.inputs.imports import import_file  # noqa: PLC0415
    from chithi.io.output import write_atomic  # noqa: PLC0415

    language: Lang = lang.value
    if output.exists() and not output.is_dir():
        fail(Text(f"{output} không phải thư mục", f"{output} is not a folder"), language)
    output.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    failed = False
    for file in files:
        imported, problems = import_file(str(file), str(file))
        if problems:
            report_problems(problems, language)
            failed = True
        for item in imported:
            stem, n = item.stem, 1
            while stem in taken:
                n += 1
                stem = f"{item.stem}-{n}"
            taken.add(stem)
            target = output / f"{stem}.yaml"
            if target.exists() and not force:
                stderr().print(
                    Text(
                        f"{target} đã tồn tại; dùng --force để ghi đè",
                        f"{target} already exists; use --force to overwrite",
                    )(language)
                )
                failed = True
                continue
            write_atomic(target, item.yaml())
            message = Text(f"đã tạo {target} (từ {file})", f"created {target} (from {file})")
            if item.missing:
                fields = ", ".join(item.missing)
                message += Text(f"; cần bổ sung: {fields}", f"; to complete: {fields}")
            stderr().print(message(language), markup=False, highlight=False)
    if failed:
        raise typer.Exit(int(ExitCode.INPUT_ERROR))
