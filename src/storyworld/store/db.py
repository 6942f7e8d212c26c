"""Store: one SQLite file (WAL) holding documents and everything extracted from them.

``save(analysis)`` is idempotent by content hash and transactional per document: re-ingesting
the same text adds nothing, and a failure half-way leaves nothing half-written. Whether the
document is already there is asked inside the write transaction, so two processes saving the
same document store it once. Writers serialize on SQLite's write lock (``store.transaction``);
readers (WAL) never wait for them and see each document whole or not at all.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

from ..body.document import document_id as text_hash
from ..contract.serialize import to_dict
from ..errors import Errors, StoreError
from ..types import Analysis, Document, Source
from .migrations import migrate as apply_migrations
from .transaction import LOCK_TIMEOUT_S, transaction

DEFAULT_DB = "storyworld.db"
BUSY_TIMEOUT_MS = 5000  # one wait for the write lock; a writer waits several of them (LOCK_TIMEOUT_S)
MAX_MEMO_ENTRIES = 100_000  # about 100 MB of remembered incident reports at most

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SaveResult:
    document_id: str
    status: str  # "added" | "exists" | "duplicate" | "skipped"
    events: int = 0


class Store:
    def __init__(self, conn: sqlite3.Connection, path: str, *, lock_timeout: float = LOCK_TIMEOUT_S,
                 on_wait: Callable[[str], None] | None = None):
        self.conn = conn
        self.path = path
        self.lock_timeout = lock_timeout
        # told (once per wait) when another writer holds the lock; the CLI prints it, else a log warning
        self.on_wait = on_wait or log.warning
        # values derived from stored rows, which never change once written (e.g. an event's incident
        # report with its context): kept for this connection, emptied whenever a transaction rolls back
        self.memo: dict[str, dict[Any, Any]] = {}

    @classmethod
    def open(cls, path: str | Path = DEFAULT_DB, *, create: bool = True, readonly: bool = False,
             migrate: bool = True, lock_timeout: float = LOCK_TIMEOUT_S,
             on_wait: Callable[[str], None] | None = None) -> "Store":
        """Open (and by default create and migrate) the store; ``migrate=False`` leaves an older
        schema as it is (``storyworld check`` reports it)."""
        path = Path(path)
        if not create and not path.exists():
            raise StoreError(Errors.E103.format(path=path))
        try:
            if readonly:
                conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None,
                                       check_same_thread=False)
            else:
                conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA cache_size = -65536")  # 64 MiB of page cache: large stores stay index lookups
            if not readonly:
                _wal(conn)
                conn.execute("PRAGMA synchronous = NORMAL")
                if migrate:
                    apply_migrations(conn, path=str(path), lock_timeout=lock_timeout, on_wait=on_wait or log.warning)
            else:
                conn.execute("SELECT COUNT(*) FROM documents").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(Errors.E101.format(path=path, detail=exc)) from exc
        return cls(conn, str(path), lock_timeout=lock_timeout, on_wait=on_wait)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT around a unit of work that must land whole (or ROLLBACK); a
        savepoint inside another. Waits for another writer (see ``store.transaction``)."""
        try:
            with transaction(self.conn, path=self.path, lock_timeout=self.lock_timeout,
                             on_wait=self.on_wait) as conn:
                yield conn
        except BaseException:
            self.memo.clear()  # it may hold values of rows that were just rolled back
            raise

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: every statement inside sees the store as of its first read (WAL)."""
        self.conn.execute("BEGIN")
        try:
            yield self.conn
        finally:
            self.conn.execute("COMMIT")

    def memo_table(self, name: str) -> dict[Any, Any]:
        """One named table of ``memo``."""
        return self.memo.setdefault(name, {})

    def trim_memo(self) -> None:
        """Empty the memo once it holds more than MAX_MEMO_ENTRIES values (between units of work)."""
        if sum(len(t) for t in self.memo.values()) > MAX_MEMO_ENTRIES:
            self.memo.clear()

    # -- writes ---------------------------------------------------------------------------

    def has_document(self, document_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone() is not None

    def same_text(self, text_sha256: str) -> list[sqlite3.Row]:
        """The stored documents whose text hashes to ``text_sha256`` (its first copy, then the
        exact copies from other outlets or URLs), with url, outlet, status and duplicate_of."""
        return self.conn.execute(
            "SELECT id, url, outlet, status, duplicate_of FROM documents WHERE text_sha256 = ? ORDER BY rowid",
            (text_sha256,)).fetchall()

    def save(self, analysis: Analysis) -> SaveResult:
        """Store one analysed document with all its parts, or nothing if it is already there."""
        document = analysis.document
        if self.has_document(document.id):  # committed (or ours): it stays, no need for the write lock
            return SaveResult(document.id, "exists")
        obj = to_dict(analysis)
        with self.transaction():
            if self.has_document(document.id):  # asked under the write lock: another writer may have stored it
                return SaveResult(document.id, "exists")
            self._insert_document(document, status="analysed", analysis_json=json.dumps(obj, ensure_ascii=False),
                                  stages=",".join(analysis.stages))
            self._insert_parts(analysis)
        return SaveResult(document.id, "added", events=len(analysis.events))

    def save_unanalysed(self, document: Document, *, status: str, reason: str | None = None,
                        duplicate_of: str | None = None) -> SaveResult:
        """Store a document that is kept but not analysed (another language, a near-duplicate)."""
        if self.has_document(document.id):
            return SaveResult(document.id, "exists")
        with self.transaction():
            if self.has_document(document.id):
                return SaveResult(document.id, "exists")
            self._insert_document(document, status=status, status_reason=reason, duplicate_of=duplicate_of)
            self._insert_removed(document)
        return SaveResult(document.id, status)

    def table_columns(self) -> dict[str, list[str]]:
        """Every table and view (virtual tables included, their shadow tables not) → its column names."""
        names = [r[0] for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'documents_fts_%' ORDER BY name")]
        return {name: [r[1] for r in self.conn.execute(f'PRAGMA table_info("{name}")')] for name in names}

    def save_signature(self, document_id: str, signature: bytes) -> None:
        self.conn.execute("INSERT OR IGNORE INTO minhashes (document_id, signature) VALUES (?, ?)",
                          (document_id, signature))

    def iter_signatures(self, *, after: int = 0):
        """(rowid, document id, signature) of the stored near-duplicate signatures, in the order their
        documents were stored; ``after`` a minhashes rowid, only those written since."""
        yield from self.conn.execute("SELECT m.rowid, m.document_id, m.signature FROM minhashes m JOIN documents d "
                                     "ON d.id = m.document_id WHERE m.rowid > ? ORDER BY d.rowid", (after,))

    def _insert_document(self, document: Document, *, status: str, status_reason: str | None = None,
                         duplicate_of: str | None = None, analysis_json: str | None = None,
                         stages: str | None = None) -> None:
        self.conn.execute(
            """INSERT INTO documents (id, url, outlet, title, author, published, published_source, language,
                   origin, status, status_reason, duplicate_of, text, stages, analysis_json, ingested_at,
                   text_sha256, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (document.id, document.url, document.outlet, document.title, document.author, document.published,
             document.published_source, document.language, document.origin, status, status_reason, duplicate_of,
             document.text, stages, analysis_json, datetime.now(timezone.utc).isoformat(timespec="seconds"),
             text_hash(document.text), _now()),
        )  # the full-text index follows by trigger (documents_ai)

    def _insert_removed(self, document: Document) -> None:
        self.conn.executemany(
            "INSERT INTO removed (document_id, seq, text, reason) VALUES (?, ?, ?, ?)",
            [(document.id, i, r.text, r.reason) for i, r in enumerate(document.removed)],
        )

    def _source_id(self, source: Source) -> int:
        self.conn.execute("INSERT OR IGNORE INTO sources (name, kind) VALUES (?, ?)", (source.name, source.kind))
        return self.conn.execute("SELECT id FROM sources WHERE name = ? AND kind = ?",
                                 (source.name, source.kind)).fetchone()[0]

    def _insert_parts(self, analysis: Analysis) -> None:
        doc_id = analysis.document.id
        self._insert_removed(analysis.document)
        for seq, e in enumerate(analysis.events):
            a, t, loc = e.actor, e.target, e.location
            cur = self.conn.execute(
                """INSERT INTO events (document_id, seq, type, mode, cameo, acled, modality, trigger,
                       actor_text, actor_name, actor_country, actor_role,
                       target_text, target_name, target_country, target_role,
                       location_text, location_name, geonameid, lat, lon, location_country, location_precision,
                       date, date_precision, evidence, evidence_start, evidence_end, sources_json, sort_date,
                       updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (doc_id, seq, e.type, e.mode, e.cameo, e.acled, e.modality, e.trigger,
                 a and a.text, a and a.name, a and a.country, a and a.role,
                 t and t.text, t and t.name, t and t.country, t and t.role,
                 loc and loc.text, loc and loc.name, loc and loc.geonameid, loc and loc.lat, loc and loc.lon,
                 loc and loc.country, loc and loc.precision,
                 e.date, e.date_precision, e.evidence.text, e.evidence.start, e.evidence.end,
                 json.dumps([{"name": s.name, "kind": s.kind} for s in e.sources], ensure_ascii=False),
                 e.date or analysis.document.published, _now()),
            )
            countries = {c for c in (a and a.country, t and t.country, loc and loc.country) if c}
            self.conn.executemany(
                "INSERT INTO event_countries (event_id, country, sort_date, type) VALUES (?, ?, ?, ?)",
                [(cur.lastrowid, c, e.date or analysis.document.published, e.type) for c in sorted(countries)],
            )
            self.conn.executemany(
                "INSERT INTO event_sources (event_id, position, source_id) VALUES (?, ?, ?)",
                [(cur.lastrowid, i, self._source_id(s)) for i, s in enumerate(e.sources)],
            )
        for seq, c in enumerate(analysis.claims):
            cur = self.conn.execute(
                """INSERT INTO claims (document_id, seq, text, start, "end", cue, direct, quote, disputes, sources_json,
                                      content, content_start, content_end)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (doc_id, seq, c.text, c.start, c.end, c.cue, int(c.direct), c.quote.text if c.quote else None,
                 c.disputes, json.dumps([{"name": s.name, "kind": s.kind, **({"office": s.office} if s.office else {})}
                                         for s in c.sources], ensure_ascii=False),
                 c.content.text if c.content else None, c.content.start if c.content else None,
                 c.content.end if c.content else None),
            )
            self.conn.executemany(
                "INSERT INTO claim_sources (claim_id, position, source_id) VALUES (?, ?, ?)",
                [(cur.lastrowid, i, self._source_id(s)) for i, s in enumerate(c.sources)],
            )
        self.conn.executemany(
            'INSERT INTO actors (document_id, seq, text, start, "end", name, country, role, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [(doc_id, i, x.text, x.start, x.end, x.name, x.country, x.role, x.kind) for i, x in enumerate(analysis.actors)],
        )
        self.conn.executemany(
            'INSERT INTO places (document_id, seq, text, start, "end", name, geonameid, lat, lon, country, feature) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc_id, i, p.text, p.start, p.end, p.name, p.geonameid, p.lat, p.lon, p.country, p.feature)
             for i, p in enumerate(analysis.places)],
        )
        self.conn.executemany(
            'INSERT INTO times (document_id, seq, text, start, "end", value, precision) VALUES (?, ?, ?, ?, ?, ?, ?)',
            [(doc_id, i, x.text, x.start, x.end, x.value, x.precision) for i, x in enumerate(analysis.times)],
        )
        self.conn.executemany(
            'INSERT INTO casualties (document_id, seq, text, start, "end", number, kind, qualifier, sentence, '
            "sentence_start, sentence_end, event_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc_id, i, c.text, c.start, c.end, c.number, c.kind, c.qualifier, c.sentence.text, c.sentence.start,
              c.sentence.end, c.event) for i, c in enumerate(analysis.casualties)],
        )


def _now() -> str:
    """When a row changed: UTC to the microsecond (the changes log's form, ``store.changes.now``)."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def _wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL (once per file). Two processes creating one store at the same moment can
    find the switch locked past the busy timeout; the first of them to get it is enough."""
    for _ in range(20):
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
    conn.execute("PRAGMA journal_mode = WAL")
