"""Parse and extract in worker processes; store in this one (``storyworld ingest --workers N``).

Each worker process (started by spawn, never by fork) builds one Pipeline
through ``make_pipeline`` when it starts, so the spaCy model and the gazetteer load once per
worker. This process reads the inputs, hands them out in small chunks, and stores the outcomes
itself, in input order: results that come back early wait in a window of at most a few chunks per
worker, so memory stays bounded. Storing stays exactly as with one process: one writer, one
transaction per document, and the near-duplicate verdict taken here when an article's turn comes
(a worker analyses every article but those it finds already stored, reading the store; a copy's
analysis is dropped).

An outlet's home division (``extract.outlet_homes``) is learnt from the documents read before, in
input order. A worker is given this process's knowledge (the outlets that have a home, with it) as it
stands when the chunk is handed out,
and says which home it used; when the article's turn comes and the home it should have had (from
every earlier article) differs, it is analysed again with that home. Homes change rarely, so this
costs little, and the store is the same whatever the number of workers.

A worker that dies (out of memory, a crash in a library) breaks the pool: a new one is started,
the oldest chunk is tried again alone, and if it kills its worker again, each of its articles gets
one E028 line; the others go on. Workers that die before any of them finishes a chunk stop the
ingest (E029): they cannot start (a script without ``if __name__ == "__main__":``, say).
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any, Iterable, Iterator

from ..errors import ConfigError, Errors, InputError, StoreError, StoryworldError, printable, unexpected
from ..extract.outlet_homes import OutletHomes, outlet_key
from ..pipeline import Outcome, Pipeline
from ..store import Store
from ..types import Document, RawInput
from .analyze import Settings, make_pipeline
from .saving import stored_as as stored_report

log = logging.getLogger("storyworld.ingest")
# fewer articles than this per worker are analysed sooner in the writing process than workers start
# (each loads spaCy, the model and the gazetteer: seconds). On this 2-core machine the 31 demo
# articles took 3.7-7.3 s in one process and 7.7-9.1 s with two workers; 400 short ones 20.3 s and 13.0 s.
PAYS_OFF = 16
CHUNK = 4  # articles per task: small, so that work spreads evenly and a dead worker costs little
WINDOW = 3  # chunks per worker handed out or waiting to be stored
NOT_RUN = "<not run>"  # the home of an article that never reached the stages


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def worth_workers(inputs: Iterable, workers: int) -> tuple[Iterator, int]:
    """The inputs (read ahead by up to ``PAYS_OFF`` per worker) and the workers worth starting for
    them: 1 (this process) when they end before that."""
    items = iter(inputs)
    head = list(islice(items, PAYS_OFF * workers))
    if len(head) < PAYS_OFF * workers:
        return iter(head), 1
    return chain(head, items), workers


# --- in the worker process ------------------------------------------------------------------------

_pipeline: Pipeline | None = None
_start_error: StoryworldError | None = None  # why the worker could not start (a model not installed)
_store_path: str | None = None  # the writer's store, read to skip articles already stored
_store = None  # that store, opened read-only on first need


class _GivenHomes:
    """Stands in for a worker pipeline's OutletHomes: answers from the writer's knowledge (or one
    fixed home), learns nothing itself, and records the home each document was given."""

    def __init__(self, known: dict[str, str] | None, *, fixed: str | None = None):
        self.known, self.fixed = known, fixed
        self.used: dict[str, str | None] = {}
        self.observed: set[str] = set()

    def home(self, document: Document) -> str | None:
        home = self.fixed if self.known is None else self.known.get(outlet_key(document) or "")
        self.used[document.id] = home
        return home

    def observe(self, document: Document, places) -> None:
        self.observed.add(document.id)


def _start_worker(settings: dict, store_path: str | None = None) -> None:
    """Build this worker's Pipeline, load its model and gazetteer. A failure is kept and raised by
    the first task, so that the writer reports it as one process would (an initializer that
    raises would only break the pool)."""
    global _pipeline, _start_error, _store_path
    _store_path = store_path
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the writer's to handle
    parent = multiprocessing.parent_process()
    if parent is not None:  # a writer killed with -9 leaves no worker behind, holding its model
        threading.Thread(target=_exit_with, args=(parent.sentinel,), name="exit-with-writer", daemon=True).start()
    logging.getLogger("storyworld").addHandler(logging.NullHandler())
    try:
        _pipeline = make_pipeline(settings)
        _pipeline.warm_up()
        from ..parse.model import load_nlp

        load_nlp(_pipeline.model)
    except StoryworldError as exc:
        _start_error = exc


def _exit_with(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])  # ready when the writer's end of the pipe closes: it died
    os._exit(1)


def _analyse(raws: list[RawInput], known: dict[str, str] | None, fixed: str | None = None) -> tuple[list, dict]:
    """Each input's (Outcome, the home it was given or NOT_RUN, whether the stages saw its places),
    and the seconds each step took."""
    if _start_error is not None:
        raise _start_error
    assert _pipeline is not None, "the worker was not started by _start_worker"
    before = dict(_pipeline.timings)
    results = analyse_given_homes(_pipeline, raws, known, fixed=fixed, stored_as=_stored_as)
    timings = {step: seconds - before.get(step, 0.0) for step, seconds in _pipeline.timings.items()}
    return results, timings


def _stored_as(document: Document) -> str | None:
    """The id under which the writer's store already holds this report (as the writer would find
    it), or None; a store this worker cannot read is not asked again."""
    global _store, _store_path
    if _store_path is None:
        return None
    if _store is None:
        try:
            _store = Store.open(_store_path, create=False, readonly=True)
        except StoryworldError as exc:
            log.info("a worker cannot read the store %s (%s): every article is analysed", _store_path, exc)
            _store_path = None
            return None
    return stored_report(_store, document)


def analyse_given_homes(pipeline: Pipeline, raws: list[RawInput], known: dict[str, str] | None,
                        fixed: str | None = None, stored_as=None) -> list[tuple[Outcome, str | None, bool]]:
    """Each input's (Outcome, the outlet home it was given or NOT_RUN, whether the stages saw its
    places), analysed by a pipeline that knows the homes ``known`` (or the one ``fixed``) and learns
    none: how every process but the writer analyses (workers, Spark executors, load-parquet).
    ``stored_as`` (see ``Pipeline.run``) names the reports already stored, which are not analysed."""
    homes = _GivenHomes(known, fixed=fixed)
    pipeline.outlet_homes = homes
    results = []
    for outcome in pipeline.run(raws, stored_as=stored_as):
        outcome.budget = None
        document_id = outcome.document.id if outcome.document is not None else None
        results.append((outcome, homes.used.get(document_id, NOT_RUN) if document_id else NOT_RUN,
                        document_id in homes.observed))
    return results


# --- in the writing process -----------------------------------------------------------------------

@dataclass
class Analysed:
    """One input's outcome as a worker gave it, with what the writer needs to check it."""

    tag: Any  # what the caller attached to the input (the file it came from)
    raw: RawInput | None
    outcome: Outcome
    home: str | None  # the outlet home the stages were given, or NOT_RUN
    observed: bool  # the stages found places, which teach the outlet's home


