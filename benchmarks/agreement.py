"""How far two readers of the same texts agree: the ceiling any reader of the corpus meets.

    python benchmarks/agreement.py

Two independent annotators (AI subagents given tests/data/corpus/agreement/BRIEF.md and the
indicator descriptions alone, never the labels, the phrases or the model) labelled 180 texts of
the frozen test split: every third case, shuffled, under new ids (sample.yaml maps them back).
They are the same kind of AI model as the writers, so they may agree with them, and with each
other, more than two people would: read the figures as a ceiling, not a human baseline.
This prints each
annotator against the writers' labels, and the two against each other, counted the way
benchmarks/accuracy.py counts a reader (a `may` label of the reference counts neither way).
If people who read the descriptions agree with the labels far better than the reader does,
the labels are not what holds the reader's figures down.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from chithi.train.corpus import load_split

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
FOLDER = CORPUS / "agreement"

Labels = dict[str, tuple[set[str], set[str]]]  # text id → (must, may)


def annotator(name: str) -> Labels:
    data = yaml.safe_load((FOLDER / f"{name}.yaml").read_text(encoding="utf-8"))
    return {e["id"]: (set(e.get("must") or []), set(e.get("may") or [])) for e in data["labels"]}


def writers() -> Labels:
    sample = yaml.safe_load((FOLDER / "sample.yaml").read_text(encoding="utf-8"))["sample"]
    cases = {c.id: c for c in load_split(CORPUS, "test")}
    return {a: (set(cases[i].must), set(cases[i].may)) for a, i in sample.items()}


def compare(name: str, reader: Labels, reference: Labels) -> None:
    tp = fp = fn = flagged = clean = 0
    for text, (must, may) in reference.items():
        said = reader[text][0]
        tp += len(said & must)
        fn += len(must - said)
        fp += len(said - must - may)
        if not must:
            clean += 1
            flagged += bool(said - may)
    print(
        f"  {name:<28} P {tp / (tp + fp):.3f}   R {tp / (tp + fn):.3f}"
        f"   clean texts given an indicator: {flagged} of {clean}"
    )


def main() -> int:
    reference = writers()
    first, second = annotator("A1"), annotator("A2")
    print(f"{len(reference)} texts of the frozen test split (writers w07, w08)")
    compare("annotator 1 vs writers", first, reference)
    compare("annotator 2 vs writers", second, reference)
    compare("annotator 1 vs annotator 2", first, second)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
