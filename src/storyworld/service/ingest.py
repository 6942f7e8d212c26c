"""Analyse and store articles: many under paths (the CLI's ``ingest``), or one sent as text (the
API's ``POST /api/ingest``), through the same steps.

Each article is read under the settings' size limit, skipped (stored, not analysed) when it is in
another language, linked to its original when it is a near-duplicate (MinHash signatures kept in
the store), analysed otherwise, saved, and placed in incidents. Errors are collected, never fatal.
An article is its text and where it was published (``body.document.is_same_report``): the same
text at the same URL, or with no URL or outlet, is already stored; the same text from another
outlet or at another URL is a syndicated copy, stored under its own stable id and linked
``duplicate_of`` its original like a near-duplicate, so that outlet's report counts.
"""

from __future__ import annotations

import logging
import re
import time
from collections import deque
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import InputError, StoryworldError, Warnings, first_line, printable, unexpected
from ..extract.outlet_homes import OutletHomes
from ..ingest import check_paths, iter_inputs  # noqa: F401  (check_paths: the service's, see __init__)
from ..ingest.fetch import current_policy, fetch_policy
from ..ingest.meta import hints_from_meta
from ..pipeline import Outcome, Pipeline
from ..store import SaveResult, Store
from ..types import RawInput
from .analyze import Settings, make_pipeline, resolve_settings, text_input
from .saving import Copies as _Copies, store_outcome, store_outcomes  # noqa: F401  (also imported from here)
from .workers import NOT_RUN, WorkerPool, worth_workers


log = logging.getLogger("storyworld.ingest")
_CODE = re.compile(r"^\[([EW]\d{3})\]")


@dataclass(frozen=True)
class NotAnalysed:
    """An article stored but not analysed: in another language (``language``), or a copy of an
    original that could not be analysed."""

    input: str
    language: str | None
    reason: str


@dataclass
class IngestReport:
    added: int = 0
    existing: int = 0
    skipped: int = 0  # stored, not analysed (language)
    duplicates: int = 0  # copies (exact from another outlet or URL, or near): stored and linked to their original
    failed: list[str] = field(default_factory=list)
    events: int = 0
    not_analysed: list[NotAnalysed] = field(default_factory=list)  # what ``skipped`` counts, article by article
    seconds: float = 0.0  # wall time of the whole ingest
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step: body, parse, each stage, store

    @property
    def seen(self) -> int:
        return self.added + self.existing + self.skipped + self.duplicates + len(self.failed)

    def to_dict(self) -> dict:
        """The machine-readable summary (``storyworld ingest --format json``)."""
        languages: dict[str, int] = {}
        for item in self.not_analysed:
            if item.language:
                languages[item.language] = languages.get(item.language, 0) + 1
        return {
            "inputs": self.seen, "stored": self.added, "events": self.events, "already_stored": self.existing,
            "duplicates": self.duplicates, "not_analysed": len(self.not_analysed) or self.skipped,
            "not_analysed_languages": languages,
            "skipped": [asdict(item) for item in self.not_analysed],
            "failed": [{"code": (_CODE.match(line) or [None, None])[1], "message": line} for line in self.failed],
            "seconds": round(self.seconds, 3),
            "timings": {step: round(seconds, 3) for step, seconds in self.timings.items()},
        }


def ingest(paths: Iterable[str | Path], *, store: Store, meta: Path | None = None,
           on_outcome: Callable[[Outcome], None] | None = None,
           on_result: Callable[[Outcome, SaveResult | None], None] | None = None, pipeline: Pipeline | None = None,
           settings: Settings | None = None, workers: int = 1,
           on_files_done: Callable[[int], None] | None = None) -> IngestReport:
    """Analyse every input under ``paths`` and save it; errors are collected, never fatal.

    URLs are fetched under the context's ``fetch_policy``, widened by the
    ``fetch.allow_private_networks`` setting, within ``fetch.deadline_seconds`` each.
    ``on_outcome(outcome)`` is called for each input as it is done, ``on_result(outcome, result)``
    with what storing it gave (None for an error), ``on_files_done(n)`` as the count of files
    (URLs, ``-``) whose articles are all stored grows, up to ``count_files(paths)``. Each article's
    fate and, at the end, the seconds of each step are logged at INFO (``storyworld -v``).

    ``workers`` > 1 parses and extracts in that many processes (``service.workers``; ``pipeline``
    is then not used: each worker builds its own from ``settings``), while this process reads the
    inputs and stores every article, in input order: the store ends the same whatever the number.
    Fewer than ``workers.PAYS_OFF`` articles per worker are analysed in this process.
    """
    started = time.perf_counter()
    paths = list(paths)
    values = resolve_settings(settings)
    hints_for = hints_from_meta(meta) if meta else None
    report = IngestReport()
    allow_private = current_policy().allow_private_networks or values["fetch.allow_private_networks"]
    deadline = values.get("fetch.deadline_seconds", current_policy().deadline)
    files_started = 0

    def on_file(_path) -> None:
        nonlocal files_started
        files_started += 1

    with fetch_policy(allow_private_networks=allow_private, deadline=deadline), ExitStack() as stack:
        inputs = ((files_started, item) for item in iter_inputs(paths, hints_for=hints_for,
                                                                max_bytes=values["max_input_bytes"], on_file=on_file))
        if workers > 1:
            inputs, workers = worth_workers(inputs, workers)
        if workers > 1:
            on_disk = store.path if store.path not in ("", ":memory:") else None
            pool = stack.enter_context(WorkerPool(workers, settings=values, store_path=on_disk))
            outcomes = store_in_order(inputs, store=store, pool=pool)
            timings_of = lambda: pool.timings  # noqa: E731
        else:
            pipeline = pipeline or make_pipeline(values)
            timings_before = dict(pipeline.timings)
            outcomes = _tagged(inputs, store=store, pipeline=pipeline)
            timings_of = lambda: {name: seconds - timings_before.get(name, 0.0)  # noqa: E731
                                  for name, seconds in pipeline.timings.items()}
        stored = 0.0
        files_done = 0
        while True:
            before = time.perf_counter()
            step = next(outcomes, None)  # the pipeline's steps are timed by the pipeline; the rest is storing
            if step is None:
                break
            tag, outcome, result = step
            stored += time.perf_counter() - before
            _count(report, outcome, result)
            if on_outcome:
                on_outcome(outcome)
            if on_result:
                on_result(outcome, result)
            if on_files_done and tag - 1 > files_done:
                files_done = tag - 1
                on_files_done(files_done)
        if on_files_done:
            on_files_done(files_started)
        report.timings = dict(timings_of())
        if workers > 1:  # the workers' seconds add up over processes; storing is this process's time
            report.timings["reading and storing"] = max(0.0, stored - pool.waited)
    report.seconds = time.perf_counter() - started
    if workers <= 1:
        report.timings["reading and storing"] = max(0.0, stored - sum(report.timings.values()))
    log.info("timing: %s; %.2f s in all", ", ".join(f"{name} {seconds:.2f} s" for name, seconds in
                                                    report.timings.items()), report.seconds)
    return report


