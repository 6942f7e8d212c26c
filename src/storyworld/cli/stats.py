"""`storyworld stats`: what the store holds — articles, events by type and country, top sources."""

from __future__ import annotations

import json
import sys

import click

from .output import console, db_option


@click.command("stats", epilog="""\b
Examples:
  storyworld stats
  storyworld stats --top 20 --format json""")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True)
@db_option
def command(fmt, top, db):
    """Summarise the store: articles by status, events by type, modality and country, top sources.

    Events are counted as they stand now: current versions only, not the earlier versions of a
    revised event nor retracted ones (`storyworld events --state all` lists those)."""
    from ..service import summarize
    from ..store import Store

    with Store.open(db, create=False) as store:
        summary = summarize(store, top=top)
    if fmt == "json":
        sys.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
        return
    print_summary(summary, db=db)


def print_summary(summary: dict, *, db: str) -> None:
    from rich.table import Table

    status = ", ".join(f"{n} {s}" for s, n in summary["documents_by_status"].items())
    versions = summary.get("events_all", summary["events"]) - summary["events"]
    earlier = f" (and {versions} earlier or retracted version(s))" if versions else ""
    console.print(f"{summary['documents']} article(s) ({status}); {summary['events']} current event(s){earlier}, "
                  f"{summary['claims']} claim(s), {summary['places']} place mention(s) — {db}")
    by_type = Table("type", "events", title="Events by type")
    for k, v in summary["events_by_type"].items():
        by_type.add_row(k, str(v))
    by_country = Table("country", "events", title="Events by country (location, else actor)")
    for k, v in summary["events_by_country"].items():
        by_country.add_row(k, str(v))
    sources = Table("source", "kind", "documents", "claims", "events", title="Top sources")
    for s in summary["top_sources"]:
        sources.add_row(s["name"], s["kind"], str(s["documents"]), str(s["claims"]), str(s["events"]))
    for table in (by_type, by_country, sources):
        console.print(table)
