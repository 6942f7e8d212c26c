"""Exporters: jsonl (the analysis contract, one document per line), csv and geojson (one event per row)."""

from __future__ import annotations

import csv
import json
from typing import Callable, TextIO

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


EXPORTERS: dict[str, Callable[[Store, TextIO, EventFilter | None], int]] = {
    "jsonl": export_jsonl,
    "csv": export_csv,
    "geojson": export_geojson,
}
