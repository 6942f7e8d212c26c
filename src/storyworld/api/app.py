"""create_app(db_path, ...) -> FastAPI: documents, events, incidents, claims, sources, places, stats.

Every route parses its parameters and calls the service layer (``storyworld.service``), as the
CLI does. Every read opens its own read-only SQLite connection (cheap, and safe across the
server's worker threads); every filter is a bound parameter. CORS is off (no middleware); request
bodies are size-capped; a per-client token bucket caps the request rate.
"""

from __future__ import annotations

import io
import threading
import time
from contextlib import contextmanager
from typing import Any, Iterator, Mapping

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response

from .. import service
from ..store import Store
from ..store.export import feature_collection, write_csv
from ..store.queries import ClaimFilter, EventFilter
from . import errors

MAX_BODY_BYTES = 2 * 1024 * 1024
TOTAL_CAP = 1_000  # counts stop here: a listing says "1,000+" rather than scan a million rows
MODALITIES = "^(actual|requested|threatened|planned|negated|hypothetical)$"
DATE = r"^\d{4}-\d{2}-\d{2}$"


class RateLimiter:
    """A token bucket per client address: ``rate`` requests per second, bursts of ``burst``."""

    def __init__(self, rate: float, burst: int):
        self.rate, self.burst = rate, burst
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(client, (float(self.burst), now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens < 1:
                self._buckets[client] = (tokens, now)
                return False
            self._buckets[client] = (tokens - 1, now)
            return True


def create_app(db_path: str, *, settings: Mapping[str, Any] | None = None, allow_ingest: bool = False,
               rate: float = 50.0, burst: int = 100, max_body_bytes: int = MAX_BODY_BYTES) -> FastAPI:
    """The API over the store at ``db_path``; ``settings`` (the shipped defaults when None) govern
    what ``POST /api/analyze`` and ``POST /api/ingest`` do with an article."""
    settings = service.resolve_settings(settings)
    app = FastAPI(title="storyworld", version="1", description="Sourced, mapped, dated events from news articles.")
    errors.install(app)
    limiter = RateLimiter(rate, burst)
    Store.open(db_path).close()  # create and migrate once, so readers can open read-only

    @app.middleware("http")
    async def guard(request: Request, call_next):
        client = request.client.host if request.client else "?"
        if not limiter.allow(client):
            return errors.envelope(429, "too many requests: slow down")
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > max_body_bytes):
            return errors.envelope(413, f"request body over {max_body_bytes} bytes")
        return await call_next(request)

    @contextmanager
    def reader() -> Iterator[Store]:
        store = Store.open(db_path, readonly=True)
        try:
            yield store
        finally:
            store.close()

    def event_filter(
        type: str | None = Query(None, max_length=20, description="PLOVER type"),
        country: str | None = Query(None, pattern=r"^[A-Za-z]{3}$"),
        actor: str | None = Query(None, max_length=200),
        since: str | None = Query(None, pattern=DATE),
        until: str | None = Query(None, pattern=DATE),
        source: str | None = Query(None, max_length=200),
        outlet: str | None = Query(None, max_length=200),
        modality: str | None = Query(None, pattern=MODALITIES),
        q: str | None = Query(None, max_length=500, description="full-text search in the article"),
    ) -> EventFilter:
        return EventFilter(type=type, country=country, actor=actor, since=since, until=until, source=source,
                           outlet=outlet, modality=modality, text=q)

    @app.get("/api/events")
    def list_events(f: EventFilter = Depends(event_filter), limit: int = Query(100, ge=1, le=5000),
                    offset: int = Query(0, ge=0), format: str = Query("json", pattern="^(json|csv|geojson)$")):
        with reader() as store:
            page = service.list_events(store, f, limit=limit, offset=offset, cap=TOTAL_CAP)
        rows, total = page.events, page.total
        if format == "csv":
            out = io.StringIO()
            write_csv(rows, out)
            return Response(out.getvalue(), media_type="text/csv")
        if format == "geojson":
            return JSONResponse(feature_collection(rows), media_type="application/geo+json")
        return {"ok": True, "total": total, "total_capped": total >= TOTAL_CAP, "limit": limit, "offset": offset,
                "events": rows}

    @app.get("/api/events/{event_id}")
    def get_event(event_id: int):
        with reader() as store:
            found = service.get_event(store, event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id}")
        return {"ok": True, **found}

    @app.get("/api/documents")
    def list_documents(limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)):
        with reader() as store:
            rows = service.list_documents(store, limit=limit, offset=offset)
        return {"ok": True, "documents": rows}

    @app.get("/api/documents/{document_id}")
    def get_document(document_id: str):
        with reader() as store:
            record = service.get_document(store, document_id[:64])
        if record is None:
            raise HTTPException(404, f"no document {document_id[:64]}")
        return {"ok": True, **record}

    @app.get("/api/incidents")
    def list_incidents(f: EventFilter = Depends(event_filter), min_reports: int = Query(1, ge=1),
                       sort: str = Query("recent", pattern="^(origins|reports|recent)$"),
                       limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)):
        with reader() as store:
            rows = service.list_incidents(store, f, min_reports=min_reports, sort=sort, limit=limit, offset=offset)
        return {"ok": True, "schema": "storyworld.incidents/1", "incidents": rows}

    @app.get("/api/incidents/{incident_id}")
    def get_incident(incident_id: int):
        with reader() as store:
            summary = service.get_incident(store, incident_id)
        if summary is None:
            raise HTTPException(404, f"no incident {incident_id}")
        return {"ok": True, "incident": summary}

    @app.get("/api/claims")
    def list_claims(source: str | None = Query(None, max_length=200), kind: str | None = None,
                    only: str | None = None, outlet: str | None = Query(None, max_length=200),
                    cue: str | None = Query(None, max_length=50), limit: int = Query(100, ge=1, le=1000),
                    offset: int = Query(0, ge=0)):
        with reader() as store:
            rows = service.list_claims(store, ClaimFilter(source=source, kind=kind, only_kind=only, outlet=outlet,
                                                          cue=cue), limit=limit, offset=offset)
        return {"ok": True, "claims": rows}

    @app.get("/api/sources")
    def list_sources(kind: str | None = None, name: str | None = Query(None, max_length=200),
                     limit: int = Query(100, ge=1, le=1000)):
        with reader() as store:
            return {"ok": True, "sources": service.list_sources(store, kind=kind, name=name, limit=limit)}

    @app.get("/api/places")
    def list_places(limit: int = Query(500, ge=1, le=5000)):
        with reader() as store:
            rows = service.list_places(store, limit=limit)
        return {"ok": True, "places": rows}

    @app.get("/api/stats")
    def get_stats():
        with reader() as store:
            return {"ok": True, **service.summarize(store)}

    @app.post("/api/analyze")
    async def analyze(request: Request, published: str | None = Query(None, pattern=DATE),
                      outlet: str | None = Query(None, max_length=200), url: str | None = Query(None, max_length=2000),
                      html: bool = False):
        """Analyse one article sent as the request body (text or HTML); nothing is stored."""
        from starlette.concurrency import run_in_threadpool

        from ..contract.serialize import to_dict

        body = await request.body()
        if len(body) > max_body_bytes:
            raise HTTPException(413, f"request body over {max_body_bytes} bytes")
        if not body.strip():
            raise HTTPException(422, "empty body: send the article's text or HTML")
        text = body.decode("utf-8", errors="replace")
        analysis = await run_in_threadpool(service.analyze_text, text, published=published, outlet=outlet, url=url,
                                           html=html, settings=settings)
        return to_dict(analysis)

    @app.post("/api/ingest")
    async def ingest_one(request: Request, published: str | None = Query(None, pattern=DATE),
                         outlet: str | None = Query(None, max_length=200), url: str | None = Query(None, max_length=2000),
                         html: bool = False):
        """Analyse and store one article (only when the server runs with --allow-ingest)."""
        if not allow_ingest:
            raise HTTPException(403, "ingestion over HTTP is off: start `storyworld serve --allow-ingest`")
        from starlette.concurrency import run_in_threadpool

        body = await request.body()
        if not body.strip():
            raise HTTPException(422, "empty body: send the article's text or HTML")
        with Store.open(db_path) as store:
            result = await run_in_threadpool(service.ingest_text, body.decode("utf-8", errors="replace"), store=store,
                                             published=published, outlet=outlet, url=url, html=html,
                                             settings=settings)
        return {"ok": True, "document_id": result.document_id, "status": result.status, "events": result.events}

    from fastapi.responses import FileResponse
    from fastapi.staticfiles import StaticFiles

    from ..web import STATIC_DIR

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(STATIC_DIR / "index.html", headers={"X-Content-Type-Options": "nosniff"})

    return app
