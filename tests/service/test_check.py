"""`storyworld check [--repair]` through the service: each problem a store can hold is found, named,
and (where it can be) mended so that the store equals one that never had it."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from storyworld.corpus.update import update_incidents
from storyworld.errors import StoreError
from storyworld.service.check import check_store
from storyworld.store import Store
from storyworld.store.content import differences, store_content
from storyworld.store.migrations import LATEST, MIGRATIONS, _statements

TEXTS = ["Israel struck a site near Masyaf on Aug. 25.", "Israeli jets hit a weapons depot near Masyaf on Aug. 25.",
         "Israel struck a site near Aleppo on Aug. 27.", "Gunmen attacked a checkpoint near Homs on Aug. 26."]


def analyses(make_analysis):
    out = []
    for n, text in enumerate(TEXTS):
        base = make_analysis(text)
        out.append(replace(base, document=replace(base.document, outlet=f"Outlet {n}", published=f"2023-08-2{5 + n}")))
    return out


def clean_store(path, items) -> Store:
    store = Store.open(path)
    for analysis in items:
        with store.transaction():
            store.save(analysis)
            store.save_signature(analysis.document.id, b"\0" * 1024)
            update_incidents(store, [analysis.document.id])
    return store


def raw(path) -> sqlite3.Connection:
    """A plain connection without foreign keys: how damage gets in (an old version, a hand edit)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    return conn


def checks_of(report) -> dict[str, int]:
    return {f.check: f.count for f in report.findings}


def test_check_finds_nothing_in_a_sound_store(tmp_path, make_analysis):
    clean_store(tmp_path / "s.db", analyses(make_analysis)).close()
    report = check_store(tmp_path / "s.db")
    assert report.ok and report.schema_version == LATEST and report.repaired == []


def test_issue_25_check_repair_places_events_a_crash_left_outside_every_incident(tmp_path, make_analysis):
    """Was: killed between a document's commit and its incidents', its events stayed outside every
    incident for good. Such a store (written by an older version) is found and mended, and then
    equals a store that never crashed."""
    items = analyses(make_analysis)
    clean = clean_store(tmp_path / "clean.db", items)
    crashed = clean_store(tmp_path / "crashed.db", items[:-1])
    crashed.save(items[-1])  # the document committed, its incident assignment lost
    crashed.save_signature(items[-1].document.id, b"\0" * 1024)
    crashed.close()
    found = check_store(tmp_path / "crashed.db")
    assert checks_of(found) == {"unplaced-events": 1}
    mended = check_store(tmp_path / "crashed.db", repair=True)
    assert mended.ok and any("placed the events of 1 document" in line for line in mended.repaired)
    with Store.open(tmp_path / "crashed.db") as store:
        assert differences(store_content(clean), store_content(store)) == []
    clean.close()


def test_check_repair_drops_orphans_empty_incidents_and_rebuilds_summaries(tmp_path, make_analysis):
    items = analyses(make_analysis)
    clean_store(tmp_path / "s.db", items).close()
    conn = raw(tmp_path / "s.db")
    gone = items[0].document.id
    conn.execute("DELETE FROM documents WHERE id = ?", (gone,))  # its events, claims, reports … stay behind
    conn.close()
    found = checks_of(check_store(tmp_path / "s.db"))
    assert found["orphans"] >= 4 and "full-text" not in found  # the index follows `documents` by trigger
    mended = check_store(tmp_path / "s.db", repair=True)
    assert mended.ok, mended.findings
    assert any("orphan row(s) from events" in line for line in mended.repaired)
    with Store.open(tmp_path / "s.db") as store, Store.open(tmp_path / "without.db") as expected:
        for analysis in items[1:]:
            expected.save(analysis)
            expected.save_signature(analysis.document.id, b"\0" * 1024)
            update_incidents(expected, [analysis.document.id])
        got, want = store_content(store), store_content(expected)
        # the incidents the dropped document opened are gone; what the others hold is the same (the
        # changes log is the history of each store: it differs, as their histories do)
        assert differences({k: v for k, v in got.items() if k not in ("incidents", "changes")},
                           {k: v for k, v in want.items() if k not in ("incidents", "changes")}) == []
        assert sorted(r for r, _, _ in got["incidents"]) == sorted(r for r, _, _ in want["incidents"])


def test_check_repair_reindexes_the_full_text_and_writes_missing_signatures(tmp_path, make_analysis):
    clean_store(tmp_path / "s.db", analyses(make_analysis)).close()
    conn = raw(tmp_path / "s.db")
    conn.execute("DELETE FROM documents_fts WHERE rowid = 2")
    conn.execute("DELETE FROM minhashes WHERE rowid = 1")
    conn.close()
    assert checks_of(check_store(tmp_path / "s.db")) == {"full-text": 1, "signatures": 1}
    assert check_store(tmp_path / "s.db", repair=True).ok
    with Store.open(tmp_path / "s.db") as store:
        hits = store.conn.execute("SELECT COUNT(*) FROM documents_fts WHERE documents_fts MATCH 'Masyaf'").fetchone()
        assert hits[0] == 2


def test_check_reports_an_older_schema_and_repair_upgrades_it(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE _migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    for version, name, sql in MIGRATIONS[:-1]:
        for statement in _statements(sql):
            conn.execute(statement)
        conn.execute("INSERT INTO _migrations VALUES (?, ?, 'then')", (version, name))
        conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    found = check_store(path)
    assert checks_of(found) == {"schema": 1} and found.schema_version == LATEST - 1
    mended = check_store(path, repair=True)
    assert mended.ok and mended.schema_version == LATEST
    assert mended.repaired == [f"schema upgraded from version {LATEST - 1} to {LATEST}"]


def test_check_refuses_a_newer_schema_and_a_missing_file(tmp_path):
    Store.open(tmp_path / "future.db").close()
    conn = sqlite3.connect(tmp_path / "future.db", isolation_level=None)
    conn.execute("INSERT INTO _migrations VALUES (999, 'from the future', 'later')")
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(StoreError, match="E102"):
        check_store(tmp_path / "future.db")
    with pytest.raises(StoreError, match="E103"):
        check_store(tmp_path / "absent.db")


def test_check_reports_a_damaged_file_and_does_not_touch_it(tmp_path, make_analysis):
    path = tmp_path / "damaged.db"
    store = clean_store(path, [make_analysis(f"Israel struck site {n} near Masyaf on Aug. 25. " + "x" * 3000)
                               for n in range(30)])
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 10, page * 14):  # four pages in the middle: b-tree pages of some table
        data[offset] = 0x5A
    path.write_bytes(bytes(data))
    try:
        report = check_store(path, repair=True)
    except StoreError as exc:  # so damaged that it does not open at all
        assert "E101" in str(exc)
        return
    assert report.damaged and not report.ok and report.repaired == []
    assert report.findings[0].check == "integrity" and "E105" in report.findings[0].about
