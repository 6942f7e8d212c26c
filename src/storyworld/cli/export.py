"""`storyworld export`: the store as JSONL (analysis contract), CSV, GeoJSON or Parquet (events)."""

from __future__ import annotations

import os
import sys

import click

from ..errors import Errors, printable
from .output import build_filter, db_option, err_console, event_filter_options, quiet_option


@click.command("export", epilog="""\b
Examples:
  storyworld export --format csv -o events.csv
  storyworld export --format geojson --type ASSAULT -o assaults.geojson
  storyworld export --format parquet --since 2025-01-01 -o events.parquet
  storyworld export > analyses.jsonl                       # the storyworld.analysis/1 contract""")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "geojson", "parquet"]), default="jsonl",
              show_default=True, help="jsonl: one storyworld.analysis/1 object per document; csv/geojson/parquet: "
              "one event per row/feature.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-",
              help="File to write (default: stdout).")
@event_filter_options
@quiet_option
@db_option
def command(fmt, output, type_, country, actor, since, until, source, outlet, modality, text_query, quiet, db):
    """Export the store. Event filters apply to csv, geojson and parquet."""
    from ..store import Store
    from ..store.export import BINARY_EXPORTERS, EXPORTERS

    f = build_filter(type_, country, actor, since, until, source, outlet, modality, text_query)
    if fmt in BINARY_EXPORTERS and output == "-" and sys.stdout.isatty():
        raise click.UsageError("parquet is binary: write it to a file with -o events.parquet (or pipe it)")
    if output != "-":
        check_writable(output)
    with Store.open(db, create=False) as store:
        if fmt in BINARY_EXPORTERS:
            if output == "-":
                n = BINARY_EXPORTERS[fmt](store, sys.stdout.buffer, f)
            else:
                with open(output, "wb") as out:
                    n = BINARY_EXPORTERS[fmt](store, out, f)
        elif output == "-":
            n = EXPORTERS[fmt](store, sys.stdout, f)
        else:
            with open(output, "w", encoding="utf-8", newline="") as out:
                n = EXPORTERS[fmt](store, out, f)
    if not quiet:
        err_console.print(f"exported {n} {'document' if fmt == 'jsonl' else 'event'}(s) as {fmt}")


def check_writable(output: str) -> None:
    """Refuse, in one line and before any work, a file that cannot be written: its folder missing,
    or not writable."""
    folder = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(folder):
        raise click.UsageError(Errors.E403.format(path=printable(output), detail=f"no folder {printable(folder)}",
                                                  hint="create the folder first, or choose another -o"))
    if not os.access(folder, os.W_OK) or (os.path.exists(output) and not os.access(output, os.W_OK)):
        raise click.UsageError(Errors.E403.format(path=printable(output), detail="permission denied",
                                                  hint="choose another -o"))
