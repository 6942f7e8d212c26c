"""`storyworld ingest PATH…`: read, analyse and store many articles; one line per failure."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import click

from .output import console, current_settings, db_option, err_console, make_pipeline, one_line


@dataclass
class IngestReport:
    added: int = 0
    existing: int = 0
    skipped: int = 0  # stored, not analysed (language)
    duplicates: int = 0
    failed: list[str] = field(default_factory=list)
    events: int = 0

    @property
    def seen(self) -> int:
        return self.added + self.existing + self.skipped + self.duplicates + len(self.failed)


def ingest(paths, *, store, meta: Path | None = None, on_outcome=None, pipeline=None,
           max_bytes: int | None = None) -> IngestReport:
    """Analyse every input under ``paths`` and save it; errors are collected, never fatal."""
    from ..eval.demo import hints_from_meta
    from ..ingest import iter_inputs
    from ..ingest.files import MAX_INPUT_BYTES
    from ..pipeline import Pipeline

    pipeline = pipeline or Pipeline()
    hints_for = hints_from_meta(meta) if meta else None
    report = IngestReport()
    from ..corpus.update import update_incidents

    inputs = iter_inputs(paths, hints_for=hints_for, max_bytes=max_bytes or MAX_INPUT_BYTES)
    for outcome in pipeline.run(inputs):
        if outcome.error is not None:
            report.failed.append(one_line(outcome.error))
        elif outcome.analysis is not None:
            result = store.save(outcome.analysis)
            if result.status == "added":
                report.added += 1
                report.events += result.events
                update_incidents(store, [result.document_id])
            else:
                report.existing += 1
        elif outcome.document is not None:
            result = store.save_unanalysed(outcome.document, status="skipped", reason=outcome.skipped_reason)
            if result.status == "exists":
                report.existing += 1
            else:
                report.skipped += 1
        if on_outcome:
            on_outcome(outcome)
    return report


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
                    progress.console.print(f"error: {one_line(outcome.error)}")
                progress.advance(task)

            report = ingest(paths, store=store, meta=meta, on_outcome=on_outcome, pipeline=make_pipeline(),
                            max_bytes=current_settings()["max_input_bytes"])
    console.print(
        f"{report.seen} input(s): {report.added} added ({report.events} events), {report.existing} already stored, "
        f"{report.skipped} stored but not analysed, {len(report.failed)} failed — store: {db}"
    )
    if report.failed:
        sys.exit(3 if len(report.failed) == report.seen else 1)
