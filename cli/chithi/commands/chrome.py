"""The command line's own words (usage lines, help headings, usage errors) in the user's language.

typer ≥0.28 carries its own copy of click with the English text written in, not looked up
through gettext, so there is no catalogue to install: the finished help and error text is
translated instead, phrase by phrase, at the two places it leaves chithi (`get_help`/`get_usage`
of our command classes and the usage error caught in app.main). A phrase click words
differently in another version stays English; tests/commands/test_vietnamese.py notices.

The language is chosen before click parses anything (a usage error can come before --lang is
read): `--lang`/`-l` on the command line, else CHITHI_LANG, else Vietnamese.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

import typer.core

from chithi.core.i18n import Lang

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

_CHOSEN: dict[str, Lang] = {"lang": "vi"}
_LANGS: tuple[Lang, ...] = ("vi", "en")


def choose_language(argv: Sequence[str], environ: Mapping[str, str]) -> Lang:
    """The language the user asked for, read the way click will read it later."""
    wanted = environ.get("CHITHI_LANG", "")
    for n, arg in enumerate(argv):
        if arg == "--":
            break
        if arg in ("--lang", "-l") and n + 1 < len(argv):
            wanted = argv[n + 1]
        elif arg.startswith("--lang="):
            wanted = arg.partition("=")[2]
        elif arg.startswith("-l") and not arg.startswith("--") and len(arg) > 2:
            wanted = arg[2:]
    folded = wanted.strip().lower()
    return next((lang for lang in _LANGS if lang == folded), "vi")


def use_language(lang: Lang) -> None:
    _CHOSEN["lang"] = lang


# (English as click/typer write it, Vietnamese). Spaces in the English match any run of white
# space: the help formatter may have wrapped a phrase across lines.
_PHRASES: tuple[tuple[str, str], ...] = (
    (r"^Usage:", "Cách dùng:"),
    (r"^Try '([^']*)' for help\.", r"Xem '\1' để biết cách dùng."),
    (r"^Error: ", "Lỗi: "),
    (r"^Options:", "Tùy chọn:"),
    (r"^Arguments:", "Đối số:"),
    (r"^Commands:", "Lệnh:"),
    (r"Show this message and exit\.", "Hiện hướng dẫn này rồi thoát."),
    (r"\[required\]", "[bắt buộc]"),
    (r"; required\]", "; bắt buộc]"),
    (r"\[env var: ", "[biến môi trường: "),
    (r"\[default: ", "[mặc định: "),
    (r"; default: ", "; mặc định: "),
    (r"Missing argument ", "Thiếu đối số "),
    (r"Missing option ", "Thiếu tùy chọn "),
    (r"Missing parameter", "Thiếu tham số"),
    (r"Missing command\.", "Thiếu lệnh."),
    (r"No such option: ", "Không có tùy chọn "),
    (r"No such option ", "Không có tùy chọn "),
    (r"\(Possible options: ([^)]*)\)", r"(có phải ý bạn là: \1)"),
    (r"No such command ('[^']*')\.", r"Không có lệnh \1."),
    (r"Did you mean ", "Có phải ý bạn là "),
    (r"Invalid value for ", "Giá trị không hợp lệ cho "),
    (r"Invalid value: ", "Giá trị không hợp lệ: "),
    (r"is not one of ", "không phải một trong "),
    (r"is not a valid int(?:eger| range)", "không phải số nguyên hợp lệ"),
    (r"is not a valid float(?: range)?", "không phải số hợp lệ"),
    (r"is not a valid boolean", "không phải giá trị đúng/sai"),
    (r"is not in the range ", "nằm ngoài khoảng "),
    (r"does not match the formats? ", "không đúng định dạng "),
    (r"Option ('[^']*') requires an argument\.", r"Tùy chọn \1 cần một giá trị."),
    (r"Option ('[^']*') requires (\d+) arguments\.", r"Tùy chọn \1 cần \2 giá trị."),
    (r"Option ('[^']*') does not take a value\.", r"Tùy chọn \1 không nhận giá trị."),
    (r"Got unexpected extra arguments? ", "Thừa đối số "),
    (r"^(?:File|Directory|Path) ('[^']*') does not exist\.", r"Đường dẫn \1 không tồn tại."),
    (r"^(?:File|Directory|Path) ('[^']*') is a directory\.", r"\1 là một thư mục."),
    (r"^(?:File|Directory|Path) ('[^']*') is a file\.", r"\1 là một tệp."),
    (r"^(?:File|Directory|Path) ('[^']*') is not readable\.", r"Không đọc được \1."),
    (r"^Aborted!", "Đã hủy."),
)


@cache
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Compiled when first needed (help or a usage error), not at every start-up."""
    return tuple(
        (re.compile(english.replace(" ", r"\s+"), re.MULTILINE), vietnamese)
        for english, vietnamese in _PHRASES
    )


def in_language(english: str, lang: Lang | None = None) -> str:
    """click's English text in `lang` (the chosen language when None)."""
    if (lang or _CHOSEN["lang"]) == "en":
        return english
    for pattern, vietnamese in _compiled():
        english = pattern.sub(vietnamese, english)
    return english


class ChithiCommand(typer.core.TyperCommand):
    def get_help(self, ctx: Any) -> str:
        return in_language(super().get_help(ctx))

    def get_usage(self, ctx: Any) -> str:
        return in_language(super().get_usage(ctx))


class ChithiGroup(typer.core.TyperGroup):
    def get_help(self, ctx: Any) -> str:
        return in_language(super().get_help(ctx))

    def get_usage(self, ctx: Any) -> str:
        return in_language(super().get_usage(ctx))
