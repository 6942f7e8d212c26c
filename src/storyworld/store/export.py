"""Exporters: jsonl (the analysis contract, one document per line), csv, geojson and parquet (one
event per row or feature)."""

from __future__ import annotations

import csv
import json
from typing import BinaryIO, Callable, TextIO

from .db import Store
from .queries import EventFilter, iter_analyses, iter_events

CSV_FIELDS = (
    "id", "document_id", "type", "mode", "cameo", "acled", "modality", "trigger",
    "actor_text", "actor_name", "actor_country", "actor_role",
    "target_text", "target_name", "target_country", "target_role",
    "location_text", "location_name", "geonameid", "lat", "lon", "location_country", "location_precision",
    "date", "date_precision", "evidence", "evidence_start", "evidence_end", "sources",
    "outlet", "url", "title", "published",
)


def export_jsonl(store: Store, out: TextIO, f: EventFilter | None = None) -> int:
    n = 0
    for obj in iter_analyses(store):
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        n += 1
    return n


def _csv_safe(value):
    """Neutralise spreadsheet formulas: article text is hostile input (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_csv(store: Store, out: TextIO, f: EventFilter | None = None) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for row in iter_events(store, f or EventFilter()):
        row["sources"] = " > ".join(s["name"] for s in row["sources"])
        writer.writerow({k: _csv_safe(row.get(k)) for k in CSV_FIELDS})
        n += 1
    return n


def export_geojson(store: Store, out: TextIO, f: EventFilter | None = None) -> int:
    features = []
    for row in iter_events(store, f or EventFilter()):
        if row["lat"] is None or row["lon"] is None:
            continue
        props = {k: row[k] for k in CSV_FIELDS if k not in ("lat", "lon") and k in row}
        props["sources"] = row["sources"]
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                         "properties": props})
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


PARQUET_BATCH_ROWS = 10_000  # rows held in memory before a row group is written
_INT_FIELDS = ("id", "geonameid", "evidence_start", "evidence_end")
_FLOAT_FIELDS = ("lat", "lon")


def parquet_schema():
    """The events table's Arrow schema: typed numbers, the attribution chain as a list of structs
    (outermost first), every other field a string (dates keep their ISO text: their precision varies)."""
    import pyarrow as pa

    def kind(name: str):
        if name in _INT_FIELDS:
            return pa.int64()
        if name in _FLOAT_FIELDS:
            return pa.float64()
        if name == "sources":
            return pa.list_(pa.struct([("name", pa.string()), ("kind", pa.string())]))
        return pa.string()

    return pa.schema([(name, kind(name)) for name in CSV_FIELDS])


def export_parquet(store: Store, out: BinaryIO, f: EventFilter | None = None) -> int:
    """Events as one Parquet file, written a row group at a time (memory stays bounded)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    n = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        batch: list[dict] = []
        for row in iter_events(store, f or EventFilter()):
            row["sources"] = [{"name": s["name"], "kind": s["kind"]} for s in row["sources"]]
            batch.append({k: row.get(k) for k in CSV_FIELDS})
            if len(batch) >= PARQUET_BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:  # an empty store still gives a readable file with the schema
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


# Formats written as bytes (the others are text).
BINARY_EXPORTERS: dict[str, Callable[[Store, BinaryIO, EventFilter | None], int]] = {
    "parquet": export_parquet,
}

EXPORTERS: dict[str, Callable[[Store, TextIO, EventFilter | None], int]] = {
    "jsonl": export_jsonl,
    "csv": export_csv,
    "geojson": export_geojson,
}
