"""Keep the store's incidents up to date as documents arrive (incremental; no re-clustering).

``update_incidents(store, document_ids)`` places every reportable event of those documents in an
incident (candidates come from an index on type and date range), links near-duplicate copies to
the incidents of their original, and rebuilds the summary of each incident it touched: reports,
independent origins (corpus.origins), the first report, and conflicts between reports.

Placing one event costs a fixed number of index lookups, whatever the size of its document or of
the store: the candidate incidents (by type, date range and place box), their reports' keys (one
query for the incidents this document's transaction has not read yet), and the rows of reports
not yet remembered. A report with its context (its sentence's days, its document's lead) is
built once per connection (``Store.memo``: stored rows never change, and the memo is emptied when
a transaction rolls back); a document's lead and day mentions are read once, not once per report
of it (a 359-event article read its own events 10,000 times, issue 25). What is left grows with
the candidates themselves: the in-memory comparison with each report of each candidate incident.
"""

from __future__ import annotations

import itertools
import json
import math
from bisect import bisect_left, insort
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from typing import Any, Iterable

from ..store import Store
from ..store import incidents as table
from ..store.changes import Cause, cause_of, record_change
from ..types import Source
from .incidents import (DISTANCE_KM, DocumentContext, Incident, IncidentReport, assign, bridged,
                        candidate_scores, candidate_window, iso_day, names_a_country, related_types,
                        sortable_day, type_relatedness, with_context)
from .origins import Report, origins
from .sources import DocumentNames, document_names, resolve_reports

# Modalities that report a happening (a denial is a version of the happening; a demand to
# withdraw is not a withdrawal).
REPORTABLE = ("actual", "negated", "planned")
MAX_SPAN_DAYS = 62
LEAD_MAX_DAYS = 31  # a document's lead dates its undated reports only if it is this recent at publication
SCHEMA_ID = "storyworld.incidents/1"


def _to_report(row, store: Store | None = None) -> IncidentReport:
    """The row (``store.incidents.REPORT_SQL``) as an IncidentReport; with the store, its open date and
    place filled from context (and remembered for the connection: the row never changes)."""
    if store is not None:
        memo = store.memo_table("incident_reports")
        key = (row["event_id"], row["document_id"])
        if key in memo:
            return memo[key]
    dateline_place = store is not None and _in_dateline_only(store, row)
    report = IncidentReport(
        event_id=row["event_id"], document_id=row["document_id"], type=row["type"], modality=row["modality"],
        # a ``reported`` date is a bound (on or before that day), not the incident's day: left open here
        date=None if row["date_precision"] == "reported" else row["date"],
        date_precision=None if row["date_precision"] == "reported" else row["date_precision"],
        published=row["published"],
        lat=None if dateline_place else row["lat"], lon=None if dateline_place else row["lon"],
        location_precision=None if dateline_place else row["location_precision"],
        location_country=None if dateline_place else row["location_country"], actor_country=row["actor_country"],
        target_country=row["target_country"] if names_a_country(row["target_text"] or row["target_name"]) else None,
        target_name=row["target_name"] or row["target_text"],
        evidence=row["evidence"] or "", actor_name=row["actor_name"] or row["actor_text"],
        place_name=row["location_text"] or row["location_name"],
    )
    if store is None:
        return report
    report = with_context(report, sentence_dates=_sentence_dates(store, row["document_id"], row["evidence_start"],
                                                                  row["evidence_end"]),
                          lead=_lead(store, row["document_id"]))
    if dateline_place and report.lat is None and row["location_precision"] in DISTANCE_KM:
        # nothing else places it: the town it was filed from agrees when near, and never vetoes
        # (a story filed from Nairobi may tell of Mogadishu)
        report = replace(report, lat=row["lat"], lon=row["lon"], location_precision=row["location_precision"],
                         location_country=None, location_inferred=True, location_soft=True)
    memo[key] = report
    return report


_DATELINE_DASHES = ("—", "–", " - ")


# (store file, document id) → its dateline: a stored document's text never changes, and placing one
# report asks for the datelines of every report of every candidate incident, several times each
_datelines: dict[tuple[str, str], str] = {}
MAX_CACHED_DATELINES = 100_000


