"""create_app(db_path, ...) -> FastAPI: documents, events, incidents, claims, sources, places, stats.

Every route parses its parameters (``params``: bounded, validated) and calls the service layer
(``storyworld.service``), as the CLI does. Every read opens its own read-only SQLite connection
(cheap, and safe across the server's worker threads); every filter is a bound parameter. CORS is
off (no middleware). The ``guard`` stands in front of every route: Host allow-list, cross-site and
token checks on writes, body and rate caps, the catch-all envelope, the security headers.
"""

from __future__ import annotations

import io
import secrets
from contextlib import asynccontextmanager, contextmanager
from typing import Any, AsyncIterator, Iterable, Iterator, Mapping

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from .. import service
from ..store import Store
from ..store.export import feature_collection, incident_collection, write_csv, write_incidents_csv
from ..store.queries import ClaimFilter, EventFilter
from ..web import STATIC_DIR
from . import errors, work
from .guard import TOKEN_HEADER, TOKEN_PATH, Guard, RateLimiter
from .params import (MAX_REPORTS, Cue, Day, Modality, Name, Offset, PloverType, RowId, Search, Since, SourceKind, State,
                     Url)

MAX_BODY_BYTES = 2 * 1024 * 1024


def ok(content: Mapping[str, Any]) -> JSONResponse:
    """A success answer. The rows are JSON already (SQLite's types): JSONResponse spares FastAPI's
    jsonable_encoder (9.1 ms for a page of 100 events, where json.dumps takes 0.7 and the query 1.4)."""
    return JSONResponse({"ok": True, **content})


