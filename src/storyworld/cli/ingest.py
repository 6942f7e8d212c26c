"""`storyworld ingest PATH…`: read, analyse and store many articles; one line per failure."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import Warnings, first_line, printable
from ..service import check_paths, ingest
from .output import console, current_settings, db_option, err_console, quiet_option


@click.command("ingest", epilog="""\b
Examples:
  storyworld ingest demo/articles --meta demo          # a folder, with a metadata table
  storyworld ingest feed.xml crawl.warc.gz items.jsonl
  storyworld ingest https://example.org/news/article.html
  curl -s https://example.org/a.html | storyworld ingest -
  storyworld ingest articles/ --format json -q > summary.json""")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--meta", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder whose meta*.csv files (file,outlet,published,url,title) describe the articles.")
@click.option("--allow-private", is_flag=True,
              help="Let URLs reach loopback/private/link-local addresses (the fetch.allow_private_networks setting).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: the summary as one JSON object on stdout (stored, duplicates, failed with codes, "
                   "articles not analysed with their language, seconds).")
@quiet_option
@db_option
def command(paths, meta, allow_private, fmt, quiet, db):
    """Analyse articles and store them in --db.

    PATH is a .txt/.html file, a folder (walked for all of these kinds), an RSS/Atom feed
    (.xml/.rss/.atom, or any file that is one), a WARC file (.warc/.warc.gz: its HTML
    responses), a JSONL file (one {"text"|"html", "url", "title", "published", "outlet"} per
    line), an http(s) URL (fetched; private addresses refused), or - for stdin.

    A path that does not exist and a folder with no articles are refused at once, before the
    language model loads. An article in another language than English is stored, not analysed,
    and named on one line. Re-running is idempotent: an article already stored (same text) is not
    added twice. -v logs each article's fate and the seconds each step took.

    Exit status: 0 all stored, 1 some inputs failed, 3 all failed.
    """
    usable, refused = check_paths(paths)
    for error in refused:
        err_console.print(f"error: {first_line(error)}")
    if not usable:
        _finish(None, refused=[first_line(e) for e in refused], fmt=fmt, quiet=quiet, db=db)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from ..store import Store

    settings = current_settings()
    if allow_private:
        settings = {**settings, "fetch.allow_private_networks": True}
    with Store.open(db) as store:
        progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=err_console, disable=quiet or fmt == "json",
                            transient=False)
        with progress:
            task = progress.add_task("ingesting", total=None)
            store.on_wait = lambda message: progress.console.print(f"waiting: {message}")

            def on_result(outcome, result):
                if outcome.error is not None:
                    progress.console.print(f"error: {first_line(outcome.error)}", markup=False, highlight=False)
                elif (result is not None and result.status == "skipped" and outcome.skipped_reason
                      and outcome.document is not None and not quiet):
                    progress.console.print("note: " + Warnings.W004.format(name=printable(outcome.name),
                                                                language=outcome.document.language),
                                           markup=False, highlight=False)
                progress.advance(task)

            report = ingest(usable, store=store, meta=meta, on_result=on_result, settings=settings)
    _finish(report, refused=[first_line(e) for e in refused], fmt=fmt, quiet=quiet, db=db)


def _finish(report, *, refused: list[str], fmt: str, quiet: bool, db: str) -> None:
    """Print the summary (unless -q) and exit with the batch's status."""
    from ..service import IngestReport

    report = report or IngestReport()
    report.failed[:0] = refused
    if fmt == "json":
        sys.stdout.write(json.dumps(report.to_dict() | {"db": str(db)}, ensure_ascii=False, indent=2) + "\n")
    elif not quiet:
        languages = report.to_dict()["not_analysed_languages"]
        which = f" (language {', '.join(f'{k} {v}' for k, v in languages.items())})" if languages else ""
        console.print(
            f"{report.seen} input(s): {report.added} added ({report.events} events), {report.existing} already "
            f"stored, {report.duplicates} near-duplicate(s) linked, {report.skipped} stored but not analysed{which}, "
            f"{len(report.failed)} failed in {report.seconds:.1f} s — store: {db}"
        )
    if report.failed:
        sys.exit(3 if len(report.failed) == report.seen else 1)
