from __future__ import annotations

import json

import pytest


@pytest.fixture()
def client(fresh_store, make_analysis, api_client):
    fresh_store.save(make_analysis("Israel struck a site near Masyaf on Aug. 25, Ynet reported."))
    fresh_store.save(make_analysis("<script>alert(1)</script> Israel struck near Homs on Aug. 26."))
    return api_client(fresh_store.path)


def test_app_events_filters_and_formats(client):
    body = client.get("/api/events", params={"country": "SYR", "q": "Homs"}).json()
    assert body["ok"] and body["total"] == 1
    assert client.get("/api/events", params={"type": "PROTEST"}).json()["total"] == 0
    csv_text = client.get("/api/events", params={"format": "csv"}).text
    assert csv_text.splitlines()[0].startswith("id,document_id,event_date,date_start,date_end")
    geo = client.get("/api/events", params={"format": "geojson"}).json()
    assert len(geo["features"]) == 2
    one = client.get(f"/api/events/{body['events'][0]['id']}").json()
    assert one["event"]["evidence"].endswith("Aug. 26.")


def test_app_exports_build_the_same_rows_as_the_cli_export(client, fresh_store):
    """One CSV-row and one GeoJSON-feature builder (store.export) for the API, the CLI and `export`."""
    import csv
    import io

    from storyworld.store.export import export_csv, export_geojson

    out = io.StringIO()
    export_geojson(fresh_store, out)
    exported = sorted(json.loads(out.getvalue())["features"], key=lambda f: f["properties"]["id"])
    served = sorted(client.get("/api/events", params={"format": "geojson"}).json()["features"],
                    key=lambda f: f["properties"]["id"])
    assert served == exported and "seq" in served[0]["properties"]
    assert served[0]["properties"]["sources"][0] == {"name": "Ynet", "kind": "outlet"}
    out = io.StringIO()
    export_csv(fresh_store, out)
    by_id = lambda rows: sorted(rows, key=lambda r: int(r["id"]))  # noqa: E731
    api_rows = csv.DictReader(io.StringIO(client.get("/api/events", params={"format": "csv"}).text))
    assert by_id(api_rows) == by_id(csv.DictReader(io.StringIO(out.getvalue())))


def test_app_error_envelope(client):
    for path, status in [("/api/events/999999", 404), ("/api/documents/nope", 404), ("/api/nothing", 404)]:
        r = client.get(path)
        assert r.status_code == status
        assert set(r.json()) == {"ok", "error", "errors", "status"} and r.json()["ok"] is False
    bad = client.get("/api/events", params={"since": "yesterday", "limit": 0})
    assert bad.status_code == 400 and len(bad.json()["errors"]) == 2


@pytest.mark.parametrize("hostile", ["'; DROP TABLE events; --", "\" OR 1=1", "%", "NEAR(a b"])
def test_app_filters_are_parameterized(client, hostile):
    for param in ("actor", "source", "outlet", "q"):
        assert client.get("/api/events", params={param: hostile}).json()["total"] == 0
    assert client.get("/api/events").json()["total"] == 2


def with_token(client):
    """The client, sending the server's write token as a script would after GET /api/token."""
    client.headers["X-Storyworld-Token"] = client.get("/api/token").json()["token"]
    return client


@pytest.mark.slow  # runs the spaCy model
def test_app_is_read_only_unless_allowed(client, fresh_store, api_client):
    r = with_token(client).post("/api/ingest", content=b"Protesters marched in Nairobi on Monday, police said.")
    assert r.status_code == 403 and "--allow-ingest" in r.json()["error"]
    writable = with_token(api_client(fresh_store.path, allow_ingest=True))
    r = writable.post("/api/ingest", params={"published": "2025-03-03"},
                      content=b"Protesters marched in central Nairobi on Monday against new taxes, police said.")
    assert r.status_code == 200 and r.json()["status"] == "added"
    assert client.get("/api/stats").json()["documents"] == 3


