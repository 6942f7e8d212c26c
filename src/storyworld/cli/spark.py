"""`storyworld spark INPUT… --output DIR` and `storyworld load-parquet DIR --db FILE`."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import first_line
from .output import current_settings, db_option, err_console, quiet_option


@click.command("spark", epilog="""\b
Examples:
  storyworld spark demo/articles --meta demo --output out/ --master 'local[2]'
  storyworld load-parquet out/ --db storyworld.db
  spark-submit --master yarn --executor-memory 4g $(which storyworld) spark \\
      hdfs:///cc-news/2025/06/ --output hdfs:///storyworld/2025-06/   # see the README""")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--output", "-o", required=True, metavar="DIR",
              help="Where the Parquet tables go (documents, events, claims, places, times, actors, sources), "
                   "each partitioned by publication month; replaced if present. A local folder or a Hadoop URI.")
@click.option("--master", default="local[*]", show_default=True,
              help="Spark master URL (local[N] for N cores of this machine); spark-submit's --master wins.")
@click.option("--meta", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder whose meta*.csv files (file,outlet,published,url,title) describe the articles.")
@click.option("--partitions", type=click.IntRange(min=1), default=None, metavar="N",
              help="Partitions of the input files (default: Spark's default parallelism).")
@quiet_option
def command(inputs, output, master, meta, partitions, quiet):
    """Analyse articles on Apache Spark and write the analyses as Parquet (the spark extra).

    INPUT is a file or folder (.txt, .html, feeds, WARC, JSONL, gzipped or not: what `ingest`
    reads) or a Hadoop-compatible URI (hdfs://, s3a://: its files, walked recursively). Each
    executor builds the pipeline once. The analyses are whole in the documents table (contract
    JSON); `storyworld load-parquet` stores them as `ingest` would, near-duplicates, incidents and
    origins included.
    """
    from ..service.spark import run_spark

    report = run_spark(list(inputs), output, master=master, meta=meta, partitions=partitions,
                       settings=current_settings())
    if not quiet:
        tables = ", ".join(f"{table} {n}" for table, n in report.rows.items())
        err_console.print(f"{report.files} file(s), {report.documents} article row(s), {report.errors} error(s); "
                          f"wrote {tables} under {output}")


@click.command("load-parquet", epilog="""\b
Examples:
  storyworld load-parquet out/ --db storyworld.db""")
@click.argument("output", type=click.Path(exists=True, file_okay=False), metavar="DIR")
@quiet_option
@db_option
def load_command(output, quiet, db):
    """Store the analyses a `storyworld spark` run wrote under DIR, in input order, exactly as
    `ingest` stores the same files: near-duplicates linked, page versions, incidents and origins
    updated. An article whose outlet turns out to have a home division is analysed again here
    with it (the model loads only then). Loading twice adds nothing.
    """
    from ..service.spark import load_parquet
    from ..store import Store

    def on_result(outcome, result):
        if result is None and outcome.error is not None and not quiet:
            err_console.print(f"error: {first_line(outcome.error)}")

    with Store.open(db) as store:
        report = load_parquet(output, store=store, settings=current_settings(), on_result=on_result)
    if not quiet:
        c = report.counts
        err_console.print(f"stored {c['added']} article(s), {c['duplicate']} copies linked, {c['exists']} already "
                          f"stored, {c['skipped']} not analysed, {c['error']} error(s); "
                          f"{report.analysed_again} analysed again here")
