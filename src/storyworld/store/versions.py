"""The version columns' reads and writes, for ``corpus.versions`` and ``corpus.corrections`` (which
decide; this only stores), and the reads ``eval revisions`` checks them by.

Each function is one statement or a fixed few; none opens a transaction: the caller's decides
what lands together (a document, its versions and its incidents).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from .db import Store


# -- documents ---------------------------------------------------------------------------------

def document(store: Store, document_id: str) -> sqlite3.Row | None:
    """A stored document's text, place of publication and version columns."""
    return store.conn.execute(
        "SELECT id, url, outlet, title, published, status, text, version, version_of, superseded_by, corrects, "
        "correction, correction_note, retracted, diff_json FROM documents WHERE id = ?", (document_id,)).fetchone()


def removed_texts(store: Store, document_id: str) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT text FROM removed WHERE document_id = ? ORDER BY seq",
                                             (document_id,))]


def event_count(store: Store, document_id: str) -> int:
    return store.conn.execute("SELECT COUNT(*) FROM events WHERE document_id = ?", (document_id,)).fetchone()[0]


def latest_at(store: Store, urls: set[str]) -> list[sqlite3.Row]:
    """(id, url) of the documents at these URLs that no later version supersedes, newest first."""
    urls = sorted(urls)
    return store.conn.execute(
        f"SELECT id, url FROM documents WHERE url IN ({','.join('?' * len(urls))}) AND superseded_by IS NULL "
        "ORDER BY rowid DESC", urls).fetchall()


def set_page_version(store: Store, document_id: str, *, page: str, version: int, previous: str, correction: str,
                     note: str | None, diff_json: str, at: str) -> None:
    """``document_id`` is version ``version`` of ``page``, after ``previous`` (which it supersedes)."""
    store.conn.execute(
        "UPDATE documents SET version_of = ?, version = ?, corrects = ?, correction = ?, correction_note = ?, "
        "diff_json = ?, updated_at = ? WHERE id = ?",
        (page, version, previous, correction, note, diff_json, at, document_id))
    store.conn.execute("UPDATE documents SET superseded_by = ?, updated_at = ? WHERE id = ?", (document_id, at, previous))


def set_correction(store: Store, document_id: str, *, corrects: str, correction: str, note: str, at: str) -> None:
    store.conn.execute("UPDATE documents SET corrects = ?, correction = ?, correction_note = ?, updated_at = ? "
                       "WHERE id = ?", (corrects, correction, note, at, document_id))


def set_retracted(store: Store, document_id: str, *, reason: str, at: str) -> None:
    store.conn.execute("UPDATE documents SET retracted = ?, updated_at = ? WHERE id = ?", (reason, at, document_id))


def page_versions(store: Store, page: str) -> list[str]:
    """The ids of a page's stored versions, first to last."""
    return [r[0] for r in store.conn.execute(
        "SELECT id FROM documents WHERE id = ? OR version_of = ? ORDER BY version, rowid", (page, page))]


def outlet_documents(store: Store, document_id: str, *, outlet: str, published: str | None,
                     limit: int) -> list[sqlite3.Row]:
    """The outlet's latest documents (latest versions, published no later than ``published``) but
    this one, with their title and lead: the articles a notice may correct."""
    return store.conn.execute(
        "SELECT id, url, outlet, title, published, substr(text, 1, 1500) AS lead FROM documents "
        "WHERE id != ? AND superseded_by IS NULL AND (published IS NULL OR ? IS NULL OR published <= ?) "
        "AND lower(outlet) = lower(?) ORDER BY rowid DESC LIMIT ?",
        (document_id, published, published, outlet, limit)).fetchall()


# -- events ------------------------------------------------------------------------------------

def event(store: Store, event_id: int) -> sqlite3.Row:
    return store.conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()


def event_figures(store: Store, document_id: str, seq: int) -> list[sqlite3.Row]:
    return store.conn.execute("SELECT number, kind, qualifier, text FROM casualties WHERE document_id = ? "
                              "AND event_seq = ? ORDER BY seq", (document_id, seq)).fetchall()


def event_ids(store: Store, document_id: str, *, current: bool = False) -> list[int]:
    """A document's events in text order (only the current ones with ``current``)."""
    sql = "SELECT id FROM events WHERE document_id = ?" + (" AND state = 'current'" if current else "")
    return [r[0] for r in store.conn.execute(sql + " ORDER BY seq", (document_id,))]


