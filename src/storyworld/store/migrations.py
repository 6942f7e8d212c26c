"""Ordered, recorded, re-runnable schema migrations.

Each migration runs once, inside a transaction, and is recorded in ``_migrations``; ``PRAGMA
user_version`` mirrors the newest applied version so tools can read it cheaply. Plain tables and
types only, so the file opens cleanly in Datasette and any SQLite client.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from typing import Callable

from ..errors import Errors, StoreError
from .transaction import LOCK_TIMEOUT_S, transaction

MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (1, "initial schema", """
CREATE TABLE documents (
    id TEXT PRIMARY KEY,            -- sha256 of text
    url TEXT, outlet TEXT, title TEXT, author TEXT,
    published TEXT,                 -- YYYY-MM-DD
    published_source TEXT,
    language TEXT,
    origin TEXT,                    -- the input it came from (path, URL, feed#n)
    status TEXT NOT NULL,           -- analysed | skipped | duplicate
    status_reason TEXT,
    duplicate_of TEXT REFERENCES documents(id),
    text TEXT NOT NULL,
    stages TEXT,                    -- versioned stage names, comma-separated
    analysis_json TEXT,             -- the storyworld.analysis/1 object
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_outlet ON documents(outlet);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_url ON documents(url);

CREATE TABLE removed (
    document_id TEXT NOT NULL REFERENCES documents(id), seq INTEGER NOT NULL,
    text TEXT NOT NULL, reason TEXT NOT NULL,
    PRIMARY KEY (document_id, seq)
);

CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL, kind TEXT NOT NULL,
    UNIQUE (name, kind)
);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id), seq INTEGER NOT NULL,
    type TEXT NOT NULL, mode TEXT, cameo TEXT, acled TEXT, modality TEXT NOT NULL, trigger TEXT,
    actor_text TEXT, actor_name TEXT, actor_country TEXT, actor_role TEXT,
    target_text TEXT, target_name TEXT, target_country TEXT, target_role TEXT,
    location_text TEXT, location_name TEXT, geonameid INTEGER, lat REAL, lon REAL,
    location_country TEXT, location_precision TEXT,
    date TEXT, date_precision TEXT,
    evidence TEXT NOT NULL, evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL,
    sources_json TEXT NOT NULL,     -- the chain, outermost first, as in the contract
    sort_date TEXT,                 -- date, else the publication date: the order of every listing
    UNIQUE (document_id, seq)
);
CREATE INDEX events_sort_date ON events(sort_date);
CREATE INDEX events_type ON events(type, sort_date);
CREATE INDEX events_modality ON events(modality, sort_date);
CREATE INDEX events_actor_country ON events(actor_country);
CREATE INDEX events_target_country ON events(target_country);
CREATE INDEX events_location_country ON events(location_country);

-- Every country an event involves (actor, target or location), once: the country filter reads
-- this index in date order instead of OR-ing three columns and sorting.
CREATE TABLE event_countries (
    event_id INTEGER NOT NULL REFERENCES events(id), country TEXT NOT NULL, sort_date TEXT,
    PRIMARY KEY (event_id, country)
);
CREATE INDEX event_countries_country ON event_countries(country, sort_date);

CREATE TABLE event_sources (
    event_id INTEGER NOT NULL REFERENCES events(id), position INTEGER NOT NULL,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    PRIMARY KEY (event_id, position)
);
CREATE INDEX event_sources_source ON event_sources(source_id);

CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id), seq INTEGER NOT NULL,
    text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    cue TEXT NOT NULL, direct INTEGER NOT NULL,
    quote TEXT, disputes INTEGER,
    sources_json TEXT NOT NULL,
    UNIQUE (document_id, seq)
);

CREATE TABLE claim_sources (
    claim_id INTEGER NOT NULL REFERENCES claims(id), position INTEGER NOT NULL,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    PRIMARY KEY (claim_id, position)
);
CREATE INDEX claim_sources_source ON claim_sources(source_id);

CREATE TABLE actors (
    document_id TEXT NOT NULL REFERENCES documents(id), seq INTEGER NOT NULL,
    text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    name TEXT, country TEXT, role TEXT, kind TEXT,
    PRIMARY KEY (document_id, seq)
);
CREATE INDEX actors_country ON actors(country);

