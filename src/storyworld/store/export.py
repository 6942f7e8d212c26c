"""Exporters: jsonl (the analysis contract, one document per line), csv, geojson and parquet (one
event per row or feature); incidents as csv, geojson and jsonl (one incident per row, feature or line).

``csv_row`` and ``geojson_feature`` are the one way an event becomes a CSV row or a GeoJSON
feature: ``storyworld export``, ``storyworld events --format csv`` and the API's
``/api/events?format=csv|geojson`` all build theirs with them.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from typing import Any, BinaryIO, Callable, Iterable, TextIO

from ..resources import ontology
from . import fields
from .db import Store
from .queries import EventFilter, incident_events, incident_versions, incidents, iter_analyses, iter_events

# Each record's version (1 for a first report), when it last changed (UTC, ISO 8601) and its state
# (current | superseded | retracted): the last columns of every export of events and incidents.
VERSION_FIELDS = ("version", "updated_at", "state")

# One event per row: the field-aligned columns first (docs/exports.md maps each to ACLED and GDELT),
# then the event as storyworld read it, then its report, then its version.
CSV_FIELDS = (
    "id", "document_id", "event_date", "date_start", "date_end", "time_precision",
    "disorder_type", "event_type", "sub_event_type", "civilian_targeting", "type", "mode", "modality", "trigger",
    "cameo_code", "cameo_root", "quad_class", "goldstein",
    "actor_text", "actor_name", "actor_country", "actor_role",
    "target_text", "target_name", "target_country", "target_role",
    "fatalities", "fatalities_source",
    "country", "country_name", "admin1", "admin2", "place_name", "location_text", "location_name", "geonameid",
    "lat", "lon", "geo_precision",
    "incident_id", "num_reports", "num_sources", "independent_origins",
    "source_chain", "evidence", "evidence_start", "evidence_end", "date", "date_precision",
    "outlet", "url", "title", "published",
) + VERSION_FIELDS

# What pandas needs to be told of the CSV: CAMEO codes are strings whose leading zero is part of the
# code ("043" is not "43"; "010" is not "10"), and whole numbers that may be missing are nullable
# integers (unhinted, pandas reads them as floats); every other column reads as it should unhinted.
# ``pd.read_csv(path, dtype=CSV_DTYPES, parse_dates=CSV_DATES)`` (events and incidents alike)
CSV_DTYPES = {"cameo_code": "string", "cameo_root": "string", "quad_class": "Int64", "fatalities": "Int64",
              "geonameid": "Int64", "incident_id": "Int64", "num_reports": "Int64", "num_sources": "Int64",
              "independent_origins": "Int64", "version": "Int64"}
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


# --- incidents: one row or feature per incident, from its summary (storyworld.incidents/1) and its
# reports' events (the same columns as an event's, read across its reports)

INCIDENT_FIELDS = (
    "incident_id", "event_date", "date_start", "date_end", "time_precision",
    "disorder_type", "event_type", "sub_event_type", "type", "modality",
    "cameo_code", "cameo_root", "quad_class", "goldstein", "fatalities", "fatalities_source",
    "country", "country_name", "admin1", "admin2", "place_name", "location_name", "geonameid", "lat", "lon",
    "geo_precision", "num_reports", "num_sources", "independent_origins", "origins", "actors", "conflicts",
    "first_outlet", "first_published", "first_url", "evidence",
) + VERSION_FIELDS


def incident_record(summary: dict[str, Any], events: list[dict[str, Any]]) -> dict[str, Any]:
    """An incident's columns (INCIDENT_FIELDS): the summary's date, place, sizes and origins; the
    most common sub-event type and CAMEO code of its reports' events; ``fatalities`` the lowest
    figure its reports give (ACLED codes the most conservative of conflicting reports)."""
    location = summary.get("location") or {}
    first = summary.get("first_reported") or {}
    records = [event_record(event) for event in events]
    sub_event = _most_common([r["sub_event_type"] for r in records])
    cameo = _most_common([r["cameo_code"] for r in records])
    counted = sorted((r for r in records if r["fatalities"] is not None), key=lambda r: r["fatalities"])
    start, end, precision = fields.period(summary.get("date"), summary.get("date_precision"), first.get("published"))
    country = location.get("country")
    reports = summary.get("reports") or []
    return {
        "incident_id": summary["id"],
        "event_date": start if precision in ("day", "reported") else None,
        "date_start": start, "date_end": end, "time_precision": precision,
        "disorder_type": ontology.acled_disorder_type(sub_event), "event_type": ontology.acled_event_type(sub_event),
        "sub_event_type": sub_event, "type": summary.get("type"), "modality": summary.get("modality"),
        "cameo_code": cameo, "cameo_root": ontology.cameo_root(cameo), "quad_class": ontology.quad_class(cameo),
        "goldstein": ontology.goldstein(cameo),
        "fatalities": counted[0]["fatalities"] if counted else None,
        "fatalities_source": counted[0]["fatalities_source"] if counted else None,
        "country": country, "country_name": fields.country_name(country),
        **fields.place_columns(location.get("geonameid"), location.get("text"), location.get("name"),
                               location.get("precision")),
        "location_name": location.get("name"), "geonameid": location.get("geonameid"),
        "lat": location.get("lat"), "lon": location.get("lon"), "geo_precision": location.get("precision"),
        "num_reports": len(reports),
        "num_sources": len({(r.get("document") or {}).get("outlet") or (r.get("document") or {}).get("id")
                            for r in reports}),
        "independent_origins": summary.get("independent_origins"),
        "origins": "; ".join(o["name"] for o in summary.get("origins") or []),
        "actors": "; ".join(a["name"] for a in summary.get("actors") or [] if a.get("name")),
        "conflicts": ", ".join(c["field"] for c in summary.get("conflicts") or []),
        "first_outlet": first.get("outlet"), "first_published": first.get("published"), "first_url": first.get("url"),
        "evidence": reports[0]["event"]["evidence"]["text"] if reports else None,
        # the incidents table's (``queries.incident_versions``), put beside the summary by the exporters
        "version": summary.get("version"), "updated_at": summary.get("updated_at"), "state": summary.get("state"),
    }


def _most_common(values: list) -> Any:
    present = [v for v in values if v is not None]
    return max(present, key=present.count) if present else None  # ties: the first report's


def incident_csv_row(summary: dict[str, Any], events: list[dict[str, Any]]) -> dict[str, Any]:
    """An incident as a CSV row (INCIDENT_FIELDS), spreadsheet formulas defused."""
    record = incident_record(summary, events)
    return {k: _csv_safe(record.get(k)) for k in INCIDENT_FIELDS}


def incident_feature(summary: dict[str, Any], events: list[dict[str, Any]]) -> dict[str, Any]:
    """An incident as a GeoJSON feature: ``id`` the incident id, a Point at its place or a null
    geometry, its columns as properties and its reports (document, event, sources) as a list."""
    record = incident_record(summary, events)
    located = record["lat"] is not None and record["lon"] is not None
    return {"type": "Feature", "id": summary["id"],
            "geometry": {"type": "Point", "coordinates": [record["lon"], record["lat"]]} if located else None,
            "properties": {**{k: v for k, v in record.items() if k not in ("lat", "lon")},
                           "reports": summary.get("reports") or []}}


def _with_versions(store: Store, summaries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Incident summaries with their version, updated_at and state (VERSION_FIELDS) added."""
    versions = incident_versions(store, [s["id"] for s in summaries])
    return [{**s, **versions.get(s["id"], {})} for s in summaries]


