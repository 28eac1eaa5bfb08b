"""The progress bar's columns: count, rate and time left (imported only when it is shown)."""

from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text as RichText


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> RichText:
        return RichText(f"{task.speed:.0f}/s" if task.speed else "", style="progress.data.speed")


def make_progress(label: str) -> Progress:
    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
