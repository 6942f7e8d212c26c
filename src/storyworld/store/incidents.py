"""The incident tables' reads and writes, for ``corpus.update`` (which decides; this only stores).

Each function is one statement or one fixed pair of them; none opens a transaction: the caller's
``store.transaction()`` decides what lands together (one document's placements and summaries).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from typing import Any

from .db import Store

# one event with what clustering reads of it and of its document
REPORT_SQL = """
SELECT e.id AS event_id, e.document_id, e.type, e.modality, e.trigger, e.date, e.date_precision,
       e.lat, e.lon, e.location_precision, e.location_country, e.location_name, e.location_text, e.geonameid,
       e.actor_name, e.actor_text, e.actor_country, e.actor_role,
       e.target_name, e.target_text, e.target_country, e.target_role,
       e.evidence, e.evidence_start, e.evidence_end, e.sources_json, d.published, d.outlet, d.url, d.title
FROM events e JOIN documents d ON d.id = e.document_id
"""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def document_head(store: Store, document_id: str, chars: int = 160) -> str | None:
    """The first ``chars`` characters of a stored document's text; None when it is not stored."""
    row = store.conn.execute("SELECT substr(text, 1, ?) AS head FROM documents WHERE id = ?",
                             (chars, document_id)).fetchone()
    return None if row is None else row["head"] or ""


def document_names(store: Store, document_id: str) -> tuple[str, list[str]]:
    """A document's text and the names it uses for actors and sources (for resolving its sources)."""
    row = store.conn.execute("SELECT text FROM documents WHERE id = ?", (document_id,)).fetchone()
    names = [r[0] for r in store.conn.execute("SELECT text FROM actors WHERE document_id = ?", (document_id,))]
    for (chain,) in store.conn.execute("SELECT sources_json FROM claims WHERE document_id = ?", (document_id,)):
        names += [s["name"] for s in json.loads(chain)]
    return (row[0] if row else ""), names


def day_times(store: Store, document_id: str) -> list[tuple[int, int, str]]:
    """(start, end, value) of a document's day-precision time mentions, in text order."""
    return [(r["start"], r["end"], r["value"]) for r in store.conn.execute(
        "SELECT start, \"end\", value FROM times WHERE document_id = ? AND precision = 'day' AND value IS NOT NULL "
        "ORDER BY start, seq", (document_id,))]


def event_dates(store: Store, document_id: str) -> list[sqlite3.Row]:
    """A document's events in text order: their date, its precision and the evidence span."""
    return store.conn.execute(
        "SELECT date, date_precision, evidence_start, evidence_end FROM events WHERE document_id = ? ORDER BY seq",
        (document_id,)).fetchall()


def located_events(store: Store, document_id: str) -> list[sqlite3.Row]:
    """A document's located events, those placed below country level first, then in text order."""
    return store.conn.execute(
        "SELECT document_id, lat, lon, location_precision, location_country, location_text, evidence, evidence_start "
        "FROM events WHERE document_id = ? AND lat IS NOT NULL ORDER BY location_precision = 'country', seq",
        (document_id,)).fetchall()


def undated_incidents(store: Store, types: tuple[str, ...]) -> list[int]:
    """Incidents of these types whose reports give no date."""
    return [r[0] for r in store.conn.execute(
        f"SELECT id FROM incidents WHERE type IN ({','.join('?' * len(types))}) AND date_min IS NULL",
        types)]


def incidents_in_window(store: Store, types: tuple[str, ...], *, earliest: str, lo: str, hi: str,
                        box: tuple[float, float, float, float] | None = None) -> list[int]:
    """Incidents of these types (an incident's type is its first report's) that start between ``earliest`` and ``hi`` and end on ``lo`` or later;
    with ``box`` (lat_min, lat_max, lon_min, lon_max), only those inside it or placed no finer than
    a country (a bounded range on the leading date_min column keeps this an index lookup)."""
    sql = (f"SELECT id FROM incidents WHERE type IN ({','.join('?' * len(types))}) "
           "AND date_min BETWEEN ? AND ? AND date_max >= ?")
    params: list[Any] = [*types, earliest, hi, lo]
    if box is not None:
        sql += (" AND (lat IS NULL OR location_precision IS NULL OR location_precision = 'country'"
                " OR (lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?))")
        params += list(box)
    return [r[0] for r in store.conn.execute(sql, params)]


