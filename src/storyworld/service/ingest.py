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
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..body.document import copy_id, document_id, is_same_report
from ..corpus.duplicates import NearDuplicateIndex, from_blob, minhash_signature, to_blob
from ..corpus.update import update_incidents
from ..errors import InputError, Warnings, first_line, printable
from ..ingest import check_paths, iter_inputs
from ..ingest.fetch import current_policy, fetch_policy
from ..ingest.meta import hints_from_meta
from ..pipeline import Outcome, Pipeline
from ..store import SaveResult, Store
from ..types import Analysis, Document, RawInput
from .analyze import Settings, make_pipeline, resolve_settings, text_input


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
           settings: Settings | None = None) -> IngestReport:
    """Analyse every input under ``paths`` and save it; errors are collected, never fatal.

    URLs are fetched under the context's ``fetch_policy``, widened by the
    ``fetch.allow_private_networks`` setting, within ``fetch.deadline_seconds`` each.
    ``on_outcome(outcome)`` is called for each input as it is done, ``on_result(outcome, result)``
    with what storing it gave (None for an error). Each article's fate and, at the end, the
    seconds of each step are logged at INFO (``storyworld -v``).
    """
    started = time.perf_counter()
    values = resolve_settings(settings)
    pipeline = pipeline or make_pipeline(values)
    hints_for = hints_from_meta(meta) if meta else None
    report = IngestReport()
    timings_before = dict(pipeline.timings)
    allow_private = current_policy().allow_private_networks or values["fetch.allow_private_networks"]
    deadline = values.get("fetch.deadline_seconds", current_policy().deadline)
    with fetch_policy(allow_private_networks=allow_private, deadline=deadline):
        inputs = iter_inputs(paths, hints_for=hints_for, max_bytes=values["max_input_bytes"])
        stored = 0.0
        outcomes = store_outcomes(inputs, store=store, pipeline=pipeline)
        while True:
            before = time.perf_counter()
            step = next(outcomes, None)  # the pipeline's steps are timed by the pipeline; the rest is storing
            if step is None:
                break
            outcome, result = step
            stored += time.perf_counter() - before
            _count(report, outcome, result)
            if on_outcome:
                on_outcome(outcome)
            if on_result:
                on_result(outcome, result)
    report.seconds = time.perf_counter() - started
    report.timings = {name: seconds - timings_before.get(name, 0.0) for name, seconds in pipeline.timings.items()}
    report.timings["reading and storing"] = max(0.0, stored - sum(report.timings.values()))
    log.info("timing: %s; %.2f s in all", ", ".join(f"{name} {seconds:.2f} s" for name, seconds in
                                                    report.timings.items()), report.seconds)
    return report


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


def store_outcomes(inputs: Iterable[RawInput | InputError], *, store: Store,
                   pipeline: Pipeline) -> Iterator[tuple[Outcome, SaveResult | None]]:
    """Each input's Outcome and what storing it gave (None for an error), in input order.

    A document, its analysis, its near-duplicate signature and its places in incidents commit in
    one transaction: a kill at any moment leaves the document wholly stored or not at all, and a
    reader never sees it outside its incidents."""
    copies = _Copies(store)
    for outcome in pipeline.run(inputs, duplicate_of=copies.original_of):
        if outcome.error is not None:
            yield outcome, None
        elif outcome.analysis is not None:
            yield outcome, _save_analysed(store, outcome.analysis, copies)
        elif outcome.duplicate_of is not None and outcome.document is not None:
            yield outcome, _save_copy(store, outcome)
        elif outcome.document is not None:  # another language
            yield outcome, _save_skipped(store, outcome)
        else:
            yield outcome, None


@dataclass(frozen=True)
class Identity:
    """What a document is to the store: ``new`` (its text is not stored), ``exists`` (this report is
    stored: ``stored_id``), or ``copy`` (its text is stored from another outlet or URL: ``document``
    carries its copy id, ``original`` the document it copies)."""

    verdict: str
    document: Document
    stored_id: str | None = None
    original: str | None = None


