"""The README's console examples, run and compared with what they show (tests/commands/test_readme.py).

A `$ chithi …` line followed by output lines in a ```console block is run from the repository
root, at 100 columns, without colour, with standard error merged into standard output as a
terminal shows them; `$ echo $?` shows the exit code of the command before it. A command shown
without output (one that writes a file, or stands for a pattern such as `reports/*.yaml`) is not
run. A line that is only `…` stands for any number of lines. Trailing spaces and the repository's
absolute path are the only things normalised: nothing in these examples varies from run to run.

    python tests/readme_blocks.py            # list the examples that drifted; exit 1 if any
    python tests/readme_blocks.py --update   # write what chithi prints today into README.md
"""

from __future__ import annotations

import difflib
import os
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
ELLIPSIS = "…"
PROMPT = "$ "


@dataclass(frozen=True)
class Example:
    """One `$ command` of a console block and the output lines shown under it."""

    command: str
    expected: tuple[str, ...]
    first: int  # index in the README's lines of the first output line
    end: int  # index just past the last output line


def examples(text: str) -> list[Example]:
    """Every command of every ```console block that shows its output."""
    lines = text.split("\n")
    found: list[Example] = []
    inside = False
    for index, line in enumerate(lines):
        if line.strip().startswith("```"):
            inside = line.strip() == "```console" and not inside
            continue
        if inside and line.startswith(PROMPT):
            end = index + 1
            while end < len(lines) and not (
                lines[end].startswith(PROMPT) or lines[end].startswith("```")
            ):
                end += 1
            if end > index + 1:
                found.append(
                    Example(line[len(PROMPT) :], tuple(lines[index + 1 : end]), index + 1, end)
                )
    return found


def run(command: str, previous_code: int | None) -> tuple[list[str], int]:
    """What `command` prints, as lines, and its exit code."""
    words = shlex.split(command, comments=True)
    if words == ["echo", "$?"]:
        return [str(previous_code)], 0
    if not words or words[0] != "chithi":
        raise ValueError(f"README example is not a chithi command: {command}")
    environment = {k: v for k, v in os.environ.items() if k not in ("CHITHI_LANG", "FORCE_COLOR")}
    environment.update({"NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"})
    done = subprocess.run(
        [_executable(), *words[1:]],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    output = done.stdout.replace(f"{ROOT}{os.sep}", "")
    return normalised(output.rstrip("\n").split("\n")), done.returncode


def _executable() -> str:
    beside = Path(sys.executable).parent / "chithi"
    return str(beside) if beside.exists() else "chithi"


def normalised(lines: list[str] | tuple[str, ...]) -> list[str]:
    return [line.rstrip() for line in lines]


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether `actual` is what `expected` shows, each `…` line standing for any lines."""
    segments = _segments(expected)
    if len(segments) == 1:
        return expected == actual
    first, *middle, last = segments
    start, end = len(first), len(actual) - len(last)
    if end < start or actual[:start] != first or actual[end:] != last:
        return False
    for segment in middle:
        found = _find(segment, actual, start, end)
        if found is None:
            return False
        start = found + len(segment)
    return True


def _segments(lines: list[str]) -> list[list[str]]:
    segments: list[list[str]] = [[]]
    for line in lines:
        if line.strip() == ELLIPSIS:
            segments.append([])
        else:
            segments[-1].append(line)
    return segments


def _find(segment: list[str], actual: list[str], start: int, end: int) -> int | None:
    for at in range(start, end - len(segment) + 1):
        if actual[at : at + len(segment)] == segment:
            return at
    return None


def refreshed(expected: list[str], actual: list[str]) -> list[str]:
    """`expected` rewritten from `actual`, keeping its shape: as many lines before the first
    `…` and after the last, and the lines between them replaced by the run of output lines most
    like them (a notice whose line number moved stays the same notice)."""
    segments = _segments(expected)
    if len(segments) == 1:
        return actual
    first, *middle, last = segments
    start, end = len(first), len(actual) - len(last)
    shown = list(actual[:start])
    for segment in middle:
        shown.append(ELLIPSIS)
        at = _most_alike(segment, actual, start, end)
        shown.extend(actual[at : at + len(segment)])
        start = at + len(segment)
    shown.append(ELLIPSIS)
    shown.extend(actual[end:] if last else [])
    return shown


def _most_alike(segment: list[str], actual: list[str], start: int, end: int) -> int:
    """Where in actual[start:end] the lines most like `segment` begin, taken together."""

    def likeness(at: int) -> float:
        pairs = zip(segment, actual[at : at + len(segment)], strict=False)
        return sum(difflib.SequenceMatcher(None, a, b).ratio() for a, b in pairs)

    return max(range(start, max(start, end - len(segment)) + 1), key=likeness)


def drifted(text: str) -> list[tuple[Example, list[str]]]:
    """Each example whose output is not what it shows, with the output it has today."""
    found = []
    code: int | None = None
    for example in examples(text):
        actual, new_code = run(example.command, code)
        if not example.command.strip().startswith("echo"):
            code = new_code
        if not matches(normalised(example.expected), actual):
            found.append((example, actual))
    return found


def update(text: str) -> str:
    lines = text.split("\n")
    for example, actual in reversed(drifted(text)):
        lines[example.first : example.end] = refreshed(normalised(example.expected), actual)
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    if "--update" in argv:
        README.write_text(update(text), encoding="utf-8")
        return 0
    stale = drifted(text)
    for example, actual in stale:
        print(f"$ {example.command}\n" + "\n".join(actual) + "\n")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
