"""Named, parameterized reads over the Store. No string-built values: every filter is a ? parameter."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any, Iterator

from ..errors import ConfigError, Errors, printable
from ..types import PLOVER_TYPES
from .db import Store

# an event's incident (the first it was placed in) with its sizes; num_sources counts the outlets
# that published its reports (GDELT's NumSources), num_reports the reports (GDELT's NumArticles)
INCIDENT_COLUMNS = (
    "(SELECT ir.incident_id FROM incident_reports ir WHERE ir.event_id = e.id ORDER BY ir.incident_id LIMIT 1) "
    "AS incident_id, "
    "(SELECT i.reports FROM incident_reports ir JOIN incidents i ON i.id = ir.incident_id "
    "WHERE ir.event_id = e.id ORDER BY ir.incident_id LIMIT 1) AS num_reports, "
    "(SELECT i.independent_origins FROM incident_reports ir JOIN incidents i ON i.id = ir.incident_id "
    "WHERE ir.event_id = e.id ORDER BY ir.incident_id LIMIT 1) AS independent_origins, "
    "NULLIF((SELECT COUNT(DISTINCT COALESCE(rd.outlet, rd.id)) FROM incident_reports rr "
    "JOIN documents rd ON rd.id = rr.document_id WHERE rr.incident_id = (SELECT ir.incident_id "
    "FROM incident_reports ir WHERE ir.event_id = e.id ORDER BY ir.incident_id LIMIT 1)), 0) AS num_sources"
)

# the casualty figures the casualties stage tied to an event: the largest number killed, and the
# sentence that gives it (null when the text gives none)
FATALITY_COLUMNS = (
    "(SELECT MAX(c.number) FROM casualties c WHERE c.document_id = e.document_id AND c.event_seq = e.seq "
    "AND c.kind = 'killed') AS fatalities, "
    "(SELECT c.sentence FROM casualties c WHERE c.document_id = e.document_id AND c.event_seq = e.seq "
    "AND c.kind = 'killed' ORDER BY c.number DESC LIMIT 1) AS fatalities_text"
)

EVENT_COLUMNS = (
    "e.id, e.document_id, e.seq, e.type, e.mode, e.cameo, e.acled, e.modality, e.trigger, "
    "e.actor_text, e.actor_name, e.actor_country, e.actor_role, "
    "e.target_text, e.target_name, e.target_country, e.target_role, "
    "e.location_text, e.location_name, e.geonameid, e.lat, e.lon, e.location_country, e.location_precision, "
    "e.date, e.date_precision, e.evidence, e.evidence_start, e.evidence_end, e.sources_json, "
    "d.outlet, d.url, d.title, d.published, " + INCIDENT_COLUMNS + ", " + FATALITY_COLUMNS + ", "
    "e.version, COALESCE(e.updated_at, d.ingested_at) AS updated_at, e.state"
)

STATES = ("current", "superseded", "retracted", "merged")  # merged: incidents only


# --- the filters' values as a user gives them, checked once for every caller (CLI, to_pandas) -----

def checked_type(value: str) -> str:
    """A PLOVER type in any case (``assault`` → ASSAULT); anything else is E401 with the list."""
    if value.strip().upper() not in PLOVER_TYPES:
        raise ConfigError(Errors.E401.format(value=printable(value), options=", ".join(PLOVER_TYPES)))
    return value.strip().upper()


def checked_country(value: str) -> str:
    """A country as ISO3, ISO2 or a name (``Syria``, ``sy``) → its ISO3 code; anything else is E402
    with the nearest names."""
    from ..resources.countries import close_countries, country_code

    code = country_code(value)
    if code is None:
        close = close_countries(value)
        suggestion = f" (did you mean {', '.join(f'{name} ({iso3})' for name, iso3 in close)}?)" if close else ""
        raise ConfigError(Errors.E402.format(value=printable(value), suggestion=suggestion))
    return code


def states_of(state: str | None) -> tuple[str, ...] | None:
    """A state asked for (current, superseded, retracted, merged or all; none: current) as
    ``EventFilter.states``: all → None (every version)."""
    if state is None:
        return ("current",)
    return None if state == "all" else (state,)


def changed_after(column: str) -> str:
    """A clause: ``column`` (a UTC ISO time) is after the ? time (``store.changes.normalise_time``'s
    form, to the microsecond). Times written to the second ("…:SS+00:00": documents.ingested_at,
    rows older than the changes log) count as the last microsecond of their second, so that a
    record stored within the second of ``since`` is listed (again, perhaps) rather than missed;
    every other value compares as a string, which for these forms is the time order."""
    return (f"(CASE WHEN length({column}) = 25 THEN substr({column}, 1, 19) || '.999999+00:00' "
            f"ELSE {column} END) > ?")


@dataclass(frozen=True)
class EventFilter:
    type: str | None = None
    country: str | None = None  # actor, target or location country (ISO3)
    actor: str | None = None  # substring of actor or target name/text
    since: str | None = None  # event date (or published date when the event has none) >= since
    until: str | None = None
    source: str | None = None  # substring of any source name in the chain
    outlet: str | None = None
    modality: str | None = None
    text: str | None = None  # full-text search over the article (FTS5 syntax)
    document_id: str | None = None
    # the versions' states to list (``STATES``); None or () lists every version
    states: tuple[str, ...] | None = ("current",)
    # changed after this time (``store.changes.normalise_time``'s form: UTC, to the microsecond)
    changed_since: str | None = None


def _reads_documents(f: EventFilter) -> bool:
    """Whether a filter reads the documents table (a count joins it only then)."""
    return bool(f.outlet or f.text or f.changed_since)


def version_clauses(f: EventFilter, *, state: str, updated_at: str,
                    ids: tuple[str, str] | None = None) -> tuple[list[str], list[Any]]:
    """The clauses (and their parameters) of a filter's versions: its states, changed since. With
    ``ids`` (the id column, its table), states are asked of the few rows not current, whose ids an
    index holds (``events_not_current``): a row is then kept or left out by its id alone, and a
    count over another index need not read the table."""
    clauses, params = [], []
    if f.states and ids:
        column, table = ids
        others = [s for s in f.states if s != "current"]
        marks = ", ".join("?" * len(others))
        if "current" in f.states:
            left_out = f" AND state NOT IN ({marks})" if others else ""
            clauses.append(f"{column} NOT IN (SELECT id FROM {table} WHERE state != 'current'{left_out})")
        else:
            clauses.append(f"{column} IN (SELECT id FROM {table} WHERE state != 'current' AND state IN ({marks}))")
        params += others
    elif f.states:
        clauses.append(f"{state} IN ({', '.join('?' * len(f.states))})")
        params += list(f.states)
    if f.changed_since:
        clauses.append(changed_after(updated_at))
        params.append(f.changed_since)
    return clauses, params


def _reads_events(f: EventFilter) -> bool:
    """Whether a filter by country reads the events table (type, dates, states and ids it does not)."""
    return bool(f.modality or f.actor or f.source or f.document_id or f.changed_since or f.outlet or f.text)


def _event_where(f: EventFilter, *, source_scan: bool = False) -> tuple[str, list[Any]]:
    # an event's last change: updated_at, or its document's ingested_at when it has none
    # by country, the event's id is read off event_countries: a count needs no events row then
    clauses, params = version_clauses(f, state="e.state", updated_at="COALESCE(e.updated_at, d.ingested_at)",
                                      ids=("ec.event_id" if f.country else "e.id", "events"))
    if f.type:  # with a country, the type beside it in event_countries: one index range
        clauses.append("ec.type = ?" if f.country else "e.type = ?")
        params.append(f.type.upper())
    if f.modality:
        clauses.append("e.modality = ?")
        params.append(f.modality.lower())
    if f.country:  # ec is joined by _from(): read event_countries in date order
        clauses.append("ec.country = ?")
        params.append(f.country.upper())
    if f.actor:
        like = f"%{_escape_like(f.actor)}%"
        clauses.append(
            "(e.actor_name LIKE ? ESCAPE '\\' OR e.actor_text LIKE ? ESCAPE '\\' "
            "OR e.target_name LIKE ? ESCAPE '\\' OR e.target_text LIKE ? ESCAPE '\\')"
        )
        params += [like] * 4
    day = "ec.sort_date" if f.country else "e.sort_date"  # the copy that the leading index holds
    if f.since:
        clauses.append(f"{day} >= ?")
        params.append(f.since)
    if f.until:
        # a truncated date ("2025-09") compares below any day of that month, so pad the bound
        clauses.append(f"{day} <= ?")
        params.append(f.until + "\uffff")
    if f.source and source_scan:  # a common source: each event (read in date order) asked for it
        clauses.append(f"EXISTS (SELECT 1 FROM event_sources es WHERE es.event_id = e.id AND es.source_id IN "
                       f"({_SOURCE_IDS}))")
        params.append(f"%{_escape_like(f.source)}%")
    elif f.source:  # the few matching names first (sources is small), then their events by index
        clauses.append(
            "e.id IN (SELECT es.event_id FROM sources s JOIN event_sources es ON es.source_id = s.id "
            "WHERE s.name LIKE ? ESCAPE '\\')"
        )
        params.append(f"%{_escape_like(f.source)}%")
    if f.outlet:
        clauses.append("d.outlet LIKE ? ESCAPE '\\'")
        params.append(f"%{_escape_like(f.outlet)}%")
    if f.text:
        clauses.append("d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
        params.append(_fts_query(f.text))
    if f.document_id:
        clauses.append("e.document_id = ?")
        params.append(f.document_id)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _from(f: EventFilter) -> tuple[str, str]:
    """(FROM clause, ORDER BY clause) for a filter: by country, the country index leads, in date order."""
    if f.country:
        return ("event_countries ec JOIN events e ON e.id = ec.event_id JOIN documents d ON d.id = e.document_id",
                "ec.sort_date DESC, e.id")
    return "events e JOIN documents d ON d.id = e.document_id", "e.sort_date DESC, e.id"


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _fts_query(text: str) -> str:
    """Quote each word so that user text is never read as FTS5 syntax (no injection, no syntax errors)."""
    words = [w.replace('"', '""') for w in text.split() if w]
    return " ".join(f'"{w}"' for w in words) or '""'


def event_row_to_dict(row) -> dict[str, Any]:
    d = dict(row)
    d["sources"] = json.loads(d.pop("sources_json"))
    return d


# A source that stands behind at least this share of the events is listed by reading the events in
# date order and asking each for the source (a page of 100 is found within a few thousand rows);
# a rarer one by the set of its events (small). At 1 M events a source behind 10 % of them took
# 170 ms as a set and takes a few ms in date order.
COMMON_SOURCE_SHARE = 0.01
_SOURCE_IDS = "SELECT id FROM sources WHERE name LIKE ? ESCAPE '\\'"


def _common_source(store: Store, source: str) -> bool:
    mentions = store.conn.execute(f"SELECT COUNT(*) FROM event_sources WHERE source_id IN ({_SOURCE_IDS})",
                                  (f"%{_escape_like(source)}%",)).fetchone()[0]
    if not mentions:
        return False
    total = store.conn.execute("SELECT MAX(id) FROM events").fetchone()[0] or 1  # ids are dense enough
    return mentions / total >= COMMON_SOURCE_SHARE


def events(store: Store, f: EventFilter = EventFilter(), *, limit: int | None = 100, offset: int = 0) -> list[dict]:
    where, params = _event_where(f, source_scan=bool(f.source) and limit is not None and _common_source(store, f.source))
    source, order = _from(f)
    sql = f"SELECT {EVENT_COLUMNS} FROM {source}{where} ORDER BY {order}"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [int(limit), int(offset)]
    return [event_row_to_dict(r) for r in store.conn.execute(sql, params)]


def iter_events(store: Store, f: EventFilter = EventFilter()) -> Iterator[dict]:
    where, params = _event_where(f)
    source, _ = _from(f)
    sql = f"SELECT {EVENT_COLUMNS} FROM {source}{where} ORDER BY e.id"
    for row in store.conn.execute(sql, params):
        yield event_row_to_dict(row)


def count_events(store: Store, f: EventFilter = EventFilter(), *, cap: int | None = None) -> int:
    """How many events match; with ``cap``, counting stops there (a listing needs "10,000+", not more).

    Current events are counted as every version matching less the few that are not current: the
    first count reads an index alone (1 M events: 4 ms), where asking each row's state, even by
    id, read them all (47 ms)."""
    if f.source and replace(f, source=None, states=None) == EventFilter(states=None) and f.states in (None, ("current",)):
        # one source alone: its events' ids off the source index (distinct: two matching names)
        inner = f"SELECT DISTINCT es.event_id FROM event_sources es WHERE es.source_id IN ({_SOURCE_IDS})"
        params: list[Any] = [f"%{_escape_like(f.source)}%"]
        if f.states:
            inner += " AND es.event_id NOT IN (SELECT id FROM events WHERE state != 'current')"
        if cap is not None:
            inner += " LIMIT ?"
            params.append(int(cap))
        return store.conn.execute(f"SELECT COUNT(*) FROM ({inner})", params).fetchone()[0]
    if f.states == ("current",) and not (f.source or f.text or f.actor or f.outlet):  # (those read sets twice)
        others = replace(f, states=tuple(s for s in STATES if s != "current"))
        left_out = _count(store, others)
        every = _count(store, replace(f, states=None), cap=None if cap is None else cap + left_out)
        current = every - left_out
        return current if cap is None else min(current, cap)
    return _count(store, f, cap=cap)


def _count(store: Store, f: EventFilter, *, cap: int | None = None) -> int:
    where, params = _event_where(f)
    source, _ = _from(f)
    if not _reads_documents(f):  # no filter reads the documents table: do not join it
        source = source.replace(" JOIN documents d ON d.id = e.document_id", "")
    if f.country and not _reads_events(f):  # every clause reads event_countries: do not join events
        source = source.replace(" JOIN events e ON e.id = ec.event_id", "")
    inner = f"SELECT 1 FROM {source}{where}"
    if cap is not None:
        inner += " LIMIT ?"
        params = [*params, int(cap)]
    return store.conn.execute(f"SELECT COUNT(*) FROM ({inner})", params).fetchone()[0]


def event_days(store: Store, f: EventFilter = EventFilter()) -> dict[str, Any]:
    """How many matching events fall on each day, by type (``days``: [day, type, n], in day order), and
    how many have no date to the day (``undated``): the day is the event's own date, else its
    article's publication date (``sort_date``, the one that ``since``/``until`` filter on)."""
    where, params = _event_where(f)
    source, _ = _from(f)
    if not _reads_documents(f):
        source = source.replace(" JOIN documents d ON d.id = e.document_id", "")
    day = "ec.sort_date" if f.country else "e.sort_date"
    counts: dict[tuple[str, str], int] = {}
    undated = 0
    # grouped on the column as stored (twice as fast as on an expression); days folded here
    for sort_date, type_, n in store.conn.execute(f"SELECT {day}, e.type, COUNT(*) FROM {source}{where} GROUP BY 1, 2",
                                                  params):
        if sort_date is None or len(sort_date) < 10:
            undated += n
        else:
            counts[sort_date[:10], type_] = counts.get((sort_date[:10], type_), 0) + n
    return {"days": [[d, t, n] for (d, t), n in sorted(counts.items())], "undated": undated}


