"""What each extraction stage costs next to the spaCy parse (issue 4: events add ≤ 25 %).

    .venv/bin/python benchmarks/bench_stages.py [--repeat 5]

Parses the demo articles (their text files, repeated ``--repeat`` times) with ``parse_documents`` on
one process, then runs every default stage on every parsed document and sums the time per stage.
Prints seconds and the share of parse time per stage, and for "event extraction" (actors, places,
events and the three event enrichments: what an event needs beyond the parse; events read the
places since issue 23, where before they ran the places stage again inside themselves).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from storyworld.parse import ParsedDocument, load_nlp, parse_documents
from storyworld.pipeline import Pipeline
from storyworld.types import Document

DEMO = Path(__file__).resolve().parents[1] / "demo" / "articles"
EVENT_STAGES = ("actors.v1", "places.v1", "events.v1", "events.location.v1", "events.date.v1", "events.sources.v1")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    texts = [p.read_text("utf-8") for p in sorted(DEMO.glob("*.txt"))] * args.repeat
    documents = [Document(id=f"bench-{i}", text=t, published="2025-01-01", language="en") for i, t in enumerate(texts)]
    pipeline = Pipeline()
    nlp = load_nlp()
    nlp("warm up the model and the gazetteer cache.")
    pipeline.run_stages(ParsedDocument(documents[0], nlp(documents[0].text)))

    start = time.perf_counter()
    docs = list(parse_documents([d.text for d in documents], batch_size=16))
    parse_s = time.perf_counter() - start

    spent = {spec.name: 0.0 for spec in pipeline._specs}
    for document, doc in zip(documents, docs):
        parsed = ParsedDocument(document, doc)
        parts: dict[str, tuple] = {}
        for spec in pipeline._specs:
            t0 = time.perf_counter()
            parts[spec.assigns] = spec.func(parsed, {need: parts[need] for need in spec.requires if need in parts})
            spent[spec.name] += time.perf_counter() - t0

    words = sum(len(d) for d in docs)
    print(f"{len(documents)} documents, {words:,} tokens; parse {parse_s:.2f} s ({words / parse_s:,.0f} tokens/s)")
    for name, seconds in spent.items():
        print(f"  {name:<22} {seconds:7.3f} s  {100 * seconds / parse_s:5.1f} % of parse")
    events = sum(spent[n] for n in EVENT_STAGES if n in spent)
    print(f"event extraction (actors, places, events, location, date, sources): {events:.3f} s = "
          f"{100 * events / parse_s:.1f} % of parse time")
    print(f"all stages: {sum(spent.values()):.3f} s = {100 * sum(spent.values()) / parse_s:.1f} % of parse time")


if __name__ == "__main__":
    main()