def _dateline(store: Store, document_id: str) -> str:
    """The dateline ("KYIV, March 8 (Dnipro Daily) ") up to its dash, else "": its date is the story's."""
    key = (str(store.path), document_id)
    cached = _datelines.get(key)
    if cached is not None:
        return cached
    head = table.document_head(store, document_id, 160)
    if head is None:
        return ""  # not stored (yet): nothing to remember
    ends = [head.find(d) for d in _DATELINE_DASHES if 0 < head.find(d) <= 120]
    if len(_datelines) >= MAX_CACHED_DATELINES:
        _datelines.clear()
    _datelines[key] = head[:min(ends)] if ends else ""
    return _datelines[key]


def _in_dateline_only(store: Store, row) -> bool:
    """The event's place is named only in the dateline ("DUBAI, July 12 (Gulf Ledger) — A tanker
    sailing through the Red Sea …"): where the story was filed, not where it happened. The places
    stage also lends the dateline town to later sentences that name no place; those are dropped
    too (the name stands in the dateline and not in the sentence), and the lead fills them."""
    text = row["location_text"]
    if not text or row["lat"] is None:
        return False
    head = _dateline(store, row["document_id"])
    if not head or text not in head:
        return False
    skip = max(0, len(head) - row["evidence_start"])
    return text not in (row["evidence"] or "")[skip:]


def _sentence_dates(store: Store, document_id: str, start: int, end: int) -> tuple[str, ...]:
    """The day dates the evidence span names, in text order, the dateline's excluded (a document's
    day mentions read once per connection)."""
    memo = store.memo_table("day_times")
    if document_id not in memo:
        memo[document_id] = table.day_times(store, document_id)
    mentions = memo[document_id]
    first = bisect_left(mentions, (max(start, len(_dateline(store, document_id))),))
    return tuple(value for _s, e, value in itertools.takewhile(lambda m: m[0] <= end, mentions[first:]) if e <= end)


def _lead(store: Store, document_id: str) -> DocumentContext:
    """The document's lead: the day of its first event with one (its own, else its sentence's) and
    the place of its first located event (below country level when there is one); read once per
    document and connection."""
    memo = store.memo_table("leads")
    if document_id not in memo:
        memo[document_id] = _read_lead(store, document_id)
    return memo[document_id]


def _read_lead(store: Store, document_id: str) -> DocumentContext:
    date = precision = None
    status = table.document_status(store, document_id)
    published = iso_day(status["published"]) if status is not None else None

    def news(day: str) -> bool:
        """A day the story can be about: not long before publication ("gunned down on April 11,
        1967" in a story of the 2008 arrest is its background, and dates none of its reports)."""
        value = iso_day(day)
        return published is None or value is None or (published - value).days <= LEAD_MAX_DAYS

    for r in table.event_dates(store, document_id):
        if r["date"] and r["date_precision"] == "day" and news(r["date"]):
            date, precision = r["date"], "day"
            break
        days = [d for d in _sentence_dates(store, document_id, r["evidence_start"], r["evidence_end"]) if news(d)]
        if days:
            date, precision = max(days), "day"
            break
    located = next((r for r in table.located_events(store, document_id) if not _in_dateline_only(store, r)), None)
    if located is None:
        return DocumentContext(date=date, date_precision=precision)
    return DocumentContext(date=date, date_precision=precision, lat=located["lat"], lon=located["lon"],
                           location_precision=located["location_precision"],
                           location_country=located["location_country"])


def _anchor(report: IncidentReport) -> str | None:
    return sortable_day(report.date or report.published)


def _candidates(store: Store, report: IncidentReport, members: dict[int, list[tuple[int, str]]]) -> list[Incident]:
    window = candidate_window(report)
    if window is None:
        ids = table.undated_incidents(store, (report.type,))
    else:
        lo, hi = window
        # An incident spanning more than MAX_SPAN_DAYS is not found (none is expected: its reports'
        # dates must each fall within a few days of another's).
        earliest = (date.fromisoformat(lo) - timedelta(days=MAX_SPAN_DAYS)).isoformat()
        box = None
        if report.lat is not None and report.location_precision in DISTANCE_KM and not report.location_soft:
            # Only incidents that could lie within the largest matching distance, or have no place
            # finer than a country or a sea (their reports match by country, ``location_compatible``).
            dlat = DISTANCE_KM["admin1"] / 111.0
            dlon = dlat / max(0.1, math.cos(math.radians(report.lat)))
            box = (report.lat - dlat, report.lat + dlat, report.lon - dlon, report.lon + dlon)
        ids = table.incidents_in_window(store, (report.type,), earliest=earliest, lo=lo, hi=hi, box=box)
        ids += _related_candidates(store, report, box, set(ids))
    return _incidents(store, ids, members)


