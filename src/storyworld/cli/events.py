"""`storyworld events`: filtered events from the store, as a table, JSON or CSV."""

from __future__ import annotations

import json
import sys

import click

from .output import build_filter, console, db_option, event_filter_options, version_options


@click.command("events", epilog="""\b
Examples:
  storyworld events --type ASSAULT --country Ukraine        # country names, ISO2 and ISO3 all work
  storyworld events --since 2025-01-01 --modality threatened
  storyworld events --source "a source" --format json      # what rests on anonymous sources
  storyworld events --text ceasefire --format csv > ceasefire.csv
  storyworld events --changed-since 2026-12-07T08:00      # created, revised or retracted since then
  storyworld events --state all                            # every version, superseded and retracted too""")
@event_filter_options
@version_options
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@db_option
def command(type_, country, actor, since, until, source, outlet, modality, text_query, state, changed_since, limit,
            offset, fmt, db):
    """List stored events, newest first, with their evidence and attribution chain: the current version
    of each (a page stored again at its URL revises its events; a retraction retracts them) unless
    --state says otherwise. The count is of the events that match."""
    from rich.table import Table

    from ..service import list_events
    from ..store import Store

    f = build_filter(type_, country, actor, since, until, source, outlet, modality, text_query, state=state,
                     changed_since=changed_since)
    with Store.open(db, create=False) as store:
        page = list_events(store, f, limit=limit, offset=offset)
    rows, total = page.events, page.total
    if fmt == "json":
        sys.stdout.write(json.dumps({"total": total, "events": rows}, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "csv":
        from ..store.export import write_csv

        write_csv(rows, sys.stdout)
        return
    table = Table("date", "type", "modality", "actor", "target", "place", "sources", "outlet", "evidence")
    for r in rows:
        table.add_row(
            r["date"] or "", r["type"], r["modality"],
            _party(r["actor_name"] or r["actor_text"], r["actor_country"]),
            _party(r["target_name"] or r["target_text"], r["target_country"]),
            r["location_name"] or r["location_text"] or "",
            " > ".join(s["name"] for s in r["sources"]), r["outlet"] or "", (r["evidence"] or "")[:100],
        )
    console.print(table)
    console.print(f"{len(rows)} of {total} event(s)")


def _party(name, country) -> str:
    if not name:
        return ""
    return f"{name} ({country})" if country else name
