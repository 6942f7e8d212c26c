"""Keep the store's incidents up to date as documents arrive (incremental; no re-clustering).

``update_incidents(store, document_ids)`` places every reportable event of those documents in an
incident (candidates come from an index on type and date range), links near-duplicate copies to
the incidents of their original, and rebuilds the summary of each incident it touched: reports,
independent origins (corpus.origins), the first report, and conflicts between reports.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from typing import Any, Iterable

from ..store import Store
from ..store.transaction import transaction
from ..types import Source
from .incidents import (DISTANCE_KM, DocumentContext, Incident, IncidentReport, assign, candidate_window,
                        names_a_country, with_context)
from .origins import Report, origins

# Modalities that report a happening (a denial is a version of the happening; a demand to
# withdraw is not a withdrawal).
REPORTABLE = ("actual", "negated")
MAX_SPAN_DAYS = 62
SCHEMA_ID = "storyworld.incidents/1"

_REPORT_SQL = """
SELECT e.id AS event_id, e.document_id, e.type, e.modality, e.trigger, e.date, e.date_precision,
       e.lat, e.lon, e.location_precision, e.location_country, e.location_name, e.location_text, e.geonameid,
       e.actor_name, e.actor_text, e.actor_country, e.actor_role,
       e.target_name, e.target_text, e.target_country, e.target_role,
       e.evidence, e.evidence_start, e.evidence_end, e.sources_json, d.published, d.outlet, d.url, d.title
FROM events e JOIN documents d ON d.id = e.document_id
"""


def _to_report(row, store: Store | None = None) -> IncidentReport:
    """The row as an IncidentReport; with the store, its open date and place filled from context."""
    dateline_place = store is not None and _in_dateline_only(store, row)
    report = IncidentReport(
        event_id=row["event_id"], document_id=row["document_id"], type=row["type"], modality=row["modality"],
        date=row["date"], date_precision=row["date_precision"], published=row["published"],
        lat=None if dateline_place else row["lat"], lon=None if dateline_place else row["lon"],
        location_precision=None if dateline_place else row["location_precision"],
        location_country=None if dateline_place else row["location_country"], actor_country=row["actor_country"],
        target_country=row["target_country"] if names_a_country(row["target_text"] or row["target_name"]) else None,
        target_name=row["target_name"] or row["target_text"],
        evidence=row["evidence"] or "",
    )
    if store is None:
        return report
    return with_context(report, sentence_dates=_sentence_dates(store, row["document_id"], row["evidence_start"],
                                                                row["evidence_end"]),
                        lead=_lead(store, row["document_id"]))


_DATELINE_DASHES = ("—", "–", " - ")


# (store file, document id) → its dateline: a stored document's text never changes, and placing one
# report asks for the datelines of every report of every candidate incident, several times each
_datelines: dict[tuple[str, str], str] = {}
MAX_CACHED_DATELINES = 100_000


def _dateline(store: Store, document_id: str) -> str:
    """The dateline ("KYIV, March 8 (Dnipro Daily) ") up to its dash, else "": its date is the story's."""
    key = (str(store.path), document_id)
    cached = _datelines.get(key)
    if cached is not None:
        return cached
    row = store.conn.execute("SELECT substr(text, 1, 160) AS head FROM documents WHERE id = ?",
                             (document_id,)).fetchone()
    if row is None:
        return ""  # not stored (yet): nothing to remember
    head = row["head"] or ""
    ends = [head.find(d) for d in _DATELINE_DASHES if 0 < head.find(d) <= 120]
    if len(_datelines) >= MAX_CACHED_DATELINES:
        _datelines.clear()
    _datelines[key] = head[:min(ends)] if ends else ""
    return _datelines[key]


def _in_dateline_only(store: Store, row) -> bool:
    """The event's place is named only in the dateline ("DUBAI, July 12 (Gulf Ledger) — A tanker
    sailing through the Red Sea …"): where the story was filed, not where it happened. The places
    stage also lends the dateline town to later sentences that name no place; those are dropped
    too (the name stands in the dateline and not in the sentence), and the lead fills them."""
    text = row["location_text"]
    if not text or row["lat"] is None:
        return False
    head = _dateline(store, row["document_id"])
    if not head or text not in head:
        return False
    skip = max(0, len(head) - row["evidence_start"])
    return text not in (row["evidence"] or "")[skip:]


