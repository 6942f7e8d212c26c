"""The pipeline on Apache Spark (``storyworld spark``), and its output into a store (``load-parquet``).

Spark reads the input files (its ``binaryFile`` source: local folders, HDFS, S3 …), and each
partition runs the same readers (``ingest.files.iter_bytes``) and the same ``Pipeline`` as
``ingest``; the Pipeline is built once per executor process (Python workers are reused), never per
record. Each article becomes one row of the ``documents`` table, with its whole analysis as
contract JSON (``storyworld.analysis/1``) and the input it came from; its events, claims, places,
times, actors and attribution links are flattened into their own tables for whoever queries the
output with Spark SQL, DuckDB or pandas. Every table is Parquet, partitioned by publication month.

What crosses articles (near-duplicates, outlet homes, page versions, incidents, origins) needs the
articles in order, one at a time, against everything stored before: it runs when the output is
loaded into a store, through the very path ``ingest --workers N`` stores by
(``service.ingest.store_in_order``). The loader plays the worker pool: it hands back the analyses
Spark made, in input order, and analyses an article again here only where the outlet home it
should have had (learnt from the articles before it) differs from the none Spark gave it. So the
loaded store equals the store ``ingest`` makes of the same files. Why not a Spark step keyed by
(type, date bucket)? Incidents are matched against every stored report within a window whose
width depends on each report's date precision, and a report's origins against every other's: the
keys overlap, and a store that already holds last month would still have to be consulted. A month
of CC-NEWS is millions of pages but tens of thousands of incidents, which SQLite places at index
speed (``benchmarks/bench_incidents.py``).
"""

from __future__ import annotations

import base64
import json
import logging
import os
import shutil
import sys
import time
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Iterable, Iterator
from urllib.parse import urlsplit

from ..contract.serialize import from_json, to_dict
from ..errors import ConfigError, Errors, InputError, StoryworldError, first_line, printable, require_extra, unexpected
from ..extract.outlet_homes import OutletHomes
from ..ingest.files import iter_bytes, list_files
from ..ingest.meta import hints_from_meta
from ..pipeline import Outcome, Pipeline
from ..store import Store
from ..types import Document, RawInput, Removed
from .analyze import Settings, make_pipeline, resolve_settings
from .workers import NOT_RUN, Analysed, analyse_given_homes

log = logging.getLogger("storyworld.spark")
TABLES = ("documents", "events", "claims", "places", "times", "actors", "sources")
UNKNOWN_MONTH = "unknown"  # the partition of articles without a publication date
DEFAULT_MASTER = "local[*]"
# the documents table (Spark DDL): its place in the input order, the input, the outcome
DOCUMENTS_SCHEMA = (
    "`order` BIGINT, entry BIGINT, path STRING, name STRING, "
    f"raw STRUCT<{', '.join(f'{f.name}: STRING' for f in fields(RawInput))}>, "
    "status STRING, home STRING, observed BOOLEAN, published_month STRING, "
    "analysis STRING, document STRING, origin STRING, skipped_reason STRING, error STRING")


# --- the Spark job ---------------------------------------------------------------------------------

