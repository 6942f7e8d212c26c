"""Why an incident is what it is (``storyworld incidents --explain ID``): for each report, why it
joined (the earlier report it matched best, field by field, as ``incidents.match_parts`` scores
them), and for each report's chain, how its origin key was derived (each source's name as
written, the name it was resolved to and why, the key, and whether another chain relays it).

Reports are replayed in the order they joined, each against the reports that were there before
it, with the same context (a date or place read from its sentence or its lead) as when it was
placed; a copy joined because its original reports in the incident.
"""

from __future__ import annotations

import json
from typing import Any

from ..store import Store
from ..store import incidents as table
from .incidents import MIN_SCORE, WEIGHTS, IncidentReport, match_parts
from .origins import keyed_reports, relayed_keys, unnamed
from .sources import explain_source, resolve_reports
from .update import _to_report, names_of_reports, outlet_alias, report_chain


def explain_incident(store: Store, incident_id: int) -> dict[str, Any] | None:
    """The reasons behind one incident's reports and origins, or None when there is no such incident."""
    placed = table.placements(store, incident_id)
    if not placed:
        stored = table.incident_version(store, incident_id)
        summary = json.loads(stored["summary_json"] or "{}") if stored is not None else {}
        if stored is not None and stored["state"] == "merged" and summary.get("merged_into"):
            return {"id": incident_id, "state": "merged", "merged_into": summary["merged_into"],
                    "min_score": MIN_SCORE, "weights": dict(WEIGHTS), "joined": [], "origin_reports": [],
                    "independent_origins": [],
                    "why": f"a report bridged it to incident {summary['merged_into']}, which holds its reports now"}
        return None
    return {"id": incident_id, "min_score": MIN_SCORE, "weights": dict(WEIGHTS),
            "joined": _joins(store, placed), **_origins(store, incident_id)}


def _joins(store: Store, placed) -> list[dict[str, Any]]:
    rows = {r["event_id"]: r for r in table.report_rows(store, [p["event_id"] for p in placed])}
    earlier: list[IncidentReport] = []
    out = []
    for p in placed:
        row = rows[p["event_id"]]
        entry: dict[str, Any] = {"event": p["event_id"], "document": p["document_id"], "outlet": None,
                                 "evidence": row["evidence"]}
        if p["duplicate_of"]:
            doc = table.document_status(store, p["document_id"])
            entry.update(how="copy", copy_of=p["duplicate_of"],
                         why="a copy of a document that reports in this incident (status "
                             f"{doc['status'] if doc else '?'}): it takes its original's places and chain")
            out.append(entry)
            continue
        entry["outlet"] = row["outlet"]
        report = _to_report(row, store)
        scored = [(parts, other) for other in earlier if (parts := match_parts(report, other)) is not None]
        if not earlier:
            entry.update(how="first", why="the first report: it started the incident")
        elif not scored:
            entry.update(how="unmatched", why="no earlier report agrees with it as the store reads them now")
        else:
            parts, other = max(scored, key=lambda x: x[0]["score"])
            entry.update(how="matched", matched={"event": other.event_id, "document": other.document_id},
                         scores={k: round(v, 3) for k, v in parts.items()},
                         fields=_fields(report, other),
                         why=f"best match score {parts['score']:.3f} ≥ {MIN_SCORE} with event {other.event_id}")
        earlier.append(report)
        out.append(entry)
    return out


def _fields(report: IncidentReport, other: IncidentReport) -> dict[str, Any]:
    """The values that were compared, this report's against the matched one's."""
    def pair(a, b):
        return {"this": a, "matched": b}

    return {"type": pair(report.type, other.type),
            "date": pair(report.date or f"published {report.published}", other.date or f"published {other.published}"),
            "date_inferred": pair(report.date_inferred, other.date_inferred),
            "place": pair(None if report.lat is None else [report.lat, report.lon, report.location_precision],
                          None if other.lat is None else [other.lat, other.lon, other.location_precision]),
            "actor_country": pair(report.actor_country, other.actor_country),
            "target": pair(report.target_name, other.target_name)}


def _origins(store: Store, incident_id: int) -> dict[str, Any]:
    rows = table.summary_rows(store, incident_id)
    chains = [report_chain(r) for r in rows]
    names_of = names_of_reports(store, chains)
    resolved = resolve_reports(chains, names_of)
    keyed = keyed_reports(resolved, alias_of=outlet_alias)
    relayed = relayed_keys(keyed)
    reports = []
    for row, chain, k in zip(rows, chains, keyed):
        names = names_of.get(chain.document or "")
        steps = []
        for source in chain.sources:
            resolved_source, why = explain_source(source, names)
            steps.append({"written": source.name, "kind": source.kind, "resolved": resolved_source.name,
                          **({"why": why} if why else {})})
        relayed_by = [" > ".join(s.name for s in other.chain) for other in keyed
                      if any(s.name.casefold() == k.key for s in other.chain[:-1])]
        reports.append({
            "event": row["event_id"], "document": row["doc_id"], "outlet": row["outlet"],
            "copy_of": row["duplicate_of"], "publisher": chain.publisher,
            "sources": steps,
            "chain": [s.name for s in k.chain] if chain.sources else [],
            "own_voice": not chain.sources,
            "key": k.key,
            "key_rule": ("unattributed, in a document whose other reports of the incident name their sources: "
                         "it retells them and adds no chain" if k.retelling else
                         "innermost source is unnamed: keyed with the source before it (or the publisher)"
                         if unnamed(k.inner) else
                         "the publisher's own voice" if not chain.sources else "innermost source of the chain"),
            "independent": k.key not in relayed and not k.retelling,
            **({"retelling": True} if k.retelling else {}),
            **({"relayed_by": relayed_by} if relayed_by else {}),
        })
    independent = sorted({k.key for k in keyed if k.key not in relayed and not k.retelling},
                         key=[k.key for k in keyed].index)
    return {"origin_reports": reports, "independent_origins": independent}