def iter_analyses(store: Store) -> Iterator[dict]:
    """The stored storyworld.analysis/1 objects, in ingest order."""
    for (text,) in store.conn.execute(
        "SELECT analysis_json FROM documents WHERE analysis_json IS NOT NULL ORDER BY rowid"
    ):
        yield json.loads(text)


def stats(store: Store, *, top: int = 10) -> dict[str, Any]:
    """What the store holds. The event counts count current events only (not the earlier versions
    of a revised event, nor retracted ones): ``events_all`` counts every version."""
    q = store.conn.execute
    return {
        "documents": q("SELECT COUNT(*) FROM documents").fetchone()[0],
        "documents_by_status": {r[0]: r[1] for r in q("SELECT status, COUNT(*) FROM documents GROUP BY status ORDER BY 2 DESC")},
        "events": q("SELECT COUNT(*) FROM events WHERE state = 'current'").fetchone()[0],
        "events_all": q("SELECT COUNT(*) FROM events").fetchone()[0],
        "claims": q("SELECT COUNT(*) FROM claims").fetchone()[0],
        "places": q("SELECT COUNT(*) FROM places").fetchone()[0],
        "events_by_type": {r[0]: r[1] for r in q("SELECT type, COUNT(*) FROM events WHERE state = 'current' GROUP BY type ORDER BY 2 DESC, 1")},
        "events_by_modality": {r[0]: r[1] for r in q(
            "SELECT modality, COUNT(*) FROM events WHERE state = 'current' GROUP BY modality ORDER BY 2 DESC, 1")},
        "events_by_country": {r[0]: r[1] for r in q(
            "SELECT COALESCE(location_country, actor_country) AS c, COUNT(*) FROM events "
            "WHERE state = 'current' AND c IS NOT NULL GROUP BY c ORDER BY 2 DESC, 1 LIMIT ?", (top,))},
        "top_sources": [dict(r) for r in q(
            "SELECT name, kind, claims, events, documents FROM source_counts "
            "ORDER BY documents DESC, claims DESC, name LIMIT ?", (top,))],
        "outlets": {r[0]: r[1] for r in q(
            "SELECT outlet, COUNT(*) FROM documents WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY 2 DESC, 1 LIMIT ?",
            (top,))},
    }


