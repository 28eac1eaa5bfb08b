"""Throughput of `chithi check` against the parse floor and against check-jsonschema.

    python benchmarks/throughput.py [--reports 10000] [--memory-reports 100000]
                                    [--baseline OTHER/bin/chithi]

Generates N realistic synthetic reports (1-4 incidents, Vietnamese narratives of 300-1,500
characters), then in one run times, and prints as ratios:
  (a) the floor: only parsing every file with PyYAML's C loader, one process;
  (b) `chithi check --format json` over them, one job and all jobs;
  (c) `check-jsonschema` validating the same files against chithi's report schema;
  (d) one-file `chithi check` wall time against one-file `check-jsonschema`;
and the peak resident memory of `chithi summary` and `chithi check --format json` over
--memory-reports reports (0 to skip). With --baseline, another chithi (an earlier release in a
venv of its own) is timed on the same files in the same run:
  (e) per-report batch time and one-file time against it (one-file runs interleaved);
  (f) one-file `chithi check` of a workbook holding the first report, against that report as YAML.
Needs `pip install check-jsonschema` for (c) and (d); they are skipped, and said so, without it.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

FRAGMENTS = [
    "Hồ sơ cấp giấy chứng nhận của hộ bà {name} bị trễ hẹn {n} ngày so với phiếu hẹn",
    "ông {name} nhiều lần đi muộn về sớm, không có mặt tại trụ sở trong giờ làm việc",
    "cán bộ tiếp nhận yêu cầu người dân bổ sung giấy tờ ngoài quy định, gây phiền hà",
    "phòng chuyên môn đùn đẩy trách nhiệm, chuyển hồ sơ lòng vòng sang đơn vị khác",
    "qua kiểm tra, không phát hiện cán bộ nhận tiền hay quà của người dân",
    "lãnh đạo đơn vị không kiểm tra, đôn đốc cấp dưới thực hiện kết luận thanh tra",
    "tổ công tác đã giải quyết dứt điểm {n} hồ sơ tồn đọng, được người dân ghi nhận",
    "Ong {name} khong dam ky quyet dinh thuoc tham quyen, van xin y kien cap tren",
    "buổi giao ban tháng {n} đánh giá việc triển khai Chỉ thị 24-CT/TU",
    "người dân phản ánh việc chậm trả lời đơn kiến nghị về tái định cư",
]
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Quang Cường", "Phạm Thu Dung", "Hoàng Minh Đức"]
UNITS = [f"UBND phường {w}" for w in ("Dịch Vọng", "Láng Hạ", "Yên Hòa", "Quảng An", "Ngọc Thụy")]


def narrative(rng: random.Random) -> str:
    text = ""
    while len(text) < rng.randint(300, 1500):
        text += rng.choice(FRAGMENTS).format(name=rng.choice(NAMES), n=rng.randint(2, 60)) + ". "
    return text.strip()


def report(rng: random.Random, n: int) -> dict[str, object]:
    return {
        "id": f"BC-{n:06d}",
        "date": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "unit": rng.choice(UNITS),
        "subject": {
            "kind": "person",
            "name": rng.choice(NAMES),
            "position": "Chuyên viên",
            "is_leader": rng.random() < 0.2,
        },
        "incidents": [
            {
                "id": f"SV-{k}",
                "date": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "narrative": narrative(rng),
                "status": rng.choice(["confirmed", "alleged", "alleged", "dismissed"]),
                "evidence": [{"type": rng.choice(["document", "witness", "complaint"])}],
            }
            for k in range(1, rng.randint(1, 4) + 1)
        ],
    }


def generate(folder: Path, count: int, seed: int = 24) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"r{n:06d}.yaml"
        path.write_text(
            # The C dumper: 100,000 files are otherwise minutes of set-up before anything is timed.
            yaml.dump(report(rng, n), Dumper=DUMPER, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def timed(args: list[str]) -> tuple[float, int]:
    started = time.perf_counter()
    result = subprocess.run(args, capture_output=True, check=False)
    return time.perf_counter() - started, result.returncode


def peak_mb(args: list[str]) -> float:
    probe = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], capture_output=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, check=True
    )
    return float(out.stdout)


def parse_floor(paths: list[Path]) -> float:
    started = time.perf_counter()
    for path in paths:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - started


def write_workbook(report_path: Path, target: Path) -> Path:
    """The report as the spreadsheet form `chithi init report.xlsx` writes."""
    from chithi.io.sheet_writer import xlsx_bytes  # noqa: PLC0415 - this venv's chithi
    from chithi.model.sheet_form import COLUMNS, rows_from_report  # noqa: PLC0415

    rows = rows_from_report(yaml.safe_load(report_path.read_text(encoding="utf-8")))
    target.write_bytes(xlsx_bytes([c for c in COLUMNS if any(c.key in r for r in rows)], rows, {}))
    return target


def _beside_python(tool: str) -> str:
    beside = Path(sys.executable).parent / tool
    return str(beside) if beside.exists() else shutil.which(tool) or str(beside)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--memory-reports", type=int, default=100_000)
    parser.add_argument("--baseline", help="another chithi executable to time beside this one")
    args = parser.parse_args()
    # The tools installed beside this interpreter first: run it with the venv that `pip install .`
    # made (as the README does) to measure what a user runs, compiled bytecode included.
    chithi = _beside_python("chithi")
    cjs = _beside_python("check-jsonschema")
    has_cjs = Path(cjs).exists()
    work = Path(tempfile.mkdtemp(prefix="chithi-throughput-"))
    paths = generate(work / "reports", args.reports)
    schema = work / "report.schema.json"
    schema.write_text(
        subprocess.run(
            [chithi, "schema", "report"], capture_output=True, text=True, check=True
        ).stdout,
        encoding="utf-8",
    )
    cores = os.cpu_count() or 1
    print(f"{args.reports} reports, {cores} cores, Python {sys.version.split()[0]}")
    floor = parse_floor(paths)
    one, _ = timed([chithi, "check", str(work / "reports"), "--format", "json", "--jobs", "1"])
    many, _ = timed(
        [chithi, "check", str(work / "reports"), "--format", "json", "--jobs", str(cores)]
    )
    print(f"(a) parse floor (C loader, 1 process)   {floor:8.2f} s   1.00×")
    print(
        f"(b) chithi check, 1 job                 {one:8.2f} s   {one / floor:5.2f}× floor (target ≤ 2.5)"
    )
    print(
        f"    chithi check, {cores} jobs                {many:8.2f} s   {many / floor:5.2f}× floor (target ≤ 1.5)"
    )
    if has_cjs:
        cjs_all, _ = timed([cjs, "--schemafile", str(schema), *map(str, paths)])
        print(
            f"(c) check-jsonschema, same files        {cjs_all:8.2f} s   chithi 1 job = "
            f"{one / cjs_all:5.2f}× it, {cores} jobs = {many / cjs_all:5.2f}× it (target ≤ 0.2)"
        )
        single = str(paths[0])
        chithi_one = min(timed([chithi, "check", single, "--format", "json"])[0] for _ in range(5))
        cjs_one = min(timed([cjs, "--schemafile", str(schema), single])[0] for _ in range(5))
        print(
            f"(d) one file: chithi {chithi_one:.2f} s, check-jsonschema {cjs_one:.2f} s: "
            f"{chithi_one / cjs_one:5.2f}× (target ≤ 0.8)"
        )
    else:
        print("(c), (d) skipped: pip install check-jsonschema")
    if args.baseline:
        reports = str(work / "reports")
        base, _ = timed([args.baseline, "check", reports, "--format", "json", "--jobs", "1"])
        again, _ = timed([chithi, "check", reports, "--format", "json", "--jobs", "1"])
        single = str(paths[0])
        # Interleaved, so that a burst of load on a shared machine falls on both alike.
        pairs = [
            (
                timed([args.baseline, "check", single, "--format", "json"])[0],
                timed([chithi, "check", single, "--format", "json"])[0],
            )
            for _ in range(9)
        ]
        base_one, ours_one = min(p[0] for p in pairs), min(p[1] for p in pairs)
        print(
            f"(e) against {args.baseline}: 1 job {base:.2f} s, this one {one:.2f} s and"
            f" {again:.2f} s: {min(one, again) / base:5.2f}× per report (budget ≤ 1.30);"
            f" one file {ours_one:.2f} s against {base_one:.2f} s: {ours_one / base_one:5.2f}×"
        )
    workbook = write_workbook(paths[0], work / "one.xlsx")
    pairs = [
        (
            timed([chithi, "check", str(paths[0]), "--format", "json"])[0],
            timed([chithi, "check", str(workbook), "--format", "json"])[0],
        )
        for _ in range(5)
    ]
    as_yaml, as_sheet = min(p[0] for p in pairs), min(p[1] for p in pairs)
    print(
        f"(f) one file as .xlsx {as_sheet:.2f} s against the same report as YAML {as_yaml:.2f} s:"
        f" {as_sheet / as_yaml:5.2f}× (openpyxl is loaded only for the workbook)"
    )
    if args.memory_reports:
        big = generate(work / "memory", args.memory_reports, seed=7)
        folder = str(work / "memory")
        for label, command in (
            ("summary --format json", ["summary", folder, "--format", "json"]),
            ("check --format json", ["check", folder, "-o", f"json:{work / 'check.json'}"]),
        ):
            mb = peak_mb([chithi, *command, "--jobs", "1"])
            print(f"peak memory, chithi {label} over {len(big)} reports: {mb:.0f} MB (≤ 150)")
    shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