def identify(store: Store, document: Document) -> Identity:
    """Whether ``document`` is new, already stored, or another outlet's copy of a stored text."""
    stored = store.same_text(document_id(document.text))
    if not stored:
        return Identity("new", document)
    copy = replace(document, id=copy_id(document.text, url=document.url, outlet=document.outlet))
    for row in stored:
        if row["id"] == copy.id or is_same_report(document.url, document.outlet, stored_url=row["url"],
                                                  stored_outlet=row["outlet"]):
            return Identity("exists", document, stored_id=row["id"])
    first = stored[0]
    return Identity("copy", copy, original=first["duplicate_of"] or first["id"])


def _save_analysed(store: Store, analysis: Analysis, copies: "_Copies") -> SaveResult:
    identity = identify(store, analysis.document)
    if identity.verdict == "exists":  # committed, so it stays: no need to wait for the write lock
        return SaveResult(identity.stored_id, "exists")
    with store.transaction():
        identity = identify(store, analysis.document)  # asked again, under the lock
        if identity.verdict == "exists":
            return SaveResult(identity.stored_id, "exists")
        if identity.verdict == "copy":  # another writer stored this text meanwhile
            return _save_exact_copy(store, identity)
        result = store.save(analysis)
        if result.status == "added":
            copies.keep_signature(analysis.document.id)
            update_incidents(store, [analysis.document.id])
    return result


def _save_copy(store: Store, outcome: Outcome) -> SaveResult:
    """A copy (exact, from another outlet or URL, or near), linked to its original's incidents;
    skipped when the original is not stored."""
    identity = identify(store, outcome.document)
    if identity.verdict == "exists":
        return SaveResult(identity.stored_id, "exists")
    with store.transaction():
        identity = identify(store, outcome.document)
        if identity.verdict == "exists":
            return SaveResult(identity.stored_id, "exists")
        if identity.verdict == "copy":
            return _save_exact_copy(store, identity)
        if outcome.duplicate_of == outcome.document.id or not store.has_document(outcome.duplicate_of):
            return _save_skipped(store, outcome)  # its original could not be analysed
        return _store_linked_copy(store, outcome.document, outcome.duplicate_of,
                                  reason=f"near-duplicate of {outcome.duplicate_of[:12]}")
    return result


def _save_exact_copy(store: Store, identity: Identity) -> SaveResult:
    """The same text as a stored document, from another outlet or URL: that outlet's report."""
    return _store_linked_copy(store, identity.document, identity.original,
                              reason=f"exact copy of {identity.original[:12]}, published elsewhere")


def _store_linked_copy(store: Store, document, original: str, *, reason: str) -> SaveResult:
    """A copy (exact or near) stored unanalysed, linked to its original and joined to its incidents."""
    result = store.save_unanalysed(document, status="duplicate", duplicate_of=original, reason=reason)
    if result.status == "duplicate":
        update_incidents(store, [result.document_id])
    return result


def _save_skipped(store: Store, outcome: Outcome) -> SaveResult:
    reason = outcome.skipped_reason or "its original could not be analysed"
    return store.save_unanalysed(outcome.document, status="skipped", reason=reason)


class _Copies:
    """The near-duplicate index over the store's signatures and this batch's new documents; it also
    learns the signatures another process stores meanwhile (two ingests into one store)."""

    def __init__(self, store: Store):
        self.store = store
        self.index = NearDuplicateIndex()
        self.seen_rowid = 0
        self._learn()
        self.signatures: dict[str, bytes] = {}  # of new originals, stored once they are saved

    def _learn(self) -> None:
        for rowid, document_id, blob in self.store.iter_signatures(after=self.seen_rowid):
            self.index.add(document_id, from_blob(blob))
            self.seen_rowid = max(self.seen_rowid, rowid)

    def original_of(self, document: Document) -> str | None:
        identity = identify(self.store, document)
        if identity.verdict == "exists":
            return None  # already stored: saving it reports it as existing
        if identity.verdict == "copy":
            return identity.original  # another outlet's copy of a stored text: linked, not analysed
        self._learn()
        signature = minhash_signature(document.text)
        original = self.index.find(signature)
        if original is None:
            self.index.add(document.id, signature)
            self.signatures[document.id] = to_blob(signature)
        return original

    def keep_signature(self, document_id: str) -> None:
        if document_id in self.signatures:
            self.store.save_signature(document_id, self.signatures[document_id])
