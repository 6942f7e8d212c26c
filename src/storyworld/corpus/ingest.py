"""Ingest a batch: inputs → pipeline → store → incidents. Errors are collected, never fatal."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import first_line


@dataclass
class IngestReport:
    added: int = 0
    existing: int = 0
    skipped: int = 0  # stored, not analysed (language)
    duplicates: int = 0  # near-duplicate copies: stored and linked to their original
    failed: list[str] = field(default_factory=list)
    events: int = 0

    @property
    def seen(self) -> int:
        return self.added + self.existing + self.skipped + self.duplicates + len(self.failed)


def ingest(paths, *, store, meta: Path | None = None, on_outcome=None, pipeline=None,
           max_bytes: int | None = None) -> IngestReport:
    """Analyse every input under ``paths`` and save it; errors are collected, never fatal."""
    from ..ingest import iter_inputs
    from ..ingest.files import MAX_INPUT_BYTES
    from ..ingest.meta import hints_from_meta
    from ..pipeline import Pipeline

    pipeline = pipeline or Pipeline()
    hints_for = hints_from_meta(meta) if meta else None
    report = IngestReport()
    from .duplicates import NearDuplicateIndex, from_blob, minhash_signature, to_blob
    from .update import update_incidents

    index = NearDuplicateIndex()
    for document_id, blob in store.iter_signatures():
        index.add(document_id, from_blob(blob))
    signatures: dict[str, bytes] = {}

    def duplicate_of(document) -> str | None:
        if store.has_document(document.id):
            return None  # already stored: save() reports it as existing
        signature = minhash_signature(document.text)
        original = index.find(signature)
        if original is None:
            index.add(document.id, signature)
            signatures[document.id] = to_blob(signature)
        return original

    inputs = iter_inputs(paths, hints_for=hints_for, max_bytes=max_bytes or MAX_INPUT_BYTES)
    for outcome in pipeline.run(inputs, duplicate_of=duplicate_of):
        if outcome.error is not None:
            report.failed.append(first_line(outcome.error))
        elif outcome.analysis is not None:
            result = store.save(outcome.analysis)
            if result.status == "added":
                report.added += 1
                report.events += result.events
                if result.document_id in signatures:
                    store.save_signature(result.document_id, signatures[result.document_id])
                update_incidents(store, [result.document_id])
            else:
                report.existing += 1
        elif outcome.duplicate_of is not None and store.has_document(outcome.duplicate_of):
            result = store.save_unanalysed(outcome.document, status="duplicate", duplicate_of=outcome.duplicate_of,
                                           reason=f"near-duplicate of {outcome.duplicate_of[:12]}")
            if result.status == "exists":
                report.existing += 1
            else:
                report.duplicates += 1
                update_incidents(store, [result.document_id])
        elif outcome.document is not None:
            reason = outcome.skipped_reason or "its original could not be analysed"
            result = store.save_unanalysed(outcome.document, status="skipped", reason=reason)
            if result.status == "exists":
                report.existing += 1
            else:
                report.skipped += 1
        if on_outcome:
            on_outcome(outcome)
    return report
