"""Concurrent load on `storyworld serve` (issue 25): two writers and readers at a fixed rate.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_api_load.py --seconds 60 --rate 60

Serves a copy of a synthetic store (benchmarks/synthetic.py) with `storyworld serve --allow-ingest`
on 127.0.0.1, as a user would, in its own process. Two writers post generated articles to
`POST /api/ingest` with the token of `GET /api/token` (or, with `--writers cli`, run `storyworld
ingest` processes into the same file), while reader threads send a seeded mix of the page's reads
at `--rate` requests/s (an open loop). A request fails on a transport error or any status but 200. Prints the
failures (by status and message), throughput, and p50/p95/max latency per kind; the server's log
lines come after, when there are any.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from synthetic import COUNTRIES, build

from storyworld.types import PLOVER_TYPES

CITIES = ["Goma", "Bamako", "Aleppo", "Kharkiv", "Khartoum", "Mogadishu", "Sanaa", "Homs", "Kherson", "Gao",
          "Mosul", "Tripoli", "Beni", "Bunia", "Timbuktu", "Idlib", "Odesa", "Port Sudan", "Kismayo", "Hodeidah"]
ACTORS = ["Rebels", "Government forces", "Militants", "Protesters", "Police", "Soldiers", "Gunmen", "Residents"]
VERBS = ["attacked", "shelled", "marched through", "blocked roads in", "raided", "fired on a convoy near"]
SOURCES = ["police said", "officials said", "a local official told Reuters", "witnesses said",
           "the army said in a statement", "according to a security source", "residents said"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def article(rng: random.Random, n: int) -> str:
    """A short news-like article that no earlier one near-duplicates (random facts in every sentence)."""
    sentences = []
    for _ in range(rng.randint(4, 8)):
        sentences.append(f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(CITIES)} on {rng.choice(DAYS)}, "
                         f"{rng.choice(SOURCES)}, leaving {rng.randint(2, 400)} people "
                         f"{rng.choice(['dead', 'wounded', 'displaced', 'missing'])}.")
    sentences.append(f"The dispatch number was {n} and its code {rng.getrandbits(64):x}.")
    return " ".join(sentences)


def read_mix(rng: random.Random, n_events: int) -> tuple[str, str, dict]:
    """(kind, path, params) of one read, in roughly the page's proportions (lists, then cards)."""
    roll = rng.random()
    if roll < 0.40:
        params = {"limit": 100}
        pick = rng.random()
        if pick < 0.3:
            params["type"] = rng.choice(PLOVER_TYPES)
        elif pick < 0.6:
            params["country"] = rng.choice(COUNTRIES)
        elif pick < 0.8:
            params |= {"since": "2023-01-01", "until": "2023-06-30"}
        return "events", "/api/events", params
    if roll < 0.65:
        return "event", f"/api/events/{rng.randint(1, n_events)}", {}
    if roll < 0.83:
        return "document", f"/api/documents/{rng.randrange(max(1, n_events // 10)):064x}", {}
    if roll < 0.93:
        return "incidents", "/api/incidents", {"limit": 50}
    if roll < 0.98:
        return "claims", "/api/claims", {"limit": 20}
    return "stats", "/api/stats", {}  # not a read of the page: a full count, ~0.3 s at 100,000 events


@dataclass
class Log:
    """What every request gave: (kind, seconds, failure or None), kept under a lock."""
    rows: list[tuple[str, float, str | None]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, failure: str | None) -> None:
        with self.lock:
            self.rows.append((kind, seconds, failure))


def timed(client: httpx.Client, log: Log, kind: str, method: str, path: str, *, since: float | None = None,
          **kwargs) -> httpx.Response | None:
    """One request, logged with its time from ``since`` (its scheduled moment; default: now)."""
    t = time.perf_counter() if since is None else since
    try:
        response = client.request(method, path, **kwargs)
    except httpx.HTTPError as exc:
        log.add(kind, time.perf_counter() - t, f"{type(exc).__name__}")
        return None
    failure = None
    if response.status_code != 200:
        try:
            failure = f"{response.status_code} {response.json().get('error', '')[:160]}"
        except ValueError:
            failure = f"{response.status_code} {response.text[:160]}"
    log.add(kind, time.perf_counter() - t, failure)
    return response


def readers(base: str, log: Log, *, rate: float, until: float, threads: int, n_events: int) -> None:
    """Sends reads at ``rate`` per second on a fixed schedule (an open loop: a slow answer does not
    slow the sending), each on one of ``threads`` clients. A read's latency counts from its
    scheduled moment, so time spent waiting for a free connection is counted too."""
    rng = random.Random(1)
    local = threading.local()

    def read(scheduled: float, kind: str, path: str, params: dict) -> None:
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=base, timeout=30)
        timed(local.client, log, kind, "GET", path, params=params, since=scheduled)

    next_at = time.monotonic()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        while next_at < until:
            time.sleep(max(0.0, next_at - time.monotonic()))
            pool.submit(read, time.perf_counter(), *read_mix(rng, n_events))
            next_at += 1 / rate


def api_writer(base: str, log: Log, *, until: float, seed: int, statuses: collections.Counter) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=120) as client:
        token = client.get("/api/token").json()["token"]
        n = 0
        while time.monotonic() < until:
            n += 1
            response = timed(client, log, "ingest", "POST", "/api/ingest",
                             params={"published": "2025-05-17", "outlet": f"Writer {seed}"},
                             content=article(rng, n).encode(),
                             headers={"X-Storyworld-Token": token, "Content-Type": "text/plain"})
            if response is not None and response.status_code == 200:
                statuses[response.json()["status"]] += 1


