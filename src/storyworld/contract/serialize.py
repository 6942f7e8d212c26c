"""Analysis ⇄ `storyworld.analysis/1` JSON, and validation against the shipped JSON Schema."""

from __future__ import annotations

import json
from dataclasses import asdict
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import ContractError, Errors
from ..types import (
    Actor, ActorRef, Analysis, Casualty, Claim, Document, Event, Location, Place, Removed, Source, Span,
    TimeMention,
)

SCHEMA_ID = "storyworld.analysis/1"


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("analysis-1.schema.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    return jsonschema.Draft202012Validator(schema())


def validate(obj: dict[str, Any]) -> None:
    """Raise ContractError naming the first violation, and check that offsets index the text."""
    errors = sorted(_validator().iter_errors(obj), key=lambda e: list(e.path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.path) or "(root)"
        raise ContractError(Errors.E306.format(schema=SCHEMA_ID, detail=f"{where}: {first.message}"))
    text = obj["document"]["text"]
    for key in ("claims", "places", "times", "actors"):
        for i, item in enumerate(obj[key]):
            _check_offsets(text, item, f"{key}/{i}")
    for i, event in enumerate(obj["events"]):
        _check_offsets(text, event["evidence"], f"events/{i}/evidence")
    for i, casualty in enumerate(obj.get("casualties", ())):
        _check_offsets(text, casualty, f"casualties/{i}")
        _check_offsets(text, casualty["sentence"], f"casualties/{i}/sentence")
        if casualty["event"] is not None and casualty["event"] >= len(obj["events"]):
            raise ContractError(Errors.E306.format(schema=SCHEMA_ID,
                                                   detail=f"casualties/{i}: event {casualty['event']} is no event"))


def _check_offsets(text: str, item: dict[str, Any], where: str) -> None:
    start, end = item["start"], item["end"]
    if not (0 <= start <= end <= len(text)) or text[start:end] != item["text"]:
        raise ContractError(
            Errors.E306.format(schema=SCHEMA_ID, detail=f"{where}: offsets {start}:{end} do not index its text")
        )


def _sources(sources) -> list[dict[str, str]]:
    return [{"name": s.name, "kind": s.kind, **({"office": s.office} if s.office else {})} for s in sources]


def _actor_ref(ref: ActorRef | None) -> dict[str, Any] | None:
    return None if ref is None else asdict(ref)


def to_dict(analysis: Analysis) -> dict[str, Any]:
    doc = analysis.document
    return {
        "schema": SCHEMA_ID,
        "document": {
            "id": doc.id,
            "title": doc.title,
            "url": doc.url,
            "outlet": doc.outlet,
            "author": doc.author,
            "published": doc.published,
            "published_source": doc.published_source,
            "language": doc.language,
            "text": doc.text,
            "removed": [{"text": r.text, "reason": r.reason} for r in doc.removed],
        },
        "events": [
            {
                "type": e.type,
                "mode": e.mode,
                "cameo": e.cameo,
                "acled": e.acled,
                "modality": e.modality,
                "trigger": e.trigger,
                "actor": _actor_ref(e.actor),
                "target": _actor_ref(e.target),
                "location": None if e.location is None else asdict(e.location),
                "date": e.date,
                "date_precision": e.date_precision,
                "evidence": asdict(e.evidence),
                "sources": _sources(e.sources),
            }
            for e in analysis.events
        ],
        "claims": [
            {
                "text": c.text,
                "start": c.start,
                "end": c.end,
                "cue": c.cue,
                "direct": c.direct,
                "sources": _sources(c.sources),
                "quote": None if c.quote is None else asdict(c.quote),
                "disputes": c.disputes,
                "content": None if c.content is None else asdict(c.content),
            }
            for c in analysis.claims
        ],
        "places": [asdict(p) for p in analysis.places],
        "times": [asdict(t) for t in analysis.times],
        "actors": [asdict(a) for a in analysis.actors],
        "stages": list(analysis.stages),
        "casualties": [asdict(c) for c in analysis.casualties],
    }


def to_json(analysis: Analysis, *, indent: int | None = 2) -> str:
    return json.dumps(to_dict(analysis), ensure_ascii=False, indent=indent)


def from_json(obj: dict[str, Any] | str) -> Analysis:
    """Rebuild an Analysis from contract JSON (validated first)."""
    if isinstance(obj, str):
        obj = json.loads(obj)
    validate(obj)
    d = obj["document"]
    document = Document(
        id=d.get("id") or "",
        text=d["text"],
        title=d["title"],
        url=d["url"],
        outlet=d["outlet"],
        author=d.get("author"),
        published=d["published"],
        published_source=d.get("published_source"),
        language=d["language"],
        removed=tuple(Removed(r["text"], r["reason"]) for r in d["removed"]),
    )

    def sources(items):
        return tuple(Source(s["name"], s["kind"], s.get("office")) for s in items)

    def ref(item):
        return None if item is None else ActorRef(**item)

    events = tuple(
        Event(
            type=e["type"], trigger=e["trigger"], evidence=Span(**e["evidence"]),
            modality=e["modality"], mode=e["mode"], cameo=e["cameo"], acled=e["acled"],
            actor=ref(e["actor"]), target=ref(e["target"]),
            location=None if e["location"] is None else Location(**e["location"]),
            date=e["date"], date_precision=e["date_precision"], sources=sources(e["sources"]),
        )
        for e in obj["events"]
    )
    claims = tuple(
        Claim(
            text=c["text"], start=c["start"], end=c["end"], cue=c["cue"], direct=c["direct"],
            sources=sources(c["sources"]),
            quote=None if c.get("quote") is None else Span(**c["quote"]),
            disputes=c.get("disputes"),
            content=None if c.get("content") is None else Span(**c["content"]),
        )
        for c in obj["claims"]
    )
    return Analysis(
        document=document,
        events=events,
        claims=claims,
        places=tuple(Place(**p) for p in obj["places"]),
        times=tuple(TimeMention(**t) for t in obj["times"]),
        actors=tuple(Actor(**a) for a in obj["actors"]),
        stages=tuple(obj.get("stages", ())),
        casualties=tuple(Casualty(**{**c, "sentence": Span(**c["sentence"])}) for c in obj.get("casualties", ())),
    )
