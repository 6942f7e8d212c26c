"""`storyworld serve` hands its --host, --allow-host and --rate-limit to the app it runs."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from storyworld.cli import cli


@pytest.fixture()
def served(monkeypatch, tmp_path):
    """served(*args) -> the app `storyworld serve --db … *args` would run, and what it printed."""
    import uvicorn

    from storyworld.store import Store

    Store.open(tmp_path / "s.db").close()  # a store that does not exist is refused
    apps = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **_options: apps.append(app))

    def serve(*args: str):
        result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "s.db"), *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return apps[-1], result.output

    return serve


def status_for(app, host: str) -> int:
    return TestClient(app, base_url=f"http://{host}").get("/api/stats").status_code


def test_serve_answers_to_its_host_and_named_hosts_only(served):
    app, _ = served("--host", "192.168.1.20", "--allow-host", "storyworld.lan")
    assert status_for(app, "192.168.1.20:8000") == 200
    assert status_for(app, "storyworld.lan") == 200
    assert status_for(app, "localhost:8000") == 200
    assert status_for(app, "evil.example:8000") == 400


def test_serve_on_every_interface_says_which_names_it_answers(served):
    app, output = served("--host", "0.0.0.0")
    assert "--allow-host" in output
    assert status_for(app, "10.1.2.3:8000") == 400


def test_serve_rate_limit(served):
    app, _ = served("--rate-limit", "1")
    codes = [status_for(app, "127.0.0.1") for _ in range(4)]
    assert codes[:2] == [200, 200] and codes[-1] == 429
