"""Exporters: jsonl (the analysis contract, one document per line), csv, geojson and parquet (one
event per row or feature).

``csv_row`` and ``geojson_feature`` are the one way an event becomes a CSV row or a GeoJSON
feature: ``storyworld export``, ``storyworld events --format csv`` and the API's
``/api/events?format=csv|geojson`` all build theirs with them.
"""

from __future__ import annotations

import csv
import json
from typing import Any, BinaryIO, Callable, Iterable, TextIO

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


def csv_row(event: dict[str, Any]) -> dict[str, Any]:
    """An event (a ``queries.events`` row) as a CSV row: the CSV_FIELDS, its sources chain joined
    outermost first ("Ynet > a source"), spreadsheet formulas defused."""
    values = dict(event, sources=" > ".join(s["name"] for s in event["sources"]))
    return {k: _csv_safe(values.get(k)) for k in CSV_FIELDS}


def write_csv(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    """The header and one ``csv_row`` per event; how many rows were written."""
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
    writer.writeheader()
    n = 0
    for event in events:
        writer.writerow(csv_row(event))
        n += 1
    return n


def geojson_feature(event: dict[str, Any]) -> dict[str, Any] | None:
    """An event (a ``queries.events`` row) as a GeoJSON Point feature whose properties are all its
    other fields (the sources chain as a list); None for an event without a place."""
    if event["lat"] is None or event["lon"] is None:
        return None
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [event["lon"], event["lat"]]},
            "properties": {k: v for k, v in event.items() if k not in ("lat", "lon")}}


def feature_collection(events: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the events that have a place."""
    features = [feature for feature in map(geojson_feature, events) if feature is not None]
    return {"type": "FeatureCollection", "features": features}


def export_csv(store: Store, out: TextIO, f: EventFilter | None = None) -> int:
    return write_csv(iter_events(store, f or EventFilter()), out)


def export_geojson(store: Store, out: TextIO, f: EventFilter | None = None) -> int:
    collection = feature_collection(iter_events(store, f or EventFilter()))
    json.dump(collection, out, ensure_ascii=False)
    out.write("\n")
    return len(collection["features"])


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
