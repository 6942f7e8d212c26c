"""The one error envelope for every failure, the unexpected ones included (issue 25, item 7)."""

from __future__ import annotations

import pytest

from storyworld import service

ENVELOPE = {"ok", "error", "errors", "status"}
E088 = ("[E088] Text of length 1000001 exceeds maximum of 1000000. The parser and NER models require roughly "
        "1GB of temporary memory per 100,000 characters in the input.")


def assert_envelope(response, status: int):
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == ENVELOPE and body["ok"] is False and body["status"] == status
    return body


@pytest.fixture()
def client(fresh_store, api_client):
    return api_client(fresh_store.path, allow_ingest=True)


def post(client, path, content: bytes):
    token = client.get("/api/token").json()["token"]
    return client.post(path, content=content, headers={"X-Storyworld-Token": token, "Content-Type": "text/plain"})


@pytest.mark.parametrize("path,name", [("/api/analyze", "analyze_text"), ("/api/ingest", "ingest_text")])
def test_errors_unexpected_exception_is_an_envelope_without_traceback(fresh_store, api_client, monkeypatch, path,
                                                                       name):
    """spaCy's E088 (a text over 1,000,000 characters) escaped as a plain-text 500; any exception a
    route does not expect now answers with the envelope, naming the request, and no traceback."""

    def fail(*_args, **_kwargs):
        raise ValueError(E088)

    monkeypatch.setattr(service, name, fail)
    client = api_client(fresh_store.path, allow_ingest=True, analysis_processes=0)  # in-process: patched
    body = assert_envelope(post(client, path, b"Israel struck a site near Homs on Aug. 26."), 500)
    assert path in body["error"] and "ValueError" in body["error"]
    assert "Traceback" not in body["error"] and "E088" not in body["error"]  # details stay in the server's log


def test_errors_unknown_route_and_method(client):
    assert_envelope(client.get("/api/nothing"), 404)
    token = client.get("/api/token").json()["token"]
    assert_envelope(client.delete("/api/events", headers={"X-Storyworld-Token": token}), 405)


@pytest.mark.slow  # runs the spaCy model
@pytest.mark.parametrize("path", ["/api/analyze", "/api/ingest"])
def test_errors_text_over_the_parsers_limit(client, path):
    """1,000,001+ characters (under the body cap) used to end in spaCy's E088 as a plain-text 500:
    now the analysis, or the envelope with a coded line."""
    r = post(client, path, ("Israel struck a weapons site near Homs. " * 25_001).encode())
    assert r.headers["content-type"].startswith("application/json")
    if r.status_code != 200:
        body = assert_envelope(r, r.status_code)
        assert body["error"].startswith("[E")