def _related_candidates(store: Store, report: IncidentReport, box, seen: set[int]) -> list[int]:
    """Incidents of the related types the report could join: a match across types needs the same
    day and a known place (``incidents.RELATED_JOIN``), so only that day is searched, and only for a
    report with a day and a place."""
    related = tuple(t for t in related_types(report.type) if t != report.type)
    if not related or report.date_precision != "day" or not report.date or report.lat is None:
        return []
    earliest = (date.fromisoformat(report.date) - timedelta(days=MAX_SPAN_DAYS)).isoformat()
    return [i for i in table.incidents_in_window(store, related, earliest=earliest, lo=report.date, hi=report.date,
                                                 box=box) if i not in seen]


def _incidents(store: Store, ids: list[int], members: dict[int, list[tuple[int, str]]]) -> list[Incident]:
    """The incidents with these ids (in this order), each with its reports in event order.

    ``members`` (incident id → its reports' keys) holds what this transaction has read or written
    (under the write lock no other process adds a report); the others' keys come in one query, and
    the reports not yet remembered (``Store.memo``) in a second."""
    memo = store.memo_table("incident_reports")
    members.update(table.report_keys(store, [i for i in ids if i not in members]))
    keys = {key for incident_id in ids for key in members.get(incident_id, ())}
    found = {key: memo[key] for key in keys if key in memo}
    missing = sorted(event_id for event_id, document_id in keys if (event_id, document_id) not in found)
    for row in table.report_rows(store, missing):
        found[(row["event_id"], row["document_id"])] = _to_report(row, store)
    # a key with no row (its event or document gone: `storyworld check` names such orphans) is no report
    return [Incident(id=incident_id, reports=[found[key] for key in members.get(incident_id, []) if key in found])
            for incident_id in ids]


def update_incidents(store: Store, document_ids: Iterable[str], *, left: dict[int, str] | None = None) -> set[int]:
    """Cluster the events of these documents into incidents; return the ids of incidents touched.

    ``left``: incidents that events of the (one) document's earlier versions or of the document it
    corrects have just left (``corpus.versions``), each with the state it takes if no report is left
    (superseded, retracted); they are rebuilt too. Each incident whose summary changes gets a new
    version in the changes log, caused by the document."""
    touched: set[int] = set()
    for document_id in document_ids:
        store.trim_memo()
        with store.transaction():  # one document's placements and summaries land together
            merged: dict[int, int] = {}
            placed = _add_document(store, document_id, merged) | set(left or {})
            placed -= set(merged)
            for incident_id in sorted(placed):
                rebuild_summary(store, incident_id, cause=document_id, emptied=(left or {}).get(incident_id))
            for incident_id, survivor in sorted(merged.items()):
                rebuild_summary(store, incident_id, cause=document_id, emptied="merged", merged_into=survivor)
        touched |= placed | set(merged)
    return touched


def _add_document(store: Store, document_id: str, merged: dict[int, int]) -> set[int]:
    """Place the document's reports; ``merged`` gains each stored incident a report bridged into
    an older one (``bridged``), with the id of the one it joined."""
    touched: set[int] = set()
    doc = table.document_status(store, document_id)
    if doc is None:
        return touched
    if doc["duplicate_of"]:
        return table.link_copy(store, document_id, doc["duplicate_of"])
    members: dict[int, list[tuple[int, str]]] = {}  # valid for this transaction only
    for row in table.unplaced_reports(store, document_id, REPORTABLE):
        report = _to_report(row, store)
        candidates = _candidates(store, report, members)
        scores = candidate_scores(report, candidates)
        incident = assign(report, candidates, scores)
        if incident is None:
            incident_id = table.new_incident(store, report.type, report.modality, _anchor(report))
            members[incident_id] = []
        else:
            incident_id = incident.id
            for other in bridged(report, incident, candidates, scores):
                survivor, gone = min(incident_id, other.id), max(incident_id, other.id)
                if table.merge_into(store, survivor, gone):
                    merged[gone] = survivor
                members[survivor] = sorted(members.get(survivor, []) + members.pop(gone, []))
                touched.discard(gone)
                incident_id = survivor
        table.add_report(store, incident_id, report.event_id, document_id, _anchor(report))
        insort(members[incident_id], (report.event_id, document_id))
        touched.add(incident_id)
    return touched


