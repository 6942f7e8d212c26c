"""Incremental incidents: the cost of adding documents to a store (issues 10 and 25).

    .venv/bin/python benchmarks/bench_incidents.py --events 10000 100000
    .venv/bin/python benchmarks/bench_incidents.py --long-article --prior 0 10

Synthetic (``--events``): for each N, build a synthetic store (benchmarks/synthetic.py), place all
its events in incidents (the same incremental path as ingest), then time saving 1,000 new
synthetic documents of 10 events each and placing them. Prints seconds per 1,000 documents and ms
per document; a cost that does not grow with N is what "only an index lookup" means.

Long article (``--long-article``, issue 25's target: ingest within 2 x analysis): the 359-event
monthly log of ``long_article.py``, analysed alone (best of ``--repeat``), then ingested
(analysis, save, incidents: ``service.ingest_text``) into a store that already holds P other
such logs of the same month and region (``--prior``: the hard case, every event meets many
candidate incidents). The model is loaded and warm before any timing. Prints both times, their
ratio, the incidents step alone, and the peak RSS.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from long_article import long_article
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


PUBLISHED = "2024-04-01"


def bench_long_article(priors: list[int], *, repeat: int) -> None:
    import resource
    import statistics

    import storyworld.corpus.update as update
    from storyworld.service import analyze_text, ingest_text, make_pipeline

    pipeline = make_pipeline()
    text = long_article()
    analyze_text("Gunmen attacked a military post near Gao on Friday, killing two soldiers.", published=PUBLISHED,
                 pipeline=pipeline)  # load the model and the gazetteer
    analyses = []
    for _ in range(repeat):
        t = time.perf_counter()
        analysis = analyze_text(text, published=PUBLISHED, pipeline=pipeline)
        analyses.append(time.perf_counter() - t)
    analysis_s = min(analyses)
    print(f"article: {len(text.encode()):,} bytes, {len(analysis.events)} events; analysis {analysis_s:.2f} s "
          f"(best of {repeat}, median {statistics.median(analyses):.2f} s)")
    placing: list[float] = []
    place = update.update_incidents

    def timed(store, document_ids):
        t = time.perf_counter()
        try:
            return place(store, document_ids)
        finally:
            placing.append(time.perf_counter() - t)

    update.update_incidents = timed
    sys.modules["storyworld.service.ingest"].update_incidents = timed  # the name the service calls
    for prior in priors:
        path = Path(f"/tmp/storyworld-bench-long-{prior}.db")
        for stale in path.parent.glob(path.name + "*"):
            stale.unlink()
        store = Store.open(path)
        for k in range(prior):
            ingest_text(long_article(seed=1000 + k, start=date(2024, 3, 1 + k % 5)), store=store,
                        published=PUBLISHED, pipeline=pipeline)
        events = store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        placing.clear()
        t = time.perf_counter()
        result = ingest_text(text, store=store, published=PUBLISHED, pipeline=pipeline)
        ingest_s = time.perf_counter() - t
        incidents = store.conn.execute("SELECT COUNT(*) FROM incidents").fetchone()[0]
        store.close()
        print(f"prior {prior:>3} logs ({events:,} events): ingest {ingest_s:.2f} s = {ingest_s / analysis_s:.2f} x "
              f"analysis (target <= 2); incidents step {sum(placing):.2f} s; {result.events} events, "
              f"{incidents:,} incidents in the store; peak RSS "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--add", type=int, default=1000)
    parser.add_argument("--long-article", action="store_true", help="the 359-event article instead (issue 25)")
    parser.add_argument("--prior", type=int, nargs="+", default=[0, 10])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.long_article:
        bench_long_article(args.prior, repeat=args.repeat)
        return
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
