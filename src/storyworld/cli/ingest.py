"""`storyworld ingest PATH…`: read, analyse and store many articles; one line per failure."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import Warnings, first_line, printable
from ..service import check_paths, default_workers, ingest
from .output import console, current_settings, db_option, err_console, quiet_option


@click.command("ingest", epilog="""\b
Examples:
  storyworld ingest demo/articles --meta demo          # a folder, with a metadata table
  storyworld ingest feed.xml crawl.warc.gz items.jsonl
  storyworld ingest https://example.org/news/article.html
  curl -s https://example.org/a.html | storyworld ingest -
  storyworld ingest articles/ --format json -q > summary.json
  storyworld ingest ~/news/ --workers 4 2> ingest.log   # four processes; progress lines in the log""")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--meta", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder whose meta*.csv files (file,outlet,published,url,title) describe the articles.")
@click.option("--allow-private", is_flag=True,
              help="Let URLs reach loopback/private/link-local addresses (the fetch.allow_private_networks setting).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: the summary as one JSON object on stdout (stored, duplicates, failed with codes, "
                   "articles not analysed with their language, seconds).")
@click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
              help="Processes that parse and extract, each with its own model (default: the number of cores; "
                   "1: all in this process, as are batches of under 16 articles per worker, which end sooner "
                   "than workers start). The store is written by this process alone, in input order, so it "
                   "ends the same whatever N.")
@quiet_option
@db_option
def command(paths, meta, allow_private, fmt, workers, quiet, db):
    """Analyse articles and store them in --db.

    PATH is a .txt/.html file, a folder (walked for all of these kinds), an RSS/Atom feed
    (.xml/.rss/.atom, or any file that is one), a WARC file (.warc/.warc.gz: its HTML
    responses), a JSONL file (one {"text"|"html", "url", "title", "published", "outlet"} per
    line), an http(s) URL (fetched; private addresses refused), or - for stdin.

    A path that does not exist and a folder with no articles are refused at once, before the
    language model loads. An article in another language than English is stored, not analysed,
    and named on one line. Re-running is idempotent: an article already stored (same text) is not
    added twice. -v logs each article's fate and the seconds each step took. Progress shows the
    files done of the total, articles/s and an ETA; when stderr is not a terminal, one plain line
    every few seconds.

    Exit status: 0 all stored, 1 some inputs failed, 3 all failed.
    """
    usable, refused = check_paths(paths)
    for error in refused:
        err_console.print(f"error: {first_line(error)}")
    if not usable:
        _finish(None, refused=[first_line(e) for e in refused], fmt=fmt, quiet=quiet, db=db)
        return
    from ..ingest import count_files
    from ..store import Store
    from .progress import Display

    settings = current_settings()
    if allow_private:
        settings = {**settings, "fetch.allow_private_networks": True}
    total = count_files(usable)
    workers = workers or default_workers()
    with Store.open(db) as store:
        with Display(err_console, total=total, enabled=not (quiet or fmt == "json")) as progress:
            store.on_wait = lambda message: progress.print(f"waiting: {message}")

            def on_result(outcome, result):
                if outcome.error is not None:
                    progress.print(f"error: {first_line(outcome.error)}")
                elif (result is not None and result.status == "skipped" and outcome.skipped_reason
                      and outcome.document is not None and not quiet):
                    progress.print("note: " + Warnings.W004.format(name=printable(outcome.name),
                                                                   language=outcome.document.language))
                progress.article()

            report = ingest(usable, store=store, meta=meta, on_result=on_result, settings=settings, workers=workers,
                            on_files_done=progress.files)
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
