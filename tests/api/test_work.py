"""Analysis in a worker process: a worker that dies is replaced, and the server goes on."""

from __future__ import annotations

import asyncio
from concurrent.futures.process import BrokenProcessPool

import pytest

from storyworld.api.work import Workers

JOBS = '''
import os


def crash(text, **_options):
    os._exit(3)  # as a native library's crash or the kernel's OOM killer would end it


def echo(text, *, settings, **options):
    return {"text": text, "pid": os.getpid(), "settings": settings, **options}
'''


@pytest.fixture()
def jobs(tmp_path, monkeypatch):
    """Jobs a spawned worker can import (the module is on sys.path before the worker starts)."""
    (tmp_path / "workjobs.py").write_text(JOBS)
    monkeypatch.syspath_prepend(str(tmp_path))
    import workjobs

    return workjobs


def test_work_runs_in_another_process_with_the_settings(jobs):
    import os

    workers = Workers(1, {"batch_size": 4})
    try:
        result = asyncio.run(workers.run(jobs.echo, "text", published="2025-01-01"))
    finally:
        workers.close()
    assert result["pid"] != os.getpid()
    assert result == {"text": "text", "pid": result["pid"], "settings": {"batch_size": 4}, "published": "2025-01-01"}


def test_work_a_dead_worker_is_replaced(jobs):
    workers = Workers(1, {})
    try:
        with pytest.raises(BrokenProcessPool):
            asyncio.run(workers.run(jobs.crash, "text"))
        assert asyncio.run(workers.run(jobs.echo, "again"))["text"] == "again"
    finally:
        workers.close()


def test_work_a_dead_worker_is_an_envelope(fresh_store, api_client, monkeypatch, jobs):
    from storyworld.api import work

    monkeypatch.setattr(work, "analyze", jobs.crash)
    client = api_client(fresh_store.path)
    token = client.get("/api/token").json()["token"]
    r = client.post("/api/analyze", content=b"Israel struck Homs.", headers={"X-Storyworld-Token": token})
    assert r.status_code == 500 and "E606" in r.json()["error"] and "BrokenProcessPool" in r.json()["error"]
    assert client.get("/api/stats").status_code == 200