def incident_type(types: list[str]) -> str | None:
    """The type an incident is listed under: its reports' most common type; on a tie, the one most
    related to the others' (a storming told as a protest, an arrest and an evacuation is a protest)."""
    if not types:
        return None
    counts = Counter(types)
    top = max(counts.values())
    tied = [t for t in dict.fromkeys(types) if counts[t] == top]
    return max(tied, key=lambda t: (sum(type_relatedness(t, o) or 0.0 for o in types if o != t), -tied.index(t)))


def _most_common(values: list[Any]) -> Any:
    values = [v for v in values if v is not None]
    if not values:
        return None
    counts = Counter(values)
    return max(counts, key=lambda v: (counts[v], -values.index(v)))


def outlet_alias(name: str) -> str:
    """An outlet's canonical name ("the AP" → "Associated Press"); any other name unchanged."""
    from ..resources.outlets import find_outlet

    outlet = find_outlet(name)
    return outlet.name if outlet else name


def report_chain(row) -> Report:
    """A summary row (``store.incidents.summary_rows``) as the origin rule reads it: a copy (exact
    or near) takes the chain of its original, publisher included."""
    publisher = row["original_outlet"] if row["duplicate_of"] else row["outlet"]
    return Report(publisher=publisher or row["doc_id"][:12],
                  sources=tuple(Source(s["name"], s["kind"]) for s in json.loads(row["sources_json"])),
                  document=row["duplicate_of"] or row["doc_id"])


def names_of_reports(store: Store, chains: Iterable[Report]) -> dict[str, DocumentNames]:
    """document id → the names it gives its sources, for each report's document."""
    return {r.document: _document_names(store, r.document) for r in chains if r.document}


def _document_names(store: Store, document_id: str) -> DocumentNames:
    """The names a document gives its sources (definitions, longer names), remembered per store."""
    memo = store.memo_table("document_names")
    if document_id not in memo:
        text, names = table.document_names(store, document_id)
        memo[document_id] = document_names(text, names)
    return memo[document_id]


def rebuild_summary(store: Store, incident_id: int, *, cause: str | None = None,
                    emptied: str | None = None, merged_into: int | None = None) -> dict[str, Any]:
    """Rebuild an incident's summary from its reports; when it changed, write it as the incident's
    next version and log the change, caused by the document ``cause``. An incident left without a
    report keeps its last summary and takes the state ``emptied`` (superseded, retracted, or merged
    into the incident ``merged_into``)."""
    rows = table.summary_rows(store, incident_id)
    previous = table.incident_version(store, incident_id)
    if not rows and previous is not None and previous["summary_json"] not in (None, "{}"):
        return _empty(store, incident_id, previous, cause=cause, state=emptied or "superseded",
                      merged_into=merged_into)
    reports, chains = [], []
    for r in rows:
        sources = json.loads(r["sources_json"])
        chains.append(report_chain(r))
        reports.append({
            "document": {"id": r["doc_id"], "url": r["url"], "title": r["title"], "outlet": r["outlet"],
                         "published": r["published"]},
            "duplicate_of": r["duplicate_of"],
            "event": {"type": r["type"], "modality": r["modality"], "trigger": r["trigger"],
                      "evidence": {"text": r["evidence"], "start": r["evidence_start"], "end": r["evidence_end"]}},
            "sources": sources,
        })
    all_origins = origins(resolve_reports(chains, names_of_reports(store, chains)), alias_of=outlet_alias)
    independent = [o for o in all_origins if o.independent]
    day_dates = [r["date"] for r in rows if r["date_precision"] == "day"]
    date = _most_common(day_dates) or _most_common([r["date"] for r in rows])
    date_precision = next((r["date_precision"] for r in rows if r["date"] == date), None)
    located = sorted((r for r in rows if r["lat"] is not None and not _in_dateline_only(store, r)),
                     key=lambda r: {"site": 0, "city": 1, "admin2": 2, "admin1": 3}.get(r["location_precision"], 4))
    best = located[0] if located else None
    location = None if best is None else {
        "text": best["location_text"], "name": best["location_name"], "geonameid": best["geonameid"],
        "lat": best["lat"], "lon": best["lon"], "country": best["location_country"],
        "precision": best["location_precision"]}
    modalities = [r["modality"] for r in rows if not _reported_before_it(r, date, date_precision)]
    modality = "actual" if "actual" in modalities else _most_common(modalities or [r["modality"] for r in rows])
    actors = []
    for r in rows:
        for prefix in ("actor", "target"):
            name = r[f"{prefix}_name"] or r[f"{prefix}_text"]
            entry = {"name": name, "country": r[f"{prefix}_country"], "role": r[f"{prefix}_role"]}
            if name and entry not in actors:
                actors.append(entry)
    first = rows[0] if rows else None
    figures = incident_casualties(store, rows)
    summary = {
        "id": incident_id, "type": incident_type([r["type"] for r in rows]), "modality": modality,
        "date": date, "date_precision": date_precision, "location": location, "actors": actors,
        "reports": reports,
        "origins": [{"key": o.key, "name": o.name, "kind": o.kind, "reports": o.reports} for o in independent],
        "independent_origins": len(independent),
        "first_reported": None if first is None else {"outlet": first["outlet"], "published": first["page_published"],
                                                      "url": first["url"]},
        "casualties": figures,
        "conflicts": conflicts(rows, reports) + casualty_conflicts(figures),
    }
    before = json.loads(previous["summary_json"] or "{}") if previous is not None else {}
    if before == summary and previous["state"] == "current":
        return summary  # nothing changed: no new version
    version = 1 if not before else previous["version"] + 1
    table.save_summary(
        store, incident_id, modality=modality, date=date, date_precision=date_precision, lat=best and best["lat"],
        lon=best and best["lon"], location_country=best and best["location_country"],
        location_precision=best and best["location_precision"], reports=len(reports),
        independent_origins=len(independent), first_published=first and first["page_published"],
        summary_json=json.dumps(summary, ensure_ascii=False), version=version, state="current")
    record_change(store, change="created" if not before else "revised", record="incident", record_id=incident_id,
                  version=version, fields=changed_incident_fields(before, summary) if before else [],
                  cause=_incident_cause(store, cause, rows), row_id=incident_id, state=summary)
    return summary


