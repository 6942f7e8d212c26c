"""The changes feed: a store's changes since a time, as JSON lines another store can apply.

Each line is one change of the log (``store.changes``): ``{"change", "record", "id", "version",
"at", "fields", "cause": {"document_id", "url", "outlet", "sources"}, "seq", "row_id", "state"}``.
The last line of each record in the feed also carries ``rows``: the record's stored rows as they
stand at export (a page's document rows with their parts, an event's versions with their
countries and sources, an incident with its reports), so that a copy of the store taken at the
feed's time, given the feed (``import_changes``), ends equal to the store, row by row. Applying a
feed twice changes nothing; a store that has changes of its own since that time is refused.
"""

from __future__ import annotations

import json
from typing import IO, Any, Iterable, Iterator

from ..errors import Errors, InputError
from .changes import changes_since, to_dict
from .db import Store

SCHEMA_ID = "storyworld.changes/1"

# table → its key columns; "rowid" where the row's place in the table matters (listings read it in
# rowid order) and the table has no integer primary key of its own
KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("id",), "removed": ("document_id", "seq"), "minhashes": ("document_id",),
    "actors": ("document_id", "seq"), "places": ("document_id", "seq"), "times": ("document_id", "seq"),
    "casualties": ("document_id", "seq"), "claims": ("id",), "claim_sources": ("claim_id", "position"),
    "sources": ("id",), "events": ("id",), "event_countries": ("event_id", "country"),
    "event_sources": ("event_id", "position"), "incidents": ("id",), "incident_reports": ("event_id", "document_id"),
}
WITH_ROWID = ("documents", "incident_reports")
DOCUMENT_PARTS = ("removed", "minhashes", "actors", "places", "times", "casualties", "claims")
# the order rows are applied in: parents first (foreign keys are checked at commit anyway)
ORDER = ("sources", "documents", *DOCUMENT_PARTS, "claim_sources", "events", "event_countries", "event_sources",
         "incidents", "incident_reports")


def export_changes(store: Store, out: IO[str], since: str | None = None) -> int:
    """Write the changes recorded after ``since`` (the log's time form) as JSON lines; their number."""
    n = 0
    for line in feed(store, since):
        out.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


def feed(store: Store, since: str | None = None) -> Iterator[dict[str, Any]]:
    """The feed's lines, in the log's order, read in one snapshot."""
    with store.snapshot():
        rows = changes_since(store, since)
        last = {(r["record"], r["record_id"]): r["seq"] for r in rows}
        for r in rows:
            line = to_dict(r)
            line["schema"] = SCHEMA_ID
            if last[(r["record"], r["record_id"])] == r["seq"]:
                line["rows"] = record_rows(store, r["record"], r["record_id"])
            yield line


def record_rows(store: Store, record: str, record_id: str) -> dict[str, list[dict[str, Any]]]:
    """The stored rows of one record, by table."""
    q = store.conn.execute
    out: dict[str, list[dict[str, Any]]] = {}

    def add(table: str, sql: str, params: Iterable[Any]) -> list[dict[str, Any]]:
        rows = [_plain(r) for r in q(sql, tuple(params))]
        out.setdefault(table, []).extend(rows)
        return rows

    if record == "document":
        docs = add("documents", "SELECT rowid AS rowid, * FROM documents WHERE id = ? OR version_of = ? ORDER BY rowid",
                   (record_id, record_id))
        for d in docs:
            for table in DOCUMENT_PARTS:
                add(table, f"SELECT * FROM {table} WHERE document_id = ?", (d["id"],))
        claim_ids = [c["id"] for c in out.get("claims", [])]
        for claim_id in claim_ids:
            add("claim_sources", "SELECT * FROM claim_sources WHERE claim_id = ?", (claim_id,))
        _sources(store, out, "claim_sources")
    elif record == "event":
        events = add("events", "SELECT * FROM events WHERE id = ? OR first_id = ? ORDER BY id", (record_id, record_id))
        for e in events:
            add("event_countries", "SELECT * FROM event_countries WHERE event_id = ?", (e["id"],))
            add("event_sources", "SELECT * FROM event_sources WHERE event_id = ?", (e["id"],))
        _sources(store, out, "event_sources")
    elif record == "incident":
        add("incidents", "SELECT * FROM incidents WHERE id = ?", (record_id,))
        add("incident_reports", "SELECT rowid AS rowid, * FROM incident_reports WHERE incident_id = ? ORDER BY rowid",
            (record_id,))
    return out


