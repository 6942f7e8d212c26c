from __future__ import annotations

import sqlite3

import pytest

from storyworld.errors import StoreError
from storyworld.store import Store
from storyworld.store.migrations import LATEST


def test_db_open_applies_migrations_and_wal(tmp_path):
    store = Store.open(tmp_path / "s.db")
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    again = Store.open(tmp_path / "s.db")  # re-running migrations is a no-op
    assert again.conn.execute("SELECT COUNT(*) FROM _migrations").fetchone()[0] == LATEST
    again.close()


def test_db_save_is_idempotent(fresh_store, make_analysis):
    analysis = make_analysis()
    assert fresh_store.save(analysis).status == "added"
    assert fresh_store.save(analysis).status == "exists"
    counts = {t: fresh_store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
              for t in ("documents", "events", "claims", "sources", "event_sources", "removed")}
    assert counts == {"documents": 1, "events": 1, "claims": 1, "sources": 2, "event_sources": 2, "removed": 1}


def test_db_save_is_transactional(fresh_store, make_analysis, monkeypatch):
    analysis = make_analysis()

    def boom(self, analysis):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Store, "_insert_parts", boom)
    with pytest.raises(RuntimeError):
        fresh_store.save(analysis)
    assert fresh_store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0
    monkeypatch.undo()
    assert fresh_store.save(analysis).status == "added"


def test_db_sources_are_shared_between_documents(fresh_store, make_analysis):
    fresh_store.save(make_analysis("Israel struck a site near Masyaf on Aug. 25."))
    fresh_store.save(make_analysis("Israel struck another site near Homs on Aug. 26."))
    rows = fresh_store.conn.execute("SELECT name, claims, events, documents FROM source_counts ORDER BY name").fetchall()
    assert [tuple(r) for r in rows] == [("Ynet", 2, 2, 2), ("a source", 0, 2, 2)]


def test_db_rejects_a_file_that_is_not_sqlite(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("this is not a database, just words " * 50)
    with pytest.raises(StoreError, match="E101"):
        Store.open(bogus)


def test_db_refuses_a_newer_schema(tmp_path):
    path = tmp_path / "future.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _migrations VALUES (999, 'from the future', 'later')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="E102"):
        Store.open(path)


def test_db_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="E103"):
        Store.open(tmp_path / "absent.db", create=False)


def test_db_tables_are_plain_for_datasette(fresh_store):
    """Only SQLite's own column types: the file opens in Datasette and any client."""
    allowed = {"TEXT", "INTEGER", "REAL", "BLOB", ""}
    tables = [r[0] for r in fresh_store.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite_%'")]
    for table in tables:
        for col in fresh_store.conn.execute(f"PRAGMA table_info({table})"):
            assert col["type"] in allowed, (table, col["name"], col["type"])


def test_db_full_text_index_reads_documents_so_datasette_offers_search(fresh_store, make_analysis):
    """Datasette finds a table's search index by `content="documents"` in the FTS table's SQL
    (datasette.utils.detect_fts_sql); the triggers keep it in step with any client's writes."""
    fresh_store.save(make_analysis("Israel struck a site near Masyaf on Aug. 25."))
    conn = fresh_store.conn
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'documents_fts'").fetchone()[0]
    assert 'content="documents"' in sql
    detected = conn.execute("""SELECT name FROM sqlite_master WHERE rootpage = 0
        AND sql LIKE '%VIRTUAL TABLE%USING FTS%content="documents"%'""").fetchall()
    assert [tuple(r) for r in detected] == [("documents_fts",)]
    assert "documents_fts_content" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}  # no copy

    def hits(word):
        return conn.execute("SELECT d.id FROM documents d WHERE d.rowid IN "
                            "(SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)", (word,)).fetchall()

    assert len(hits("Masyaf")) == 1
    conn.execute("UPDATE documents SET title = 'Strike in Hama'")
    assert len(hits("Hama")) == 1
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DELETE FROM documents")
    assert hits("Masyaf") == [] and hits("Hama") == []


