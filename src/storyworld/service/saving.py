"""Storing one article's Outcome: the one path by which ``ingest`` writes, with one worker or many.

A document, its analysis, its near-duplicate signature and its places in incidents commit in one
transaction. The near-duplicate index (``Copies``) decides, in input order, which article copies an
earlier one; with worker processes that decision is the writer's, made when the article's turn to
be stored comes, so that it is the same whatever the number of workers.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from ..corpus.duplicates import NearDuplicateIndex, from_blob, minhash_signature, to_blob
from ..corpus.update import update_incidents
from ..errors import InputError
from ..pipeline import Outcome, Pipeline
from ..store import SaveResult, Store
from ..types import Analysis, Document, RawInput


def store_outcomes(inputs: Iterable[RawInput | InputError], *, store: Store,
                   pipeline: Pipeline) -> Iterator[tuple[Outcome, SaveResult | None]]:
    """Each input's Outcome and what storing it gave (None for an error), in input order.

    A document, its analysis, its near-duplicate signature and its places in incidents commit in
    one transaction: a kill at any moment leaves the document wholly stored or not at all, and a
    reader never sees it outside its incidents."""
    copies = Copies(store)
    for outcome in pipeline.run(inputs, duplicate_of=copies.original_of):
        yield outcome, store_outcome(store, outcome, copies)


def store_outcome(store: Store, outcome: Outcome, copies: "Copies") -> SaveResult | None:
    """Store one Outcome (analysed, a near-duplicate copy, or in another language); None for an error."""
    if outcome.error is not None:
        return None
    if outcome.analysis is not None:
        return _save_analysed(store, outcome.analysis, copies)
    if outcome.duplicate_of is not None and outcome.document is not None:
        return _save_copy(store, outcome)
    if outcome.document is not None:  # another language
        return _save_skipped(store, outcome)
    return None


def _save_analysed(store: Store, analysis: Analysis, copies: "Copies") -> SaveResult:
    document_id = analysis.document.id
    if store.has_document(document_id):  # committed, so it stays: no need to wait for the write lock
        return SaveResult(document_id, "exists")
    with store.transaction():
        result = store.save(analysis)  # asks again, under the lock
        if result.status == "added":
            copies.keep_signature(document_id)
            update_incidents(store, [document_id])
    return result


def _save_copy(store: Store, outcome: Outcome) -> SaveResult:
    """A near-duplicate, linked to its original's incidents; skipped when the original is not stored."""
    if store.has_document(outcome.document.id):
        return SaveResult(outcome.document.id, "exists")
    with store.transaction():
        if not store.has_document(outcome.duplicate_of):  # its original could not be analysed
            return _save_skipped(store, outcome)
        result = store.save_unanalysed(outcome.document, status="duplicate", duplicate_of=outcome.duplicate_of,
                                       reason=f"near-duplicate of {outcome.duplicate_of[:12]}")
        if result.status == "duplicate":
            update_incidents(store, [result.document_id])
    return result


def _save_skipped(store: Store, outcome: Outcome) -> SaveResult:
    reason = outcome.skipped_reason or "its original could not be analysed"
    return store.save_unanalysed(outcome.document, status="skipped", reason=reason)


class Copies:
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
        if self.store.has_document(document.id):
            return None  # already stored: save() reports it as existing
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
