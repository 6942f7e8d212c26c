"""The analysis behind POST /api/analyze and /api/ingest, run in a worker process apart from the server.

Why a process: a crash there (a native library, the kernel's OOM killer on a pathological
article) ends the worker, not the server: the request gets the error envelope and the next one
starts a fresh worker; and the pipeline's CPU-bound Python no longer holds the GIL the reads need
(on a machine with cores to spare; on the 2 busy cores where benchmarks/bench_api_load.py was run,
reads under two writers were as fast either way: p95 458 and 402 ms with the worker, 377 and
605 ms in threads, four interleaved 40 s runs). One worker by default, so the server's own writes
to the store come one at a time.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Mapping

from starlette.concurrency import run_in_threadpool

from .. import service
from ..store import Store


def analyze(text: str, *, settings: Mapping[str, Any], **hints: Any) -> dict[str, Any]:
    """One article's analysis as storyworld.analysis/1 (a dict: it crosses the process boundary)."""
    from ..contract.serialize import to_dict

    return to_dict(service.analyze_text(text, settings=settings, **hints))


def ingest(text: str, *, db_path: str, settings: Mapping[str, Any], **hints: Any) -> dict[str, Any]:
    """Analyse and store one article; what storing it gave."""
    with Store.open(db_path) as store:
        result = service.ingest_text(text, store=store, settings=settings, **hints)
    return {"document_id": result.document_id, "status": result.status, "events": result.events}


class Workers:
    """Runs ``analyze``/``ingest`` in ``processes`` worker processes (started on the first call,
    so a read-only server never loads the model), or in the server's threads when ``processes``
    is 0 (tests that replace a service function need it in-process)."""

    def __init__(self, processes: int, settings: Mapping[str, Any]):
        self.processes = processes
        self.settings = dict(settings)
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    async def run(self, job: Callable[..., dict[str, Any]], text: str, **options: Any) -> dict[str, Any]:
        if self.processes == 0:
            return await run_in_threadpool(job, text, settings=self.settings, **options)
        pool = self._started()
        try:
            return await asyncio.wrap_future(pool.submit(job, text, settings=self.settings, **options))
        except BrokenProcessPool:
            self._discard(pool)  # the worker died: the next request starts another
            raise

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def _started(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                # spawn: a fork of a server with running threads may copy a held lock
                self._pool = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"))
            return self._pool

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)
