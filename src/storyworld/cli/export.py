"""`storyworld export`: the store as JSONL (analysis contract), CSV, GeoJSON or Parquet (events), or
its incidents as CSV, GeoJSON or JSONL (``--what incidents``)."""

from __future__ import annotations

import os
import sys

import click

from ..errors import Errors, printable, require_extra
from .output import (build_filter, db_option, err_console, event_filter_options, quiet_option, validate_time,
                     version_options)


@click.command("export")
@click.option("--what", type=click.Choice(["events", "incidents"]), default="events", show_default=True,
              help="events: one event per row/feature (jsonl: one analysed document per line); incidents: one "
              "incident per row/feature/line (csv, geojson, jsonl).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "geojson", "parquet"]), default="jsonl",
              show_default=True, help="jsonl: one storyworld.analysis/1 object per document (incidents: one "
              "storyworld.incidents/1 incident per line); csv/geojson/parquet: one event per row/feature.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-",
              help="File to write (default: stdout).")
@click.option("--changes-since", "changes_since", metavar="T", callback=validate_time,
              help="Write the changes feed instead: every change (created, revised, superseded, retracted) "
              "recorded after T (an ISO date or time, UTC unless it says otherwise), one JSON object a line, "
              "with the rows a copy of this store taken at T needs (`storyworld import-changes`). jsonl only.")
@event_filter_options
@version_options
@quiet_option
@db_option
def command(what, fmt, output, changes_since, type_, country, actor, since, until, source, outlet, modality,
            text_query, state, changed_since, quiet, db):
    """Export the store. Event filters apply to csv, geojson and parquet, and to incidents (an incident
    with a matching report). Columns: docs/exports.md.

    \b
    Examples:
      storyworld export --format csv -o events.csv
      storyworld export --format geojson --country SYR -o syria.geojson
      storyworld export --what incidents --format csv -o incidents.csv
      storyworld export --changes-since 2026-12-01T00:00 --format jsonl -o changes.jsonl
    """
    from ..store import Store
    from ..store.export import BINARY_EXPORTERS, EXPORTERS, INCIDENT_EXPORTERS

    if changes_since is not None:
        return _export_changes(changes_since, fmt, output, quiet, db)
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


def _export_changes(since: str, fmt: str, output: str, quiet: bool, db: str) -> None:
    from ..store.sync import export_changes
    from ..store import Store

    if fmt != "jsonl":
        raise click.UsageError(f"the changes feed is JSON lines: use --format jsonl with --changes-since, not {fmt}")
    if output != "-":
        check_writable(output)
    with Store.open(db, create=False) as store:
        if output == "-":
            n = export_changes(store, sys.stdout, since)
        else:
            with open(output, "w", encoding="utf-8", newline="") as out:
                n = export_changes(store, out, since)
    if not quiet:
        err_console.print(f"exported {n} change(s) recorded after {since}")


@click.command("import-changes")
@click.argument("feed", type=click.Path(dir_okay=False, allow_dash=True))
@quiet_option
@db_option
def import_command(feed, quiet, db):
    """Apply a changes feed (`storyworld export --changes-since T --format jsonl`) to a copy of its
    store taken at T: the copy then holds what the store holds, row by row. Applying a feed twice
    changes nothing; a store with changes of its own since T is refused (E030) and left as it was.

    \b
    Examples:
      storyworld export --db main.db --changes-since 2026-12-01 --format jsonl -o changes.jsonl
      storyworld import-changes changes.jsonl --db mirror.db
    """
    from ..store.sync import import_changes
    from ..store import Store

    try:
        handle = sys.stdin if feed == "-" else open(feed, encoding="utf-8")
    except OSError as exc:
        raise click.UsageError(f"{printable(feed)}: cannot read it ({exc.strerror})") from None
    with handle, Store.open(db) as store:
        counts = import_changes(store, handle, name=printable(feed))
    if not quiet:
        err_console.print(f"applied {counts['applied']} change(s) ({counts['already_present']} already present)")


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
