"""Two real processes on one store (issue 25, items 4 and 5): writers serialize, readers never see
a document without its incidents, and a kill inside a document's incident assignment loses
nothing. The writers are ``concurrent_writer.py``: the service's own storing path, no model."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

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


def test_issue_25_reads_from_the_api_while_an_ingest_writes_all_succeed(tmp_path, live_server):
    """`storyworld serve` answering while another process ingests: no read fails or waits on the writer."""
    import httpx

    db = tmp_path / "served.db"
    base = live_server(db, rate=10_000, burst=10_000)
    process = writer(db, "--documents", "150", "--events", "8")
    statuses = []
    with httpx.Client(base_url=base, timeout=30) as client:
        while process.poll() is None:
            for path in ("/api/incidents?limit=5", "/api/events?limit=5", "/api/stats"):
                statuses.append(client.get(path).status_code)
    finish(process)
    assert statuses and set(statuses) == {200}


def test_a_writer_that_finds_the_lock_taken_says_so_once_and_waits(tmp_path):
    """W003 once when the first busy timeout passes; the write goes ahead when the lock frees."""
    import sqlite3
    import threading

    from storyworld.store.transaction import begin_immediate

    Store.open(tmp_path / "s.db").close()
    holder = sqlite3.connect(tmp_path / "s.db", isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    waiter = sqlite3.connect(tmp_path / "s.db", isolation_level=None)
    waiter.execute("PRAGMA busy_timeout = 50")
    told = []

    def release_after_a_message():
        while not told:
            threading.Event().wait(0.01)
        holder.execute("COMMIT")

    threading.Thread(target=release_after_a_message, daemon=True).start()
    begin_immediate(waiter, path="s.db", lock_timeout=60, on_wait=told.append)
    waiter.execute("COMMIT")
    assert len(told) == 1 and told[0].startswith("[W003] s.db: waiting for another writer")


def test_a_writer_gives_up_with_a_coded_error_when_the_lock_stays_taken(tmp_path):
    import sqlite3

    from storyworld.errors import StoreError
    from storyworld.store.transaction import begin_immediate

    Store.open(tmp_path / "s.db").close()
    holder = sqlite3.connect(tmp_path / "s.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    waiter = sqlite3.connect(tmp_path / "s.db", isolation_level=None)
    waiter.execute("PRAGMA busy_timeout = 20")
    with pytest.raises(StoreError, match=r"\[E104\] s.db: another process has held the store's write lock"):
        begin_immediate(waiter, path="s.db", lock_timeout=0.1)
    holder.execute("ROLLBACK")


REPO = Path(__file__).resolve().parents[2]


def cli(*args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(SRC), "HF_HUB_OFFLINE": "1"}
    return subprocess.Popen([sys.executable, "-m", "storyworld", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)


@pytest.mark.slow  # two real `storyworld ingest` processes with the model
def test_issue_25_two_storyworld_ingest_processes_into_one_store(tmp_path):
    db = tmp_path / "two.db"
    runs = [cli("ingest", "demo/articles", "--meta", "demo", "--db", str(db), "-q", "--format", "json")
            for _ in range(2)]
    outputs = [finish(run) for run in runs]
    assert all("Traceback" not in err and "error" not in err for _, err in outputs)
    added = [json.loads(out)["stored"] for out, _ in outputs]
    assert sum(added) == 29  # each article stored once, by one or the other
    checked = cli("check", "--db", str(db))
    out, _ = finish(checked)
    assert out.rstrip().endswith("sound")


@pytest.mark.slow  # `benchmarks/kill_ingest.py`, the short version: a few kill -9 points with the model
def test_issue_25_ingest_killed_with_sigkill_resumes_to_the_clean_store(tmp_path):
    run = subprocess.run([sys.executable, str(REPO / "benchmarks" / "kill_ingest.py"), "--kills", "3", "--seed", "1",
                          "--workdir", str(tmp_path)], capture_output=True, text=True, timeout=600,
                         env={**os.environ, "PYTHONPATH": str(SRC), "HF_HUB_OFFLINE": "1"})
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    summary = run.stdout.strip().splitlines()[-1]
    assert re.search(r"(\d+) of \1 resumed stores equal to the clean run", summary), summary
