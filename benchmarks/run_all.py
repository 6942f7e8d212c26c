"""`make bench`: every benchmark of issue 29, one after another; each one's lines are kept.

    .venv/bin/python benchmarks/run_all.py [--quick] [--out benchmarks/results]

Runs, each in its own process: (1) ingest throughput against the bare spaCy parse, 1 and 2
processes, 2,000 articles (with peak RSS per worker); (2) ingest --workers 1 and 2 on the demo
corpus; (3) query latency on the synthetic 1 M-event store; (4) Spark local[1] against local[2];
(5) the cost of adding 1,000 documents to stores of 10 k, 100 k and 1 M events; and the cost of
updated pages against new ones. Each benchmark's printed lines go to OUT/NAME.jsonl (the JSON
lines) and OUT/NAME.txt (all of it), and its last line is printed here. ``--quick`` runs smaller
sizes (a smoke run, minutes instead of an hour). A benchmark that fails is named and the rest go on.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

FULL = {
    "throughput": ["bench_throughput.py", "--n", "2000", "--workers", "1", "2"],
    "workers": ["bench_workers.py", "--workers", "1", "2"],
    "api_1m": ["bench_api.py", "--events", "1000000"],
    "spark": ["bench_spark.py", "--n", "1200", "--partitions", "12"],
    "growth": ["bench_incidents.py", "--events", "10000", "100000", "1000000"],
    "updates": ["bench_updates.py", "--n", "1000", "--seed", "27"],
}
QUICK = {
    "throughput": ["bench_throughput.py", "--n", "200", "--workers", "1", "2"],
    "workers": ["bench_workers.py", "--workers", "1", "2"],
    "api_1m": ["bench_api.py", "--events", "100000", "--queries", "100"],
    "spark": ["bench_spark.py", "--n", "200", "--partitions", "4"],
    "growth": ["bench_incidents.py", "--events", "10000"],
    "updates": ["bench_updates.py", "--n", "100", "--seed", "27"],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--only", nargs="+", help="run only these (names as in the docstring's order: "
                        + ", ".join(FULL) + ")")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    failed = []
    for name, command in (QUICK if args.quick else FULL).items():
        if args.only and name not in args.only:
            continue
        started = time.perf_counter()
        done = subprocess.run([sys.executable, str(HERE / command[0]), *command[1:]], cwd=HERE,
                              capture_output=True, text=True)
        seconds = time.perf_counter() - started
        (args.out / f"{name}.txt").write_text(done.stdout + done.stderr, encoding="utf-8")
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        (args.out / f"{name}.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
        if done.returncode != 0:
            failed.append(name)
            print(f"{name}: FAILED (exit {done.returncode}, {seconds:.0f} s; see {args.out / (name + '.txt')})")
        else:
            print(f"{name} ({seconds:.0f} s): {last}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