@pytest.mark.slow  # runs the spaCy model
def test_app_analyze_is_size_capped_and_returns_the_contract(fresh_store, api_client):
    from storyworld.contract import validate

    client = with_token(api_client(fresh_store.path, max_body_bytes=2000))
    r = client.post("/api/analyze", params={"published": "2023-09-01"},
                    content="Israel struck a weapons site near Masyaf on Friday, state media reported.".encode())
    assert r.status_code == 200
    validate(r.json())
    assert client.post("/api/analyze", content=b"x" * 5000).status_code == 413
    assert client.post("/api/analyze", content=b"   ").status_code == 422
    french = "Les manifestants ont défilé dans les rues de Paris samedi pour protester contre la réforme, selon la police."
    r = client.post("/api/analyze", content=french.encode())  # the service's language check, as the CLI's
    assert r.status_code == 422 and "E008" in r.json()["error"]


def test_app_rate_limit(fresh_store, api_client):
    client = api_client(fresh_store.path, rate=0.001, burst=3)
    codes = [client.get("/api/stats").status_code for _ in range(5)]
    assert codes[:3] == [200] * 3 and codes[3:] == [429, 429]


def test_app_no_cors_by_default(client):
    r = client.get("/api/stats", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers


def test_app_openapi_lists_the_resources(client):
    paths = set(client.get("/openapi.json").json()["paths"])
    assert {"/api/events", "/api/documents", "/api/incidents", "/api/claims", "/api/sources", "/api/places",
            "/api/stats", "/api/analyze"} <= paths


def test_app_events_total_is_true_at_any_size(synthetic_store, api_client):
    """Issue 26: with 1,078 events the page read "1078 of 1000 event(s)": the total was capped."""
    client = api_client(synthetic_store(1078))
    body = client.get("/api/events", params={"limit": 10}).json()
    assert body["total"] == 1078 and len(body["events"]) == 10
    country = body["events"][0]["actor_country"]
    filtered = client.get("/api/events", params={"limit": 1, "country": country}).json()
    assert 0 < filtered["total"] < 1078


def test_app_timeline_counts_every_match_by_day(synthetic_store, api_client):
    client = api_client(synthetic_store(6000))
    body = client.get("/api/timeline").json()
    assert body["undated"] == 0 and sum(n for _, _, n in body["days"]) == 6000
    assert [d for d, _, _ in body["days"]] == sorted(d for d, _, _ in body["days"])
    country = client.get("/api/events", params={"limit": 1}).json()["events"][0]["actor_country"]
    total = client.get("/api/events", params={"limit": 1, "country": country, "since": "2022-01-01"}).json()["total"]
    by_country = client.get("/api/timeline", params={"country": country, "since": "2022-01-01"}).json()
    assert sum(n for _, _, n in by_country["days"]) == total > 0


def test_app_incident_explain_is_the_cli_explanation(fresh_store, make_analysis, api_client):
    """Issue 28: /api/incidents/{id}/explain answers what `storyworld incidents --explain ID` prints."""
    from storyworld.corpus.explain import explain_incident
    from storyworld.corpus.update import update_incidents

    analysis = make_analysis("Israel struck a site near Masyaf on Aug. 25, Ynet reported.")
    fresh_store.save(analysis)
    update_incidents(fresh_store, [analysis.document.id])
    (incident_id,) = [r[0] for r in fresh_store.conn.execute("SELECT id FROM incidents")]
    client = api_client(fresh_store.path)
    body = client.get(f"/api/incidents/{incident_id}/explain").json()
    assert body["ok"] and body["explain"] == json.loads(json.dumps(explain_incident(fresh_store, incident_id)))
    assert body["explain"]["joined"][0]["how"] == "first"
    missing = client.get("/api/incidents/999/explain")
    assert missing.status_code == 404 and missing.json()["ok"] is False