def _sentence_dates(store: Store, document_id: str, start: int, end: int) -> tuple[str, ...]:
    """The day dates the evidence span names, in text order, the dateline's excluded."""
    skip = len(_dateline(store, document_id))
    return tuple(r["value"] for r in store.conn.execute(
        "SELECT value FROM times WHERE document_id = ? AND start >= ? AND \"end\" <= ? AND start >= ? "
        "AND precision = 'day' AND value IS NOT NULL ORDER BY start", (document_id, start, end, skip)))


def _lead(store: Store, document_id: str) -> DocumentContext:
    """The document's lead: the day of its first event with one (its own, else its sentence's) and
    the place of its first located event (below country level when there is one)."""
    date = precision = None
    for r in store.conn.execute(
            "SELECT date, date_precision, evidence_start, evidence_end FROM events WHERE document_id = ? ORDER BY seq",
            (document_id,)):
        if r["date"] and r["date_precision"] == "day":
            date, precision = r["date"], "day"
            break
        days = _sentence_dates(store, document_id, r["evidence_start"], r["evidence_end"])
        if days:
            date, precision = max(days), "day"
            break
    located = next((r for r in store.conn.execute(
        "SELECT document_id, lat, lon, location_precision, location_country, location_text, evidence, evidence_start "
        "FROM events WHERE document_id = ? AND lat IS NOT NULL ORDER BY location_precision = 'country', seq",
        (document_id,)) if not _in_dateline_only(store, r)), None)
    if located is None:
        return DocumentContext(date=date, date_precision=precision)
    return DocumentContext(date=date, date_precision=precision, lat=located["lat"], lon=located["lon"],
                           location_precision=located["location_precision"],
                           location_country=located["location_country"])


def _anchor(report: IncidentReport) -> str | None:
    return report.date or report.published


def _candidates(store: Store, report: IncidentReport) -> list[Incident]:
    window = candidate_window(report)
    if window is None:
        ids = [r[0] for r in store.conn.execute(
            "SELECT id FROM incidents WHERE type = ? AND date_min IS NULL", (report.type,))]
    else:
        lo, hi = window
        # A bounded range on the leading date_min column keeps this an index lookup whatever the
        # store's size; an incident spanning more than MAX_SPAN_DAYS is not found by it (none is
        # expected: its reports' dates must each fall within a few days of another's).
        earliest = (date.fromisoformat(lo) - timedelta(days=MAX_SPAN_DAYS)).isoformat()
        sql = "SELECT id FROM incidents WHERE type = ? AND date_min BETWEEN ? AND ? AND date_max >= ?"
        params: list = [report.type, earliest, hi, lo]
        if report.lat is not None and report.location_precision in DISTANCE_KM:
            # Only incidents that could lie within the largest matching distance, or have no place
            # finer than a country or a sea (their reports match by country, ``location_compatible``).
            dlat = DISTANCE_KM["admin1"] / 111.0
            dlon = dlat / max(0.1, math.cos(math.radians(report.lat)))
            sql += (" AND (lat IS NULL OR location_precision IS NULL OR location_precision = 'country'"
                    " OR (lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?))")
            params += [report.lat - dlat, report.lat + dlat, report.lon - dlon, report.lon + dlon]
        ids = [r[0] for r in store.conn.execute(sql, params)]
    out = []
    for incident_id in ids:
        rows = store.conn.execute(
            _REPORT_SQL + " JOIN incident_reports ir ON ir.event_id = e.id AND ir.document_id = e.document_id "
            "WHERE ir.incident_id = ? ORDER BY e.id", (incident_id,)).fetchall()
        out.append(Incident(id=incident_id, reports=[_to_report(r, store) for r in rows]))
    return out


def update_incidents(store: Store, document_ids: Iterable[str]) -> set[int]:
    """Cluster the events of these documents into incidents; return the ids of incidents touched."""
    touched: set[int] = set()
    for document_id in document_ids:
        with transaction(store.conn):  # one document's placements and summaries land together
            placed = _add_document(store, document_id)
            for incident_id in sorted(placed):
                rebuild_summary(store, incident_id)
        touched |= placed
    return touched


