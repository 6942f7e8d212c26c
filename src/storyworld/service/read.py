"""List and filter what the store holds: the one door for the CLI's listings and the API's reads.

Each function takes an open Store (the CLI opens it read-write, the API read-only per request)
and returns plain dicts, the rows that ``storyworld events --format json`` and ``/api/events``
both print.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..store import Store, queries
from ..store.queries import ClaimFilter, EventFilter


@dataclass(frozen=True)
class EventPage:
    events: list[dict[str, Any]]
    total: int  # every match, or ``cap`` when there are at least that many


def list_events(store: Store, f: EventFilter = EventFilter(), *, limit: int | None = 100, offset: int = 0,
                cap: int | None = None) -> EventPage:
    """A page of events, newest first, and how many match in all (counting stops at ``cap``)."""
    return EventPage(queries.events(store, f, limit=limit, offset=offset), queries.count_events(store, f, cap=cap))


def event_days(store: Store, f: EventFilter = EventFilter()) -> dict[str, Any]:
    """Matching events per day and type, and how many have no day (the page's timeline)."""
    return queries.event_days(store, f)


def get_event(store: Store, event_id: int) -> dict[str, Any] | None:
    """One event and the incident it reports (``incident_id``, None when unplaced); None if absent."""
    row = queries.event(store, event_id)
    if row is None:
        return None
    return {"event": row, "incident_id": queries.incident_of_event(store, event_id)}


def list_claims(store: Store, f: ClaimFilter = ClaimFilter(), *, limit: int | None = 100,
                offset: int = 0) -> list[dict[str, Any]]:
    """Attributed claims with their source chains, newest first."""
    return queries.claims(store, f, limit=limit, offset=offset)


def list_sources(store: Store, *, kind: str | None = None, name: str | None = None,
                 limit: int | None = 100) -> list[dict[str, Any]]:
    """Sources with how many documents, claims and events rest on each."""
    return queries.sources(store, kind=kind, name=name, limit=limit)


def list_incidents(store: Store, f: EventFilter = EventFilter(), *, min_reports: int = 1, sort: str = "recent",
                   limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Incident summaries (storyworld.incidents/1 items) with a report that matches the filter."""
    return queries.incidents(store, f, min_reports=min_reports, sort=sort, limit=limit, offset=offset)


def incident_events(store: Store, incident_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """incident id → its reports' events (for the incidents' CSV and GeoJSON columns)."""
    return queries.incident_events(store, incident_ids)


def get_incident(store: Store, incident_id: int) -> dict[str, Any] | None:
    return queries.incident(store, incident_id)


def incident_versions(store: Store, incident_ids: list[int]) -> dict[int, dict[str, Any]]:
    """incident id → its version, updated_at and state (for the incidents' export columns)."""
    return queries.incident_versions(store, incident_ids)


def record_history(store: Store, ident: str | int, record: str | None = None) -> dict[str, Any] | None:
    """Every version of the event, incident or document ``ident`` names (``queries.history_key``
    resolves it), oldest first, as the changes log holds them: ``{"record", "id", "history"}``; None
    when there is no such record. Raises ``queries.AmbiguousRecord`` for a document prefix that
    names several."""
    from ..store.changes import history

    key = queries.history_key(store, ident, record)
    if key is None:
        return None
    return {"record": key[0], "id": key[1], "history": history(store, *key)}


def explain_incident(store: Store, incident_id: int) -> dict[str, Any] | None:
    """Why each report joined the incident (matched fields and scores) and how each origin key was
    derived from its chain; None when there is no such incident."""
    from ..corpus.explain import explain_incident as explain

    return explain(store, incident_id)


def list_documents(store: Store, *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    return queries.documents(store, limit=limit, offset=offset)


def get_document(store: Store, document_id: str) -> dict[str, Any] | None:
    """A document's status, original and analysis; None if absent."""
    return queries.document_record(store, document_id)


def list_places(store: Store, *, limit: int = 500) -> list[dict[str, Any]]:
    return queries.places(store, limit=limit)


def summarize(store: Store, *, top: int = 10) -> dict[str, Any]:
    """What the store holds: counts by status, type, country and the top sources and outlets."""
    return queries.stats(store, top=top)
