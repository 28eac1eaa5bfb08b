"""Summaries of partitions merge into the summary of the whole: chithi's API on Dask
(examples/dask_summary.py, docs/scale.md) gives exactly what `chithi summary` prints."""

from __future__ import annotations

import importlib.util
import itertools
import json

import pytest

from chithi.api import report_files, summarise
from chithi.render.terminal.summary_view import summary_json
from conftest import ROOT, SEEDS
from fuzzing import run_in_process
from helpers import incident, report_yaml

pytest.importorskip("dask.bag", reason="dask (test extra) is needed")

spec = importlib.util.spec_from_file_location("dask_summary", ROOT / "examples" / "dask_summary.py")
assert spec is not None and spec.loader is not None
example = importlib.util.module_from_spec(spec)
spec.loader.exec_module(example)


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """The seeds, and one person written three ways in reports that fall into different
    partitions: merged, they must be one row under the name written first."""
    folder = tmp_path_factory.mktemp("batch")
    (folder / "seeds").symlink_to(SEEDS)
    names = ["Nguyễn Văn Thử", "nguyễn  văn THỬ", "Nguyễn Văn  Thử"]
    texts = [
        ("Ông Thử nhiều lần đi muộn về sớm trong tháng 3.", "2024-03-05"),
        ("Ông Thử gây khó khăn, đòi thêm giấy tờ ngoài quy định.", "2024-04-10"),
        ("Ông Thử đùn đẩy trách nhiệm, chuyển hồ sơ lòng vòng.", "2024-03-20"),
    ]
    for n, (name, (narrative, day)) in enumerate(zip(names, texts, strict=True)):
        text = report_yaml(incident(narrative, date=day)).replace("Nguyễn Văn Thử", name)
        (folder / f"z{n}.yaml").write_text(text, encoding="utf-8")
    return [str(folder / "seeds"), str(folder / "z*.yaml")]


@pytest.fixture(scope="module")
def cli_summary(batch):
    """`chithi summary --format json` on the batch, run once: the reference."""
    code, stdout, stderr = run_in_process("summary", *batch, "--format", "json")
    assert code == 0, stderr
    return stdout


@pytest.mark.parametrize(
    ("scheduler", "partitions"), [("synchronous", 1), ("synchronous", 5), ("threads", 3)]
)
def test_dask_summary_is_identical_to_chithi_summary(batch, cli_summary, scheduler, partitions):
    summary = example.dask_summary(batch, partitions=partitions, scheduler=scheduler)
    assert summary_json(summary.aggregate) == cli_summary
    assert summary.aggregate.reports == 15  # 12 seeds (seed 12 a workbook) and the 3 written here
    (person,) = [p for p in json.loads(cli_summary)["persons"] if p["key"] == "Nguyễn Văn Thử"]
    assert person["reports"] == 3  # one row for the three spellings, in one partition or not


def test_merging_is_associative_and_leaves_its_parts_unchanged(batch):
    files, _ = report_files(batch)
    a, b, c = (summarise(part) for part in (files[:4], files[4:11], files[11:]))
    before = [summary_json(s.aggregate) for s in (a, b, c)]
    left, right = a.merge(b).merge(c), a.merge(b.merge(c))
    whole = summary_json(summarise(files).aggregate)
    assert summary_json(left.aggregate) == summary_json(right.aggregate) == whole
    assert [summary_json(s.aggregate) for s in (a, b, c)] == before


def test_every_split_of_the_batch_merges_to_the_same_summary(batch):
    files, _ = report_files(batch)
    whole = summary_json(summarise(files).aggregate)
    parts = [summarise([f]) for f in files]
    for size in (2, 5):
        chunks = [parts[i : i + size] for i in range(0, len(parts), size)]
        merged = [
            list(itertools.accumulate(chunk, lambda x, y: x.merge(y)))[-1] for chunk in chunks
        ]
        total = list(itertools.accumulate(merged, lambda x, y: x.merge(y)))[-1]
        assert summary_json(total.aggregate) == whole
