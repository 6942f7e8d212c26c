"""`storyworld spark` in local mode on N cores: local[1] against local[2] on the same input (issue 29).

    .venv/bin/python benchmarks/bench_spark.py [--n 400] [--seed 29] [--masters 'local[1]' 'local[2]']

N synthetic articles (``bench_updates.article``: varied leads and bodies, one file each) are written
once; each master then runs in a fresh Python process (a SparkSession's master is fixed for its
process), which times the session's start and the job (reading, analysing, writing the Parquet
tables), and prints one JSON line. The last line gives articles/s of the job and the speed-up of
each master over the first. Every executor loads the model once, which the job's time includes.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from bench_updates import write_corpus  # this folder is on sys.path when a benchmark runs
from fresh import run_fresh  # this folder is on sys.path when a benchmark runs


def one_run(folder: Path, master: str, partitions: int | None, output: Path) -> dict:
    from storyworld.service.spark import run_spark, spark_session

    started = time.perf_counter()
    session = spark_session(master)
    session.sparkContext.parallelize([0], 1).count()  # the JVM and its first task are up
    ready = time.perf_counter()
    report = run_spark([str(folder)], output, master=master, meta=folder, partitions=partitions, spark=session)
    done = time.perf_counter()
    session.stop()
    return {"master": master, "articles": report.documents, "errors": report.errors, "events": report.rows.get("events"),
            "session_s": round(ready - started, 2), "job_s": round(done - ready, 2),
            "analyse_s": round(report.timings["analyse"], 2), "write_s": round(report.timings["write"], 2),
            "articles_per_s": round(report.documents / (done - ready), 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--seed", type=int, default=29)
    parser.add_argument("--masters", nargs="+", default=["local[1]", "local[2]"])
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: one master, in this process
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.folder, args.one, args.partitions, args.output)))
        return 0
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        write_corpus(folder, args.n, args.seed)
        for master in args.masters:
            runs.append(run_fresh(__file__, "--one", master, "--folder", str(folder),
                                  "--output", str(Path(tmp) / "out"), "--partitions", str(args.partitions)))
            print(json.dumps(runs[-1]))
    base = runs[0]
    print("; ".join(f"{r['master']}: job {r['job_s']} s, {r['articles_per_s']} articles/s "
                    f"(x{r['articles_per_s'] / base['articles_per_s']:.2f}), session {r['session_s']} s" for r in runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
