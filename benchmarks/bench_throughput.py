"""End-to-end ingest throughput against the bare spaCy parse of the same texts (issue 29).

    .venv/bin/python benchmarks/bench_throughput.py [--n 2000] [--workers 1 2] [--json results.json]

N distinct articles are written once (``bench_updates.article``: template sentences with random
places, parties, figures and sources; the demo corpus copied N times would be near-duplicates of
itself, which ingest links without analysing, flattering the figure). For each number of processes
P, in fresh Python processes: ``storyworld ingest --workers P`` into an empty store, and the bare
parse, ``nlp.pipe(texts, n_process=P)`` with the same model, model loads included in both. Prints
one JSON line per P (articles/s of each, their ratio, peak RSS) and a summary line; ``--json``
writes the records. The target: ingest ≥ 0.8 × the parse with two processes.
"""

from __future__ import annotations

import argparse
import importlib
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from bench_updates import write_corpus  # this folder is on sys.path when a benchmark runs
from fresh import run_fresh  # this folder is on sys.path when a benchmark runs


def run_ingest(folder: Path, processes: int, db: Path) -> dict:
    from storyworld.service import ingest
    from storyworld.store import Store

    started = time.perf_counter()
    with Store.open(db) as store:
        report = ingest([folder], store=store, meta=folder, workers=processes)
    seconds = time.perf_counter() - started
    return {"step": "ingest", "processes": processes, "articles": report.seen, "stored": report.added,
            "duplicates": report.duplicates, "seconds": round(seconds, 2),
            "articles_per_s": round(report.seen / seconds, 2),
            "peak_rss_mb": round(max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                                     resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024)}


def run_parse(folder: Path, processes: int) -> dict:
    from storyworld.parse import DEFAULT_MODEL

    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    started = time.perf_counter()
    nlp = importlib.import_module(DEFAULT_MODEL).load()
    words = sum(len(doc) for doc in nlp.pipe(texts, n_process=processes, batch_size=32))
    seconds = time.perf_counter() - started
    return {"step": "parse", "processes": processes, "articles": len(texts), "tokens": words,
            "seconds": round(seconds, 2), "articles_per_s": round(len(texts) / seconds, 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=29)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", type=Path, help="write the records here")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)  # internal: STEP PROCESSES, in this process
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        step, processes = args.one[0], int(args.one[1])
        record = run_ingest(args.folder, processes, args.db) if step == "ingest" else run_parse(args.folder, processes)
        print(json.dumps(record))
        return 0
    records, lines = [], []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        write_corpus(folder, args.n, args.seed)
        for processes in args.workers:
            pair = {}
            for step in ("parse", "ingest"):
                pair[step] = run_fresh(__file__, "--one", step, str(processes), "--folder", str(folder),
                                       "--db", str(Path(tmp) / f"bench-{processes}.db"))
            record = {"processes": processes, "ingest": pair["ingest"], "parse": pair["parse"],
                      "ratio": round(pair["ingest"]["articles_per_s"] / pair["parse"]["articles_per_s"], 3)}
            records.append(record)
            print(json.dumps(record))
            lines.append(f"{processes} process(es): ingest {pair['ingest']['articles_per_s']} articles/s, "
                         f"parse {pair['parse']['articles_per_s']} articles/s, ratio {record['ratio']:.2f}, "
                         f"peak RSS {pair['ingest']['peak_rss_mb']} MB")
    if args.json:
        args.json.write_text(json.dumps({"benchmark": "throughput", "n": args.n, "seed": args.seed,
                                         "runs": records}, indent=2) + "\n", encoding="utf-8")
    print("; ".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