def _add_document(store: Store, document_id: str) -> set[int]:
    touched: set[int] = set()
    doc = store.conn.execute("SELECT status, duplicate_of FROM documents WHERE id = ?", (document_id,)).fetchone()
    if doc is None:
        return touched
    if doc["duplicate_of"]:
        for row in store.conn.execute(
            "SELECT incident_id, event_id FROM incident_reports WHERE document_id = ? AND duplicate_of IS NULL",
            (doc["duplicate_of"],),
        ).fetchall():
            store.conn.execute(
                "INSERT OR IGNORE INTO incident_reports (incident_id, event_id, document_id, duplicate_of) "
                "VALUES (?, ?, ?, ?)", (row["incident_id"], row["event_id"], document_id, doc["duplicate_of"]))
            touched.add(row["incident_id"])
        return touched
    placeholders = ",".join("?" * len(REPORTABLE))
    rows = store.conn.execute(
        _REPORT_SQL + f" WHERE e.document_id = ? AND e.modality IN ({placeholders}) "
        "AND NOT EXISTS (SELECT 1 FROM incident_reports ir WHERE ir.event_id = e.id) ORDER BY e.seq",
        (document_id, *REPORTABLE)).fetchall()
    for row in rows:
        report = _to_report(row, store)
        incident = assign(report, _candidates(store, report))
        if incident is None:
            now = datetime.now(timezone.utc).isoformat(timespec="seconds")
            incident_id = store.conn.execute(
                "INSERT INTO incidents (type, modality, date_min, date_max, reports, independent_origins, "
                "summary_json, updated_at) VALUES (?, ?, ?, ?, 0, 0, '{}', ?)",
                (report.type, report.modality, _anchor(report), _anchor(report), now)).lastrowid
        else:
            incident_id = incident.id
        store.conn.execute(
            "INSERT INTO incident_reports (incident_id, event_id, document_id) VALUES (?, ?, ?)",
            (incident_id, report.event_id, document_id))
        store.conn.execute(
            "UPDATE incidents SET date_min = MIN(COALESCE(date_min, ?), ?), date_max = MAX(COALESCE(date_max, ?), ?) "
            "WHERE id = ?", (_anchor(report), _anchor(report), _anchor(report), _anchor(report), incident_id))
        touched.add(incident_id)
    return touched


def _most_common(values: list[Any]) -> Any:
    values = [v for v in values if v is not None]
    if not values:
        return None
    counts = Counter(values)
    return max(counts, key=lambda v: (counts[v], -values.index(v)))


def outlet_alias(name: str) -> str:
    """An outlet's canonical name ("the AP" → "Associated Press"); any other name unchanged."""
    from ..resources.outlets import find_outlet

    outlet = find_outlet(name)
    return outlet.name if outlet else name


