"""A writer process for the concurrency and kill tests: stores synthetic analyses through the
service's own storing path (``service.ingest.store_outcomes``), with no spaCy model.

    python concurrent_writer.py DB --documents N [--seed S] [--events E] [--pause-in-incidents S]

Prints one line per stored document ("added <id>" …) and, with ``--pause-in-incidents``, the line
"in-incidents <id>" (flushed) and a sleep inside the first document's incident assignment, so a
test can kill the process there.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta

from storyworld.pipeline import Outcome
from storyworld.service.ingest import store_outcomes
from storyworld.store import Store
from storyworld.types import ActorRef, Analysis, Document, Event, Location, Source, Span

TYPES = ("ASSAULT", "PROTEST", "COERCE", "MOBILIZE")
TOWNS = (("Gao", 16.27, -0.04, "MLI"), ("Mopti", 14.49, -4.19, "MLI"), ("Goma", -1.68, 29.23, "COD"),
         ("Sake", -1.57, 29.04, "COD"))


def synthetic_analysis(n: int, *, seed: int = 0, events: int = 5) -> Analysis:
    """Document ``n`` of a deterministic series: a few dated, placed events per document."""
    rng = random.Random(f"{seed}-{n}")
    day = date(2024, 3, 1) + timedelta(days=rng.randrange(10))
    lines, spans = [], []
    for k in range(events):
        town, lat, lon, country = rng.choice(TOWNS)
        sentence = f"Report {n}.{k}: gunmen struck near {town} on {day.isoformat()}."
        start = sum(len(x) + 1 for x in lines)
        lines.append(sentence)
        spans.append((start, town, lat, lon, country, sentence))
    text = "\n".join(lines)
    document = Document(id=f"{seed:04d}{n:060d}", text=text, title=f"Report {n}", outlet=f"Outlet {n % 3}",
                        published=day.isoformat(), language="en")
    event_list = tuple(
        Event(type=rng.choice(TYPES), trigger="struck", evidence=Span(sentence, start, start + len(sentence)),
              modality="actual", actor=ActorRef("gunmen", None, None, None),
              location=Location(town, town, None, lat, lon, country, "city"),
              date=(day - timedelta(days=rng.randrange(2))).isoformat(), date_precision="day",
              sources=(Source(f"Outlet {n % 3}", "outlet"),))
        for start, town, lat, lon, country, sentence in spans)
    return Analysis(document=document, events=event_list, stages=("events.v1",))


class SyntheticPipeline:
    """Stands in for Pipeline.run: its inputs are already analyses; a pause can be put in the first
    document's incident assignment (for a kill at the worst moment)."""

    def run(self, inputs, duplicate_of=None, stored_as=None):
        for analysis in inputs:
            yield Outcome(name=analysis.document.id, analysis=analysis, document=analysis.document)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--documents", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--events", type=int, default=5)
    parser.add_argument("--pause-in-incidents", type=float, default=0.0)
    args = parser.parse_args()
    if args.pause_in_incidents:
        import storyworld.corpus.update as update

        place = update._add_document

        def paused(store, document_id, merged):
            touched = place(store, document_id, merged)
            print(f"in-incidents {document_id}", flush=True)
            time.sleep(args.pause_in_incidents)
            return touched

        update._add_document = paused
    analyses = [synthetic_analysis(n, seed=args.seed, events=args.events) for n in range(args.documents)]
    with Store.open(args.db) as store:
        for _outcome, result in store_outcomes(analyses, store=store, pipeline=SyntheticPipeline()):
            print(f"{result.status} {result.document_id}", flush=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
