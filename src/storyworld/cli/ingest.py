"""`storyworld ingest PATH…`: read, analyse and store many articles; one line per failure."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import first_line
from ..service import ingest
from .output import console, current_settings, db_option, err_console


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--meta", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder whose meta*.csv files (file,outlet,published,url,title) describe the articles.")
@click.option("--allow-private", is_flag=True,
              help="Let URLs reach loopback/private/link-local addresses (the fetch.allow_private_networks setting).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@db_option
def command(paths, meta, allow_private, quiet, db):
    """Analyse articles and store them in --db.

    PATH is a .txt/.html file, a folder (walked for all of these kinds), an RSS/Atom feed
    (.xml/.rss/.atom, or any file that is one), a WARC file (.warc/.warc.gz: its HTML
    responses), a JSONL file (one {"text"|"html", "url", "title", "published", "outlet"} per
    line), an http(s) URL (fetched; private addresses refused), or - for stdin.

    Re-running is idempotent: an article already stored (same text) is not added twice.
    Exit status: 0 all stored, 1 some inputs failed, 3 all failed.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from ..store import Store

    settings = current_settings()
    if allow_private:
        settings = {**settings, "fetch.allow_private_networks": True}
    with Store.open(db) as store:
        progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=err_console, disable=quiet, transient=False)
        with progress:
            task = progress.add_task("ingesting", total=None)
            store.on_wait = lambda message: progress.console.print(f"waiting: {message}")

            def on_outcome(outcome):
                if outcome.error is not None:
                    progress.console.print(f"error: {first_line(outcome.error)}", markup=False, highlight=False)
                progress.advance(task)

            report = ingest(paths, store=store, meta=meta, on_outcome=on_outcome, settings=settings)
    console.print(
        f"{report.seen} input(s): {report.added} added ({report.events} events), {report.existing} already stored, "
        f"{report.duplicates} near-duplicate(s) linked, {report.skipped} stored but not analysed, "
        f"{len(report.failed)} failed — store: {db}"
    )
    if report.failed:
        sys.exit(3 if len(report.failed) == report.seen else 1)
