"""Storing one article's Outcome: the one path by which ``ingest`` writes, with one worker or many.

A document, its analysis, its near-duplicate signature and its places in incidents commit in one
transaction. The near-duplicate index (``Copies``) decides, in input order, which article copies an
earlier one; with worker processes that decision is the writer's, made when the article's turn to
be stored comes, so that it is the same whatever the number of workers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Iterator

from ..body.document import copy_id, document_id, is_same_report
from ..corpus.duplicates import NearDuplicateIndex, from_blob, minhash_signature, to_blob
from ..corpus.update import update_incidents
from ..corpus.versions import latest_version_at, record_new_document
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
    for outcome in pipeline.run(inputs, duplicate_of=copies.original_of, stored_as=copies.stored_as):
        yield outcome, store_outcome(store, outcome, copies)


def store_outcome(store: Store, outcome: Outcome, copies: "Copies") -> SaveResult | None:
    """Store one Outcome (analysed, a copy, or in another language); None for an error."""
    if outcome.error is not None:
        return None
    if outcome.stored_as is not None:  # found stored before it was analysed; committed, so it stays
        return SaveResult(outcome.stored_as, "exists")
    if outcome.analysis is not None:
        return _save_analysed(store, outcome.analysis, copies)
    if outcome.duplicate_of is not None and outcome.document is not None:
        return _save_copy(store, outcome)
    if outcome.document is not None:  # another language
        return _save_skipped(store, outcome)
    return None


@dataclass(frozen=True)
class Identity:
    """What a document is to the store: ``new`` (its text is not stored), ``update`` (its text is
    not stored, but a page at its URL is: ``previous``, that page's latest version), ``exists``
    (this report is stored: ``stored_id``), or ``copy`` (its text is stored from another outlet or
    URL: ``document`` carries its copy id, ``original`` the document it copies)."""

    verdict: str
    document: Document
    stored_id: str | None = None
    original: str | None = None
    previous: str | None = None


def identify(store: Store, document: Document) -> Identity:
    """Whether ``document`` is new, a page's next version, already stored, or another outlet's copy
    of a stored text."""
    stored = store.same_text(document_id(document.text))
    if not stored:
        previous = latest_version_at(store, document.url)
        if previous is not None:
            return Identity("update", document, previous=previous)
        return Identity("new", document)
    copy = replace(document, id=copy_id(document.text, url=document.url, outlet=document.outlet))
    for row in stored:
        if row["id"] == copy.id or is_same_report(document.url, document.outlet, stored_url=row["url"],
                                                  stored_outlet=row["outlet"]):
            return Identity("exists", document, stored_id=row["id"])
    first = stored[0]
    return Identity("copy", copy, original=first["duplicate_of"] or first["id"])


def stored_as(store: Store, document: Document) -> str | None:
    """The id under which this report (its text, from its URL and outlet) is stored, or None."""
    identity = identify(store, document)
    return identity.stored_id if identity.verdict == "exists" else None


def _save_analysed(store: Store, analysis: Analysis, copies: "Copies") -> SaveResult:
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
            versions = record_new_document(store, analysis.document.id, previous=identity.previous)
            update_incidents(store, [analysis.document.id], left=versions.left)
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


def _save_exact_copy(store: Store, identity: Identity) -> SaveResult:
    """The same text as a stored document, from another outlet or URL: that outlet's report."""
    return _store_linked_copy(store, identity.document, identity.original,
                              reason=f"exact copy of {identity.original[:12]}, published elsewhere")


def _store_linked_copy(store: Store, document, original: str, *, reason: str) -> SaveResult:
    """A copy (exact or near) stored unanalysed, linked to its original and joined to its incidents."""
    result = store.save_unanalysed(document, status="duplicate", duplicate_of=original, reason=reason)
    if result.status == "duplicate":
        record_new_document(store, result.document_id)
        update_incidents(store, [result.document_id])
    return result


def _save_skipped(store: Store, outcome: Outcome) -> SaveResult:
    reason = outcome.skipped_reason or "its original could not be analysed"
    with store.transaction():
        identity = identify(store, outcome.document)
        result = store.save_unanalysed(outcome.document, status="skipped", reason=reason)
        if result.status == "skipped":
            versions = record_new_document(store, result.document_id, previous=identity.previous)
            if versions.left:
                update_incidents(store, [result.document_id], left=versions.left)
    return result


class Copies:
    """The near-duplicate index over the store's signatures and this batch's new documents; it also
    learns the signatures another process stores meanwhile (two ingests into one store)."""

    def __init__(self, store: Store):
        self.store = store
        self.index = NearDuplicateIndex()
        self.seen_rowid = 0
        self._learn()
        self.signatures: dict[str, bytes] = {}  # of new originals, stored once they are saved
        self._last: tuple[Document, Identity] | None = None  # the document last identified, with its identity

    def _learn(self) -> None:
        for rowid, document_id, blob in self.store.iter_signatures(after=self.seen_rowid):
            self.index.add(document_id, from_blob(blob))
            self.seen_rowid = max(self.seen_rowid, rowid)

    def _identity(self, document: Document) -> Identity:
        """``identify``, asked once for a document that ``stored_as`` and then ``original_of`` ask about."""
        if self._last is None or self._last[0] is not document:
            self._last = (document, identify(self.store, document))
        return self._last[1]

    def stored_as(self, document: Document) -> str | None:
        """The stored document this report already is, if any: it need not be parsed again."""
        identity = self._identity(document)
        return identity.stored_id if identity.verdict == "exists" else None

    def original_of(self, document: Document) -> str | None:
        identity = self._identity(document)
        if identity.verdict == "exists":
            return None  # already stored: saving it reports it as existing
        if identity.verdict == "copy":
            return identity.original  # another outlet's copy of a stored text: linked, not analysed
        self._learn()
        signature = minhash_signature(document.text)
        # a page's next version is analysed, though it may be nearly its previous version's text
        original = None if identity.verdict == "update" else self.index.find(signature)
        if original is None:
            self.index.add(document.id, signature)
            self.signatures[document.id] = to_blob(signature)
        return original

    def keep_signature(self, document_id: str) -> None:
        if document_id in self.signatures:
            self.store.save_signature(document_id, self.signatures[document_id])
