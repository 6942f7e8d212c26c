"""Typed values that cross stage boundaries.

Each stage takes the values of the stages before it and returns its own part; nothing here has
logic or I/O. Dataclasses (not ``doc._`` attributes) so that results serialize to JSON and cross
process and Spark boundaries. Offsets always index ``Document.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
CASUALTY_KINDS: tuple[str, ...] = ("killed", "wounded", "detained", "missing", "displaced")
MODALITIES: tuple[str, ...] = (
    "actual", "requested", "threatened", "planned", "negated", "hypothetical",
)
SOURCE_KINDS: tuple[str, ...] = (
    "outlet", "official", "person", "organization", "anonymous", "document",
)
PLACE_PRECISIONS: tuple[str, ...] = ("site", "city", "admin2", "admin1", "country")
TIME_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year")

Modality = Literal["actual", "requested", "threatened", "planned", "negated", "hypothetical"]


@dataclass(frozen=True)
class RawInput:
    """Bytes as they came in, with whatever the container told us about them."""

    origin: str  # "path" | "url" | "feed" | "warc" | "jsonl" | "stdin" | "text"
    name: str  # what the user would recognise: a path, a URL, "feed.xml#3"
    raw: bytes
    media_type: str = "text/plain"  # "text/plain" | "text/html"
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    published_source: str | None = None  # where `published` came from: "user", "feed", …


@dataclass(frozen=True)
class Removed:
    """A passage taken out of the body, and why (nothing is dropped silently)."""

    text: str
    reason: str


@dataclass(frozen=True)
class Document:
    id: str  # sha256 of `text`; an exact copy at another URL/outlet: body.document.copy_id
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # YYYY-MM-DD
    published_source: str | None = None
    language: str | None = None
    removed: tuple[Removed, ...] = ()
    origin: str | None = None  # RawInput.name


@dataclass(frozen=True)
class Source:
    """One link of an attribution chain."""

    name: str
    kind: str  # one of SOURCE_KINDS
    office: str | None = field(default=None, compare=False)  # "foreign minister", for an official


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Actor:
    text: str
    start: int
    end: int
    name: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    role: str | None = None  # GOV MIL REB OPP MED CVL IGO BUS …
    kind: str | None = None  # "country" | "organization" | "person" | "group"


@dataclass(frozen=True)
class ActorRef:
    """The actor or target of an event, as the contract shows it."""

    text: str
    name: str | None = None
    country: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class Place:
    text: str
    start: int
    end: int
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO3
    feature: str | None = None  # country | admin1 | admin2 | city | site | region | water


@dataclass(frozen=True)
class Location:
    text: str
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    precision: str | None = None  # one of PLACE_PRECISIONS


@dataclass(frozen=True)
class TimeMention:
    text: str
    start: int
    end: int
    value: str | None = None  # ISO 8601 truncated to precision, or None when unresolved
    precision: str | None = None  # one of TIME_PRECISIONS


@dataclass(frozen=True)
class Claim:
    text: str
    start: int
    end: int
    cue: str
    direct: bool = False
    sources: tuple[Source, ...] = ()
    quote: Span | None = None
    disputes: int | None = None  # index of the claim this one denies or disputes
    content: Span | None = None  # what is attributed (the complement of the cue), when it can be cut out


@dataclass(frozen=True)
class Event:
    type: str  # one of PLOVER_TYPES
    trigger: str
    evidence: Span
    modality: str = "actual"
    mode: str | None = None
    cameo: str | None = None
    acled: str | None = None
    actor: ActorRef | None = None
    target: ActorRef | None = None
    location: Location | None = None
    date: str | None = None
    date_precision: str | None = None
    sources: tuple[Source, ...] = ()
    trigger_start: int | None = None


@dataclass(frozen=True)
class Casualty:
    """A casualty figure the text gives: "at least 55 killed", "146 wounded", "dozens detained"."""
    text: str  # the figure as written, from its count (or qualifier) to its kind word
    start: int
    end: int
    number: int  # how many ("dozens" → 12, as ACLED codes vague counts; "no one was killed" → 0)
    kind: str  # one of CASUALTY_KINDS
    sentence: Span  # the sentence that gives it: its source in the text
    qualifier: str | None = None  # "at least" | "more than" | "about" | "up to" | "vague", else exact
    event: int | None = None  # index of the event (in Analysis.events) the figure counts, if any


@dataclass(frozen=True)
class Analysis:
    document: Document
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[TimeMention, ...] = ()
    actors: tuple[Actor, ...] = ()
    stages: tuple[str, ...] = field(default=())  # versioned names of the stages that ran
    casualties: tuple[Casualty, ...] = ()