def create_app(db_path: str, *, settings: Mapping[str, Any] | None = None, allow_ingest: bool = False,
               hosts: Iterable[str] = (), rate: float = 50.0, burst: int = 100,
               max_body_bytes: int = MAX_BODY_BYTES, analysis_processes: int = 1) -> FastAPI:
    """The API over the store at ``db_path``; ``settings`` (the shipped defaults when None) govern
    what ``POST /api/analyze`` and ``POST /api/ingest`` do with an article, in
    ``analysis_processes`` worker processes (0: in the server's threads). It answers to
    127.0.0.1, localhost and [::1], and to the names in ``hosts`` (the address ``serve`` binds)."""
    settings = service.resolve_settings(settings)
    workers = work.Workers(analysis_processes, settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        workers.close()

    app = FastAPI(title="storyworld", version="1", description="Sourced, mapped, dated events from news articles.",
                  docs_url=None, redoc_url=None,  # /docs below, from vendored files; ReDoc would need a CDN
                  lifespan=lifespan)
    errors.install(app)
    token = secrets.token_urlsafe(32)  # per server start: a page must read it afresh, same-origin
    app.add_middleware(Guard, hosts=tuple(hosts), token=token, max_body_bytes=max_body_bytes,
                       limiter=RateLimiter(rate, burst))
    Store.open(db_path).close()  # create and migrate once, so readers can open read-only

    @contextmanager
    def reader() -> Iterator[Store]:
        store = Store.open(db_path, readonly=True)
        try:
            yield store
        finally:
            store.close()

    def event_filter(
        type: PloverType = None,
        country: str | None = Query(None, pattern=r"^[A-Za-z]{3}$"),
        actor: Name = None, since: Day = None, until: Day = None, source: Name = None, outlet: Name = None,
        modality: Modality = None, q: Search = None, state: State = "current", changed_since: Since = None,
    ) -> EventFilter:
        return EventFilter(type=type, country=country, actor=actor, since=since, until=until, source=source,
                           outlet=outlet, modality=modality, text=q, states=None if state == "all" else (state,),
                           changed_since=changed_since)

    @app.get("/api/events")
    def list_events(f: EventFilter = Depends(event_filter), limit: int = Query(100, ge=1, le=5000),
                    offset: Offset = 0, format: str = Query("json", pattern="^(json|csv|geojson)$")):
        with reader() as store:
            # the true total at any size: a COUNT over the filter (100,000 events: a few ms)
            page = service.list_events(store, f, limit=limit, offset=offset)
        rows, total = page.events, page.total
        if format == "csv":
            out = io.StringIO()
            write_csv(rows, out)
            return Response(out.getvalue(), media_type="text/csv")
        if format == "geojson":
            return JSONResponse(feature_collection(rows), media_type="application/geo+json")
        return ok({"total": total, "limit": limit, "offset": offset,
                   "events": rows})

    @app.get("/api/timeline")
    def get_timeline(f: EventFilter = Depends(event_filter)):
        """Matching events per day and type (``days``: [day, type, count]) and how many have no date to
        the day (``undated``), over every match: the page's timeline at any size."""
        with reader() as store:
            return ok(service.event_days(store, f))

    @app.get("/api/events/{event_id}")
    def get_event(event_id: RowId):
        with reader() as store:
            found = service.get_event(store, event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id}")
        return ok(found)

    @app.get("/api/documents")
    def list_documents(limit: int = Query(100, ge=1, le=1000), offset: Offset = 0):
        with reader() as store:
            rows = service.list_documents(store, limit=limit, offset=offset)
        return ok({"documents": rows})

    @app.get("/api/documents/{document_id}")
    def get_document(document_id: str):
        with reader() as store:
            record = service.get_document(store, document_id[:64])
        if record is None:
            raise HTTPException(404, f"no document {document_id[:64]}")
        return ok(record)

    @app.get("/api/incidents")
    def list_incidents(f: EventFilter = Depends(event_filter), min_reports: int = Query(1, ge=1, le=MAX_REPORTS),
                       sort: str = Query("recent", pattern="^(origins|reports|recent)$"),
                       limit: int = Query(100, ge=1, le=1000), offset: Offset = 0,
                       format: str = Query("json", pattern="^(json|csv|geojson)$")):
        with reader() as store:
            rows = service.list_incidents(store, f, min_reports=min_reports, sort=sort, limit=limit, offset=offset)
            if format != "json":  # the reports' events give the columns (store.export builds them)
                by_id = service.incident_events(store, [r["id"] for r in rows])
                versions = service.incident_versions(store, [r["id"] for r in rows])
                rows = [{**r, **versions.get(r["id"], {})} for r in rows]
        if format == "csv":
            out = io.StringIO()
            write_incidents_csv([(r, by_id[r["id"]]) for r in rows], out)
            return Response(out.getvalue(), media_type="text/csv")
        if format == "geojson":
            return JSONResponse(incident_collection([(r, by_id[r["id"]]) for r in rows]),
                                media_type="application/geo+json")
        return ok({"schema": "storyworld.incidents/1", "incidents": rows})

    @app.get("/api/incidents/{incident_id}")
    def get_incident(incident_id: RowId):
        with reader() as store:
            summary = service.get_incident(store, incident_id)
        if summary is None:
            raise HTTPException(404, f"no incident {incident_id}")
        return ok({"incident": summary})

    @app.get("/api/incidents/{incident_id}/explain")
    def explain_incident(incident_id: RowId):
        """Why each report joined the incident and how each origin key was derived (as `storyworld
        incidents --explain ID --format json`)."""
        with reader() as store:
            found = service.explain_incident(store, incident_id)
        if found is None:
            raise HTTPException(404, f"no incident {incident_id}")
        return ok({"explain": found})

    def history(record: str, ident: str | int):
        with reader() as store:
            try:
                found = service.record_history(store, ident, record)
            except ValueError as exc:  # a document prefix that names several
                raise HTTPException(400, str(exc)) from None
        if found is None:
            raise HTTPException(404, f"no {record} {ident}")
        return ok(found)

    @app.get("/api/incidents/{incident_id}/history")
    def incident_history(incident_id: RowId):
        """Every version of an incident, oldest first: what changed, when, and the report that changed
        it, with the incident as it stood (as `storyworld history ID --format json`)."""
        return history("incident", incident_id)

    @app.get("/api/events/{event_id}/history")
    def event_history(event_id: RowId):
        """Every version of an event (any version's id gives its whole history), oldest first."""
        return history("event", event_id)

    @app.get("/api/documents/{document_id}/history")
    def document_history(document_id: str = PathParam(..., pattern="^[0-9a-fA-F]{8,64}$")):
        """Every version of a page (a document id or a prefix of 8 hex characters or more), oldest first."""
        return history("document", document_id)

    @app.get("/api/claims")
    def list_claims(source: Name = None, kind: SourceKind = None, only: SourceKind = None, outlet: Name = None,
                    cue: Cue = None, limit: int = Query(100, ge=1, le=1000), offset: Offset = 0):
        with reader() as store:
            rows = service.list_claims(store, ClaimFilter(source=source, kind=kind, only_kind=only, outlet=outlet,
                                                          cue=cue), limit=limit, offset=offset)
        return ok({"claims": rows})

    @app.get("/api/sources")
    def list_sources(kind: SourceKind = None, name: Name = None, limit: int = Query(100, ge=1, le=1000)):
        with reader() as store:
            return ok({"sources": service.list_sources(store, kind=kind, name=name, limit=limit)})

    @app.get("/api/places")
    def list_places(limit: int = Query(500, ge=1, le=5000)):
        with reader() as store:
            rows = service.list_places(store, limit=limit)
        return ok({"places": rows})

    @app.get("/api/stats")
    def get_stats():
        with reader() as store:
            return ok(service.summarize(store))

    @app.get(TOKEN_PATH)
    def get_token():
        """The token every POST must send in the X-Storyworld-Token header. Only this server's own
        page (same origin) or a local script can read it: a page on another site cannot."""
        return JSONResponse({"ok": True, "token": token, "header": TOKEN_HEADER}, headers={"Cache-Control": "no-store"})

    async def article(request: Request) -> str:
        """The request body as text; refused when empty (the guard has capped its size)."""
        body = await request.body()
        if not body.strip():
            raise HTTPException(422, "empty body: send the article's text or HTML")
        return body.decode("utf-8", errors="replace")

    @app.post("/api/analyze")
    async def analyze(request: Request, published: Day = None, outlet: Name = None, url: Url = None,
                      html: bool = False):
        """Analyse one article sent as the request body (text or HTML); nothing is stored."""
        text = await article(request)
        return JSONResponse(await workers.run(work.analyze, text, published=published, outlet=outlet, url=url,
                                              html=html))

    @app.post("/api/ingest")
    async def ingest_one(request: Request, published: Day = None, outlet: Name = None, url: Url = None,
                         html: bool = False):
        """Analyse and store one article (only when the server runs with --allow-ingest)."""
        if not allow_ingest:
            raise HTTPException(403, "ingestion over HTTP is off: start `storyworld serve --allow-ingest`")
        text = await article(request)
        result = await workers.run(work.ingest, text, db_path=str(db_path), published=published, outlet=outlet,
                                   url=url, html=html)
        return ok(result)

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(STATIC_DIR / "index.html")

    @app.get("/docs", include_in_schema=False)
    def docs():
        """Swagger UI from the vendored copy (static/vendor), started by static/docs.js: no CDN, no inline script."""
        return FileResponse(STATIC_DIR / "docs.html")

    return app
