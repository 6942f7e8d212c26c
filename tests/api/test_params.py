"""Every parameter is validated before it reaches SQLite: bounded integers, real dates, no control
characters (issue 25, item 7: each of these was a plain-text 500 or silently accepted)."""

from __future__ import annotations

import pytest

HUGE = "99999999999999999999"  # past SQLite's 2**63 - 1
ENVELOPE = {"ok", "error", "errors", "status"}


@pytest.fixture()
def client(fresh_store, make_analysis, api_client):
    fresh_store.save(make_analysis("Israel struck a site near Masyaf on Aug. 25, Ynet reported."))
    return api_client(fresh_store.path)


def assert_refused(response, status: int = 400):
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == ENVELOPE and body["ok"] is False and body["status"] == status


@pytest.mark.parametrize("path", [
    f"/api/events?offset={HUGE}",
    f"/api/events/{HUGE}",
    f"/api/incidents?min_reports={HUGE}",
    f"/api/incidents?offset={HUGE}",
    f"/api/incidents/{HUGE}",
    f"/api/documents?offset={HUGE}",
    f"/api/claims?offset={HUGE}",
    f"/api/events?limit={HUGE}",
    "/api/events/-1",
    f"/api/events/{2**63}",
])
def test_params_integers_past_sqlite_range_are_refused(client, path):
    assert_refused(client.get(path))


def test_params_largest_id_is_a_plain_miss(client):
    r = client.get(f"/api/events/{2**63 - 1}")
    assert r.status_code == 404 and set(r.json()) == ENVELOPE


@pytest.mark.parametrize("param", ["since", "until"])
@pytest.mark.parametrize("value", ["2023-13-45", "2023-02-30", "2023-00-10", "0000-01-01", "2023-1-5"])
def test_params_dates_must_exist(client, param, value):
    r = client.get("/api/events", params={param: value})
    assert_refused(r)
    assert param in r.json()["errors"][0]["loc"]


def test_params_real_dates_pass(client):
    r = client.get("/api/events", params={"since": "2023-08-01", "until": "2024-02-29"})
    assert r.status_code == 200 and r.json()["total"] == 1


@pytest.mark.parametrize("value", ["a\x00b", "\x00", "Homs\x1b[31m", "a\x7fb"])
@pytest.mark.parametrize("param", ["q", "actor", "source", "outlet"])
def test_params_control_characters_are_refused(client, param, value):
    r = client.get("/api/events", params={param: value})
    assert_refused(r)
    assert "control character" in r.json()["errors"][0]["msg"]


def test_params_nul_in_q_on_incidents_and_claims(client):
    assert_refused(client.get("/api/incidents", params={"q": "a\x00b"}))
    assert_refused(client.get("/api/claims", params={"source": "a\x00b"}))


@pytest.mark.parametrize("params", [{"kind": "x" * 500}, {"only": "x" * 500}])
def test_params_claim_kinds_are_bounded(client, params):
    assert_refused(client.get("/api/claims", params=params))


def test_params_published_on_posts_must_exist(client):
    token = client.get("/api/token").json()["token"]
    r = client.post("/api/analyze", params={"published": "2023-13-45"}, content=b"Israel struck Homs.",
                    headers={"X-Storyworld-Token": token})
    assert_refused(r)
