"""Check a writer's corpus files: format and composition. Usage: python3 check_cases.py DIR"""

from __future__ import annotations

import collections
import pathlib
import re
import sys

import yaml

IDS = (
    [f"KL-{i:02d}" for i in range(1, 13)]
    + [f"NT-{i:02d}" for i in range(1, 10)]
    + [f"BV-{i:02d}" for i in range(1, 5)]
)
GENRES = {
    "inspection",
    "minutes",
    "petition",
    "press",
    "hotline",
    "summary",
    "notice",
    "self-review",
}
VI_LETTERS = re.compile(
    r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I
)
KEYS = {"id", "lang", "diacritics", "genre", "must", "may", "text"}


def main(d):
    cases, errors = [], []
    for f in sorted(pathlib.Path(d).glob("*.yaml")):
        try:
            doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        except yaml.YAMLError as e:
            errors.append(f"{f}: YAML error: {e}")
            continue
        if not isinstance(doc, dict) or not isinstance(doc.get("cases"), list):
            errors.append(f"{f}: top level must be a mapping with a 'cases' list")
            continue
        for c in doc["cases"]:
            where = f"{f.name}:{c.get('id') if isinstance(c, dict) else c}"
            if not isinstance(c, dict) or set(c) != KEYS:
                errors.append(f"{where}: keys must be exactly {sorted(KEYS)}")
                continue
            if c["lang"] not in ("vi", "en"):
                errors.append(f"{where}: lang")
            if c["genre"] not in GENRES:
                errors.append(f"{where}: genre must be one of {sorted(GENRES)}")
            for k in ("must", "may"):
                if not isinstance(c[k], list) or any(x not in IDS for x in c[k]):
                    errors.append(f"{where}: {k} must be a list of indicator ids")
            if isinstance(c["must"], list) and len(c["must"]) > 2:
                errors.append(f"{where}: at most two in must")
            if set(c["must"] or []) & set(c["may"] or []):
                errors.append(f"{where}: an id in both must and may")
            t = c["text"]
            if not isinstance(t, str) or len(t) < 40:
                errors.append(f"{where}: text too short")
                continue
            if c["lang"] == "en" and c["diacritics"] is not True:
                errors.append(f"{where}: en needs diacritics: true")
            if c["lang"] == "vi" and c["diacritics"] is False and VI_LETTERS.search(t):
                errors.append(
                    f"{where}: diacritics: false but text has {VI_LETTERS.search(t).group()!r}"
                )
            if c["lang"] == "vi" and c["diacritics"] is True and not VI_LETTERS.search(t):
                errors.append(f"{where}: diacritics: true but no Vietnamese letters")
            cases.append(c)
    ids = collections.Counter(c["id"] for c in cases)
    errors += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    n = len(cases) or 1
    en = sum(c["lang"] == "en" for c in cases)
    vi = len(cases) - en
    nod = sum(c["lang"] == "vi" and not c["diacritics"] for c in cases)
    neg = sum(not c["must"] for c in cases)
    two = sum(len(c["must"]) == 2 for c in cases)
    per = collections.Counter(i for c in cases for i in c["must"])
    genres = collections.Counter(c["genre"] for c in cases)
    print(
        f"cases {len(cases)}; en {en} ({en / n:.0%}); vi {vi}, no diacritics {nod} ({nod / max(vi, 1):.0%} of vi)"
    )
    print(f"negatives {neg} ({neg / n:.0%}); two-label {two} ({two / n:.0%})")
    print("genres", dict(genres))
    print("per indicator", " ".join(f"{i}:{per[i]}" for i in IDS))
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} errors")


main(sys.argv[1])