CREATE TABLE places (
    document_id TEXT NOT NULL REFERENCES documents(id), seq INTEGER NOT NULL,
    text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    name TEXT, geonameid INTEGER, lat REAL, lon REAL, country TEXT, feature TEXT,
    PRIMARY KEY (document_id, seq)
);
CREATE INDEX places_geonameid ON places(geonameid);

CREATE TABLE times (
    document_id TEXT NOT NULL REFERENCES documents(id), seq INTEGER NOT NULL,
    text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    value TEXT, precision TEXT,
    PRIMARY KEY (document_id, seq)
);

CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, tokenize = 'porter unicode61');

CREATE VIEW source_counts AS
SELECT s.id, s.name, s.kind,
       (SELECT COUNT(*) FROM claim_sources cs WHERE cs.source_id = s.id) AS claims,
       (SELECT COUNT(*) FROM event_sources es WHERE es.source_id = s.id) AS events,
       (SELECT COUNT(*) FROM (
            SELECT c.document_id FROM claim_sources cs JOIN claims c ON c.id = cs.claim_id WHERE cs.source_id = s.id
            UNION
            SELECT e.document_id FROM event_sources es JOIN events e ON e.id = es.event_id WHERE es.source_id = s.id
        )) AS documents
FROM sources s;
"""),
)

MIGRATIONS += (
    (2, "incidents", """
CREATE TABLE incidents (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL, modality TEXT NOT NULL,
    date TEXT, date_precision TEXT,
    date_min TEXT, date_max TEXT,   -- range of the reports' dates (publication date when undated)
    lat REAL, lon REAL, location_country TEXT, location_precision TEXT,
    reports INTEGER NOT NULL, independent_origins INTEGER NOT NULL,
    first_published TEXT,
    summary_json TEXT NOT NULL,     -- one incident of storyworld.incidents/1
    updated_at TEXT NOT NULL
);
CREATE INDEX incidents_type_dates ON incidents(type, date_min, date_max);
CREATE INDEX incidents_origins ON incidents(independent_origins);

CREATE TABLE incident_reports (
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    event_id INTEGER NOT NULL REFERENCES events(id),
    document_id TEXT NOT NULL REFERENCES documents(id),
    duplicate_of TEXT REFERENCES documents(id),
    PRIMARY KEY (event_id, document_id)
);
CREATE INDEX incident_reports_incident ON incident_reports(incident_id);
CREATE INDEX incident_reports_document ON incident_reports(document_id);
"""),
    (3, "near-duplicate signatures", """
CREATE TABLE minhashes (
    document_id TEXT PRIMARY KEY REFERENCES documents(id),
    signature BLOB NOT NULL         -- 128 MinHash values (uint64) of the text's word 5-shingles
);
"""),
    (4, "claim content", """
ALTER TABLE claims ADD COLUMN content TEXT;           -- what is attributed: the complement of the cue
ALTER TABLE claims ADD COLUMN content_start INTEGER;
ALTER TABLE claims ADD COLUMN content_end INTEGER;
"""),
    # The full-text index reads its text from `documents` (an external-content FTS5 table, as
    # sqlite-utils' enable_fts makes it), so Datasette offers search on `documents` itself; the
    # triggers keep it in step with whatever writes `documents`, storyworld or any SQLite client.
    (5, "full-text index over documents (external content)", """
DROP TABLE documents_fts;
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content="documents", content_rowid="rowid", tokenize = 'porter unicode61');
INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text); END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); END;
CREATE TRIGGER documents_au AFTER UPDATE ON documents BEGIN INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text); END;
"""),
    (6, "casualty figures", """
CREATE TABLE casualties (
    document_id TEXT NOT NULL REFERENCES documents(id), seq INTEGER NOT NULL,
    text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,   -- the figure as written
    number INTEGER NOT NULL,        -- how many ("dozens" → 12, "at least 55" → 55)
    kind TEXT NOT NULL,             -- killed | wounded | detained | missing | displaced
    qualifier TEXT,                 -- at least | more than | about | up to | vague, else null
    sentence TEXT NOT NULL, sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
    event_seq INTEGER,              -- the event of the same document it counts (events.seq), else null
    PRIMARY KEY (document_id, seq)
);
CREATE INDEX casualties_event ON casualties(document_id, event_seq);
"""),
    # An article is its text and where it was published: the same text from another outlet or at
    # another URL is stored as its own document (id derived from text and URL/outlet), linked
    # `duplicate_of` its original. Every stored id so far is its text's hash, so the backfill keeps
    # every report; the full-text index is untouched (its update trigger is set aside meanwhile).
    (7, "exact copies: the text's hash beside the id", """