def _tagged(inputs: Iterable[tuple[int, RawInput | InputError]], *, store: Store,
            pipeline: Pipeline) -> Iterator[tuple[int, Outcome, SaveResult | None]]:
    """``store_outcomes`` in this process, each outcome with its input's tag (the pipeline hands
    outcomes back in input order, one per input)."""
    tags: deque[int] = deque()
    last = 0

    def untagged():
        nonlocal last
        for tag, item in inputs:
            tags.append(tag)
            last = tag
            yield item

    for outcome, result in store_outcomes(untagged(), store=store, pipeline=pipeline):
        yield (tags.popleft() if tags else last), outcome, result


def store_in_order(inputs: Iterable[tuple[int, RawInput | InputError]], *, store: Store,
                   pool: WorkerPool) -> Iterator[tuple[int, Outcome, SaveResult | None]]:
    """The workers' outcomes stored one by one, in input order, exactly as ``store_outcomes``
    would store them: the near-duplicate verdict is taken here, when the article's turn comes, and
    an article analysed with another outlet home than the earlier articles give is analysed again."""
    copies = _Copies(store)
    homes = OutletHomes()
    for item in pool.run(inputs, homes=homes):
        tag, outcome = item.tag, item.outcome
        if outcome.document is not None:
            document = outcome.document
            try:
                original = copies.original_of(document)
            except StoryworldError as exc:
                original, outcome = None, Outcome(name=outcome.name, error=exc)
            except Exception as exc:
                original, outcome = None, Outcome(name=outcome.name, error=unexpected(
                    exc, name=outcome.name, step="near-duplicate check"))
            if original is not None:  # a copy is not analysed: what the worker found is dropped
                outcome = Outcome(name=outcome.name, document=document, duplicate_of=original)
            elif item.home != NOT_RUN:
                home = homes.home(document)
                if item.home != NOT_RUN and item.home != home:
                    log.info("%s: analysed again with its outlet's home %s", printable(outcome.name), home)
                    item = pool.analyse_again(item.raw, home=home)
                    outcome = item.outcome
                if outcome.analysis is not None and item.observed:
                    homes.observe(document, outcome.analysis.places)
        yield tag if tag is not None else 0, outcome, store_outcome(store, outcome, copies)


def _count(report: IngestReport, outcome: Outcome, result: SaveResult | None) -> None:
    name = printable(outcome.name)
    if result is None:
        if outcome.error is not None:
            report.failed.append(first_line(outcome.error))
    elif result.status == "added":
        report.added += 1
        report.events += result.events
        log.info("%s: analysed and stored, %d event(s)", name, result.events)
    elif result.status == "exists":
        report.existing += 1
        log.info("%s: already stored (same text), skipped", name)
    elif result.status == "duplicate":
        report.duplicates += 1
        log.info("%s", Warnings.W002.format(name=name, original=(outcome.duplicate_of or "?")[:12]))
    else:
        report.skipped += 1
        language = outcome.document.language if outcome.document and outcome.skipped_reason else None
        reason = outcome.skipped_reason or "its original could not be analysed"
        report.not_analysed.append(NotAnalysed(input=name, language=language, reason=first_line(reason)))
        log.info("%s: stored, not analysed (%s)", name, first_line(reason))


def ingest_text(text: str, *, store: Store, published: str | None = None, url: str | None = None,
                outlet: str | None = None, title: str | None = None, html: bool = False,
                pipeline: Pipeline | None = None, settings: Settings | None = None) -> SaveResult:
    """Analyse and store one article given as a string; its SaveResult, or the InputError/StageError
    that stopped it."""
    values = resolve_settings(settings)
    raw = text_input(text, html=html, max_bytes=values["max_input_bytes"], published=published, url=url,
                     outlet=outlet, title=title)
    ((outcome, result),) = store_outcomes([raw], store=store, pipeline=pipeline or make_pipeline(values))
    if outcome.error is not None:
        raise outcome.error
    return result


