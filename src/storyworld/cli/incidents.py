"""`storyworld incidents`: reports of one happening across articles, with independent origins."""

from __future__ import annotations

import json
import sys

import click

from .output import build_filter, console, db_option, event_filter_options


@click.command("incidents", epilog="""\b
Examples:
  storyworld incidents --min-reports 2 --sort origins      # one happening, many reports
  storyworld incidents --type ASSAULT --country COD --format json""")
@event_filter_options
@click.option("--min-reports", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--sort", type=click.Choice(["origins", "reports", "recent"]), default="recent", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), help="At most N incidents (default: all for json, 30 for table).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@db_option
def command(type_, country, actor, since, until, source, outlet, modality, text_query, min_reports, sort, limit,
            fmt, db):
    """List incidents: reports clustered across articles, their independent origins and conflicts."""
    from rich.table import Table

    from ..corpus.update import SCHEMA_ID
    from ..service import list_incidents
    from ..store import Store

    f = build_filter(type_, country, actor, since, until, source, outlet, modality, text_query)
    if fmt == "table" and limit is None:
        limit = 30
    with Store.open(db, create=False) as store:
        rows = list_incidents(store, f, min_reports=min_reports, sort=sort, limit=limit)
    if fmt == "json":
        sys.stdout.write(json.dumps({"schema": SCHEMA_ID, "incidents": rows}, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("id", "date", "type", "place", "reports", "origins", "first reported", "conflicts", "evidence")
    for i in rows:
        place = (i["location"] or {}).get("name") or (i["location"] or {}).get("text") or ""
        first = i["first_reported"] or {}
        table.add_row(str(i["id"]), i["date"] or "", i["type"], place, str(len(i["reports"])),
                      str(i["independent_origins"]), f"{first.get('outlet') or ''} {first.get('published') or ''}",
                      ", ".join(c["field"] for c in i["conflicts"]),
                      (i["reports"][0]["event"]["evidence"]["text"] if i["reports"] else "")[:80])
    console.print(table)
    console.print(f"{len(rows)} incident(s)")