def test_db_migration_5_indexes_the_documents_of_an_older_store(tmp_path, make_analysis):
    import sqlite3

    from storyworld.store import Store
    from storyworld.store.migrations import MIGRATIONS, _statements

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE _migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    for version, name, sql in MIGRATIONS:
        if version >= 5:
            break
        for statement in _statements(sql):
            conn.execute(statement)
        conn.execute("INSERT INTO _migrations VALUES (?, ?, 'then')", (version, name))
        conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("INSERT INTO documents (id, title, text, status, ingested_at) VALUES ('a', 'T', 'Shelling in Homs', "
                 "'analysed', 'then')")
    conn.execute("INSERT INTO documents_fts (rowid, title, text) VALUES (1, 'T', 'Shelling in Homs')")
    conn.close()
    with Store.open(path) as store:
        found = store.conn.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'Homs'")
        assert [tuple(r) for r in found] == [(1,)]


def test_issue_28_migration_7_keeps_every_document_and_its_search(tmp_path, make_analysis):
    """Migration 7 (exact copies) adds the text's hash beside the id of every stored document; nothing
    is dropped and the full-text index still finds each one."""
    import sqlite3

    from storyworld.store import Store
    from storyworld.store.migrations import MIGRATIONS, _statements

    path = tmp_path / "v6.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE _migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    for version, name, sql in MIGRATIONS:
        if version > 6:
            break
        for statement in _statements(sql):
            conn.execute(statement)
        conn.execute("INSERT INTO _migrations VALUES (?, ?, 'then')", (version, name))
        conn.execute(f"PRAGMA user_version = {version}")
    for text in ("Israel struck a site near Masyaf on Aug. 25.", "Shells hit a camp near Goma on Friday."):
        analysis = make_analysis(text)
        conn.execute("INSERT INTO documents (id, text, title, status, ingested_at) VALUES (?, ?, ?, 'analysed', 'then')",
                     (analysis.document.id, text, "t"))
    conn.close()
    with Store.open(path) as store:
        rows = store.conn.execute("SELECT id, text_sha256 FROM documents").fetchall()
        assert len(rows) == 2 and all(r["id"] == r["text_sha256"] for r in rows)
        assert store.conn.execute("SELECT COUNT(*) FROM documents_fts WHERE documents_fts MATCH 'Goma'").fetchone()[0] == 1
        assert [r["id"] for r in store.same_text(rows[0]["id"])] == [rows[0]["id"]]


def test_db_migration_9_puts_each_event_type_beside_its_countries(tmp_path, make_analysis):
    """An older store's event_countries rows get their event's type, and type+country reads the new
    index; the events themselves are untouched."""
    import sqlite3

    from storyworld.store import Store
    from storyworld.store.queries import EventFilter, count_events

    path = tmp_path / "v8.db"
    with Store.open(path) as store:
        store.save(make_analysis("Israel struck a site near Masyaf on Aug. 25."))
    conn = sqlite3.connect(path, isolation_level=None)  # back to schema 8, as a store of the last release
    conn.execute("DROP INDEX event_countries_country_type")
    conn.execute("DROP INDEX events_not_current")
    conn.execute("ALTER TABLE event_countries DROP COLUMN type")
    conn.execute("DELETE FROM _migrations WHERE version = 9")
    conn.execute("PRAGMA user_version = 8")
    conn.close()
    with Store.open(path) as store:
        rows = store.conn.execute("SELECT country, type FROM event_countries ORDER BY country").fetchall()
        assert [tuple(r) for r in rows] == [("ISR", "ASSAULT"), ("SYR", "ASSAULT")]
        assert count_events(store, EventFilter(type="ASSAULT", country="SYR")) == 1
        plan = " ".join(r[3] for r in store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT e.id FROM event_countries ec JOIN events e ON e.id = ec.event_id "
            "WHERE ec.country = 'SYR' AND ec.type = 'ASSAULT' ORDER BY ec.sort_date DESC"))
        assert "event_countries_country_type" in plan