def incidents_with_events(store: Store, f: EventFilter | None):
    """Each incident the filter lists (with its version) and its reports' events: what an incident's
    row or feature is built from."""
    summaries = _with_versions(store, incidents(store, f or EventFilter(), sort="recent"))
    by_id = incident_events(store, [s["id"] for s in summaries])
    return [(s, by_id.get(s["id"], [])) for s in summaries]


def write_incidents_csv(pairs: Iterable[tuple[dict, list[dict]]], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=INCIDENT_FIELDS)
    writer.writeheader()
    n = 0
    for summary, events in pairs:
        writer.writerow(incident_csv_row(summary, events))
        n += 1
    return n


def incident_collection(pairs: Iterable[tuple[dict, list[dict]]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [incident_feature(s, e) for s, e in pairs]}


def export_incidents_csv(store: Store, out: TextIO, f: EventFilter | None = None) -> int:
    return write_incidents_csv(incidents_with_events(store, f), out)


def export_incidents_geojson(store: Store, out: TextIO, f: EventFilter | None = None) -> int:
    collection = incident_collection(incidents_with_events(store, f))
    json.dump(collection, out, ensure_ascii=False)
    out.write("\n")
    return len(collection["features"])


def export_incidents_jsonl(store: Store, out: TextIO, f: EventFilter | None = None) -> int:
    """One storyworld.incidents/1 incident summary per line, with its version, updated_at and state."""
    n = 0
    for summary in _with_versions(store, incidents(store, f or EventFilter(), sort="recent")):
        out.write(json.dumps(summary, ensure_ascii=False) + "\n")
        n += 1
    return n


INCIDENT_EXPORTERS: dict[str, Callable[[Store, TextIO, EventFilter | None], int]] = {
    "jsonl": export_incidents_jsonl,
    "csv": export_incidents_csv,
    "geojson": export_incidents_geojson,
}


PARQUET_BATCH_ROWS = 10_000  # rows held in memory before a row group is written
_INT_FIELDS = ("id", "geonameid", "evidence_start", "evidence_end", "quad_class", "fatalities", "incident_id",
               "num_reports", "num_sources", "independent_origins", "version")
_FLOAT_FIELDS = ("lat", "lon", "goldstein")
_DATE_FIELDS = tuple(CSV_DATES)
# the chain as a list after the CSV's columns but before the version columns, which end every export
PARQUET_FIELDS = CSV_FIELDS[:-len(VERSION_FIELDS)] + ("sources",) + VERSION_FIELDS


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
