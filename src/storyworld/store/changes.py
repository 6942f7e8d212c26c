"""The changes log: every change to a document, event or incident, with the report that made it.

Each row is one version of one record: what kind of change (created, revised, superseded,
retracted, merged), which fields changed, the document that caused it (with its URL, outlet and
the attribution chain of the report), and the record as it stood afterwards (``state_json``), so
that an earlier version stays readable after a later one. ``storyworld history`` reads it, and the
changes feed (``corpus.sync``) is its rows since a time. Functions here store and read; the
decisions are ``corpus.versions``'s and ``corpus.update``'s.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable

from .db import Store

CHANGES = ("created", "revised", "superseded", "retracted", "merged")
RECORDS = ("document", "event", "incident")


def now() -> str:
    """The time of a change: UTC to the microsecond, so that changes a moment apart sort apart."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def normalise_time(value: str) -> str:
    """A user's time ("2026-12-07", "2026-12-07T08:00", "…+01:00") in the log's form (UTC); raises
    ValueError for anything else."""
    moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Cause:
    """The report that made a change: its document, and the attribution chain it carried."""

    document_id: str | None
    url: str | None = None
    outlet: str | None = None
    sources: tuple[dict, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"document_id": self.document_id, "url": self.url, "outlet": self.outlet,
                "sources": list(self.sources)}


def cause_of(store: Store, document_id: str | None, sources: Iterable[dict] = ()) -> Cause:
    """The Cause for a stored document (its URL and outlet read from the store)."""
    if document_id is None:
        return Cause(None)
    row = store.conn.execute("SELECT url, outlet FROM documents WHERE id = ?", (document_id,)).fetchone()
    return Cause(document_id, row["url"] if row else None, row["outlet"] if row else None, tuple(sources))


def record_change(store: Store, *, change: str, record: str, record_id: str | int, version: int,
                  fields: Iterable[str], cause: Cause, row_id: str | int | None = None,
                  state: dict[str, Any] | None = None) -> int:
    """Write one change (inside the caller's transaction); its sequence number."""
    if change not in CHANGES or record not in RECORDS:
        raise ValueError(f"unknown change {change!r} of {record!r}")
    return store.conn.execute(
        "INSERT INTO changes (at, change, record, record_id, version, fields_json, cause_document_id, cause_url, "
        "cause_outlet, cause_sources_json, row_id, state_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (now(), change, record, str(record_id), version, json.dumps(list(fields)), cause.document_id, cause.url,
         cause.outlet, json.dumps(list(cause.sources), ensure_ascii=False),
         None if row_id is None else str(row_id),
         None if state is None else json.dumps(state, ensure_ascii=False, default=str))).lastrowid


def latest_version(store: Store, record: str, record_id: str | int) -> int:
    """The newest version of a record in the log (0 when the log has none)."""
    row = store.conn.execute("SELECT MAX(version) FROM changes WHERE record = ? AND record_id = ?",
                             (record, str(record_id))).fetchone()
    return row[0] or 0


def to_dict(row: sqlite3.Row, *, with_state: bool = True) -> dict[str, Any]:
    """A change row as the changes feed and ``history`` print it."""
    out = {"seq": row["seq"], "change": row["change"], "record": row["record"], "id": row["record_id"],
           "version": row["version"], "at": row["at"], "fields": json.loads(row["fields_json"]),
           "cause": {"document_id": row["cause_document_id"], "url": row["cause_url"], "outlet": row["cause_outlet"],
                     "sources": json.loads(row["cause_sources_json"] or "[]")},
           "row_id": row["row_id"]}
    if with_state:
        out["state"] = json.loads(row["state_json"]) if row["state_json"] else None
    return out


def history(store: Store, record: str, record_id: str | int) -> list[dict[str, Any]]:
    """Every version of one record, oldest first."""
    return [to_dict(r) for r in store.conn.execute(
        "SELECT * FROM changes WHERE record = ? AND record_id = ? ORDER BY seq", (record, str(record_id)))]


def changes_since(store: Store, since: str | None = None, *, after_seq: int = 0) -> list[sqlite3.Row]:
    """The log's rows recorded after ``since`` (a time in the log's form) and after ``after_seq``, in order."""
    sql, params = "SELECT * FROM changes WHERE seq > ?", [after_seq]
    if since:
        sql += " AND at > ?"
        params.append(since)
    return store.conn.execute(sql + " ORDER BY seq", params).fetchall()


def changes_caused_by(store: Store, document_id: str) -> list[dict[str, Any]]:
    """The changes a document caused, in order (without the records' states)."""
    return [to_dict(r, with_state=False) for r in store.conn.execute(
        "SELECT * FROM changes WHERE cause_document_id = ? ORDER BY seq", (document_id,))]