def set_state(store: Store, event_id: int, *, state: str, reason: str | None, at: str,
              version: int | None = None) -> None:
    """An event's state (and, when given, its version: a state change of the same row)."""
    if version is None:
        store.conn.execute("UPDATE events SET state = ?, state_reason = ?, updated_at = ? WHERE id = ?",
                           (state, reason, at, event_id))
    else:
        store.conn.execute("UPDATE events SET state = ?, state_reason = ?, version = ?, updated_at = ? WHERE id = ?",
                           (state, reason, version, at, event_id))


def stamp(store: Store, document_id: str, at: str) -> None:
    """A new document's events: written now."""
    store.conn.execute("UPDATE events SET updated_at = ? WHERE document_id = ?", (at, document_id))


def set_revision(store: Store, old_id: int, new_id: int, *, first: int, version: int, reason: str, at: str) -> None:
    """``new_id`` is version ``version`` of the event whose first version is ``first``, after
    ``old_id``, which it supersedes."""
    store.conn.execute("UPDATE events SET first_id = ?, previous_id = ?, version = ?, updated_at = ? WHERE id = ?",
                       (first, old_id, version, at, new_id))
    store.conn.execute("UPDATE events SET state = 'superseded', state_reason = ?, superseded_by = ?, updated_at = ? "
                       "WHERE id = ?", (reason, new_id, at, old_id))


def move_reports(store: Store, old_id: int, old_document: str, new_id: int, new_document: str) -> list[int]:
    """The old event's own places in incidents given to the new one; the incidents' ids."""
    moved = [r[0] for r in store.conn.execute(
        "SELECT incident_id FROM incident_reports WHERE event_id = ? AND document_id = ?", (old_id, old_document))]
    for incident_id in moved:
        store.conn.execute("INSERT OR IGNORE INTO incident_reports (incident_id, event_id, document_id) "
                           "VALUES (?, ?, ?)", (incident_id, new_id, new_document))
    store.conn.execute("DELETE FROM incident_reports WHERE event_id = ? AND document_id = ?", (old_id, old_document))
    return moved


def leave_incidents(store: Store, event_id: int, document_id: str) -> list[int]:
    """The event's own report taken out of its incidents (its row stays); the incidents' ids."""
    left = [r[0] for r in store.conn.execute(
        "SELECT incident_id FROM incident_reports WHERE event_id = ? AND document_id = ?", (event_id, document_id))]
    store.conn.execute("DELETE FROM incident_reports WHERE event_id = ? AND document_id = ?", (event_id, document_id))
    return left


# -- what eval revisions reads ---------------------------------------------------------------------

EVENT_CORE = ("document_id", "seq", "type", "modality", "trigger", "actor_text", "target_text", "location_text",
              "date", "evidence", "sources_json")


def snapshot(store: Store) -> dict[str, Any]:
    """The rows that must never vanish nor change without a change in the log: documents' texts,
    events' content, incidents' summaries, and the log's count per record."""
    q = store.conn.execute
    return {
        "documents": {r["id"]: (r["text"], r["url"], r["outlet"]) for r in q("SELECT id, text, url, outlet FROM documents")},
        "events": {r["id"]: tuple(r[c] for c in EVENT_CORE) for r in q(f"SELECT id, {', '.join(EVENT_CORE)} FROM events")},
        "incidents": {r["id"]: r["summary_json"] for r in q("SELECT id, summary_json FROM incidents")},
        "changes": {(r["record"], r["record_id"]): r["n"] for r in
                    q("SELECT record, record_id, COUNT(*) AS n FROM changes GROUP BY record, record_id")},
        "log": q("SELECT COUNT(*) FROM changes").fetchone()[0],
    }


def change_log(store: Store) -> list[sqlite3.Row]:
    return store.conn.execute("SELECT * FROM changes ORDER BY seq").fetchall()


def document_figures(store: Store, document_id: str) -> list[sqlite3.Row]:
    """A document's casualty figures, each with the attribution chain of the event it counts and the document's title."""
    return store.conn.execute(
        "SELECT c.*, e.sources_json AS event_sources, d.title FROM casualties c LEFT JOIN events e "
        "ON e.document_id = c.document_id AND e.seq = c.event_seq JOIN documents d ON d.id = c.document_id "
        "WHERE c.document_id = ? ORDER BY c.seq",
        (document_id,)).fetchall()