@dataclass
class _Chunk:
    items: list[tuple[Any, RawInput | InputError]]
    future: Future | None = None

    @property
    def raws(self) -> list[RawInput]:
        return [item for _tag, item in self.items if isinstance(item, RawInput)]


class WorkerPool:
    """N worker processes, each with its own Pipeline; results handed back in input order."""

    def __init__(self, workers: int, *, settings: Settings, chunk: int = CHUNK, window: int = WINDOW,
                 start=None, task=None, store_path: str | None = None):
        self.workers, self.chunk = workers, chunk
        self.store_path = store_path  # read by the workers to skip articles already stored
        self._start, self._task = start or _start_worker, task or _analyse  # module-level functions (pickled by name)
        self.window = max(2, window * workers)
        self.settings = dict(settings)
        self.timings: dict[str, float] = {}
        self.waited = 0.0  # seconds this process spent waiting for a worker
        self.restarts = 0
        self.finished = 0  # chunks a worker handed back
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            context = multiprocessing.get_context("spawn")  # no fork: a forked model and SQLite handle are not safe
            self._executor = ProcessPoolExecutor(self.workers, mp_context=context, initializer=self._start,
                                                 initargs=(self.settings, self.store_path))
        return self._executor

    def _restart(self) -> None:
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
        self.restarts += 1

    def _submit(self, raws: list[RawInput], known: dict[str, str] | None, fixed: str | None = None) -> Future:
        return self._pool().submit(self._task, raws, known, fixed)

    def _result(self, future: Future) -> list:
        started = time.perf_counter()
        try:
            results, timings = future.result()
        finally:
            self.waited += time.perf_counter() - started
        for step, seconds in timings.items():
            self.timings[step] = self.timings.get(step, 0.0) + seconds
        self.finished += 1
        return results

    def analyse_again(self, raw: RawInput, *, home: str | None) -> Analysed:
        """One input analysed again with the outlet home given (an E028 outcome when its worker died)."""
        try:
            ((outcome, used, observed),) = self._result(self._submit([raw], None, home))
        except BrokenProcessPool as exc:
            self._restart()
            return Analysed(None, raw, _died(raw.name, exc), NOT_RUN, False)
        return Analysed(None, raw, outcome, used, observed)

    def run(self, inputs: Iterable[tuple[Any, RawInput | InputError]], *,
            homes: OutletHomes) -> Iterator[Analysed]:
        """Every ``(tag, input)`` analysed in a worker, in input order. ``homes`` is the writer's
        knowledge of outlet homes: each chunk is handed out with a copy of it as it stands."""
        items = iter(inputs)
        pending: list[_Chunk] = []
        ended: Outcome | None = None  # the inputs raised: one error ends the run
        sized = self._executor is not None
        while True:
            while ended is None and len(pending) < self.window:
                chunk = _Chunk([])
                try:
                    for _ in range(self.chunk):
                        chunk.items.append(next(items))
                except StopIteration:
                    ended = ended or _END
                except Exception as exc:  # a reader that raised instead of yielding its InputError
                    ended = Outcome(name="<inputs>", error=unexpected(exc, name="<inputs>", step="reading the inputs"))
                if chunk.items:
                    pending.append(chunk)
                if ended is not None:
                    break
            if not sized:  # no more workers than the first window's chunks can keep busy
                self.workers = max(1, min(self.workers, sum(1 for chunk in pending if chunk.raws)))
                sized = True
            for chunk in pending:
                if chunk.raws and chunk.future is None:
                    chunk.future = self._submit(chunk.raws, homes.known())
            if not pending:
                break
            head = pending.pop(0)
            yield from self._finish(head, pending, homes)
        if ended is not None and ended is not _END:
            yield Analysed(None, None, ended, NOT_RUN, False)

    def _finish(self, head: _Chunk, pending: list[_Chunk], homes: OutletHomes) -> Iterator[Analysed]:
        results: list | None = None
        if head.future is not None:
            try:
                results = self._result(head.future)
            except BrokenProcessPool as exc:
                results = self._after_death(head, pending, homes, exc)
            except (ConfigError, StoreError):  # a worker without its model: as with one process, the end
                raise
            except Exception as exc:  # what a worker handed back could not cross (a bug): these articles only
                results = [(Outcome(name=raw.name, error=unexpected(exc, name=raw.name, step="analysis in a worker")),
                            NOT_RUN, False) for raw in head.raws]
        answers = iter(results or [])
        for tag, item in head.items:
            if isinstance(item, InputError):
                yield Analysed(tag, None, Outcome(name=item.source or "?", error=item), NOT_RUN, False)
            else:
                outcome, used, observed = next(answers)
                yield Analysed(tag, item, outcome, used, observed)

    def _after_death(self, head: _Chunk, pending: list[_Chunk], homes: OutletHomes, exc: BaseException) -> list:
        """A worker died: try the oldest chunk again alone, then hand the others out again."""
        log.warning("a worker process died (%s); starting the pool again", exc)
        self._restart()
        try:
            results = self._result(self._submit(head.raws, homes.known()))
        except BrokenProcessPool as again:
            self._restart()
            if not self.finished:  # every worker died, none ever finished a chunk: they cannot start
                raise ConfigError(Errors.E029.format(detail=printable(str(again))[:200])) from again
            results = [(_died(raw.name, again), NOT_RUN, False) for raw in head.raws]
        for chunk in pending:  # those that finished before the death keep their results
            if chunk.future is not None and (not chunk.future.done() or chunk.future.exception() is not None):
                chunk.future = self._submit(chunk.raws, homes.known())
        return results


_END = Outcome(name="<end>")


def _died(name: str, exc: BaseException) -> Outcome:
    detail = printable(str(exc))[:200] or type(exc).__name__
    return Outcome(name=name, error=InputError(Errors.E028.format(name=printable(name), detail=detail), source=name))
