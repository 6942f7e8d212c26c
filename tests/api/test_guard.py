"""What the API refuses before any route runs (issue 25, item 7): a Host it does not serve (DNS
rebinding), a cross-site or token-less write, a body past the cap while it is being read; and the
security headers on every response."""

from __future__ import annotations

import re
import select
import socket
from urllib.parse import urlsplit

import pytest

from storyworld.web import STATIC_DIR

ENVELOPE = {"ok", "error", "errors", "status"}
ARTICLE = b"Protesters marched in central Nairobi on Monday against new taxes, police said."


@pytest.fixture()
def client(fresh_store, make_analysis, api_client):
    fresh_store.save(make_analysis("Israel struck a site near Masyaf on Aug. 25, Ynet reported."))
    return api_client(fresh_store.path, allow_ingest=True)


def token_of(client) -> str:
    return client.get("/api/token").json()["token"]


def assert_refused(response, status: int, *words: str):
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == ENVELOPE and body["ok"] is False
    for word in words:
        assert word in body["error"], body["error"]


# --- Host allow-list (DNS rebinding) -----------------------------------------------------------

@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.evil",
                                  "10.0.0.1:8000", "[::2]:8000", "", "127.0.0.1:8000@evil.example"])
def test_guard_rebound_host_is_refused(client, host):
    r = client.get("/api/stats", headers={"Host": host})
    assert_refused(r, 400, "Host")


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost:8000", "LOCALHOST", "localhost.",
                                  "[::1]:8000", "[::1]"])
def test_guard_local_hosts_are_served(client, host):
    assert client.get("/api/stats", headers={"Host": host}).status_code == 200


def test_guard_host_given_to_serve_is_served(fresh_store, api_client):
    client = api_client(fresh_store.path, hosts=("storyworld.lan", "192.168.1.20"))
    assert client.get("/api/stats", headers={"Host": "storyworld.lan:8000"}).status_code == 200
    assert client.get("/api/stats", headers={"Host": "192.168.1.20"}).status_code == 200
    assert client.get("/api/stats", headers={"Host": "other.lan"}).status_code == 400


def test_guard_rebound_host_gets_no_token(client):
    assert_refused(client.get("/api/token", headers={"Host": "evil.example"}), 400, "Host")


# --- cross-site writes -------------------------------------------------------------------------

def test_guard_cross_site_ingest_stores_nothing(client, fresh_store):
    """The issue's request: a form-like text/plain POST from evil.example, through a rebound name."""
    before = fresh_store.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    r = client.post("/api/ingest", content=ARTICLE, headers={
        "Content-Type": "text/plain", "Origin": "http://evil.example", "Host": "evil.example"})
    assert r.status_code in (400, 403)
    r = client.post("/api/ingest", content=ARTICLE, headers={  # right Host, foreign Origin
        "Content-Type": "text/plain", "Origin": "http://evil.example"})
    assert_refused(r, 403, "Origin")
    assert fresh_store.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == before


@pytest.mark.parametrize("headers,word", [
    ({"Origin": "http://evil.example"}, "Origin"),
    ({"Origin": "null"}, "Origin"),
    ({"Origin": "http://127.0.0.1:9999"}, "Origin"),  # another port is another origin
    ({"Origin": "http://["}, "Origin"),  # does not parse
    ({"Referer": "http://[::1"}, "Referer"),
    ({"Referer": "http://evil.example/page"}, "Referer"),
    ({"Sec-Fetch-Site": "cross-site"}, "cross-site"),
    ({"Sec-Fetch-Site": "same-site"}, "same-site"),
])
@pytest.mark.parametrize("path", ["/api/ingest", "/api/analyze"])
def test_guard_cross_site_posts_are_refused_even_with_the_token(client, path, headers, word):
    r = client.post(path, content=ARTICLE, headers={"X-Storyworld-Token": token_of(client), **headers})
    assert_refused(r, 403, word)


@pytest.mark.parametrize("token", [None, "", "wrong", "x" * 43])
@pytest.mark.parametrize("path", ["/api/ingest", "/api/analyze"])
def test_guard_posts_need_the_token(client, path, token):
    headers = {"Origin": "http://127.0.0.1:8000"} | ({} if token is None else {"X-Storyworld-Token": token})
    assert_refused(client.post(path, content=ARTICLE, headers=headers), 403, "GET /api/token")


@pytest.mark.parametrize("headers", [
    {},  # a script or curl: no Origin, no Referer
    {"Origin": "http://127.0.0.1:8000", "Sec-Fetch-Site": "same-origin"},  # the page itself
    {"Referer": "http://127.0.0.1:8000/docs"},
])
def test_guard_same_origin_post_with_the_token_reaches_the_route(client, headers):
    r = client.post("/api/ingest", content=b"   ", headers={"X-Storyworld-Token": token_of(client), **headers})
    assert_refused(r, 422, "empty body")  # the route's own check: the guard let it through


def test_guard_token_is_per_server_and_not_cached(client, fresh_store, api_client):
    r = client.get("/api/token")
    assert r.json()["header"] == "X-Storyworld-Token" and len(r.json()["token"]) >= 32
    assert "no-store" in r.headers["cache-control"]
    assert token_of(api_client(fresh_store.path)) != r.json()["token"]


