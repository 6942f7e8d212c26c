"""Two real processes on one store (issue 25, items 4 and 5): writers serialize, readers never see
a document without its incidents, and a kill inside a document's incident assignment loses
nothing. The writers are ``concurrent_writer.py``: the service's own storing path, no model."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from storyworld.store import Store
from storyworld.store.content import differences, store_content

WRITER = Path(__file__).with_name("concurrent_writer.py")
SRC = Path(__file__).resolve().parents[2] / "src"


def writer(db: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.Popen([sys.executable, str(WRITER), str(db), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def finish(process: subprocess.Popen) -> tuple[str, str]:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err[-2000:]
    return out, err


def unplaced_events(store: Store) -> int:
    """Events of stored documents that sit in no incident (one statement: one snapshot)."""
    return store.conn.execute("SELECT COUNT(*) FROM events e WHERE NOT EXISTS "
                              "(SELECT 1 FROM incident_reports ir WHERE ir.event_id = e.id)").fetchone()[0]


def test_issue_25_two_ingests_of_the_same_documents_into_one_store_never_raise(tmp_path):
    """Was: IntegrityError: UNIQUE constraint failed: documents.id (has_document checked outside
    the transaction)."""
    db = tmp_path / "shared.db"
    first, second = writer(db, "--documents", "120"), writer(db, "--documents", "120")
    (out_a, err_a), (out_b, err_b) = finish(first), finish(second)
    assert "Traceback" not in err_a + err_b
    statuses = [line.split()[0] for line in (out_a + out_b).splitlines()]
    assert statuses.count("added") == 120 and statuses.count("exists") == 120
    with Store.open(db) as store:
        assert store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 120
        assert unplaced_events(store) == 0


def test_issue_25_two_ingests_of_different_documents_both_land_whole(tmp_path):
    db = tmp_path / "shared.db"
    first, second = writer(db, "--documents", "80", "--seed", "1"), writer(db, "--documents", "80", "--seed", "2")
    finish(first), finish(second)
    with Store.open(db) as store:
        assert store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 160
        assert store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 800
        assert unplaced_events(store) == 0


def test_issue_25_a_reader_never_sees_a_document_outside_its_incidents(tmp_path):
    """Was: the document and its events committed first, their incidents in a second transaction."""
    db = tmp_path / "read-while-writing.db"
    Store.open(db).close()
    process = writer(db, "--documents", "150", "--events", "8")
    seen = []
    with Store.open(db, readonly=True) as store:
        while process.poll() is None:
            seen.append(unplaced_events(store))
    finish(process)
    assert seen and set(seen) == {0}


def test_issue_25_a_kill_inside_incident_assignment_loses_nothing(tmp_path):
    """Was: killed between the document's commit and its incidents', the events stayed outside every
    incident for good, and a re-run said "already stored"."""
    clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"
    finish(writer(clean, "--documents", "6"))
    process = writer(killed, "--documents", "6", "--pause-in-incidents", "60")
    line = process.stdout.readline()
    assert line.startswith("in-incidents"), line
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    with Store.open(killed) as store:
        assert unplaced_events(store) == 0  # the document is wholly there, or wholly not
    finish(writer(killed, "--documents", "6"))
    with Store.open(clean) as a, Store.open(killed) as b:
        assert differences(store_content(a), store_content(b)) == []