def spark_session(master: str = DEFAULT_MASTER, *, app: str = "storyworld"):
    """A SparkSession (the ``spark`` extra). Locally: bound to 127.0.0.1, no web UI, UTC; executors
    run this Python (on a cluster, spark-submit's settings win)."""
    require_extra("spark", "spark", "pyspark")
    import warnings

    if not os.environ.get("JAVA_HOME") and shutil.which("java") is None:
        raise ConfigError(Errors.E412)

    # pyspark warns of the pandas it finds installed; nothing here hands pandas to Spark
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = (SparkSession.builder.master(master).appName(app)
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.python.worker.reuse", "true"))
    if master.startswith("local"):
        builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
    session = builder.getOrCreate()
    if not log.isEnabledFor(logging.INFO):  # Spark's own warnings only with -v
        session.sparkContext.setLogLevel("ERROR")
    return session


@dataclass
class SparkReport:
    files: int = 0
    documents: int = 0  # rows of the documents table (articles read, errors included)
    errors: int = 0
    rows: dict[str, int] = field(default_factory=dict)  # rows written per table
    timings: dict[str, float] = field(default_factory=dict)  # seconds: the analysing pass, the writes


@dataclass(frozen=True)
class InputFile:
    """One file to read: where Spark finds it, its place in the input order, the name ``ingest``
    would give it, and its metadata hints."""

    uri: str
    order: int
    name: str
    hints: dict[str, Any]


def input_files(inputs: Iterable[str], *, meta: Path | None = None) -> tuple[list[InputFile], list[InputError]]:
    """The files under ``inputs`` in ``ingest``'s order. Local paths are walked here as ``ingest``
    walks them; a Hadoop URI (hdfs://, s3a://, …) is one input whose files Spark lists, ordered
    after the local ones by path."""
    hints_for = hints_from_meta(meta) if meta else None
    files, errors, order = [], [], 0
    local = [p for p in inputs if not _is_remote(p)]
    for item in list_files(local):
        if isinstance(item, InputError):
            errors.append(item)
            continue
        files.append(InputFile(uri=item.resolve().as_uri(), order=order, name=printable(str(item)),
                               hints=hints_for(item) if hints_for else {}))
        order += 1
    return files, errors


def _is_remote(path: str) -> bool:
    scheme = urlsplit(str(path)).scheme
    return len(scheme) > 1 and scheme != "file"


def _file_key(uri: str) -> str:
    """A file's key whichever way its URI is written (``file:/a`` from Spark, ``file:///a`` from pathlib)."""
    parts = urlsplit(uri)
    return parts.path if parts.scheme in ("", "file") else uri


def run_spark(inputs: list[str], output: Path | str, *, master: str = DEFAULT_MASTER, meta: Path | None = None,
              partitions: int | None = None, settings: Settings | None = None, spark=None) -> SparkReport:
    """Analyse every article under ``inputs`` on Spark and write the tables (``TABLES``) under
    ``output`` as Parquet, partitioned by ``published_month``; the output is replaced."""
    values = dict(resolve_settings(settings))
    files, errors = input_files(inputs, meta=meta)
    remote = [p for p in inputs if _is_remote(p)]
    if not files and not remote:
        raise ConfigError(Errors.E410.format(inputs=", ".join(printable(str(p)) for p in inputs) or "-"))
    session = spark or spark_session(master)
    sc = session.sparkContext
    reader = session.read.format("binaryFile")
    frames = []
    if files:  # listed here (a stat a file), not by a Spark job: 0.35 s against 6.1 s for 1,200 files
        discovery = "spark.sql.sources.parallelPartitionDiscovery.threshold"
        before = session.conf.get(discovery, None)
        session.conf.set(discovery, str(max(len(files) + 1, 32)))
        try:
            frames.append(reader.load([f.uri for f in files]))
        finally:
            session.conf.unset(discovery) if before is None else session.conf.set(discovery, before)
    if remote:
        frames.append(reader.option("recursiveFileLookup", "true").load(remote))
    data = frames[0] if len(frames) == 1 else frames[0].unionByName(frames[1])
    known = sc.broadcast({_file_key(f.uri): (f.order, f.name, f.hints) for f in files})
    n = partitions or sc.defaultParallelism
    records = (data.select("path", "content").repartition(n).rdd
               .mapPartitions(lambda rows: analyse_partition(rows, values, known.value, len(files))))
    records = records.union(sc.parallelize([("documents", json.dumps(_error_row(e, order=-1)), "errors")
                                            for e in errors], 1)) if errors else records
    records.cache()
    started = time.perf_counter()
    counted = records.map(lambda r: r[2] or r[0]).countByValue()  # the one pass that analyses (cached for the writes)
    report = SparkReport(files=len(files), errors=counted.get("errors", 0), timings={"analyse": 0.0, "write": 0.0})
    report.timings["analyse"] = time.perf_counter() - started
    for table in TABLES:
        report.rows[table] = counted.get(table, 0) + (counted.get("errors", 0) if table == "documents" else 0)

    started = time.perf_counter()
    # The records leave Python once: as (table, JSON line) rows of a DataFrame the JVM caches. Each
    # table is then written as JSON text and read back by Spark's own JSON reader (columns inferred
    # in the JVM), with no Python worker in the loop: reading the cached Python records once per
    # table, and once more to infer its columns, was most of the writing time and did not scale.
    lines = session.createDataFrame(records.map(lambda r: (r[0], r[1])), "tbl string, line string").cache()
    staging = _staging_dir(output)
    try:
        for table in TABLES:
            if not report.rows[table]:
                if not _is_remote(str(output)):  # an earlier run's table of that kind is no part of this output
                    shutil.rmtree(Path(output) / table, ignore_errors=True)
                continue
            text = f"{staging}/{table}"
            lines.filter(lines.tbl == table).select("line").write.mode("overwrite").text(text)
            # the documents' columns are known (and their strings long: inferring them costs a pass)
            reader = session.read.schema(DOCUMENTS_SCHEMA) if table == "documents" else session.read
            reader.json(text).write.mode("overwrite").partitionBy("published_month").parquet(
                f"{output}/{table}" if _is_remote(str(output)) else str(Path(output) / table))
    finally:
        lines.unpersist()
        _remove_staging(session, staging)
    report.timings["write"] = time.perf_counter() - started
    report.documents = report.rows["documents"]
    log.info("spark: analysed in %.1f s, wrote the tables in %.1f s", report.timings["analyse"], report.timings["write"])
    records.unpersist()
    return report


def _staging_dir(output: Path | str) -> str:
    """Where the JSON lines of each table wait to be read back: beside the output (any
    Hadoop-compatible path), under a name no table has."""
    return f"{output}/_staging" if _is_remote(str(output)) else str(Path(output) / "_staging")


def _remove_staging(session, staging: str) -> None:
    if not _is_remote(staging):
        shutil.rmtree(staging, ignore_errors=True)
        return
    jvm = session.sparkContext._jvm  # a Hadoop path: its own file system deletes it
    path = jvm.org.apache.hadoop.fs.Path(staging)
    path.getFileSystem(session.sparkContext._jsc.hadoopConfiguration()).delete(path, True)


# --- on an executor --------------------------------------------------------------------------------

_executor_pipelines: dict[str, Pipeline] = {}  # one per settings, per executor process


def executor_pipeline(settings: dict) -> Pipeline:
    """The Pipeline of this executor process, built (model and gazetteer loaded) on first use."""
    key = json.dumps(settings, sort_keys=True, default=str)
    pipeline = _executor_pipelines.get(key)
    if pipeline is None:
        pipeline = make_pipeline(settings)
        pipeline.warm_up()
        _executor_pipelines[key] = pipeline
    return pipeline


def analyse_partition(rows, settings: dict, known: dict[str, tuple], n_local: int) -> Iterator[tuple[str, str, str]]:
    """(table, JSON row, "errors" for an error's row else "") for every article of the files of one partition: the documents row (its
    outcome, the input it came from, its place in the input order) and its flattened records."""
    pipeline = executor_pipeline(settings)
    for row in rows:
        order, name, hints = known.get(_file_key(row.path), (None, _file_key(row.path), {}))
        if order is None:  # a file Spark listed under a Hadoop URI: after the local ones, by path
            order = n_local
        for entry, item in enumerate(iter_bytes(bytes(row.content), name=name, hints=hints,
                                                max_bytes=settings["max_input_bytes"])):
            if isinstance(item, InputError):
                yield "documents", json.dumps(_error_row(item, order=order, entry=entry, path=row.path)), "errors"
                continue
            yield from _analysed_rows(pipeline, item, order=order, entry=entry, path=row.path)


def _analysed_rows(pipeline: Pipeline, raw: RawInput, *, order: int, entry: int, path: str):
    try:  # no outlet is known to have a home here: the loader analyses again where one is
        ((outcome, home, observed),) = analyse_given_homes(pipeline, [raw], {})
    except Exception as exc:  # the pipeline isolates its stages; this is a bug of ours
        outcome, home, observed = Outcome(name=raw.name, error=unexpected(exc, name=raw.name, step="spark")), NOT_RUN, False
    document = outcome.document
    row = {"order": order, "entry": entry, "path": path, "name": raw.name, "raw": raw_to_dict(raw),
           "status": _status(outcome), "home": home, "observed": observed,
           "published_month": _month(document.published if document else raw.published)}
    row.update(outcome_to_dict(outcome))
    yield "documents", json.dumps(row, ensure_ascii=False), "errors" if outcome.error is not None else ""
    if outcome.analysis is not None:
        for table, line in flattened(json.loads(row["analysis"]), month=row["published_month"]):
            yield table, line, ""


def _status(outcome: Outcome) -> str:
    if outcome.error is not None:
        return "error"
    return "analysed" if outcome.analysis is not None else "not analysed"


def _error_row(error: StoryworldError, *, order: int, entry: int = 0, path: str | None = None) -> dict[str, Any]:
    return {"order": order, "entry": entry, "path": path, "name": getattr(error, "source", None) or "",
            "status": "error", "error": first_line(error), "home": NOT_RUN, "observed": False,
            "published_month": UNKNOWN_MONTH}


def _month(published: str | None) -> str:
    return published[:7] if published and len(published) >= 7 and published[4] == "-" else UNKNOWN_MONTH


def flattened(analysis: dict[str, Any], *, month: str) -> Iterator[tuple[str, str]]:
    """An analysis's records as rows of their tables, each with its document id, its index and the
    month; nested values (a location, an actor) as structs, and the attribution links of events
    and claims as rows of ``sources`` (depth 0 the outermost)."""
    document_id = analysis["document"]["id"]
    for table in ("events", "claims", "places", "times", "actors"):
        for index, record in enumerate(analysis.get(table) or []):
            row = {"document_id": document_id, "index": index, "published_month": month,
                   **{k: v for k, v in record.items() if k != "sources"}}
            if "sources" in record:
                row["source_chain"] = " ← ".join(s["name"] for s in record["sources"])
            yield table, json.dumps(row, ensure_ascii=False)
            for depth, source in enumerate(record.get("sources") or []):
                yield "sources", json.dumps({"document_id": document_id, "record": table[:-1], "index": index,
                                             "depth": depth, "published_month": month, **source},
                                            ensure_ascii=False)


# --- what crosses the wire: outcomes and inputs as JSON --------------------------------------------

def raw_to_dict(raw: RawInput) -> dict[str, Any]:
    return {**asdict(raw), "raw": base64.b64encode(raw.raw).decode("ascii")}


def raw_from_dict(d: dict[str, Any]) -> RawInput:
    return RawInput(**{**d, "raw": base64.b64decode(d["raw"])})


def outcome_to_dict(outcome: Outcome) -> dict[str, Any]:
    """An Outcome as JSON fields: the analysis as contract JSON, an unanalysed document as its
    fields, an error as its one line."""
    return {"analysis": json.dumps(to_dict(outcome.analysis), ensure_ascii=False) if outcome.analysis else None,
            "document": json.dumps(asdict(outcome.document), ensure_ascii=False)
            if outcome.analysis is None and outcome.document is not None else None,
            "origin": outcome.analysis.document.origin if outcome.analysis else None,
            "skipped_reason": outcome.skipped_reason,
            "error": first_line(outcome.error) if outcome.error is not None else None}


def outcome_from_row(row: dict[str, Any]) -> Outcome:
    name = row.get("name") or ""
    if row.get("error"):
        return Outcome(name=name, error=InputError(row["error"], source=name))
    if row.get("analysis"):
        analysis = from_json(row["analysis"])  # the contract leaves out where the text came from
        analysis = replace(analysis, document=replace(analysis.document, origin=row.get("origin")))
        return Outcome(name=name, analysis=analysis, document=analysis.document)
    d = json.loads(row["document"])
    document = Document(**{**d, "removed": tuple(Removed(**r) for r in d.get("removed") or ())})
    return Outcome(name=name, document=document, skipped_reason=row.get("skipped_reason"))


# --- loading the output into a store ---------------------------------------------------------------

def documents_rows(output: Path | str) -> list[dict[str, Any]]:
    """The documents table of a ``storyworld spark`` output, in input order (the parquet extra)."""
    require_extra("parquet", "load-parquet", "pyarrow")
    import pyarrow.dataset as ds

    folder = Path(output) / "documents"
    if not folder.is_dir():
        raise ConfigError(Errors.E411.format(path=printable(str(output))))
    table = ds.dataset(str(folder), format="parquet", partitioning="hive").to_table()
    rows = table.to_pylist()
    # input order: the driver's walk, then (files Spark listed under a Hadoop URI) the path; then the
    # article's place in its file
    rows.sort(key=lambda r: (r.get("order") if r.get("order") is not None else -1, r.get("path") or "",
                             r.get("entry") or 0))
    return rows


class ParquetAnalyses:
    """Stands in for ``WorkerPool`` in ``store_in_order``: hands back the analyses Spark made, in
    input order; ``analyse_again`` runs a Pipeline here (built on first need)."""

    def __init__(self, rows: list[dict[str, Any]], *, settings: Settings | None = None):
        self.rows = rows
        self.settings = settings
        self.pipeline: Pipeline | None = None
        self.analysed_again = 0
        self.timings: dict[str, float] = {}
        self.waited = 0.0

    def run(self, inputs, *, homes: OutletHomes) -> Iterator[Analysed]:
        for row in self.rows:
            raw = raw_from_dict(row["raw"]) if row.get("raw") else None
            yield Analysed(row.get("order", 0) + 1, raw, outcome_from_row(row), row.get("home", NOT_RUN),
                           bool(row.get("observed")))

    def analyse_again(self, raw: RawInput, *, home: str | None) -> Analysed:
        if self.pipeline is None:
            self.pipeline = make_pipeline(self.settings)
        ((outcome, used, observed),) = analyse_given_homes(self.pipeline, [raw], None, fixed=home)
        self.analysed_again += 1
        return Analysed(None, raw, outcome, used, observed)


def load_parquet(output: Path | str, *, store: Store, settings: Settings | None = None,
                 on_result=None) -> "LoadReport":
    """Store the articles of a ``storyworld spark`` output as ``ingest`` stores them, in input order:
    how many of each outcome, and how many were analysed again here."""
    from .ingest import store_in_order

    rows = documents_rows(output)
    pool = ParquetAnalyses(rows, settings=settings)
    counts = {"added": 0, "exists": 0, "duplicate": 0, "skipped": 0, "error": 0}
    for _tag, outcome, result in store_in_order([], store=store, pool=pool):
        status = "error" if result is None else result.status
        counts[status if status in counts else "skipped"] += 1
        if on_result:
            on_result(outcome, result)
    return LoadReport(counts=counts, analysed_again=pool.analysed_again)


@dataclass
class LoadReport:
    counts: dict[str, int]
    analysed_again: int


__all__ = ["LoadReport", "SparkReport", "TABLES", "load_parquet", "run_spark", "spark_session"]