@dataclass(frozen=True)
class ClaimFilter:
    source: str | None = None  # substring of any source name in the chain
    kind: str | None = None  # a chain that contains a source of this kind
    only_kind: str | None = None  # every source of the chain is of this kind ("only anonymous")
    outlet: str | None = None  # the publishing outlet
    cue: str | None = None
    text: str | None = None


def claims(store: Store, f: ClaimFilter = ClaimFilter(), *, limit: int | None = 100, offset: int = 0) -> list[dict]:
    clauses, params = [], []
    if f.source:
        clauses.append("EXISTS (SELECT 1 FROM claim_sources cs JOIN sources s ON s.id = cs.source_id "
                       "WHERE cs.claim_id = c.id AND s.name LIKE ? ESCAPE '\\')")
        params.append(f"%{_escape_like(f.source)}%")
    if f.kind:
        clauses.append("EXISTS (SELECT 1 FROM claim_sources cs JOIN sources s ON s.id = cs.source_id "
                       "WHERE cs.claim_id = c.id AND s.kind = ?)")
        params.append(f.kind)
    if f.only_kind:
        clauses.append("EXISTS (SELECT 1 FROM claim_sources cs WHERE cs.claim_id = c.id) AND NOT EXISTS "
                       "(SELECT 1 FROM claim_sources cs JOIN sources s ON s.id = cs.source_id "
                       "WHERE cs.claim_id = c.id AND s.kind != ?)")
        params.append(f.only_kind)
    if f.outlet:
        clauses.append("d.outlet LIKE ? ESCAPE '\\'")
        params.append(f"%{_escape_like(f.outlet)}%")
    if f.cue:
        clauses.append("c.cue = ?")
        params.append(f.cue.lower())
    if f.text:
        clauses.append("c.text LIKE ? ESCAPE '\\'")
        params.append(f"%{_escape_like(f.text)}%")
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    sql = (f'SELECT c.id, c.document_id, c.text, c.start, c."end", c.cue, c.direct, c.quote, c.disputes, c.content, '
           f"c.sources_json, d.outlet, d.url, d.title, d.published "
           f"FROM claims c JOIN documents d ON d.id = c.document_id{where} ORDER BY d.published DESC, c.id")
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [int(limit), int(offset)]
    out = []
    for row in store.conn.execute(sql, params):
        d = dict(row)
        d["sources"] = json.loads(d.pop("sources_json"))
        d["direct"] = bool(d["direct"])
        out.append(d)
    return out


