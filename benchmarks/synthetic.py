"""Synthetic stores for benchmarks: N events over N/10 documents, with realistic spreads of types,
countries, dates, places and sources. Written straight into the tables (no NLP)."""

from __future__ import annotations

import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from storyworld.store import Store  # noqa: E402
from storyworld.store.transaction import transaction  # noqa: E402
from storyworld.types import PLOVER_TYPES  # noqa: E402

COUNTRIES = ["SYR", "UKR", "RUS", "ISR", "LBN", "YEM", "SDN", "COD", "MLI", "BFA", "NER", "MMR", "HTI", "COL",
             "MEX", "IRQ", "IRN", "AFG", "PAK", "SOM", "ETH", "NGA", "LBY", "PSE", "TUR"]
SOURCES = [("Reuters", "outlet"), ("AFP", "outlet"), ("Associated Press", "outlet"), ("a source", "anonymous"),
           ("the ministry", "organization"), ("residents", "anonymous"), ("the army", "organization"),
           ("Asharq al-Awsat", "outlet"), ("Ynet", "outlet"), ("a security source", "anonymous")]
OUTLETS = [f"Outlet {i}" for i in range(200)]


def cached(n_events: int, *, rebuild: bool = False) -> Path:
    """The synthetic store of ``n_events`` events under /tmp, built on first use (or with ``rebuild``)."""
    import time

    path = Path(f"/tmp/storyworld-bench-{n_events}.db")
    if rebuild or not path.exists():
        started = time.perf_counter()
        build(path, n_events)
        print(f"built {n_events:,} events in {time.perf_counter() - started:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")
    return path


def build(path: Path, n_events: int, *, seed: int = 7, per_document: int = 10) -> Path:
    rng = random.Random(seed)
    if path.exists():
        path.unlink()
    store = Store.open(path)
    conn = store.conn
    start = date(2020, 1, 1)
    with transaction(conn):
        for name, kind in SOURCES:
            conn.execute("INSERT INTO sources (name, kind) VALUES (?, ?)", (name, kind))
        n_docs = max(1, -(-n_events // per_document))  # a last, shorter document when N is not a multiple
        docs = []
        for d in range(n_docs):
            day = start + timedelta(days=rng.randrange(365 * 5))
            doc_id = f"{d:064x}"
            docs.append((doc_id, day))
            text = f"Synthetic article {d} about events on {day.isoformat()}."
            cur = conn.execute(
                "INSERT INTO documents (id, url, outlet, title, published, language, status, text, ingested_at) "
                "VALUES (?, ?, ?, ?, ?, 'en', 'analysed', ?, '2026-01-01')",
                (doc_id, f"https://example.org/{d}", rng.choice(OUTLETS), f"Article {d}", day.isoformat(), text))
            conn.execute("INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)",
                         (cur.lastrowid, f"Article {d}", text))
        rows, links, countries = [], [], []
        for i in range(n_events):
            doc_id, day = docs[i // per_document % len(docs)]
            event_day = day - timedelta(days=rng.randrange(3))
            country, target = rng.choice(COUNTRIES), rng.choice(COUNTRIES)
            chain = rng.sample(range(1, len(SOURCES) + 1), rng.choice([0, 1, 1, 2]))
            rows.append((i + 1, doc_id, i % per_document, rng.choice(PLOVER_TYPES), "actual", "struck",
                         f"Actor {rng.randrange(500)}", country, target, country,
                         35 + rng.random() * 10, 30 + rng.random() * 20, "city", event_day.isoformat(), "day",
                         f"Evidence sentence {i}.", 0, 10,
                         json.dumps([{"name": SOURCES[s - 1][0], "kind": SOURCES[s - 1][1]} for s in chain]),
                         event_day.isoformat()))
            links.extend((i + 1, pos, s) for pos, s in enumerate(chain))
            countries.extend((i + 1, c, event_day.isoformat(), rows[-1][3]) for c in sorted({country, target}))
        conn.executemany(
            "INSERT INTO events (id, document_id, seq, type, modality, trigger, actor_name, actor_country, "
            "target_country, location_country, lat, lon, location_precision, date, date_precision, evidence, "
            "evidence_start, evidence_end, sources_json, sort_date) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        conn.executemany("INSERT INTO event_countries (event_id, country, sort_date, type) VALUES (?, ?, ?, ?)",
                         countries)
        conn.executemany("INSERT INTO event_sources (event_id, position, source_id) VALUES (?, ?, ?)", links)
    conn.execute("ANALYZE")
    store.close()
    return path