def report_keys(store: Store, incident_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """incident id → the (event id, document id) of its own reports (a copy's links left out), in
    event order, for many incidents in one query (the index on incident_id, nothing joined)."""
    out: dict[int, list[tuple[int, str]]] = {}
    for chunk in _chunks(incident_ids):
        for r in store.conn.execute(
                "SELECT incident_id, event_id, document_id FROM incident_reports "
                f"WHERE incident_id IN ({','.join('?' * len(chunk))}) AND duplicate_of IS NULL", chunk):
            out.setdefault(r[0], []).append((r[1], r[2]))
    for keys in out.values():
        keys.sort()
    return out


def report_rows(store: Store, event_ids: list[int]) -> list[sqlite3.Row]:
    """The report rows (``REPORT_SQL``) of these events."""
    rows: list[sqlite3.Row] = []
    for chunk in _chunks(event_ids):
        rows += store.conn.execute(REPORT_SQL + f" WHERE e.id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
    return rows


def _chunks(values: list, size: int = 500) -> list[list]:
    return [values[i:i + size] for i in range(0, len(values), size)]


def unplaced_reports(store: Store, document_id: str, modalities: tuple[str, ...]) -> list[sqlite3.Row]:
    """The report rows of a document's events of these modalities not yet in an incident, in text order."""
    placeholders = ",".join("?" * len(modalities))
    return store.conn.execute(
        REPORT_SQL + f" WHERE e.document_id = ? AND e.state = 'current' AND e.modality IN ({placeholders}) "
        "AND NOT EXISTS (SELECT 1 FROM incident_reports ir WHERE ir.event_id = e.id) ORDER BY e.seq",
        (document_id, *modalities)).fetchall()


def document_status(store: Store, document_id: str) -> sqlite3.Row | None:
    """A stored document's status, the original it copies and its publication date (None when it is
    not stored)."""
    return store.conn.execute("SELECT status, duplicate_of, published FROM documents WHERE id = ?",
                              (document_id,)).fetchone()


def link_copy(store: Store, document_id: str, original_id: str) -> set[int]:
    """Report a near-duplicate copy in every incident its original reports in; the incidents' ids."""
    touched: set[int] = set()
    for row in store.conn.execute(
        "SELECT incident_id, event_id FROM incident_reports WHERE document_id = ? AND duplicate_of IS NULL",
        (original_id,),
    ).fetchall():
        store.conn.execute(
            "INSERT OR IGNORE INTO incident_reports (incident_id, event_id, document_id, duplicate_of) "
            "VALUES (?, ?, ?, ?)", (row["incident_id"], row["event_id"], document_id, original_id))
        touched.add(row["incident_id"])
    return touched


def placements(store: Store, incident_id: int) -> list[sqlite3.Row]:
    """An incident's reports (event, document, the original a copy copies) in the order they joined."""
    return store.conn.execute("SELECT event_id, document_id, duplicate_of FROM incident_reports "
                              "WHERE incident_id = ? ORDER BY rowid", (incident_id,)).fetchall()


def new_incident(store: Store, type_: str, modality: str, anchor: str | None) -> int:
    """An empty incident dated ``anchor`` (its reports and summary follow); its id."""
    return store.conn.execute(
        "INSERT INTO incidents (type, modality, date_min, date_max, reports, independent_origins, "
        "summary_json, updated_at) VALUES (?, ?, ?, ?, 0, 0, '{}', ?)",
        (type_, modality, anchor, anchor, _now())).lastrowid


def add_report(store: Store, incident_id: int, event_id: int, document_id: str, anchor: str | None) -> None:
    """Put an event in an incident and widen the incident's date range to ``anchor``."""
    store.conn.execute(
        "INSERT INTO incident_reports (incident_id, event_id, document_id) VALUES (?, ?, ?)",
        (incident_id, event_id, document_id))
    store.conn.execute(
        "UPDATE incidents SET date_min = MIN(COALESCE(date_min, ?), ?), date_max = MAX(COALESCE(date_max, ?), ?) "
        "WHERE id = ?", (anchor, anchor, anchor, anchor, incident_id))


def summary_rows(store: Store, incident_id: int) -> list[sqlite3.Row]:
    """Every report of an incident with its event, its document, when its page was first published
    (``page_published``: an updated page's first version's date) and, for a copy, its original's
    outlet; in order of first publication."""
    return store.conn.execute(
        """SELECT ir.document_id AS report_document, ir.duplicate_of, e.id AS event_id, e.seq AS event_seq, e.document_id, e.type, e.modality, e.trigger,
                  e.date, e.date_precision, e.lat, e.lon, e.location_precision, e.location_country,
                  e.location_name, e.location_text, e.geonameid, e.actor_name, e.actor_text, e.actor_country,
                  e.actor_role, e.target_name, e.target_text, e.target_country, e.target_role,
                  e.evidence, e.evidence_start, e.evidence_end, e.sources_json,
                  d.id AS doc_id, d.url, d.title, d.outlet, d.published,
                  COALESCE(p.published, d.published) AS page_published,
                  o.outlet AS original_outlet
           FROM incident_reports ir
           JOIN events e ON e.id = ir.event_id
           JOIN documents d ON d.id = ir.document_id
           LEFT JOIN documents p ON p.id = d.version_of
           LEFT JOIN documents o ON o.id = ir.duplicate_of
           WHERE ir.incident_id = ? ORDER BY page_published, d.published, d.id, e.id""", (incident_id,)).fetchall()


def save_summary(store: Store, incident_id: int, *, modality: str | None, date: str | None,
                 date_precision: str | None, lat: float | None, lon: float | None, location_country: str | None,
                 location_precision: str | None, reports: int, independent_origins: int,
                 first_published: str | None, summary_json: str, version: int = 1, state: str = "current") -> None:
    """Write an incident's rebuilt summary (its ``version``) and the columns that its listings sort and filter on."""
    store.conn.execute(
        """UPDATE incidents SET modality = ?, date = ?, date_precision = ?, lat = ?, lon = ?, location_country = ?,
               location_precision = ?, reports = ?, independent_origins = ?, first_published = ?, summary_json = ?,
               updated_at = ?, version = ?, state = ? WHERE id = ?""",
        (modality, date, date_precision, lat, lon, location_country, location_precision, reports,
         independent_origins, first_published, summary_json, _now(), version, state, incident_id))


def merge_into(store: Store, survivor: int, other: int) -> bool:
    """Move every report of incident ``other`` into ``survivor`` and widen its dates; True when
    ``other`` was stored before (it keeps its row, to be marked merged), False when it was made in
    this transaction and never summarised (its row is deleted: no record of it was ever given out)."""
    # a report (event, document) is in one incident only (the primary key): moving cannot collide
    store.conn.execute("UPDATE incident_reports SET incident_id = ? WHERE incident_id = ?", (survivor, other))
    store.conn.execute(
        "UPDATE incidents SET date_min = (SELECT MIN(date_min) FROM incidents WHERE id IN (?, ?)), "
        "date_max = (SELECT MAX(date_max) FROM incidents WHERE id IN (?, ?)) WHERE id = ?",
        (survivor, other, survivor, other, survivor))
    row = store.conn.execute("SELECT summary_json FROM incidents WHERE id = ?", (other,)).fetchone()
    if row is not None and row["summary_json"] in (None, "{}"):
        store.conn.execute("DELETE FROM incidents WHERE id = ?", (other,))
        return False
    return row is not None


def set_summary_json(store: Store, incident_id: int, summary_json: str) -> None:
    store.conn.execute("UPDATE incidents SET summary_json = ? WHERE id = ?", (summary_json, incident_id))


def set_state(store: Store, incident_id: int, *, state: str, version: int) -> None:
    """An incident no longer current (its reports all superseded or retracted), as its ``version``."""
    store.conn.execute("UPDATE incidents SET state = ?, version = ?, reports = 0, independent_origins = 0, "
                       "updated_at = ? WHERE id = ?", (state, version, _now(), incident_id))


def incident_version(store: Store, incident_id: int) -> sqlite3.Row | None:
    """An incident's stored summary, version and state."""
    return store.conn.execute("SELECT summary_json, version, state FROM incidents WHERE id = ?",
                              (incident_id,)).fetchone()


def event_casualties(store: Store, document_id: str, event_seq: int) -> list[sqlite3.Row]:
    """The casualty figures tied to one event, in text order."""
    return store.conn.execute(
        'SELECT number, kind, qualifier, text, sentence, start, "end" FROM casualties WHERE document_id = ? '
        "AND event_seq = ? ORDER BY seq", (document_id, event_seq)).fetchall()


def claim_chain_over(store: Store, document_id: str, start: int, end: int) -> str | None:
    """The attribution chain (sources_json) of the narrowest claim that holds the span, else None."""
    row = store.conn.execute(
        'SELECT sources_json FROM claims WHERE document_id = ? AND start <= ? AND "end" >= ? '
        "AND sources_json != '[]' ORDER BY (\"end\" - start) LIMIT 1", (document_id, start, end)).fetchone()
    return row[0] if row else None