def _sources(store: Store, out: dict[str, list[dict[str, Any]]], links: str) -> None:
    ids = sorted({r["source_id"] for r in out.get(links, [])})
    out["sources"] = [_plain(r) for i in ids for r in store.conn.execute("SELECT * FROM sources WHERE id = ?", (i,))]


def _plain(row) -> dict[str, Any]:
    value = dict(row)
    for k, v in value.items():
        if isinstance(v, bytes):
            value[k] = {"hex": v.hex()}
    return value


def import_changes(store: Store, lines: Iterable[str], *, name: str = "-") -> dict[str, int]:
    """Apply a changes feed to this store, in one transaction; counts of changes applied and already
    present. InputError (E030) names the first line that is no change of a feed, or a change that
    this store holds otherwise (a store with changes of its own since the feed's time)."""
    applied = present = 0
    with store.transaction() as conn:
        conn.execute("PRAGMA defer_foreign_keys = ON")
        for number, text in enumerate(lines, 1):
            if not text.strip():
                continue
            line = _parse(text, name=name, number=number)
            held = conn.execute("SELECT at, record, record_id, version FROM changes WHERE seq = ?",
                                (line["seq"],)).fetchone()
            if held is not None:
                if (held["at"], held["record"], held["record_id"], held["version"]) != (
                        line["at"], line["record"], str(line["id"]), line["version"]):
                    raise InputError(Errors.E030.format(
                        name=name, line=number, detail=f"change {line['seq']} differs from this store's: it has "
                                                       "changes of its own since the feed's time"), source=name)
                present += 1
            else:
                cause = line.get("cause") or {}
                conn.execute(
                    "INSERT INTO changes (seq, at, change, record, record_id, version, fields_json, cause_document_id, "
                    "cause_url, cause_outlet, cause_sources_json, row_id, state_json) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (line["seq"], line["at"], line["change"], line["record"], str(line["id"]), line["version"],
                     json.dumps(line.get("fields") or []), cause.get("document_id"), cause.get("url"),
                     cause.get("outlet"), json.dumps(cause.get("sources") or [], ensure_ascii=False),
                     line.get("row_id"),
                     None if line.get("state") is None else json.dumps(line["state"], ensure_ascii=False)))
                applied += 1
            if line.get("rows"):
                _apply_rows(store, line["record"], str(line["id"]), line["rows"])
    store.memo.clear()
    return {"applied": applied, "already_present": present}


def _parse(text: str, *, name: str, number: int) -> dict[str, Any]:
    try:
        line = json.loads(text)
    except ValueError as exc:
        raise InputError(Errors.E030.format(name=name, line=number, detail=f"not JSON ({exc})"), source=name) from None
    needed = ("seq", "at", "change", "record", "id", "version")
    if not isinstance(line, dict) or any(k not in line for k in needed):
        raise InputError(Errors.E030.format(name=name, line=number, detail="not a change of a storyworld changes feed "
                                            f"(it needs {', '.join(needed)})"), source=name)
    if line["record"] not in ("document", "event", "incident"):
        raise InputError(Errors.E030.format(name=name, line=number, detail=f"unknown record {line['record']!r}"),
                         source=name)
    return line


def _apply_rows(store: Store, record: str, record_id: str, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Make the record's stored rows those of the feed (insert or update each; an incident's reports
    are replaced whole: a report may have left it)."""
    conn = store.conn
    if record == "incident":
        conn.execute("DELETE FROM incident_reports WHERE incident_id = ?", (record_id,))
    for table in ORDER:
        for row in rows.get(table, []):
            _upsert(conn, table, {k: (bytes.fromhex(v["hex"]) if isinstance(v, dict) and "hex" in v else v)
                                  for k, v in row.items()})


def _upsert(conn, table: str, row: dict[str, Any]) -> None:
    if table not in KEYS:
        raise ValueError(f"no table {table!r} in a changes feed")
    columns = [c for c in row if c in _columns(conn, table) or (c == "rowid" and table in WITH_ROWID)]
    keys = KEYS[table]
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c not in keys and c != "rowid")
    if table == "incident_reports":  # its rows were just deleted: an old row in the way is one the source dropped
        conn.execute(f"INSERT OR REPLACE INTO {table} ({names}) VALUES ({marks})", [row[c] for c in columns])
        return
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT ({', '.join(keys)}) DO "
    sql += f"UPDATE SET {updates}" if updates else "NOTHING"
    conn.execute(sql, [row[c] for c in columns])


_COLUMNS: dict[str, set[str]] = {}


def _columns(conn, table: str) -> set[str]:
    if table not in _COLUMNS:
        _COLUMNS[table] = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
    return _COLUMNS[table]