def _empty(store: Store, incident_id: int, previous, *, cause: str | None, state: str,
           merged_into: int | None = None) -> dict[str, Any]:
    """An incident whose every report was superseded, retracted or merged into another: its last
    summary stays, marked (a merged one names the incident that holds its reports now)."""
    summary = json.loads(previous["summary_json"])
    if previous["state"] == state:
        return summary
    if merged_into is not None:
        summary["merged_into"] = merged_into
        table.set_summary_json(store, incident_id, json.dumps(summary))
    table.set_state(store, incident_id, state=state, version=previous["version"] + 1)
    record_change(store, change=state, record="incident", record_id=incident_id, version=previous["version"] + 1,
                  fields=["state"], cause=_incident_cause(store, cause, []), row_id=incident_id,
                  state={**summary, "state": state})
    return summary


def _incident_cause(store: Store, document_id: str | None, rows) -> Cause:
    """The document that changed an incident, with the chain of its report there (when it has one)."""
    chain = next((json.loads(r["sources_json"]) for r in rows if r["report_document"] == document_id), [])
    return cause_of(store, document_id, chain)


# The fields of an incident's summary whose change is a new version, and how each is compared.
INCIDENT_FIELDS = {
    "type": lambda s: s.get("type"),
    "modality": lambda s: s.get("modality"),
    "date": lambda s: (s.get("date"), s.get("date_precision")),
    "place": lambda s: s.get("location") and (s["location"].get("geonameid"), s["location"].get("name")),
    "actors": lambda s: sorted(json.dumps(a, sort_keys=True) for a in s.get("actors") or []),
    "casualties": lambda s: sorted((f["kind"], f["number"], f["document"]) for f in s.get("casualties") or []),
    "reports": lambda s: sorted(r["document"]["id"] for r in s.get("reports") or []),
    "independent_origins": lambda s: (s.get("independent_origins"), sorted(o["key"] for o in s.get("origins") or [])),
    "conflicts": lambda s: json.dumps(s.get("conflicts"), sort_keys=True),
    "first_reported": lambda s: json.dumps(s.get("first_reported"), sort_keys=True),
}


def changed_incident_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return [name for name, get in INCIDENT_FIELDS.items() if get(before) != get(after)]


