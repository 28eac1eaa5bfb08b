"""Bilingual text: every message a user reads exists in Vietnamese and English."""

from __future__ import annotations

from typing import Literal

from chithi.core.records import record

Lang = Literal["vi", "en"]


@record
class Text:
    """One message in both languages; `format` fills the same fields into both."""

    vi: str
    en: str

    def __call__(self, lang: Lang) -> str:
        return self.vi if lang == "vi" else self.en

    def format(self, **fields: object) -> Text:
        return Text(self.vi.format(**fields), self.en.format(**fields))

    def __add__(self, other: Text) -> Text:
        return Text(self.vi + other.vi, self.en + other.en)


def text(vi: str, en: str) -> Text:
    return Text(vi, en)
