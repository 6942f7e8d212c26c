"""Issue 27's surfaces in the API: current records by default, state=, changed_since=, and the
history of an incident, an event and a document (one page stored twice at its URL)."""

from __future__ import annotations

import sqlite3

import pytest

pytestmark = pytest.mark.slow  # runs the pipeline

URL = "https://lakeside.example/2025/05/02/market-attack"  # conftest's VERSIONED_URL


@pytest.fixture()
def db(versioned_store):
    return versioned_store


def test_listings_are_current_unless_asked(db, api_client):
    client = api_client(db)
    current = client.get("/api/events").json()
    every = client.get("/api/events?state=all").json()
    assert current["events"] and {e["state"] for e in current["events"]} == {"current"}
    assert every["total"] > current["total"]
    assert client.get("/api/events?state=deleted").status_code == 400
    days = client.get("/api/timeline?state=all").json()
    assert sum(n for _, _, n in days["days"]) + days["undated"] == every["total"]
    rows = client.get("/api/incidents?format=csv").text.splitlines()
    assert rows[0].endswith("version,updated_at,state") and rows[1].endswith(",current")


def test_changed_since(db, api_client):
    client = api_client(db)
    assert client.get("/api/events?changed_since=2000-01-01").json()["total"] >= 1
    assert client.get("/api/events?changed_since=2999-01-01T00:00:00Z").json()["total"] == 0
    assert client.get("/api/incidents?changed_since=2999-01-01").json()["incidents"] == []
    assert client.get("/api/incidents?changed_since=2000-01-01").json()["incidents"]
    bad = client.get("/api/events?changed_since=yesterday")
    assert bad.status_code == 400 and "changed_since" in bad.text and "not a date or time" in bad.text


def test_history_routes(db, api_client):
    client = api_client(db)
    conn = sqlite3.connect(db)
    incident = conn.execute("SELECT id FROM incidents WHERE version > 1 ORDER BY id LIMIT 1").fetchone()[0]
    later, first = conn.execute("SELECT id, first_id FROM events WHERE first_id IS NOT NULL LIMIT 1").fetchone()
    page = conn.execute("SELECT version_of FROM documents WHERE version_of IS NOT NULL").fetchone()[0]
    conn.close()
    body = client.get(f"/api/incidents/{incident}/history").json()
    assert body["ok"] and body["record"] == "incident" and [v["version"] for v in body["history"]] == [1, 2]
    figures = [[c["number"] for c in v["state"]["casualties"]] for v in body["history"]]
    assert 4 in figures[0] and 11 in figures[1]
    assert body["history"][1]["cause"]["url"] == URL
    event = client.get(f"/api/events/{later}/history").json()
    assert event["id"] == str(first) and len(event["history"]) == 2
    assert len(client.get(f"/api/documents/{page[:12]}/history").json()["history"]) == 2
    assert client.get("/api/incidents/987654/history").status_code == 404
    assert client.get("/api/events/987654/history").status_code == 404
    assert client.get("/api/documents/deadbeefdeadbeef/history").status_code == 404
    assert client.get("/api/documents/not-hex/history").status_code in (400, 422)
