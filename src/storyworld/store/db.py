"""Store: one SQLite file (WAL) holding documents and everything extracted from them.

``save(analysis)`` is idempotent by content hash and transactional per document: re-ingesting
the same text adds nothing, and a failure half-way leaves nothing half-written.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..contract.serialize import to_dict
from ..errors import Errors, StoreError
from ..types import Analysis, Document, Source
from .migrations import migrate
from .transaction import transaction

DEFAULT_DB = "storyworld.db"


@dataclass(frozen=True)
class SaveResult:
    document_id: str
    status: str  # "added" | "exists" | "duplicate" | "skipped"
    events: int = 0


class Store:
    def __init__(self, conn: sqlite3.Connection, path: str):
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, path: str | Path = DEFAULT_DB, *, create: bool = True, readonly: bool = False) -> "Store":
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
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA cache_size = -65536")  # 64 MiB of page cache: large stores stay index lookups
            if not readonly:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
                migrate(conn, path=str(path))
            else:
                conn.execute("SELECT COUNT(*) FROM documents").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(Errors.E101.format(path=path, detail=exc)) from exc
        return cls(conn, str(path))

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def transaction(self):
        """BEGIN IMMEDIATE … COMMIT around a unit of work that must land whole (or ROLLBACK)."""
        return transaction(self.conn)

    # -- writes ---------------------------------------------------------------------------

    def has_document(self, document_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone() is not None

    def save(self, analysis: Analysis) -> SaveResult:
        """Store one analysed document with all its parts, or nothing if it is already there."""
        document = analysis.document
        if self.has_document(document.id):
            return SaveResult(document.id, "exists")
        obj = to_dict(analysis)
        with transaction(self.conn):
            self._insert_document(document, status="analysed", analysis_json=json.dumps(obj, ensure_ascii=False),
                                  stages=",".join(analysis.stages))
            self._insert_parts(analysis)
        return SaveResult(document.id, "added", events=len(analysis.events))

    def save_unanalysed(self, document: Document, *, status: str, reason: str | None = None,
                        duplicate_of: str | None = None) -> SaveResult:
        """Store a document that is kept but not analysed (another language, a near-duplicate)."""
        if self.has_document(document.id):
            return SaveResult(document.id, "exists")
        with transaction(self.conn):
            self._insert_document(document, status=status, status_reason=reason, duplicate_of=duplicate_of)
            self._insert_removed(document)
        return SaveResult(document.id, status)

    def save_signature(self, document_id: str, signature: bytes) -> None:
        self.conn.execute("INSERT OR IGNORE INTO minhashes (document_id, signature) VALUES (?, ?)",
                          (document_id, signature))

    def iter_signatures(self):
        yield from self.conn.execute("SELECT m.document_id, m.signature FROM minhashes m JOIN documents d "
                                     "ON d.id = m.document_id ORDER BY d.rowid")

    def _insert_document(self, document: Document, *, status: str, status_reason: str | None = None,
                         duplicate_of: str | None = None, analysis_json: str | None = None,
                         stages: str | None = None) -> None:
        cur = self.conn.execute(
            """INSERT INTO documents (id, url, outlet, title, author, published, published_source, language,
                   origin, status, status_reason, duplicate_of, text, stages, analysis_json, ingested_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (document.id, document.url, document.outlet, document.title, document.author, document.published,
             document.published_source, document.language, document.origin, status, status_reason, duplicate_of,
             document.text, stages, analysis_json, datetime.now(timezone.utc).isoformat(timespec="seconds")),
        )
        self.conn.execute("INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)",
                          (cur.lastrowid, document.title or "", document.text))

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
                       date, date_precision, evidence, evidence_start, evidence_end, sources_json, sort_date)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (doc_id, seq, e.type, e.mode, e.cameo, e.acled, e.modality, e.trigger,
                 a and a.text, a and a.name, a and a.country, a and a.role,
                 t and t.text, t and t.name, t and t.country, t and t.role,
                 loc and loc.text, loc and loc.name, loc and loc.geonameid, loc and loc.lat, loc and loc.lon,
                 loc and loc.country, loc and loc.precision,
                 e.date, e.date_precision, e.evidence.text, e.evidence.start, e.evidence.end,
                 json.dumps([{"name": s.name, "kind": s.kind} for s in e.sources], ensure_ascii=False),
                 e.date or analysis.document.published),
            )
            countries = {c for c in (a and a.country, t and t.country, loc and loc.country) if c}
            self.conn.executemany(
                "INSERT INTO event_countries (event_id, country, sort_date) VALUES (?, ?, ?)",
                [(cur.lastrowid, c, e.date or analysis.document.published) for c in sorted(countries)],
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