def _reported_before_it(row, date: str | None, precision: str | None) -> bool:
    """An "actual" report published before the day the incident happened cannot have seen it happen:
    it was a plan or a slogan then ("we are marching for life", two days before the march), and
    does not make the incident actual."""
    published = (row["published"] or "")[:10]
    return (row["modality"] == "actual" and precision == "day" and bool(date) and len(published) == 10
            and published < date[:10])


def incident_casualties(store: Store, rows) -> list[dict[str, Any]]:
    """The casualty figures the incident's own reports give (a copy repeats its original's), each
    with its document and the chain it is attributed to: the claim that carries it, else its event's.
    A figure a report states twice (the headline's, again in the lead) is one figure
    (``best_statements``)."""
    statements = []
    for r in rows:
        if r["duplicate_of"]:
            continue
        for c in table.event_casualties(store, r["document_id"], r["event_seq"]):
            chain = table.claim_chain_over(store, r["document_id"], c["start"], c["end"])
            sources = json.loads(chain) if chain else json.loads(r["sources_json"])
            statements.append(((r["doc_id"], c["kind"], c["number"]), statement_rank(sources, c["sentence"], r["title"]),
                               {"number": c["number"], "kind": c["kind"], "qualifier": c["qualifier"], "text": c["text"],
                                "sentence": c["sentence"], "document": r["doc_id"], "outlet": r["outlet"],
                                "published": r["published"], "sources": sources}))
    return best_statements(statements)


def best_statements(statements: list[tuple[Any, tuple, Any]]) -> list[Any]:
    """Of the statements ``(figure key, rank, value)`` of each figure, the value of the one ranked
    first (``statement_rank``; the first of equals), in the order the figures first appear."""
    best: dict[Any, tuple[tuple, Any]] = {}
    for key, rank, value in statements:
        if key not in best or rank > best[key][0]:
            best[key] = (rank, value)
    return [value for _rank, value in best.values()]


def statement_rank(sources: list[dict], sentence: str | None, title: str | None) -> tuple[bool, bool]:
    """How well one statement of a figure tells where it comes from: one that names a source before
    one that does not, then the body's before the headline's ("kills four; Turkey denies
    involvement" lends the figure to the denial; the lead says who counted)."""
    in_headline = bool(title and sentence and sentence.strip().rstrip(".") in title)
    return bool(sources), not in_headline


def casualty_conflicts(figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Kinds of casualty figure on which reports differ: each figure with the sources that give it
    (a toll that rises between reports shows here too: every figure stays, with its report)."""
    out = []
    for kind in sorted({f["kind"] for f in figures}):
        versions: dict[int, list] = {}
        for f in figures:
            if f["kind"] != kind:
                continue
            bucket = versions.setdefault(f["number"], [])
            for s in f["sources"] or [{"name": f["outlet"], "kind": "outlet"}]:
                if s not in bucket:
                    bucket.append(s)
        if len(versions) > 1:
            out.append({"field": kind, "values": [{"value": v, "sources": s} for v, s in versions.items()]})
    return out


CONFLICT_FIELDS = {
    "date": lambda r: r["date"],
    "place": lambda r: r["location_name"] or r["location_text"],
    "actor": lambda r: r["actor_country"] or r["actor_name"] or r["actor_text"],
    "target": lambda r: r["target_country"] or r["target_name"] or r["target_text"],
    "modality": lambda r: r["modality"],
}


def conflicts(rows, reports) -> list[dict[str, Any]]:
    """Fields on which reports disagree, each version with the sources that carry it."""
    out = []
    for field, get in CONFLICT_FIELDS.items():
        versions: dict[Any, list] = {}
        for row, rep in zip(rows, reports):
            value = get(row)
            if value is None:
                continue
            carriers = rep["sources"] or [{"name": rep["document"]["outlet"], "kind": "outlet"}]
            bucket = versions.setdefault(value, [])
            for s in carriers:
                if s not in bucket:
                    bucket.append(s)
        if field == "date":
            versions = _drop_compatible_dates(versions)
        if len(versions) > 1:
            out.append({"field": field, "values": [{"value": v, "sources": s} for v, s in versions.items()]})
    return out


def _drop_compatible_dates(versions: dict[str, list]) -> dict[str, list]:
    """'2025-05' does not contradict '2025-05-17': fold a coarser date into the finer ones it contains."""
    finer = [v for v in versions if len(v) == 10]
    return {v: s for v, s in versions.items() if len(v) == 10 or not any(f.startswith(v) for f in finer)}
