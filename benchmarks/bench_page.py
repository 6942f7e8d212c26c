"""First render of the web page on a synthetic store, in Debian's headless chromium (issue 26:
100,000 events under 2 s).

    PYTHONPATH=src .venv/bin/python benchmarks/bench_page.py --events 100000 --runs 5

Builds the store once (cached under /tmp), serves it with uvicorn on 127.0.0.1, opens the page
in a fresh browser page per run and reports the time from navigation to the first complete view
(map, timeline, event list and incidents list drawn: ``body[data-loaded]``), and the parts of it.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import threading
import time
from pathlib import Path

from synthetic import cached

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def serve(path: Path) -> str:
    import uvicorn

    from storyworld.api import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(str(path), rate=1e9, burst=10**9), host="127.0.0.1",
                                           port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    path = cached(args.events, rebuild=args.rebuild)
    url = serve(path)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=ARGS)
        figures = []
        for run in range(args.runs + 1):  # the first run warms the server's caches and is not counted
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(url)
            page.wait_for_selector("body[data-loaded=true]", timeout=60000)
            ms = page.evaluate("performance.now()")
            api = page.evaluate("performance.getEntriesByType('resource').filter(r => r.name.includes('/api/'))"
                                ".map(r => [r.name.split('?')[0].split('/').pop(), Math.round(r.startTime),"
                                " Math.round(r.responseEnd)])")
            dcl = page.evaluate("Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventStart)")
            summary = page.text_content("[data-testid=summary]")
            page.close()
            if run:
                figures.append(ms)
                print(f"run {run}: first render {ms:.0f} ms (DOMContentLoaded {dcl} ms; API start/end {api})"
                      f" — {summary}")
        browser.close()
    print(f"{args.events:,} events: first render median {statistics.median(figures):.0f} ms, "
          f"max {max(figures):.0f} ms over {len(figures)} runs")


if __name__ == "__main__":
    main()
