"""What ``storyworld check`` asks of a store, and the repairs that only delete or re-index.

Each read is one statement over the whole store: SQLite's own integrity check, the rows whose
foreign key points at nothing (``PRAGMA foreign_key_check``: events, claims, places … without
their document, incident reports without their event or incident), full-text rows out of step
with the documents, events that belong in an incident but sit in none, near-duplicate copies not
linked to their original's incidents, incidents with no report or a summary that counts other
reports than it has, analysed documents without a near-duplicate signature, and the schema
version. The repairs that need the corpus (placing events, rebuilding summaries, signatures) are
the service's (``service.check``).
"""

from __future__ import annotations

from collections import Counter

from .db import Store
from .migrations import LATEST, applied_versions, schema_version

MAX_INTEGRITY_LINES = 20


def integrity_errors(store: Store) -> list[str]:
    """SQLite's ``integrity_check`` lines other than "ok" (a damaged file; nothing here mends it)."""
    lines = [r[0] for r in store.conn.execute(f"PRAGMA integrity_check({MAX_INTEGRITY_LINES})")]
    return [line for line in lines if line != "ok"]


def fts_damaged(store: Store) -> bool:
    """Whether the full-text index fails its own check (its b-trees against its content); it needs
    a writable connection, so only a repair asks."""
    import sqlite3

    try:
        store.conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')")
    except sqlite3.DatabaseError:
        return True
    return False


def rebuild_fts(store: Store) -> None:
    store.conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')")


def orphans(store: Store) -> Counter:
    """(table, the table it points to) → rows whose foreign key finds no row there."""
    return Counter((r[0], r[2]) for r in store.conn.execute("PRAGMA foreign_key_check"))


def drop_orphans(store: Store) -> Counter:
    """Delete every row whose foreign key finds nothing, until none is left (dropping an event
    orphans its countries and sources, which go in the next round); what went, by table. Inside a
    transaction only."""
    dropped: Counter = Counter()
    # an orphan event still has children of its own: check the constraints at COMMIT, when all are gone
    store.conn.execute("PRAGMA defer_foreign_keys = ON")
    while True:
        rows = [(r[0], r[1]) for r in store.conn.execute("PRAGMA foreign_key_check") if r[1] is not None]
        if not rows:
            return dropped
        for table, rowid in rows:
            store.conn.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
            dropped[table] += 1


def fts_out_of_step(store: Store) -> tuple[int, int]:
    """(indexed rows of no document, documents not indexed). Since schema 5 the index reads its
    text from ``documents`` (external content), so the rows it holds are those of its own
    ``_docsize`` table; before, it kept its own copy (``_content``)."""
    has_own_copy = store.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'documents_fts_content'").fetchone() is not None
    indexed = "SELECT rowid AS id FROM documents_fts" if has_own_copy else "SELECT id FROM documents_fts_docsize"
    extra = store.conn.execute(f"SELECT COUNT(*) FROM ({indexed}) WHERE id NOT IN "
                               "(SELECT rowid FROM documents)").fetchone()[0]
    missing = store.conn.execute(f"SELECT COUNT(*) FROM documents WHERE rowid NOT IN ({indexed})").fetchone()[0]
    return extra, missing


def mend_fts(store: Store) -> tuple[int, int]:
    """Rebuild the full-text index from ``documents`` when it is out of step; the two counts it had."""
    extra, missing = fts_out_of_step(store)
    if extra or missing:
        rebuild_fts(store)
    return extra, missing


def unplaced_documents(store: Store, modalities: tuple[str, ...]) -> list[str]:
    """Stored documents with a current event of these modalities in no incident, in the order they
    were stored (a superseded or retracted event has left its incidents on purpose)."""
    placeholders = ",".join("?" * len(modalities))
    return [r[0] for r in store.conn.execute(
        "SELECT d.id FROM documents d WHERE EXISTS (SELECT 1 FROM events e WHERE e.document_id = d.id "
        f"AND e.state = 'current' AND e.modality IN ({placeholders}) AND NOT EXISTS "
        "(SELECT 1 FROM incident_reports ir WHERE ir.event_id = e.id AND ir.document_id = d.id)) "
        "ORDER BY d.rowid", modalities)]


def unlinked_copies(store: Store) -> list[str]:
    """Near-duplicate copies missing from an incident that their original reports in."""
    return [r[0] for r in store.conn.execute(
        "SELECT c.id FROM documents c WHERE c.duplicate_of IS NOT NULL AND EXISTS ("
        "  SELECT 1 FROM incident_reports o WHERE o.document_id = c.duplicate_of AND o.duplicate_of IS NULL"
        "  AND NOT EXISTS (SELECT 1 FROM incident_reports ir WHERE ir.event_id = o.event_id"
        "                  AND ir.document_id = c.id)) ORDER BY c.rowid")]


def empty_incidents(store: Store) -> list[int]:
    """Current incidents without a report (one whose reports were all superseded or retracted keeps
    its history: it is no longer current, not empty)."""
    return [r[0] for r in store.conn.execute(
        "SELECT id FROM incidents i WHERE i.state = 'current' AND NOT EXISTS "
        "(SELECT 1 FROM incident_reports ir WHERE ir.incident_id = i.id) ORDER BY id")]


def drop_empty_incidents(store: Store) -> int:
    return store.conn.execute(
        "DELETE FROM incidents WHERE state = 'current' AND id NOT IN (SELECT incident_id FROM incident_reports)"
    ).rowcount


def stale_incidents(store: Store) -> list[int]:
    """Incidents whose summary counts other reports than they hold (a summary never rebuilt)."""
    return [r[0] for r in store.conn.execute(
        "SELECT i.id FROM incidents i WHERE i.reports != (SELECT COUNT(*) FROM incident_reports ir "
        "JOIN events e ON e.id = ir.event_id JOIN documents d ON d.id = ir.document_id WHERE ir.incident_id = i.id) "
        "ORDER BY i.id")]


def unsigned_documents(store: Store) -> list[tuple[str, str]]:
    """(id, text) of analysed documents without a near-duplicate signature (their copies would go unseen)."""
    return [(r[0], r[1]) for r in store.conn.execute(
        "SELECT id, text FROM documents WHERE status = 'analysed' AND id NOT IN (SELECT document_id FROM minhashes) "
        "ORDER BY rowid")]


def schema_state(store: Store) -> tuple[int, set[int], int]:
    """(``user_version``, the versions ``_migrations`` records, the newest this storyworld knows)."""
    return schema_version(store.conn), applied_versions(store.conn), LATEST
