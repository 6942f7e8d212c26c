"""Verify a store and mend what can be mended: the one door for ``storyworld check [--repair]``.

A check opens the store read-only and changes nothing. A repair opens it for writing (applying
missing migrations), then, in one transaction, drops rows that point at nothing, re-indexes the
full text, drops empty incidents, places events that sit in no incident (the same incremental
assignment as ingest, in the order the documents were stored), links copies to their original's
incidents, rebuilds summaries that count other reports than they hold, and writes missing
near-duplicate signatures; then it checks again. A damaged SQLite file is reported, never mended.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..corpus.duplicates import minhash_signature, to_blob
from ..corpus.update import REPORTABLE, rebuild_summary, update_incidents
from ..errors import Errors, StoreError
from ..store import Store
from ..store import check as checks


@dataclass
class Finding:
    """One kind of problem: how many, a few examples, and whether ``--repair`` mends it."""

    check: str
    count: int
    about: str
    examples: list[str] = field(default_factory=list)
    mendable: bool = True


@dataclass
class CheckReport:
    path: str
    schema_version: int
    latest_version: int
    findings: list[Finding] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)  # one line per repair made
    damaged: bool = False  # SQLite's integrity check failed: nothing here mends the file

    @property
    def ok(self) -> bool:
        return not self.findings

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "path": self.path, "schema_version": self.schema_version,
                "latest_version": self.latest_version, "damaged": self.damaged,
                "findings": [asdict(f) for f in self.findings], "repaired": self.repaired}


def check_store(path: str | Path, *, repair: bool = False) -> CheckReport:
    """Check the store at ``path`` (StoreError E103/E101/E102 when it cannot be opened); with
    ``repair``, mend what can be mended first and report what is left."""
    repaired: list[str] = []
    if repair:
        with Store.open(path, create=False, readonly=True) as store:  # E101 for a file that is no store
            before = checks.schema_state(store)[0]
            if before > checks.LATEST:
                raise StoreError(Errors.E102.format(path=path, found=before, known=checks.LATEST))
        with Store.open(path, create=False) as store:  # applies the migrations this file lacks
            after = checks.schema_state(store)[0]
            if after != before:
                repaired.append(f"schema upgraded from version {before} to {after}")
            if not checks.integrity_errors(store):
                repaired += _repair(store)
    with Store.open(path, create=False, readonly=True) as store, store.snapshot():
        report = _check(store)  # one snapshot: an ingest writing meanwhile shows whole documents or none
    report.repaired = repaired
    return report


def _check(store: Store) -> CheckReport:
    version, applied, latest = checks.schema_state(store)
    report = CheckReport(path=store.path, schema_version=version, latest_version=latest)
    add = report.findings.append
    damage = checks.integrity_errors(store)
    if damage:
        report.damaged = True
        add(Finding("integrity", len(damage), Errors.E105.format(path=store.path, detail=damage[0]),
                    damage[:3], mendable=False))
        return report  # the rest reads a file SQLite itself calls damaged
    if max(applied | {version}) > latest:
        raise StoreError(Errors.E102.format(path=store.path, found=max(applied | {version}), known=latest))
    if version != latest or applied != set(range(1, latest + 1)):
        add(Finding("schema", 1, f"schema version {version} (migrations {sorted(applied)}), this storyworld "
                                 f"writes version {latest}"))
        return report  # the other checks read columns an older schema lacks: --repair upgrades it first
    orphans = checks.orphans(store)
    if orphans:
        add(Finding("orphans", sum(orphans.values()), "rows whose parent row is missing",
                    [f"{n} {table} → {parent}" for (table, parent), n in sorted(orphans.items())]))
    extra, missing = checks.fts_out_of_step(store)
    if extra or missing:
        add(Finding("full-text", extra + missing,
                    f"full-text index out of step: {extra} row(s) of no document, {missing} document(s) unindexed"))
    unplaced = checks.unplaced_documents(store, REPORTABLE)
    if unplaced:
        add(Finding("unplaced-events", len(unplaced), "documents with reported events in no incident",
                    [d[:12] for d in unplaced[:5]]))
    copies = checks.unlinked_copies(store)
    if copies:
        add(Finding("unlinked-copies", len(copies), "near-duplicate copies missing from their original's incidents",
                    [d[:12] for d in copies[:5]]))
    empty = checks.empty_incidents(store)
    if empty:
        add(Finding("empty-incidents", len(empty), "incidents with no report", [str(i) for i in empty[:5]]))
    stale = checks.stale_incidents(store)
    if stale:
        add(Finding("stale-summaries", len(stale), "incidents whose summary counts other reports than they hold",
                    [str(i) for i in stale[:5]]))
    unsigned = checks.unsigned_documents(store)
    if unsigned:
        add(Finding("signatures", len(unsigned), "analysed documents without a near-duplicate signature",
                    [d[:12] for d, _ in unsigned[:5]]))
    return report


def _repair(store: Store) -> list[str]:
    """Mend in one transaction; one line per kind of repair made."""
    done: list[str] = []
    with store.transaction():
        dropped = checks.drop_orphans(store)
        done += [f"dropped {n} orphan row(s) from {table}" for table, n in sorted(dropped.items())]
        extra, missing = checks.mend_fts(store)
        if extra or missing:
            done.append(f"full-text index: dropped {extra} row(s), indexed {missing} document(s)")
        if checks.fts_damaged(store):
            checks.rebuild_fts(store)
            done.append("full-text index rebuilt (it failed its own check)")
        empty = checks.drop_empty_incidents(store)
        if empty:
            done.append(f"dropped {empty} empty incident(s)")
        documents = checks.unplaced_documents(store, REPORTABLE) + checks.unlinked_copies(store)
        if documents:
            touched = update_incidents(store, documents)
            done.append(f"placed the events of {len(documents)} document(s) in incidents "
                        f"({len(touched)} incident(s) touched)")
        stale = checks.stale_incidents(store)
        for incident_id in stale:
            rebuild_summary(store, incident_id)
        if stale:
            done.append(f"rebuilt {len(stale)} incident summary(ies)")
        unsigned = checks.unsigned_documents(store)
        for document_id, text in unsigned:
            store.save_signature(document_id, to_blob(minhash_signature(text)))
        if unsigned:
            done.append(f"wrote {len(unsigned)} near-duplicate signature(s)")
    return done