def rebuild_summary(store: Store, incident_id: int) -> dict[str, Any]:
    rows = store.conn.execute(
        """SELECT ir.document_id AS report_document, ir.duplicate_of, e.id AS event_id, e.document_id, e.type, e.modality, e.trigger,
                  e.date, e.date_precision, e.lat, e.lon, e.location_precision, e.location_country,
                  e.location_name, e.location_text, e.geonameid, e.actor_name, e.actor_text, e.actor_country,
                  e.actor_role, e.target_name, e.target_text, e.target_country, e.target_role,
                  e.evidence, e.evidence_start, e.evidence_end, e.sources_json,
                  d.id AS doc_id, d.url, d.title, d.outlet, d.published,
                  o.outlet AS original_outlet
           FROM incident_reports ir
           JOIN events e ON e.id = ir.event_id
           JOIN documents d ON d.id = ir.document_id
           LEFT JOIN documents o ON o.id = ir.duplicate_of
           WHERE ir.incident_id = ? ORDER BY d.published, d.id, e.id""", (incident_id,)).fetchall()
    reports, chains = [], []
    for r in rows:
        sources = json.loads(r["sources_json"])
        # a near-duplicate copy takes the chain of its original, publisher included
        publisher = r["original_outlet"] if r["duplicate_of"] else r["outlet"]
        chains.append(Report(publisher=publisher or r["doc_id"][:12],
                             sources=tuple(Source(s["name"], s["kind"]) for s in sources),
                             document=r["duplicate_of"] or r["doc_id"]))
        reports.append({
            "document": {"id": r["doc_id"], "url": r["url"], "title": r["title"], "outlet": r["outlet"],
                         "published": r["published"]},
            "duplicate_of": r["duplicate_of"],
            "event": {"type": r["type"], "modality": r["modality"], "trigger": r["trigger"],
                      "evidence": {"text": r["evidence"], "start": r["evidence_start"], "end": r["evidence_end"]}},
            "sources": sources,
        })
    all_origins = origins(chains, alias_of=outlet_alias)
    independent = [o for o in all_origins if o.independent]
    day_dates = [r["date"] for r in rows if r["date_precision"] == "day"]
    date = _most_common(day_dates) or _most_common([r["date"] for r in rows])
    date_precision = next((r["date_precision"] for r in rows if r["date"] == date), None)
    located = sorted((r for r in rows if r["lat"] is not None and not _in_dateline_only(store, r)),
                     key=lambda r: {"site": 0, "city": 1, "admin2": 2, "admin1": 3}.get(r["location_precision"], 4))
    best = located[0] if located else None
    location = None if best is None else {
        "text": best["location_text"], "name": best["location_name"], "geonameid": best["geonameid"],
        "lat": best["lat"], "lon": best["lon"], "country": best["location_country"],
        "precision": best["location_precision"]}
    modalities = [r["modality"] for r in rows]
    modality = "actual" if "actual" in modalities else _most_common(modalities)
    actors = []
    for r in rows:
        for prefix in ("actor", "target"):
            name = r[f"{prefix}_name"] or r[f"{prefix}_text"]
            entry = {"name": name, "country": r[f"{prefix}_country"], "role": r[f"{prefix}_role"]}
            if name and entry not in actors:
                actors.append(entry)
    first = rows[0] if rows else None
    summary = {
        "id": incident_id, "type": rows[0]["type"] if rows else None, "modality": modality,
        "date": date, "date_precision": date_precision, "location": location, "actors": actors,
        "reports": reports,
        "origins": [{"key": o.key, "name": o.name, "kind": o.kind, "reports": o.reports} for o in independent],
        "independent_origins": len(independent),
        "first_reported": None if first is None else {"outlet": first["outlet"], "published": first["published"],
                                                      "url": first["url"]},
        "conflicts": conflicts(rows, reports),
    }
    store.conn.execute(
        """UPDATE incidents SET modality = ?, date = ?, date_precision = ?, lat = ?, lon = ?, location_country = ?,
               location_precision = ?, reports = ?, independent_origins = ?, first_published = ?, summary_json = ?,
               updated_at = ? WHERE id = ?""",
        (modality, date, date_precision, best and best["lat"], best and best["lon"],
         best and best["location_country"], best and best["location_precision"], len(reports), len(independent),
         first and first["published"], json.dumps(summary, ensure_ascii=False),
         datetime.now(timezone.utc).isoformat(timespec="seconds"), incident_id))
    return summary


CONFLICT_FIELDS = {
    "date": lambda r: r["date"],
    "place": lambda r: r["location_name"] or r["location_text"],
    "actor": lambda r: r["actor_country"] or r["actor_name"] or r["actor_text"],
    "target": lambda r: r["target_country"] or r["target_name"] or r["target_text"],
    "modality": lambda r: r["modality"],
}


def conflicts(rows, reports) -> list[dict[str, Any]]:
    """Fields on which reports disagree, each version with the sources that carry it."""
    out = []
    for field, get in CONFLICT_FIELDS.items():
        versions: dict[Any, list] = {}
        for row, rep in zip(rows, reports):
            value = get(row)
            if value is None:
                continue
            carriers = rep["sources"] or [{"name": rep["document"]["outlet"], "kind": "outlet"}]
            bucket = versions.setdefault(value, [])
            for s in carriers:
                if s not in bucket:
                    bucket.append(s)
        if field == "date":
            versions = _drop_compatible_dates(versions)
        if len(versions) > 1:
            out.append({"field": field, "values": [{"value": v, "sources": s} for v, s in versions.items()]})
    return out


def _drop_compatible_dates(versions: dict[str, list]) -> dict[str, list]:
    """'2025-05' does not contradict '2025-05-17': fold a coarser date into the finer ones it contains."""
    finer = [v for v in versions if len(v) == 10]
    return {v: s for v, s in versions.items() if len(v) == 10 or not any(f.startswith(v) for f in finer)}
