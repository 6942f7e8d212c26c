"""Gazetteer load time and memory, and toponym resolution speed on one core (issue 6: load < 1 s and
< 300 MB RSS; resolution >= 5,000 mentions/s).

    .venv/bin/python benchmarks/bench_places.py [--repeat 3]

Opens the gazetteer (built beforehand if missing: the build is not timed) in a fresh process and
reports the time and the process's resident memory after it; then parses the demo articles and
runs recognition and resolution on every document, ``--repeat`` times over, with the lookup caches
cleared before each round. It reports mentions per second (the parse is not counted) for the two
together and for resolution alone (choosing each mention's sense from its candidates and the
document's context: the issue's target), by CPU time (``time.process_time``: what one core spends,
steadier on a shared machine than wall time, which swings by a third from run to run).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

DEMO = Path(__file__).resolve().parents[1] / "demo" / "articles"

LOAD = """
import resource, time
t = time.perf_counter()
from storyworld.resources.gazetteer import gazetteer
g = gazetteer()
g.candidates("Hama")
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from storyworld.resources.gazetteer import gazetteer

    gazetteer()  # build once, outside the timing
    seconds, rss_mb = map(float, subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True,
                                                check=True).stdout.split())
    print(f"gazetteer load: {seconds:.2f} s, {rss_mb:.0f} MB max RSS (interpreter and imports included)")

    from storyworld.extract.places.recognize import _mentions
    from storyworld.extract.places.resolve import _resolve
    from storyworld.parse import ParsedDocument, doc_text, parse_documents
    from storyworld.types import Document

    texts = [p.read_text("utf-8") for p in sorted(DEMO.glob("*.txt"))]
    parsed = [ParsedDocument(Document(id=f"bench-{i}", text=t, language="en"), doc)
              for i, (t, doc) in enumerate(zip(texts, parse_documents(texts)))]
    gaz = gazetteer()
    mentions = 0
    spent = cpu = resolving = 0.0
    for _ in range(args.repeat):
        gaz.candidates.cache_clear()
        for p in parsed:
            t0, c0 = time.perf_counter(), time.process_time()
            found = _mentions(p)
            c1 = time.process_time()
            _resolve(doc_text(p.doc), [(ent.start_char, ent.end_char, cands) for ent, cands in found], gaz)
            spent += time.perf_counter() - t0
            cpu += time.process_time() - c0
            resolving += time.process_time() - c1
            mentions += len(found)
    print(f"recognition + resolution: {mentions:,} mentions in {cpu:.2f} s of CPU = {mentions / cpu:,.0f} mentions/s "
          f"({spent:.2f} s wall = {mentions / spent:,.0f}/s; from the parse, cold lookup cache each round)")
    print(f"  of which recognition with its gazetteer lookups {cpu - resolving:.2f} s, "
          f"resolution alone {resolving:.2f} s = {mentions / resolving:,.0f} mentions/s")
    print(f"this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB max RSS")


if __name__ == "__main__":
    main()
