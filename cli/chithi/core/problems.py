"""The one problem type: a located, coded, bilingual message about an input file."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from chithi.core.records import record

if TYPE_CHECKING:
    from chithi.core.i18n import Lang, Text


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


@record
class Problem:
    """One thing wrong with an input, where it is (file, line, column or cell) and why, in both
    languages."""

    file: str
    line: int | None
    column: int | None
    code: str
    message: Text
    severity: Severity = Severity.ERROR
    # In a spreadsheet, the cell as its user finds it: "Sheet!C12" (a workbook) or "C12" (a
    # CSV file); line and column then hold its row and column numbers.
    cell: str | None = None

    def location(self) -> str:
        if self.cell is not None:
            return f"{self.file}:{self.cell}" if "!" in self.cell else f"{self.file}!{self.cell}"
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"

    def render(self, lang: Lang) -> str:
        return f"{self.location()}: {self.message(lang)} [{self.code}]"


class InputError(Exception):
    """Raised with the problems that make a file unusable (unreadable, unparsable, invalid)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].render("en") if problems else "input error")
        self.problems = problems


class RulesetError(InputError):
    """The ruleset itself is unusable: every command stops with exit code 3."""
