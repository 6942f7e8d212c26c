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
    duplicates: int = 0
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
    from .update import update_incidents

    inputs = iter_inputs(paths, hints_for=hints_for, max_bytes=max_bytes or MAX_INPUT_BYTES)
    for outcome in pipeline.run(inputs):
        if outcome.error is not None:
            report.failed.append(first_line(outcome.error))
        elif outcome.analysis is not None:
            result = store.save(outcome.analysis)
            if result.status == "added":
                report.added += 1
                report.events += result.events
                update_incidents(store, [result.document_id])
            else:
                report.existing += 1
        elif outcome.document is not None:
            result = store.save_unanalysed(outcome.document, status="skipped", reason=outcome.skipped_reason)
            if result.status == "exists":
                report.existing += 1
            else:
                report.skipped += 1
        if on_outcome:
            on_outcome(outcome)
    return report
