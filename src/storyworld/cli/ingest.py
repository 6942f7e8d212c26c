"""`storyworld ingest PATH…`: read, analyse and store many articles; one line per failure."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..corpus.ingest import ingest
from ..errors import first_line
from .output import console, current_settings, db_option, err_console, make_pipeline


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--meta", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder whose meta*.csv files (file,outlet,published,url,title) describe the articles.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@db_option
def command(paths, meta, quiet, db):
    """Analyse articles (files or folders of .txt/.html) and store them in --db.

    Re-running is idempotent: an article already stored (same text) is not added twice.
    Exit status: 0 all stored, 1 some inputs failed, 3 all failed.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from ..store import Store

    with Store.open(db) as store:
        progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=err_console, disable=quiet, transient=False)
        with progress:
            task = progress.add_task("ingesting", total=None)

            def on_outcome(outcome):
                if outcome.error is not None:
                    progress.console.print(f"error: {first_line(outcome.error)}")
                progress.advance(task)

            report = ingest(paths, store=store, meta=meta, on_outcome=on_outcome, pipeline=make_pipeline(),
                            max_bytes=current_settings()["max_input_bytes"])
    console.print(
        f"{report.seen} input(s): {report.added} added ({report.events} events), {report.existing} already stored, "
        f"{report.duplicates} near-duplicate(s) linked, {report.skipped} stored but not analysed, "
        f"{len(report.failed)} failed — store: {db}"
    )
    if report.failed:
        sys.exit(3 if len(report.failed) == report.seen else 1)