def sources(store: Store, *, kind: str | None = None, name: str | None = None, limit: int | None = 100) -> list[dict]:
    clauses, params = [], []
    if kind:
        clauses.append("kind = ?")
        params.append(kind)
    if name:
        clauses.append("name LIKE ? ESCAPE '\\'")
        params.append(f"%{_escape_like(name)}%")
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    sql = f"SELECT name, kind, documents, claims, events FROM source_counts{where} ORDER BY documents DESC, claims DESC, name"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return [_with_registry(dict(r)) for r in store.conn.execute(sql, params)]


def _with_registry(row: dict) -> dict:
    """A source row with the registry's canonical name and parent body (the source registry,
    ``resources/sources.py``; null where the name is not registered)."""
    from ..resources.sources import find_source

    entry = find_source(row["name"])
    row["canonical"] = entry.name if entry else None
    row["parent"] = entry.parent if entry else None
    return row


INCIDENT_SORTS = {
    "origins": "i.independent_origins DESC, i.reports DESC, i.id",
    "reports": "i.reports DESC, i.independent_origins DESC, i.id",
    "recent": "COALESCE(i.date, i.date_max) DESC, i.id",
}


def incidents(store: Store, f: EventFilter = EventFilter(), *, min_reports: int = 1, sort: str = "recent",
              limit: int | None = None, offset: int = 0) -> list[dict]:
    """Incident summaries (storyworld.incidents/1 items) with a report matching the event filters.
    ``f.states`` and ``f.changed_since`` apply to the incident itself (its state, its updated_at),
    not to its reports' events."""
    where, params = _event_where(replace(f, states=None, changed_since=None))
    join_country = " JOIN event_countries ec ON ec.event_id = e.id" if f.country else ""
    # a retracted or superseded incident keeps no reports: the report filters (and min_reports) can
    # only match current ones, and without report filters any incident of the asked states is listed
    versions, version_params = version_clauses(f, state="i.state", updated_at="i.updated_at")
    clauses, own = ["(i.reports >= ? OR i.state != 'current')", *versions], [int(min_reports), *version_params]
    if where:
        clauses.append("i.id IN (SELECT ir.incident_id FROM incident_reports ir JOIN events e ON e.id = ir.event_id "
                       f"JOIN documents d ON d.id = ir.document_id{join_country}{where})")
    sql = f"SELECT i.summary_json FROM incidents i WHERE {' AND '.join(clauses)} ORDER BY {INCIDENT_SORTS[sort]}"
    params = [*own, *params]
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [int(limit), int(offset)]
    return [json.loads(r[0]) for r in store.conn.execute(sql, params)]


