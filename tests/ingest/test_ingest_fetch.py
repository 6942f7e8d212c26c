"""URLs: fetched from a local http.server in a thread; private addresses refused unless allowed."""

from __future__ import annotations

import ast
import ipaddress
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from ingest.ingest_fixtures import article_page, rss_feed

from storyworld.errors import InputError
from storyworld.ingest import fetch, fetch_policy, iter_inputs

SRC = Path(__file__).resolve().parents[2] / "src" / "storyworld"


class Site(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        Site.requests.append(self.path)
        routes = {
            "/story.html": ("text/html; charset=utf-8", article_page("harbour").encode()),
            "/feed.rss": ("application/rss+xml", rss_feed([
                ("flood", "https://courier.example/flood", "Fri, 05 Jul 2024 10:00:00 +0000"),
                ("talks", "https://courier.example/talks", "Mon, 08 Jul 2024 08:00:00 +0000")]).encode()),
            "/latin1.txt": ("text/plain; charset=iso-8859-1",
                            "Caf\u00e9 owners in Lyon said on Monday that trade had recovered.".encode("latin-1")),
            "/logo.png": ("image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
            "/big.html": ("text/html", b"<p>" + b"word " * 2000 + b"</p>"),
        }
        if self.path.startswith("/redirect"):
            self.send_response(302)
            self.send_header("Location", self.path.split("to=", 1)[1])
            self.end_headers()
            return
        if self.path not in routes:
            self.send_error(404)
            return
        content_type, body = routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def pipeline():
    from storyworld.pipeline import Pipeline

    return Pipeline()


@pytest.mark.slow  # runs the spaCy model
def test_fetch_pages_and_feeds_end_to_end(site, fresh_store, pipeline):
    from storyworld.service import ingest

    urls = [f"{site}/story.html", f"{site}/feed.rss", f"{site}/redirect?to=/story.html"]
    with fetch_policy(allow_private_networks=True):
        report = ingest(urls, store=fresh_store, pipeline=pipeline)
        again = ingest(urls, store=fresh_store, pipeline=pipeline)
    assert (report.added, report.existing, report.failed) == (3, 1, []), report  # the redirect is the same page
    assert (again.added, again.existing) == (0, 4)
    rows = fresh_store.conn.execute("SELECT origin, url, outlet, published_source FROM documents ORDER BY origin")
    stored = {row[0]: row[1:] for row in rows}
    assert stored[f"{site}/story.html"][0] == f"{site}/story.html"
    assert stored[f"{site}/feed.rss#1"] == ("https://courier.example/flood", "The Daily Courier", "feed")


def test_fetch_content_type_size_and_charset(site):
    with fetch_policy(allow_private_networks=True):
        logo, big, missing, latin = iter_inputs(
            [f"{site}/logo.png", f"{site}/big.html", f"{site}/absent.html", f"{site}/latin1.txt"], max_bytes=5000)
    assert "[E014]" in str(logo) and "image/png" in str(logo)
    assert "[E005]" in str(big) and "[E014]" in str(missing) and "404" in str(missing)
    assert latin.media_type == "text/plain" and "Café".encode() in latin.raw


def test_fetch_refuses_loopback_unless_allowed(site):
    Site.requests.clear()
    (item,) = iter_inputs([f"{site}/story.html"])  # the default policy
    assert isinstance(item, InputError) and "[E013]" in str(item) and "127.0.0.1" in str(item)
    assert Site.requests == []  # refused before connecting


def test_fetch_rechecks_every_redirect(site, monkeypatch):
    # 127.0.0.1 stands in for a public address; the redirect goes to 127.0.0.2, a "private" one
    monkeypatch.setattr(fetch, "is_refused_address", lambda ip: str(ip) != "127.0.0.1")
    port = site.rsplit(":", 1)[1]
    (item,) = iter_inputs([f"{site}/redirect?to=http://127.0.0.2:{port}/story.html"])
    assert "[E013]" in str(item) and "127.0.0.2" in str(item)
    with fetch_policy(allow_private_networks=True):
        (item,) = iter_inputs([f"{site}/redirect?to=file:///etc/passwd"])
    assert isinstance(item, InputError) and "file:///etc/passwd" in str(item) and "not allowed" in str(item)


@pytest.mark.parametrize("address, refused", [
    ("127.0.0.1", True), ("10.1.2.3", True), ("172.16.0.9", True), ("192.168.1.1", True), ("169.254.169.254", True),
    ("100.64.0.1", True), ("0.0.0.0", True), ("240.0.0.1", True), ("224.0.0.1", True), ("::1", True),
    ("fe80::1", True), ("fc00::1", True), ("::ffff:127.0.0.1", True), ("93.184.215.14", False),
    ("2606:4700::1111", False),
])
def test_fetch_is_refused_address(address, refused):
    assert fetch.is_refused_address(ipaddress.ip_address(address)) is refused


def test_fetch_every_resolved_address_is_checked(monkeypatch):
    answers = [(2, 1, 6, "", ("93.184.215.14", 80)), (2, 1, 6, "", ("10.0.0.5", 80))]
    monkeypatch.setattr(fetch.socket, "getaddrinfo", lambda *a, **k: answers)
    with pytest.raises(OSError, match="10.0.0.5"):
        fetch.checked_addresses("news.example", 80, allow_private_networks=False)
    assert fetch.checked_addresses("news.example", 80, allow_private_networks=True) == answers


@pytest.mark.slow  # runs the spaCy model
def test_fetch_cli_setting_and_flag(site, tmp_path):
    from storyworld.cli import cli

    runner = CliRunner()
    url = f"{site}/story.html"
    refused = runner.invoke(cli, ["ingest", url, "--db", str(tmp_path / "a.db"), "-q"])
    assert refused.exit_code == 3 and "E013" in refused.stderr
    allowed = runner.invoke(cli, ["--setting", "fetch.allow_private_networks", "true", "ingest", url,
                                  "--db", str(tmp_path / "a.db"), "-q", "--format", "json"])
    assert allowed.exit_code == 0 and json.loads(allowed.stdout)["stored"] == 1, allowed.output
    flag = runner.invoke(cli, ["ingest", url, "--allow-private", "--db", str(tmp_path / "a.db"), "-q",
                               "--format", "json"])
    assert flag.exit_code == 0 and json.loads(flag.stdout)["already_stored"] == 1
    listed = runner.invoke(cli, ["settings"], env={"COLUMNS": "250"})
    assert "fetch.allow_private_networks" in listed.output


NETWORK_MODULES = {"socket", "urllib.request", "http.client", "http.server", "requests", "httpx", "urllib3", "aiohttp",
                   "ftplib", "smtplib", "telnetlib"}


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_fetch_is_the_only_module_that_touches_the_network(path):
    if path.relative_to(SRC).as_posix() == "ingest/fetch.py":
        return
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
            [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            if isinstance(node, ast.ImportFrom) and node.level == 0 else [])
        assert not NETWORK_MODULES & set(names), f"{path.name} imports {NETWORK_MODULES & set(names)}"