def cli_writer(db: Path, log: Log, *, until: float, seed: int, statuses: collections.Counter) -> None:
    """`storyworld ingest` of a folder of 5 new articles, again and again, into the served file."""
    rng = random.Random(seed)
    folder = Path(tempfile.mkdtemp(prefix=f"sw-writer-{seed}-"))
    n = 0
    while time.monotonic() < until:
        for old in folder.iterdir():
            old.unlink()
        for _ in range(5):
            n += 1
            (folder / f"a{n}.txt").write_text(article(rng, n))
        t = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "storyworld", "ingest", str(folder), "--db", str(db)],
                              capture_output=True, text=True)
        failure = None if done.returncode == 0 else f"exit {done.returncode}: {done.stderr.strip()[-300:]}"
        log.add("ingest (cli, 5 files)", time.perf_counter() - t, failure)
        statuses["batches"] += 1
    shutil.rmtree(folder, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def summarize(log: Log, seconds: float) -> None:
    """Per kind: n, failures, p50/p95/max; reads together: throughput over ``seconds``."""
    by_kind: dict[str, list[tuple[float, str | None]]] = collections.defaultdict(list)
    for kind, t, failure in log.rows:
        by_kind[kind].append((t, failure))
    reads = [(t, f) for kind, rows in by_kind.items() if not kind.startswith("ingest") for t, f in rows]
    for kind, rows in sorted(by_kind.items()):
        ms = sorted(t * 1000 for t, _ in rows)
        p95 = statistics.quantiles(ms, n=20, method="inclusive")[18] if len(ms) >= 2 else ms[0]
        failed = sum(1 for _, f in rows if f)
        print(f"  {kind:22} n={len(rows):5}  failed {failed:3}  p50 {statistics.median(ms):7.1f} ms  "
              f"p95 {p95:7.1f} ms  max {ms[-1]:7.1f} ms")
    ms = sorted(t * 1000 for t, _ in reads)
    failed = collections.Counter(f for _, _, f in log.rows if f)
    p95 = statistics.quantiles(ms, n=20, method="inclusive")[18]
    print(f"  {'all reads':22} n={len(reads):5}  {len(reads) / seconds:5.1f} requests/s (over {seconds:.0f} s)  "
          f"p50 {statistics.median(ms):7.1f} ms  p95 {p95:7.1f} ms")
    print(f"failed requests: {sum(failed.values())} of {len(log.rows)}")
    for failure, count in failed.most_common(10):
        print(f"  {count:5} x {failure}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--rate", type=float, default=60, help="reads per second, all reader threads together")
    parser.add_argument("--readers", type=int, default=16, help="reader threads (connections)")
    parser.add_argument("--writers", choices=("api", "cli", "none"), default="api",
                        help="none: reads alone, the server's read capacity for comparison")
    parser.add_argument("--events", type=int, default=100_000, help="events in the synthetic store")
    parser.add_argument("--json", type=Path, help="also write the raw timings here")
    args = parser.parse_args()

    cached = Path(f"/tmp/storyworld-bench-{args.events}.db")
    if not cached.exists():
        build(cached, args.events)
    workdir = Path(tempfile.mkdtemp(prefix="sw-load-"))
    db = workdir / "served.db"
    shutil.copy(cached, db)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server_log = (workdir / "server.log").open("w+")
    # the per-client rate limit (default 50/s) would refuse this load from one address: raised
    server = subprocess.Popen([sys.executable, "-m", "storyworld", "serve", "--db", str(db), "--port", str(port),
                               "--allow-ingest", "--rate-limit", "100000"], stdout=server_log, stderr=server_log,
                              env=os.environ | {"HF_HUB_OFFLINE": "1"})
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                server_log.seek(0)
                sys.exit(f"the server did not start:\n{server_log.read()[-2000:]}")
            time.sleep(0.2)
        with httpx.Client(base_url=base, timeout=300) as client:  # load the model before the clock starts
            token = client.get("/api/token").json()["token"]
            client.post("/api/analyze", content=b"Police said protesters marched in Goma on Monday.",
                        headers={"X-Storyworld-Token": token})
        log, statuses = Log(), collections.Counter()
        start = time.monotonic()
        until = start + args.seconds
        threads = [threading.Thread(target=readers, args=(base, log), kwargs={
            "rate": args.rate, "until": until, "threads": args.readers, "n_events": args.events})]
        for i in range(2 if args.writers != "none" else 0):
            if args.writers == "api":
                threads.append(threading.Thread(target=api_writer, args=(base, log),
                                                kwargs={"until": until, "seed": 100 + i, "statuses": statuses}))
            else:
                threads.append(threading.Thread(target=cli_writer, args=(db, log),
                                                kwargs={"until": until, "seed": 100 + i, "statuses": statuses}))
        for thread in threads:
            thread.start()
        threads[0].join()
        reads_done = time.monotonic()  # every read answered (the schedule ended at ``until``)
        for thread in threads[1:]:
            thread.join()
        elapsed = time.monotonic() - start
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"{elapsed:.0f} s, reads scheduled at {args.rate:g}/s on {args.readers} connections, "
          f"{2 if args.writers != 'none' else 0} {args.writers} writers ({dict(statuses)}), store of {args.events:,} synthetic events on 127.0.0.1")
    summarize(log, reads_done - start)
    server_log.seek(0)
    lines = [line for line in server_log.read().splitlines() if line.strip()]
    print(f"server log: {len(lines)} line(s)")
    for line in lines[:40]:
        print("  " + line[:300])
    if args.json:
        args.json.write_text(json.dumps([{"kind": k, "seconds": t, "failure": f} for k, t, f in log.rows]))
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
