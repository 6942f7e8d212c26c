"""`storyworld export`: the store as JSONL (analysis contract), CSV, GeoJSON or Parquet (events), or
its incidents as CSV, GeoJSON or JSONL (``--what incidents``)."""

from __future__ import annotations

import os
import sys

import click

from ..errors import Errors, printable, require_extra
from .output import build_filter, db_option, err_console, event_filter_options, quiet_option, version_options


@click.command("export")
@click.option("--what", type=click.Choice(["events", "incidents"]), default="events", show_default=True,
              help="events: one event per row/feature (jsonl: one analysed document per line); incidents: one "
              "incident per row/feature/line (csv, geojson, jsonl).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "geojson", "parquet"]), default="jsonl",
              show_default=True, help="jsonl: one storyworld.analysis/1 object per document (incidents: one "
              "storyworld.incidents/1 incident per line); csv/geojson/parquet: one event per row/feature.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-",
              help="File to write (default: stdout).")
@event_filter_options
@version_options
@quiet_option
@db_option
def command(what, fmt, output, type_, country, actor, since, until, source, outlet, modality, text_query, state,
            changed_since, quiet, db):
    """Export the store. Event filters apply to csv, geojson and parquet, and to incidents (an incident
    with a matching report). Columns: docs/exports.md.

    \b
    Examples:
      storyworld export --format csv -o events.csv
      storyworld export --format geojson --country SYR -o syria.geojson
      storyworld export --what incidents --format csv -o incidents.csv
    """
    from ..store import Store
    from ..store.export import BINARY_EXPORTERS, EXPORTERS, INCIDENT_EXPORTERS

    f = build_filter(type_, country, actor, since, until, source, outlet, modality, text_query, state=state,
                     changed_since=changed_since)
    if what == "incidents" and fmt not in INCIDENT_EXPORTERS:
        raise click.UsageError(f"incidents export as {', '.join(INCIDENT_EXPORTERS)}, not {fmt}")
    if fmt in BINARY_EXPORTERS and output == "-" and sys.stdout.isatty():
        raise click.UsageError("parquet is binary: write it to a file with -o events.parquet (or pipe it)")
    if output != "-":
        check_writable(output)
    if fmt == "parquet":
        require_extra("parquet", "export --format parquet", "pyarrow")
    exporters = INCIDENT_EXPORTERS if what == "incidents" else EXPORTERS
    with Store.open(db, create=False) as store:
        if fmt in BINARY_EXPORTERS:
            if output == "-":
                n = BINARY_EXPORTERS[fmt](store, sys.stdout.buffer, f)
            else:
                with open(output, "wb") as out:
                    n = BINARY_EXPORTERS[fmt](store, out, f)
        elif output == "-":
            n = exporters[fmt](store, sys.stdout, f)
        else:
            with open(output, "w", encoding="utf-8", newline="") as out:
                n = exporters[fmt](store, out, f)
    if not quiet:
        noun = "incident" if what == "incidents" else "document" if fmt == "jsonl" else "event"
        err_console.print(f"exported {n} {noun}(s) as {fmt}")


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
