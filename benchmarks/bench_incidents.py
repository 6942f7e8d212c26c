"""Incremental incidents: the cost of adding 1,000 documents to a store of N events (issue 10).

    .venv/bin/python benchmarks/bench_incidents.py --events 10000 100000

For each N: build a synthetic store (benchmarks/synthetic.py), place all its events in incidents
(the same incremental path as ingest), then time saving 1,000 new synthetic documents of 10
events each and placing them. Prints seconds per 1,000 documents and ms per document; a cost that
does not grow with N is what "only an index lookup" means.
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from synthetic import COUNTRIES, build

from storyworld.corpus.update import update_incidents
from storyworld.store import Store
from storyworld.types import Analysis, ActorRef, Document, Event, Location, PLOVER_TYPES, Source, Span


def synthetic_analysis(rng: random.Random, n: int) -> Analysis:
    day = date(2020, 1, 1) + timedelta(days=rng.randrange(365 * 5))
    text = f"New synthetic report {n} of {day.isoformat()}."
    document = Document(id=f"new-{n:060d}", text=text, outlet=f"Outlet {rng.randrange(200)}",
                        published=day.isoformat(), language="en")
    events = []
    for k in range(10):
        country = rng.choice(COUNTRIES)
        events.append(Event(
            type=rng.choice(PLOVER_TYPES), trigger="struck", evidence=Span(text, 0, len(text)), modality="actual",
            actor=ActorRef("Actor", "Actor", country, "MIL"), target=ActorRef("Target", None, rng.choice(COUNTRIES), None),
            location=Location("Place", "Place", None, 35 + rng.random() * 10, 30 + rng.random() * 20, country, "city"),
            date=(day - timedelta(days=rng.randrange(3))).isoformat(), date_precision="day",
            sources=(Source("Reuters", "outlet"),) if k % 2 else ()))
    return Analysis(document=document, events=tuple(events))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--add", type=int, default=1000)
    args = parser.parse_args()
    for n in args.events:
        path = Path(f"/tmp/storyworld-bench-incidents-{n}.db")
        build(path, n)
        store = Store.open(path)
        ids = [r[0] for r in store.conn.execute("SELECT id FROM documents ORDER BY rowid")]
        t = time.perf_counter()
        update_incidents(store, ids)
        seed_s = time.perf_counter() - t
        incidents = store.conn.execute("SELECT COUNT(*) FROM incidents").fetchone()[0]
        rng = random.Random(n)
        t = time.perf_counter()
        for i in range(args.add):
            analysis = synthetic_analysis(rng, i)
            result = store.save(analysis)
            update_incidents(store, [result.document_id])
        add_s = time.perf_counter() - t
        store.close()
        print(f"{n:>9,} events ({incidents:,} incidents, placed in {seed_s:.1f} s): added {args.add} documents "
              f"({args.add * 10:,} events) in {add_s:.1f} s = {1000 * add_s / args.add:.1f} ms/document")


if __name__ == "__main__":
    main()
