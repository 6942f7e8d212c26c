"""`storyworld datasette-metadata`: Datasette's metadata.json for a store (descriptions, units, facets)."""

from __future__ import annotations

import json
import os

import click

from .output import console, db_option, quiet_option


@click.command("datasette-metadata", epilog="""\b
Examples:
  storyworld datasette-metadata                           # writes metadata.json beside storyworld.db
  datasette storyworld.db --metadata metadata.json        # then browse, facet and search it
  storyworld datasette-metadata --db news.db -o -         # print it""")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="File to write (default: metadata.json beside the store; - for stdout).")
@quiet_option
@db_option
def command(output, quiet, db):
    """Write Datasette's metadata.json for --db: a description of every table and column, units
    (degrees for coordinates), the facets worth clicking (type, modality, country, outlet …), search
    on documents, and the bookkeeping tables hidden.
    """
    from ..store import Store
    from ..store.datasette import datasette_metadata
    from .export import check_writable

    with Store.open(db, create=False, readonly=True) as store:
        metadata = datasette_metadata(store)
    text = json.dumps(metadata, ensure_ascii=False, indent=2) + "\n"
    if output == "-":
        click.echo(text, nl=False)
        return
    output = output or os.path.join(os.path.dirname(os.path.abspath(db)), "metadata.json")
    check_writable(output)
    with open(output, "w", encoding="utf-8") as out:
        out.write(text)
    if not quiet:
        console.print(f"wrote {output} — open the store with: datasette {db} --metadata {output}")
