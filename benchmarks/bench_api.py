"""API latency for filtered event queries on a synthetic store (issue 8: p95 < 100 ms at 1 M events).

    .venv/bin/python benchmarks/bench_api.py --events 1000000

Builds the store once (cached under /tmp), starts the app in-process (TestClient, no network),
and times a fixed, seeded mix of filtered queries; prints p50/p95/max per query kind and overall.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from synthetic import COUNTRIES, cached

from storyworld.types import PLOVER_TYPES


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    path = cached(args.events, rebuild=args.rebuild)
    from fastapi.testclient import TestClient

    from storyworld.api import create_app

    client = TestClient(create_app(str(path), rate=1e9, burst=10**9), base_url="http://127.0.0.1:8000")
    rng = random.Random(1)
    kinds = {
        "type": lambda: {"type": rng.choice(PLOVER_TYPES)},
        "country": lambda: {"country": rng.choice(COUNTRIES)},
        "type+country": lambda: {"type": rng.choice(PLOVER_TYPES), "country": rng.choice(COUNTRIES)},
        "date range": lambda: {"since": f"202{rng.randrange(5)}-0{rng.randrange(1, 9)}-01",
                               "until": f"202{rng.randrange(5)}-0{rng.randrange(1, 9)}-28"},
        "source": lambda: {"source": rng.choice(["Reuters", "a source", "Ynet"])},
        "country+dates": lambda: {"country": rng.choice(COUNTRIES), "since": "2023-01-01", "until": "2023-06-30"},
        "none": lambda: {},
    }
    client.get("/api/events", params={"limit": 1})  # warm up
    timings: dict[str, list[float]] = {k: [] for k in kinds}
    for i in range(args.queries):
        kind = list(kinds)[i % len(kinds)]
        params = kinds[kind]() | {"limit": 100}
        t = time.perf_counter()
        r = client.get("/api/events", params=params)
        timings[kind].append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, r.text
    everything = [x for v in timings.values() for x in v]
    for kind, values in timings.items():
        q = statistics.quantiles(values, n=20)
        print(f"{kind:14} n={len(values):3}  p50 {statistics.median(values):7.1f} ms  p95 {q[18]:7.1f} ms  "
              f"max {max(values):7.1f} ms")
    q = statistics.quantiles(everything, n=20)
    print(f"{'all':14} n={len(everything):3}  p50 {statistics.median(everything):7.1f} ms  p95 {q[18]:7.1f} ms")


if __name__ == "__main__":
    main()