@pytest.mark.parametrize("headers,word", [
    ({"Origin": "http://evil.example"}, "Origin"),
    ({"Sec-Fetch-Site": "cross-site"}, "cross-site"),  # e.g. <script src=…/api/token> on another site
    ({"Referer": "http://evil.example/"}, "Referer"),
])
def test_guard_token_is_refused_to_another_site(client, headers, word):
    assert_refused(client.get("/api/token", headers=headers), 403, word)


def test_guard_other_reads_allow_a_link_from_another_site(client):
    """A top-level link to the page from elsewhere is cross-site without Origin: still served."""
    r = client.get("/", headers={"Sec-Fetch-Site": "cross-site", "Referer": "http://news.example/"})
    assert r.status_code == 200


# --- security headers --------------------------------------------------------------------------

@pytest.mark.parametrize("method,path", [
    ("GET", "/"), ("GET", "/docs"), ("GET", "/openapi.json"), ("GET", "/api/stats"), ("GET", "/api/nothing"),
    ("GET", "/static/app.js"), ("GET", "/api/events?offset=-1"), ("POST", "/api/ingest"), ("GET", "/redoc"),
])
def test_guard_security_headers_on_every_response(client, method, path):
    r = client.request(method, path)
    csp = r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline'" not in \
        csp.split("script-src")[1].split(";")[0]
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "same-origin"


def test_guard_security_headers_on_a_rebound_host_and_a_crash(client, monkeypatch):
    from storyworld import service

    assert client.get("/api/stats", headers={"Host": "evil.example"}).headers["x-frame-options"] == "DENY"
    monkeypatch.setattr(service, "summarize", lambda _store: 1 / 0)
    r = client.get("/api/stats")
    assert r.status_code == 500 and r.headers["x-frame-options"] == "DENY"


def test_guard_page_and_docs_need_no_inline_script_and_no_network():
    """The CSP allows only same-origin scripts: no page may carry an inline <script> or load from a CDN."""
    for name in ("index.html", "docs.html"):
        html = (STATIC_DIR / name).read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), f"{name}: inline script"
        assert not re.search(r"\bon[a-z]+\s*=", html), f"{name}: inline event handler"
        assert not re.search(r"(src|href)=\"(https?:)?//", html), f"{name}: loads from another origin"


def test_guard_docs_are_served_from_vendored_files(client):
    html = client.get("/docs").text
    assert "swagger-ui" in html and "cdn" not in html.lower()
    for ref in re.findall(r"(?:src|href)=\"(/static/[^\"]+)\"", html):
        assert client.get(ref).status_code == 200, ref
    assert (STATIC_DIR / "vendor" / "LICENSE.swagger-ui-dist").exists()
    assert client.get("/redoc").status_code == 404  # ReDoc loads from a CDN: not served


# --- body cap ----------------------------------------------------------------------------------

def test_guard_declared_length_over_the_cap_is_refused_unread(fresh_store, api_client):
    client = api_client(fresh_store.path, allow_ingest=True, max_body_bytes=1000)
    r = client.post("/api/ingest", content=b"x" * 5000, headers={"X-Storyworld-Token": token_of(client)})
    assert_refused(r, 413, "1000")


def send_chunked(base_url: str, path: str, *, token: str, total: int, chunk: int = 64 * 1024) -> tuple[bytes, int]:
    """POST ``total`` bytes with Transfer-Encoding: chunked until the server answers or stops
    reading; (what it answered, how many bytes were sent)."""
    netloc = urlsplit(base_url).netloc
    host, port = netloc.rsplit(":", 1)
    head = (f"POST {path} HTTP/1.1\r\nHost: {netloc}\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n"
            f"X-Storyworld-Token: {token}\r\n\r\n").encode()
    piece = f"{chunk:x}\r\n".encode() + b"a" * chunk + b"\r\n"
    sent = 0
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head)
        sock.setblocking(False)
        pending = memoryview(b"")
        while sent < total:
            readable, writable, _ = select.select([sock], [sock], [], 5)
            if readable or not writable:  # an answer, or the server stopped reading
                break
            if not pending:
                pending = memoryview(piece)
            try:
                n = sock.send(pending)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent, pending = sent + n, pending[n:]
        sock.settimeout(10)
        if sent >= total:
            sock.sendall(b"0\r\n\r\n")
        answer = b""
        try:
            while b"\r\n\r\n" not in answer:
                data = sock.recv(65536)
                if not data:
                    break
                answer += data
        except (ConnectionResetError, TimeoutError):
            pass
    return answer, sent


@pytest.mark.parametrize("path", ["/api/ingest", "/api/analyze"])
def test_guard_chunked_body_stops_at_the_cap(fresh_store, live_server, path):
    """200 MB sent chunked (no Content-Length) were read whole before the 413; now reading stops
    at the cap: the server answers 413 long before the client could send it all."""
    import httpx

    base = live_server(fresh_store.path, allow_ingest=True, max_body_bytes=256 * 1024)
    token = httpx.get(f"{base}/api/token").json()["token"]
    answer, sent = send_chunked(base, path, token=token, total=200 * 1024 * 1024)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert sent < 64 * 1024 * 1024, f"sent {sent} bytes before the server answered"
