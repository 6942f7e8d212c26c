"""A store's content, free of the row ids that SQLite hands out, so two stores can be compared:
a clean run's and one killed and resumed (``benchmarks/kill_ingest.py``), or the same corpus
ingested before and after a change that must not move anything.

Every row is keyed by what it is (a document by its content hash, an event by its document and
position, an incident by the reports it holds), never by an autoincrement id; the columns that
record when a row was written (``ingested_at``, ``updated_at``, the log's ``at``) and those that
hold another row's autoincrement id (an event's versions, a change's record) are left out.
"""

from __future__ import annotations

import json
from typing import Any

from .db import Store

# the columns of each per-document table that identify a row within its document
_PARTS = {"removed": "seq", "actors": "seq", "places": "seq", "times": "seq"}


def _rows(store: Store, sql: str, params: tuple = ()) -> list[tuple]:
    return [tuple(r) for r in store.conn.execute(sql, params)]


def _columns(store: Store, table: str, *, leave_out: tuple[str, ...] = ()) -> list[str]:
    return [r["name"] for r in store.conn.execute(f"PRAGMA table_info({table})") if r["name"] not in leave_out]


def store_content(store: Store) -> dict[str, Any]:
    """Everything a store holds, as sorted lists of plain values (equal content ⇔ equal dicts)."""
    out: dict[str, Any] = {}
    cols = _columns(store, "documents", leave_out=("ingested_at", "updated_at"))
    out["documents"] = sorted(_rows(store, f"SELECT {', '.join(cols)} FROM documents"), key=repr)
    out["documents_fts"] = sorted(_rows(
        store, "SELECT d.id, f.title, f.text FROM documents_fts f LEFT JOIN documents d ON d.rowid = f.rowid"),
        key=repr)
    for table, key in _PARTS.items():
        out[table] = sorted(_rows(store, f"SELECT * FROM {table} ORDER BY document_id, {key}"), key=repr)
    out["sources"] = sorted(_rows(store, "SELECT name, kind FROM sources"))
    event_cols = ", ".join(f"e.{c}" for c in _columns(
        store, "events", leave_out=("id", "updated_at", "first_id", "previous_id", "superseded_by")))
    out["events"] = sorted(_rows(store, f"SELECT {event_cols} FROM events e"), key=repr)
    out["event_countries"] = sorted(_rows(
        store, "SELECT e.document_id, e.seq, ec.country, ec.sort_date, ec.type FROM event_countries ec "
               "LEFT JOIN events e ON e.id = ec.event_id"), key=repr)
    out["event_sources"] = sorted(_rows(
        store, "SELECT e.document_id, e.seq, es.position, s.name, s.kind FROM event_sources es "
               "LEFT JOIN events e ON e.id = es.event_id LEFT JOIN sources s ON s.id = es.source_id"), key=repr)
    claim_cols = ", ".join(f"c.{c}" for c in _columns(store, "claims", leave_out=("id",)))
    out["claims"] = sorted(_rows(store, f"SELECT {claim_cols} FROM claims c"), key=repr)
    out["claim_sources"] = sorted(_rows(
        store, "SELECT c.document_id, c.seq, cs.position, s.name, s.kind FROM claim_sources cs "
               "LEFT JOIN claims c ON c.id = cs.claim_id LEFT JOIN sources s ON s.id = cs.source_id"), key=repr)
    out["minhashes"] = sorted(_rows(store, "SELECT document_id, signature FROM minhashes"))
    out["incidents"] = _incidents(store)
    out["changes"] = sorted(_rows(store, "SELECT change, record, version, fields_json, cause_document_id FROM changes "
                                         "WHERE record = 'document' OR change != 'created'"), key=repr)
    out["schema"] = _rows(store, "SELECT version, name FROM _migrations ORDER BY version")
    return out


def _incidents(store: Store) -> list[tuple]:
    """Each incident as its reports (event document, event position, reporting document, original)
    and its columns and summary, with its own id taken out of the summary."""
    reports: dict[int, list[tuple]] = {}
    for r in store.conn.execute(
            "SELECT ir.incident_id, e.document_id, e.seq, ir.document_id, ir.duplicate_of FROM incident_reports ir "
            "LEFT JOIN events e ON e.id = ir.event_id"):
        reports.setdefault(r[0], []).append(tuple(r)[1:])
    cols = _columns(store, "incidents", leave_out=("id", "updated_at", "summary_json"))
    out = []
    for r in store.conn.execute(f"SELECT id, summary_json, {', '.join(cols)} FROM incidents"):
        summary = json.loads(r["summary_json"])
        summary.pop("id", None)
        out.append((sorted(reports.get(r["id"], []), key=repr), tuple(r)[2:],
                    json.dumps(summary, sort_keys=True, ensure_ascii=False)))
    return sorted(out, key=repr)


def differences(a: dict[str, Any], b: dict[str, Any], *, limit: int = 3) -> list[str]:
    """Lines naming what differs between two ``store_content`` results (empty when equal)."""
    lines = []
    for table in sorted(set(a) | set(b)):
        left, right = a.get(table, []), b.get(table, [])
        if left == right:
            continue
        only_a = [x for x in left if x not in right][:limit]
        only_b = [x for x in right if x not in left][:limit]
        lines.append(f"{table}: {len(left)} vs {len(right)} rows; only in the first: {only_a!r:.300}; "
                     f"only in the second: {only_b!r:.300}")
    return lines
