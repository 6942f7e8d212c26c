"""Exporters: jsonl (the analysis contract, one document per line), csv, geojson and parquet (one
event per row or feature).

``csv_row`` and ``geojson_feature`` are the one way an event becomes a CSV row or a GeoJSON
feature: ``storyworld export``, ``storyworld events --format csv`` and the API's
``/api/events?format=csv|geojson`` all build theirs with them.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from typing import Any, BinaryIO, Callable, Iterable, TextIO

from . import fields
from .db import Store
from .queries import EventFilter, iter_analyses, iter_events

# One event per row: the field-aligned columns first (docs/exports.md maps each to ACLED and GDELT),
# then the event as storyworld read it, then its report.
CSV_FIELDS = (
    "id", "document_id", "event_date", "date_start", "date_end", "time_precision",
    "disorder_type", "event_type", "sub_event_type", "type", "mode", "modality", "trigger",
    "cameo_code", "cameo_root", "quad_class", "goldstein",
    "actor_text", "actor_name", "actor_country", "actor_role",
    "target_text", "target_name", "target_country", "target_role",
    "fatalities", "fatalities_source",
    "country", "country_name", "admin1", "admin2", "place_name", "location_text", "location_name", "geonameid",
    "lat", "lon", "geo_precision",
    "incident_id", "num_reports", "num_sources", "independent_origins",
    "source_chain", "evidence", "evidence_start", "evidence_end", "date", "date_precision",
    "outlet", "url", "title", "published",
)

# What pandas needs to be told of the CSV: CAMEO codes are strings whose leading zero is part of the
# code ("043" is not "43"; "010" is not "10"); every other column reads as it should unhinted.
# ``pd.read_csv(path, dtype=CSV_DTYPES, parse_dates=CSV_DATES)``
CSV_DTYPES = {"cameo_code": "string", "cameo_root": "string"}
CSV_DATES = ["event_date", "date_start", "date_end"]


def event_record(event: dict[str, Any]) -> dict[str, Any]:
    """An event (a ``queries.events`` row) with its field-aligned columns (``fields.event_columns``):
    what every export of an event is built from."""
    return {**event, **fields.event_columns(event)}


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
    """An event (a ``queries.events`` row) as a CSV row: the CSV_FIELDS of its ``event_record``, the
    attribution chain as one readable string (``source_chain``), spreadsheet formulas defused."""
    record = event_record(event)
    return {k: _csv_safe(record.get(k)) for k in CSV_FIELDS}


def write_csv(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    """The header and one ``csv_row`` per event; how many rows were written."""
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
    writer.writeheader()
    n = 0
    for event in events:
        writer.writerow(csv_row(event))
        n += 1
    return n


def geojson_feature(event: dict[str, Any]) -> dict[str, Any]:
    """An event (a ``queries.events`` row) as a GeoJSON feature (RFC 7946): ``id`` the event id, a
    Point [lon, lat], or ``geometry: null`` for an event without coordinates (kept, never dropped);
    its properties are its ``event_record`` but lat/lon, the sources chain as a list."""
    record = event_record(event)
    located = event.get("lat") is not None and event.get("lon") is not None
    geometry = {"type": "Point", "coordinates": [event["lon"], event["lat"]]} if located else None
    return {"type": "Feature", "id": event["id"], "geometry": geometry,
            "properties": {k: v for k, v in record.items() if k not in ("lat", "lon")}}


def feature_collection(events: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of every event, those without coordinates with a null geometry."""
    return {"type": "FeatureCollection", "features": [geojson_feature(event) for event in events]}


def export_csv(store: Store, out: TextIO, f: EventFilter | None = None) -> int:
    return write_csv(iter_events(store, f or EventFilter()), out)


def export_geojson(store: Store, out: TextIO, f: EventFilter | None = None) -> int:
    collection = feature_collection(iter_events(store, f or EventFilter()))
    json.dump(collection, out, ensure_ascii=False)
    out.write("\n")
    return len(collection["features"])


PARQUET_BATCH_ROWS = 10_000  # rows held in memory before a row group is written
_INT_FIELDS = ("id", "geonameid", "evidence_start", "evidence_end", "quad_class", "fatalities", "incident_id",
               "num_reports", "num_sources", "independent_origins")
_FLOAT_FIELDS = ("lat", "lon", "goldstein")
_DATE_FIELDS = tuple(CSV_DATES)
PARQUET_FIELDS = CSV_FIELDS + ("sources",)


def parquet_schema():
    """The events table's Arrow schema: typed numbers, date_start/date_end/event_date as dates, the
    attribution chain as a list of structs (outermost first), every other field a string (``date`` keeps
    its ISO text: its precision varies)."""
    import pyarrow as pa

    def kind(name: str):
        if name in _INT_FIELDS:
            return pa.int64()
        if name in _FLOAT_FIELDS:
            return pa.float64()
        if name in _DATE_FIELDS:
            return pa.date32()
        if name == "sources":
            return pa.list_(pa.struct([("name", pa.string()), ("kind", pa.string())]))
        return pa.string()

    return pa.schema([(name, kind(name)) for name in PARQUET_FIELDS])


def export_parquet(store: Store, out: BinaryIO, f: EventFilter | None = None) -> int:
    """Events as one Parquet file, written a row group at a time (memory stays bounded)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    n = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        batch: list[dict] = []
        for row in iter_events(store, f or EventFilter()):
            record = event_record(row)
            record["sources"] = [{"name": s["name"], "kind": s["kind"]} for s in row["sources"]]
            for name in _DATE_FIELDS:
                record[name] = record[name] and date.fromisoformat(record[name])
            batch.append({k: record.get(k) for k in PARQUET_FIELDS})
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
