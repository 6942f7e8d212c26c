"""`storyworld export`: the store as JSONL (analysis contract), CSV or GeoJSON (events)."""

from __future__ import annotations

import sys

import click

from .output import build_filter, db_option, err_console, event_filter_options


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "geojson"]), default="jsonl", show_default=True,
              help="jsonl: one storyworld.analysis/1 object per document; csv/geojson: one event per row/feature.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-",
              help="File to write (default: stdout).")
@event_filter_options
@db_option
def command(fmt, output, type_, country, actor, since, until, source, outlet, modality, text_query, db):
    """Export the store. Event filters apply to csv and geojson."""
    from ..store import Store
    from ..store.export import EXPORTERS

    f = build_filter(type_, country, actor, since, until, source, outlet, modality, text_query)
    with Store.open(db, create=False) as store:
        if output == "-":
            n = EXPORTERS[fmt](store, sys.stdout, f)
        else:
            with open(output, "w", encoding="utf-8", newline="") as out:
                n = EXPORTERS[fmt](store, out, f)
    err_console.print(f"exported {n} {'document' if fmt == 'jsonl' else 'event'}(s) as {fmt}")
