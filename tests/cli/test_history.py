"""Issue 27's surfaces on the command line: current records by default, --state, --changed-since,
`storyworld history`, and the version columns of the exports, over one page stored twice at its URL."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest
from click.testing import CliRunner

from storyworld.cli import cli
from storyworld.store.queries import changed_after

URL = "https://lakeside.example/2025/05/02/market-attack"  # conftest's VERSIONED_URL


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture()
def db(versioned_store):
    return versioned_store


@pytest.mark.slow
def test_events_list_current_versions_unless_asked(db):
    current = json.loads(run("events", "--db", db, "--format", "json").output)
    every = json.loads(run("events", "--db", db, "--format", "json", "--state", "all").output)
    old = json.loads(run("events", "--db", db, "--format", "json", "--state", "superseded").output)
    assert current["events"] and {e["state"] for e in current["events"]} == {"current"}
    assert {e["version"] for e in current["events"]} == {2}
    assert old["events"] and {e["state"] for e in old["events"]} == {"superseded"}
    assert every["total"] == current["total"] + old["total"]
    assert any("eleven" in (e["evidence"] or "") for e in current["events"])
    assert not any("eleven" in (e["evidence"] or "") for e in old["events"])
    incidents = json.loads(run("incidents", "--db", db, "--format", "json").output)["incidents"]
    assert incidents and all(len(i["reports"]) >= 1 for i in incidents)
    stats = json.loads(run("stats", "--db", db, "--format", "json").output)
    assert stats["events"] == current["total"] and stats["events_all"] == every["total"]


@pytest.mark.slow
def test_changed_since(db):
    conn = sqlite3.connect(db)
    latest = conn.execute("SELECT MAX(updated_at) FROM events").fetchone()[0]
    first = conn.execute("SELECT MIN(at) FROM changes").fetchone()[0]
    conn.close()
    before = json.loads(run("events", "--db", db, "--format", "json", "--changed-since", first).output)
    after = json.loads(run("events", "--db", db, "--format", "json", "--changed-since", latest).output)
    assert before["total"] >= 1 and after["total"] == 0
    day = json.loads(run("incidents", "--db", db, "--format", "json", "--changed-since", "2000-01-01").output)
    assert day["incidents"]
    future = json.loads(run("incidents", "--db", db, "--format", "json", "--changed-since", "2999-01-01").output)
    assert future["incidents"] == []
    bad = run("events", "--db", db, "--changed-since", "yesterday")
    assert bad.exit_code == 2 and "E407" in bad.output and "yesterday" in bad.output


@pytest.mark.slow
def test_history_of_an_incident_an_event_and_a_document(db):
    conn = sqlite3.connect(db)
    incident = conn.execute("SELECT id FROM incidents WHERE version > 1 ORDER BY id LIMIT 1").fetchone()[0]
    later = conn.execute("SELECT id, first_id FROM events WHERE first_id IS NOT NULL ORDER BY id LIMIT 1").fetchone()
    page = conn.execute("SELECT version_of FROM documents WHERE version_of IS NOT NULL").fetchone()[0]
    conn.close()
    shown = run("history", incident, "--db", db)
    assert shown.exit_code == 0 and f"incident {incident}: 2 version(s)" in shown.output
    assert "v2 revised" in shown.output and "Lakeside Herald" in shown.output and URL in shown.output
    assert "casualties 4 killed" in shown.output and "casualties 11 killed" in shown.output
    versions = json.loads(run("history", incident, "--db", db, "--format", "json").output)
    assert [v["version"] for v in versions] == [1, 2] and "casualties" in versions[1]["fields"]
    assert versions[1]["cause"]["url"] == URL
    # a later version's id gives the event's whole history, keyed by its first version
    event = json.loads(run("history", later[0], "--record", "event", "--db", db, "--format", "json").output)
    assert [v["version"] for v in event] == [1, 2] and {v["id"] for v in event} == {str(later[1])}
    document = run("history", page[:10], "--db", db)
    assert document.exit_code == 0 and f"document {page}: 2 version(s)" in document.output
    missing = run("history", "987654", "--db", db)
    assert missing.exit_code == 1 and "E408" in missing.output and len(missing.output.strip().splitlines()) == 1


@pytest.mark.slow
def test_exports_end_with_version_updated_at_and_state(db):
    events = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", "-q", "--db", db).output)))
    assert events and list(events[0])[-3:] == ["version", "updated_at", "state"]
    assert {(e["version"], e["state"]) for e in events} == {("2", "current")}
    incidents = list(csv.DictReader(io.StringIO(
        run("export", "--what", "incidents", "--format", "csv", "-q", "--db", db).output)))
    assert incidents and list(incidents[0])[-3:] == ["version", "updated_at", "state"]
    assert incidents[0]["version"] == "2" and incidents[0]["updated_at"].startswith("20")


def test_changed_after_orders_second_and_microsecond_times():
    conn = sqlite3.connect(":memory:")

    def after(stored: str, since: str) -> bool:
        return bool(conn.execute(f"SELECT {changed_after('x')} FROM (SELECT ? AS x)", (since, stored)).fetchone()[0])

    since = "2026-12-07T08:00:00.500000+00:00"
    assert after("2026-12-07T08:00:00.500001+00:00", since)
    assert not after("2026-12-07T08:00:00.500000+00:00", since)
    assert not after("2026-12-07T07:59:59.999999+00:00", since)
    # a time written to the second may lie anywhere in that second: listed rather than missed
    assert after("2026-12-07T08:00:00+00:00", since)
    assert not after("2026-12-07T07:59:59+00:00", since)
    assert after("2026-12-07T08:00:01+00:00", since)


@pytest.mark.slow
def test_export_state_and_changed_since(db):
    def rows(*args):
        return list(csv.DictReader(io.StringIO(run("export", "--format", "csv", "-q", "--db", db, *args).output)))

    assert len(rows("--state", "all")) > len(rows()) and {e["state"] for e in rows("--state", "superseded")} == {
        "superseded"}
    assert rows("--changed-since", "2999-01-01") == [] and rows("--changed-since", "2000-01-01")