ALTER TABLE documents ADD COLUMN text_sha256 TEXT;    -- sha256 of text (the id, except for an exact copy)
DROP TRIGGER documents_au;
UPDATE documents SET text_sha256 = id;
CREATE TRIGGER documents_au AFTER UPDATE ON documents BEGIN INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text); END;
CREATE INDEX documents_text_sha256 ON documents(text_sha256);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
"""),
    # Nothing is overwritten: a page stored again at its URL with other text is the page's next
    # version (a new row, ``version_of`` its first), its events supersede the earlier version's
    # (kept, ``state`` superseded); a correction or retraction links the document it corrects;
    # every change to a document, event or incident is a row of ``changes``, with the document
    # that caused it and the record as it stood after it (``storyworld history``, the changes feed).
    (8, "versions, corrections and the changes log", """
DROP TRIGGER documents_au;
ALTER TABLE documents ADD COLUMN version_of TEXT;        -- the first stored version of the page (null: this is it)
ALTER TABLE documents ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE documents ADD COLUMN superseded_by TEXT;     -- the next version of the page, once stored
ALTER TABLE documents ADD COLUMN corrects TEXT;          -- the earlier document (same outlet) it corrects or retracts
ALTER TABLE documents ADD COLUMN correction TEXT;        -- update | correction | retraction
ALTER TABLE documents ADD COLUMN correction_note TEXT;   -- the sentence that says so
ALTER TABLE documents ADD COLUMN retracted TEXT;         -- why, once a later document retracted it
ALTER TABLE documents ADD COLUMN diff_json TEXT;         -- paragraphs added and removed since the previous version
ALTER TABLE documents ADD COLUMN updated_at TEXT;
UPDATE documents SET updated_at = ingested_at;
CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text); END;
CREATE INDEX documents_version_of ON documents(version_of);
CREATE INDEX documents_corrects ON documents(corrects);
ALTER TABLE events ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
-- state: current | superseded | retracted
ALTER TABLE events ADD COLUMN state TEXT NOT NULL DEFAULT 'current';
ALTER TABLE events ADD COLUMN state_reason TEXT;
ALTER TABLE events ADD COLUMN first_id INTEGER;          -- the first version of the event (null: this is it)
ALTER TABLE events ADD COLUMN previous_id INTEGER;       -- the version it revises
ALTER TABLE events ADD COLUMN superseded_by INTEGER;     -- the version that revises it
ALTER TABLE events ADD COLUMN updated_at TEXT;
UPDATE events SET updated_at = (SELECT d.ingested_at FROM documents d WHERE d.id = events.document_id);
CREATE INDEX events_updated_at ON events(updated_at);
CREATE INDEX events_first_id ON events(first_id);
ALTER TABLE incidents ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE incidents ADD COLUMN state TEXT NOT NULL DEFAULT 'current';
CREATE INDEX incidents_updated_at ON incidents(updated_at);
CREATE TABLE changes (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,               -- when it was recorded (UTC, microseconds)
    change TEXT NOT NULL,           -- created | revised | superseded | retracted | merged
    record TEXT NOT NULL,           -- document | event | incident
    record_id TEXT NOT NULL,        -- a page's first version, an event's first version, an incident
    version INTEGER NOT NULL,
    fields_json TEXT NOT NULL,      -- the names of the fields that changed
    cause_document_id TEXT, cause_url TEXT, cause_outlet TEXT,
    cause_sources_json TEXT,        -- the attribution chain of the report that caused it
    row_id TEXT,                    -- the stored row of this version (documents.id, events.id)
    state_json TEXT                 -- the record as it stood after this change
);
CREATE INDEX changes_record ON changes(record, record_id, seq);
CREATE INDEX changes_at ON changes(at);
CREATE INDEX changes_cause ON changes(cause_document_id);
DROP VIEW source_counts;
CREATE VIEW source_counts AS
SELECT s.id, s.name, s.kind,
       (SELECT COUNT(*) FROM claim_sources cs WHERE cs.source_id = s.id) AS claims,
       (SELECT COUNT(*) FROM event_sources es JOIN events e ON e.id = es.event_id
         WHERE es.source_id = s.id AND e.state = 'current') AS events,
       (SELECT COUNT(*) FROM (
            SELECT c.document_id FROM claim_sources cs JOIN claims c ON c.id = cs.claim_id WHERE cs.source_id = s.id
            UNION
            SELECT e.document_id FROM event_sources es JOIN events e ON e.id = es.event_id WHERE es.source_id = s.id
        )) AS documents
