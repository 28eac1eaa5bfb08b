"""`chithi summary` on Dask: a batch split into partitions, each summarised by chithi's public
API where Dask runs it, the summaries merged associatively into the one a single run makes.

    python examples/dask_summary.py REPORTS... [--partitions 8] [--ruleset FILE]
                                    [--scheduler threads|processes|synchronous|ADDRESS]

Prints the same JSON as `chithi summary REPORTS... --format json`. With a Dask distributed
scheduler's ADDRESS (`pip install distributed`), the partitions run on every machine of the
cluster: each worker needs chithi installed and the report files at the same paths (a shared
folder). Needs `pip install "dask[bag]"` (docs/scale.md).
"""

from __future__ import annotations

import argparse
import sys
from functools import partial, reduce
from typing import TYPE_CHECKING

import dask.bag as db

from chithi.api import Aggregate, Summary, load_ruleset, report_files, summarise
from chithi.render.terminal.summary_view import summary_json

if TYPE_CHECKING:
    from collections.abc import Iterable


def summarise_partition(ruleset_path: str | None, files: Iterable[str]) -> Summary:
    """One partition's summary, made where Dask runs it. The ruleset is named by its path, not
    sent: each process loads it once (the compiled form comes from chithi's cache)."""
    return summarise(list(files), load_ruleset(ruleset_path))


def merge_all(summaries: Iterable[Summary]) -> Summary:
    """Partitions in their order; merging is associative, so Dask may group them as it likes."""
    return reduce(Summary.merge, summaries)


def dask_summary(
    inputs: list[str],
    *,
    partitions: int = 8,
    ruleset_path: str | None = None,
    scheduler: str | None = "threads",
) -> Summary:
    """What `summarise(inputs)` returns, computed by Dask over `partitions` partitions."""
    files, problems = report_files(inputs)
    nothing = Summary(Aggregate(load_ruleset(ruleset_path)), tuple(problems))
    if not files:
        return nothing
    bag = db.from_sequence(files, npartitions=min(partitions, len(files)))
    merged = bag.reduction(
        partial(summarise_partition, ruleset_path), merge_all, split_every=4
    ).compute(scheduler=scheduler)
    return nothing.merge(merged)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--ruleset")
    parser.add_argument("--scheduler", default="threads")
    args = parser.parse_args()
    scheduler = args.scheduler
    if ":" in scheduler:  # a distributed scheduler's address
        from dask.distributed import Client  # noqa: PLC0415 - only for a cluster

        Client(scheduler)
        scheduler = None
    summary = dask_summary(
        args.inputs, partitions=args.partitions, ruleset_path=args.ruleset, scheduler=scheduler
    )
    for problem in summary.problems:
        print(problem.render("en"), file=sys.stderr)
    sys.stdout.write(summary_json(summary.aggregate))
    return 2 if summary.problems or not summary.aggregate.reports else 0


if __name__ == "__main__":
    sys.exit(main())
