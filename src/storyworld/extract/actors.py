"""Actors: entity and noun-phrase mentions resolved to country (ISO3) and role.

Entry point: ``extract_actors(parsed) -> list[Actor]``. Candidates are spaCy's noun chunks and
GPE/NORP/ORG/PERSON entities; each is resolved by the actor knowledge base
(``resources.actors.resolve``). ``actor_for_span`` picks the actor of an argument span for the
events stage. A phrase that names no country keeps ``country=None``, unless ``with_local_countries``
gives a home-bound actor (police, authorities, protesters) the country where its event happened.
"""

from __future__ import annotations

from dataclasses import replace

from ..resources.actors import resolve
from ..types import Actor

ENTITY_LABELS = {"GPE", "NORP", "ORG", "PERSON"}
MAX_PHRASE_CHARS = 200


def extract_actors(parsed) -> list[Actor]:
    doc = parsed.doc
    spans = {}
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS:
            spans[(ent.start_char, ent.end_char)] = ent
    try:
        chunks = list(doc.noun_chunks)
    except ValueError:  # no parse
        chunks = []
    for chunk in chunks:
        spans.setdefault((chunk.start_char, chunk.end_char), chunk)
    actors = []
    for (start, end), span in sorted(spans.items()):
        text = span.text
        if not text.strip() or len(text) > MAX_PHRASE_CHARS:
            continue
        entry = resolve(text)
        if entry is None:
            if getattr(span, "label_", "") not in ("ORG", "PERSON"):
                continue
            actors.append(Actor(text=text, start=start, end=end, name=text,
                                kind="person" if span.label_ == "PERSON" else "organization"))
            continue
        actors.append(Actor(text=text, start=start, end=end, name=entry.name, country=entry.country,
                            role=entry.role, kind=entry.kind))
    return actors


def actor_for_span(actors, start: int, end: int, *, head: int | None = None) -> Actor | None:
    """The actor that best covers [start, end): one holding the phrase's head (the first conjunct of
    "Russian officers and their Iranian counterparts"), with a country, the first (the first conjunct:
    "the ministers of Congo and Rwanda" → Congo), with a role, the longest; else any inside."""
    inside = [a for a in actors if a.start >= start and a.end <= end]
    if not inside:
        inside = [a for a in actors if a.start <= start < a.end or a.start < end <= a.end]
    if not inside:
        return None
    def holds_head(a) -> bool:
        return head is not None and a.start <= head < a.end

    # a bare name holding the head ("Chedli Klibi") yields to a phrase that says whom he acts for
    # ("Arab League Secretary-General Chedli Klibi": the Arab League, an IGO)
    def informative_head(a) -> bool:
        return holds_head(a) and a.end - a.start < end - start and (a.country or a.role) is not None

    return max(inside, key=lambda a: (informative_head(a), a.country is not None, -a.start, a.role is not None,
                                      holds_head(a), a.end - a.start))


# roles whose members act at home: "the police", "the authorities", "protesters", "gangs" with no
# country named are those of the country the event happened in; soldiers, fighters and drones
# often are not (a strike's unnamed "drones" are usually the other side's), so they take it only
# as targets, or as actors of an event that is no assault
DOMESTIC_ROLES = {"GOV", "COP", "CVL", "OPP", "JUD", "LEG", "CRM", "LAB", "EDU", "MED", "BUS", "REL", "HLH"}
ARMED_ROLES = {"MIL", "REB"}
LOCAL_PRECISIONS = {"site", "city", "admin2", "admin1", "country"}


def _local(ref, country: str, *, armed_ok: bool):
    if ref is None or ref.country is not None or ref.role is None:
        return ref
    if ref.role in DOMESTIC_ROLES or (armed_ok and ref.role in ARMED_ROLES):
        return replace(ref, country=country)
    return ref


def with_local_countries(events):
    """Events whose actor or target names no country but has a home-bound role get the country of
    the place the event happened (as an ACLED coder writes "Police Forces of Mali")."""
    out = []
    for event in events:
        loc = event.location
        if loc is None or not loc.country or loc.precision not in LOCAL_PRECISIONS:
            out.append(event)
            continue
        actor = _local(event.actor, loc.country, armed_ok=event.type not in ("ASSAULT", "COERCE"))
        target = _local(event.target, loc.country, armed_ok=True)
        out.append(event if (actor, target) == (event.actor, event.target) else
                   replace(event, actor=actor, target=target))
    return out