def incident_versions(store: Store, incident_ids: list[int]) -> dict[int, dict[str, Any]]:
    """incident id → its ``version``, ``updated_at`` and ``state`` (the incidents table's, which the
    summary JSON does not carry), for many incidents at once."""
    out: dict[int, dict[str, Any]] = {}
    for start in range(0, len(incident_ids), 500):
        chunk = incident_ids[start:start + 500]
        for row in store.conn.execute(f"SELECT id, version, updated_at, state FROM incidents "
                                      f"WHERE id IN ({','.join('?' * len(chunk))})", chunk):
            out[row["id"]] = {"version": row["version"], "updated_at": row["updated_at"], "state": row["state"]}
    return out


def event(store: Store, event_id: int) -> dict | None:
    """One event as ``events()`` gives it, or None."""
    row = store.conn.execute("SELECT document_id FROM events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        return None
    rows = [r for r in events(store, EventFilter(document_id=row["document_id"]), limit=None) if r["id"] == event_id]
    return rows[0]


def incident_of_event(store: Store, event_id: int) -> int | None:
    """The incident an event reports, if it has been placed in one."""
    row = store.conn.execute("SELECT incident_id FROM incident_reports WHERE event_id = ? LIMIT 1",
                             (event_id,)).fetchone()
    return row[0] if row else None


def documents(store: Store, *, limit: int = 100, offset: int = 0) -> list[dict]:
    """Stored documents' metadata, newest first."""
    return [dict(r) for r in store.conn.execute(
        "SELECT id, url, outlet, title, published, language, status, duplicate_of FROM documents "
        "ORDER BY published DESC, rowid LIMIT ? OFFSET ?", (limit, offset))]


def document_record(store: Store, document_id: str) -> dict | None:
    """A document's status, its original (for a copy) and its analysis (None when not analysed)."""
    row = store.conn.execute("SELECT analysis_json, status, status_reason, duplicate_of FROM documents "
                             "WHERE id = ?", (document_id,)).fetchone()
    if row is None:
        return None
    return {"status": row["status"], "status_reason": row["status_reason"], "duplicate_of": row["duplicate_of"],
            "analysis": json.loads(row["analysis_json"]) if row["analysis_json"] else None}


def document_origins(store: Store) -> list[dict]:
    """Every document's id, origin (the input it was read from) and original, in ingest order."""
    return [dict(r) for r in store.conn.execute("SELECT id, origin, duplicate_of FROM documents ORDER BY rowid")]


def incident(store: Store, incident_id: int) -> dict | None:
    """One incident summary (a storyworld.incidents/1 item), or None."""
    row = store.conn.execute("SELECT summary_json FROM incidents WHERE id = ?", (incident_id,)).fetchone()
    return json.loads(row[0]) if row else None


def places(store: Store, *, limit: int = 500) -> list[dict]:
    """Resolved places with how often they are mentioned, most mentioned first."""
    return [dict(r) for r in store.conn.execute(
        "SELECT name, geonameid, lat, lon, country, feature, COUNT(*) AS mentions FROM places "
        "WHERE geonameid IS NOT NULL GROUP BY geonameid ORDER BY mentions DESC, name LIMIT ?", (limit,))]


def incident_events(store: Store, incident_ids: list[int]) -> dict[int, list[dict]]:
    """incident id → its own reports' events (``events()`` rows; a near-duplicate copy's links left
    out), in event order, for many incidents at once."""
    out: dict[int, list[dict]] = {i: [] for i in incident_ids}
    for start in range(0, len(incident_ids), 500):
        chunk = incident_ids[start:start + 500]
        sql = (f"SELECT ir.incident_id AS report_incident, {EVENT_COLUMNS} FROM incident_reports ir "
               "JOIN events e ON e.id = ir.event_id JOIN documents d ON d.id = e.document_id "
               f"WHERE ir.incident_id IN ({','.join('?' * len(chunk))}) AND ir.duplicate_of IS NULL ORDER BY e.id")
        for row in store.conn.execute(sql, chunk):
            event = event_row_to_dict(row)
            out[event.pop("report_incident")].append(event)
    return out


HISTORY_RECORDS = ("event", "incident", "document")


class AmbiguousRecord(ValueError):
    """A document id prefix that names more than one page."""


def history_key(store: Store, ident: str | int, record: str | None = None) -> tuple[str, str] | None:
    """(record, record_id) as the changes log keys the record ``ident`` names, or None when there is
    none. An event's key is its first version's id (a later version's id resolves to it); a
    document's, its page's first version (an id or a prefix of at least 8 hex characters). A number
    without ``record`` is an incident when one has that id, else an event."""
    text = str(ident).strip().lower()
    if record in (None, "incident", "event") and text.isdigit() and len(text) <= 18:
        number = int(text)
        if record in (None, "incident"):
            if store.conn.execute("SELECT 1 FROM incidents WHERE id = ?", (number,)).fetchone():
                return "incident", str(number)
            if record == "incident":
                return None
        row = store.conn.execute("SELECT COALESCE(first_id, id) FROM events WHERE id = ?", (number,)).fetchone()
        if row is not None:
            return "event", str(row[0])
        if record == "event":
            return None
    if record in (None, "document") and len(text) >= 8 and all(c in "0123456789abcdef" for c in text):
        rows = store.conn.execute("SELECT DISTINCT COALESCE(version_of, id) FROM documents WHERE id LIKE ? "
                                  "ESCAPE '\\' LIMIT 2", (_escape_like(text) + "%",)).fetchall()
        if len(rows) > 1:
            raise AmbiguousRecord(f"'{text}' begins more than one document's id: give more of it")
        if rows:
            return "document", rows[0][0]
    return None
