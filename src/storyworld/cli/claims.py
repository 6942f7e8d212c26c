"""`storyworld claims` and `storyworld sources`: who says so, and what rests on whom."""

from __future__ import annotations

import json
import sys

import click

from .output import console, db_option

KINDS = ["outlet", "official", "person", "organization", "anonymous", "document"]


@click.command("claims", epilog="""\b
Examples:
  storyworld claims --only anonymous                       # what we know only from anonymous sources
  storyworld claims --cue denied --format json
  storyworld claims --source Reuters --limit 20""")
@click.option("--source", help="Text in the name of any source of the chain.")
@click.option("--kind", type=click.Choice(KINDS), help="Chains that contain a source of this kind.")
@click.option("--only", "only_kind", type=click.Choice(KINDS),
              help="Chains made only of this kind, e.g. --only anonymous: what we know only from anonymous sources.")
@click.option("--outlet", help="Text in the publishing outlet's name.")
@click.option("--cue", help="The attribution cue, e.g. 'according to', 'said', 'denied'.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@db_option
def command(source, kind, only_kind, outlet, cue, limit, fmt, db):
    """List attributed claims with their source chains (outermost first, publisher excluded)."""
    from rich.table import Table

    from ..service import list_claims
    from ..store import Store
    from ..store.queries import ClaimFilter

    f = ClaimFilter(source=source, kind=kind, only_kind=only_kind, outlet=outlet, cue=cue)
    with Store.open(db, create=False) as store:
        rows = list_claims(store, f, limit=limit)
    if fmt == "json":
        sys.stdout.write(json.dumps({"claims": rows}, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("published", "outlet", "cue", "sources", "claim")
    for r in rows:
        table.add_row(r["published"] or "", r["outlet"] or "", r["cue"],
                      " > ".join(s["name"] for s in r["sources"]), r["text"][:110])
    console.print(table)
    console.print(f"{len(rows)} claim(s)")


@click.command("sources", epilog="""\b
Examples:
  storyworld sources                                       # the sources most rested upon
  storyworld sources --kind anonymous
  storyworld sources --name ministry --format json""")
@click.option("--kind", type=click.Choice(KINDS))
@click.option("--name", help="Text in the source's name.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@db_option
def sources_command(kind, name, limit, fmt, db):
    """List sources with how many documents, claims and events rest on each, and the registered
    body each name means (the source registry; counted as one origin)."""
    from rich.table import Table

    from ..service import list_sources
    from ..store import Store

    with Store.open(db, create=False) as store:
        rows = list_sources(store, kind=kind, name=name, limit=limit)
    if fmt == "json":
        sys.stdout.write(json.dumps({"sources": rows}, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("source", "kind", "documents", "claims", "events", "registered as")
    for r in rows:
        table.add_row(r["name"], r["kind"], str(r["documents"]), str(r["claims"]), str(r["events"]),
                      r["canonical"] or "")
    console.print(table)
