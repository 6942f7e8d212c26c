"""`storyworld ingest --workers N` on one corpus: wall time, articles/s, peak RSS (issue 29).

    .venv/bin/python benchmarks/bench_workers.py [FOLDER] [--workers 1 2] [--meta demo]

For each N, a fresh store in a temporary folder and a fresh Python process (so that peak RSS
figures are that run's own), which ingests FOLDER through the service layer with N workers and
prints one JSON line: seconds, articles/s (inputs seen per wall second, model loads included),
the writing process's peak RSS and the largest worker's (the children's ru_maxrss; with 1 worker,
everything runs in the writing process). The last line compares the runs.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from fresh import run_fresh  # this folder is on sys.path when a benchmark runs

DEMO = Path(__file__).resolve().parents[1] / "demo"


def one_run(folder: Path, meta: Path | None, workers: int, db: Path) -> dict:
    from storyworld.service import ingest
    from storyworld.store import Store

    started = time.perf_counter()
    with Store.open(db) as store:
        report = ingest([folder], store=store, meta=meta, workers=workers)
    seconds = time.perf_counter() - started
    return {"workers": workers, "inputs": report.seen, "stored": report.added, "failed": len(report.failed),
            "seconds": round(seconds, 2), "articles_per_s": round(report.seen / seconds, 2),
            "writer_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "worker_peak_rss_mb": (round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
                                   if workers > 1 else None)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEMO / "articles")
    parser.add_argument("--meta", type=Path, default=DEMO)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: one run, in this process
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.folder, args.meta, args.one, args.db)))
        return 0
    runs = []
    for workers in args.workers:
        with tempfile.TemporaryDirectory() as tmp:
            runs.append(run_fresh(__file__, str(args.folder), "--meta", str(args.meta),
                                  "--one", str(workers), "--db", str(Path(tmp) / "bench.db")))
        print(json.dumps(runs[-1]))
    base = runs[0]
    print("; ".join(f"{r['workers']} worker(s): {r['seconds']} s, {r['articles_per_s']} articles/s "
                    f"(x{r['articles_per_s'] / base['articles_per_s']:.2f}), peak RSS writer {r['writer_peak_rss_mb']} MB"
                    + (f", worker {r['worker_peak_rss_mb']} MB" if r["worker_peak_rss_mb"] else "") for r in runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
