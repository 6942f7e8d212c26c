"""Body extraction throughput alone: RawInput → Document (decode, trafilatura, boilerplate, language).

    .venv/bin/python benchmarks/bench_bodies.py [--pages 300] [--no-shared]

Runs on one core (one process, no parse, no store) over generated news pages of ~600-900 words
with navigation, share bars, related links, a newsletter box and a footer around the article; then,
when present, over the 181 real pages of ../shared/eval/article-extraction-benchmark/html.
Prints pages/s and n for each set. A page the body stage refuses (E006) still counts: it was read.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import time
from pathlib import Path

from storyworld.body.document import extract_document
from storyworld.errors import InputError
from storyworld.types import RawInput

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval" / "article-extraction-benchmark" / "html"

SUBJECTS = ["The city council", "Port workers", "The health ministry", "Opposition lawmakers", "A regional court",
            "Farmers' unions", "The central bank", "Residents of the northern district", "Police", "Aid agencies"]
VERBS = ["announced", "rejected", "called for", "postponed", "criticised", "approved", "investigated", "welcomed"]
OBJECTS = ["a new budget for road repairs", "plans to close two hospitals", "a rise in bus fares",
           "the release of detained protesters", "talks on water rights", "an inquiry into the fire",
           "a ban on night-time deliveries", "emergency funds for flooded villages"]
PLACES = ["in Mombasa", "near Sylhet", "in Leeds", "outside Lyon", "in Multan", "in the capital", "across the region"]
TAILS = ["on Tuesday, officials said.", "after weeks of protests.", "according to a statement.",
         "despite objections from local businesses.", "a spokesperson told reporters.", "earlier this month."]


def make_page(rng: random.Random, number: int) -> str:
    def sentence() -> str:
        return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(PLACES)} {rng.choice(TAILS)}"

    paragraphs = ["<p>" + " ".join(sentence() for _ in range(rng.randint(2, 4))) + "</p>" for _ in range(rng.randint(8, 14))]
    related = "".join(f'<li><a href="/story/{number}-{i}">{sentence()}</a></li>' for i in range(6))
    return (
        f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Story {number} | The Daily Courier</title>"
        f'<meta property="article:published_time" content="2024-0{1 + number % 9}-1{number % 10}T08:00:00Z"></head><body>'
        '<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a> '
        '<a href="/sport">Sport</a> <a href="/opinion">Opinion</a></nav></header><main><article>'
        f"<h1>{sentence()}</h1><p class=byline>By Staff Reporter</p>"
        '<div class=share><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>'
        + "".join(paragraphs)
        + '<div class=newsletter><p>Sign up for our morning briefing: the day\'s top stories in your inbox.</p></div>'
        "</article><aside><h2>Related stories</h2><ul>" + related + "</ul></aside></main>"
        "<footer><p>\u00a9 2024 The Daily Courier. All rights reserved.</p><p><a href='/privacy'>Privacy</a></p>"
        "</footer></body></html>"
    )


def bench(raws: list[RawInput]) -> tuple[float, int, int]:
    extract_document(raws[0])  # warm up: imports, language model
    refused = 0
    start = time.perf_counter()
    for raw in raws:
        try:
            extract_document(raw)
        except InputError:
            refused += 1
    return len(raws) / (time.perf_counter() - start), len(raws), refused


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300, help="generated pages")
    parser.add_argument("--no-shared", action="store_true", help="skip the shared benchmark pages")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    rng = random.Random(7)
    generated = [RawInput(origin="path", name=f"gen-{i}.html", raw=make_page(rng, i).encode(), media_type="text/html")
                 for i in range(args.pages)]
    rate, n, refused = bench(generated)
    size = sum(len(r.raw) for r in generated) / len(generated) / 1024
    print(f"generated pages: {rate:.1f} pages/s, n={n} (mean {size:.1f} KiB, {refused} refused), one core")
    if not args.no_shared and SHARED.exists():
        pages = [RawInput(origin="path", name=p.name, raw=gzip.decompress(p.read_bytes()), media_type="text/html")
                 for p in sorted(SHARED.glob("*.html.gz"))]
        rate, n, refused = bench(pages)
        size = sum(len(r.raw) for r in pages) / len(pages) / 1024
        print(f"article-extraction-benchmark: {rate:.1f} pages/s, n={n} (mean {size:.1f} KiB, {refused} refused), one core")


if __name__ == "__main__":
    main()