FROM sources s;
"""),
    # The event's type beside each of its countries: a filter on type and country then reads one
    # index range in date order (at 1 M events the country's range was scanned for the type). And
    # the few events that are not current, indexed alone: listings of current events leave out
    # their ids, which an index holds, rather than read every event's state from the table.
    (9, "event type beside its countries; the events not current", """
ALTER TABLE event_countries ADD COLUMN type TEXT;
UPDATE event_countries SET type = (SELECT e.type FROM events e WHERE e.id = event_countries.event_id);
CREATE INDEX event_countries_country_type ON event_countries(country, type, sort_date);
CREATE INDEX events_not_current ON events(state) WHERE state != 'current';
"""),
    # The event id inside the country indexes: a count of current events by country leaves out the
    # few not current by their ids, which it then reads off the index instead of looking up each
    # row (at 1 M events the count of one country's 78,000 events fell from 108 ms to a few ms);
    # likewise a count of a source's events reads their ids off the source index alone.
    (10, "event ids in the country and source indexes", """
DROP INDEX event_sources_source;
CREATE INDEX event_sources_source ON event_sources(source_id, event_id);
DROP INDEX event_countries_country;
CREATE INDEX event_countries_country ON event_countries(country, sort_date, event_id);
DROP INDEX event_countries_country_type;
CREATE INDEX event_countries_country_type ON event_countries(country, type, sort_date, event_id);
"""),
)

LATEST = MIGRATIONS[-1][0]


def applied_versions(conn: sqlite3.Connection) -> set[int]:
    """The versions recorded in ``_migrations`` (none in a new file)."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'").fetchone() is None:
        return set()
    return {row[0] for row in conn.execute("SELECT version FROM _migrations")}


def schema_version(conn: sqlite3.Connection) -> int:
    """The newest applied migration as ``PRAGMA user_version`` records it (0 for a new file)."""
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, *, path: str = "", lock_timeout: float = LOCK_TIMEOUT_S,
            on_wait: Callable[[str], None] | None = None) -> int:
    """Apply every migration not yet applied; return the schema version.

    Each runs in its own write transaction and is looked up again inside it, so two processes
    opening a new store at once apply it once (the second waits, then finds it done)."""
    if schema_version(conn) == LATEST and applied_versions(conn) == set(range(1, LATEST + 1)):
        return LATEST  # the usual case: nothing to write, no lock taken
    for version, name, sql in MIGRATIONS:
        with transaction(conn, path=path, lock_timeout=lock_timeout, on_wait=on_wait):
            conn.execute("CREATE TABLE IF NOT EXISTS _migrations "
                         "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
            done = applied_versions(conn)
            if done and max(done) > LATEST:
                raise StoreError(Errors.E102.format(path=path, found=max(done), known=LATEST))
            if version in done:
                continue
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO _migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )
            conn.execute(f"PRAGMA user_version = {int(version)}")
    return LATEST


def _statements(sql: str) -> list[str]:
    """Split a migration script on semicolons that end a statement (none occur inside strings here)."""
    out, current = [], []
    for line in sql.splitlines():
        stripped = line.split("--", 1)[0] if "--" in line and "'" not in line else line
        current.append(stripped)
        if stripped.rstrip().endswith(";"):
            statement = "\n".join(current).strip()
            if statement.strip(";").strip():
                out.append(statement)
            current = []
    rest = "\n".join(current).strip()
    if rest:
        out.append(rest)
    return out
