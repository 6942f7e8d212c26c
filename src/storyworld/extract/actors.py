"""Actors: entity and noun-phrase mentions resolved to country (ISO3) and role.

Entry point: ``extract_actors(parsed) -> list[Actor]``. Candidates are spaCy's noun chunks and
GPE/NORP/ORG/PERSON entities; each is resolved by the actor knowledge base
(``resources.actors.resolve``). ``actor_for_span`` picks the actor of an argument span for the
events stage. A phrase that names no country keeps ``country=None``, unless ``with_local_countries``
gives a home-bound actor (police, authorities, protesters) the country where its event happened.

The role lists are ``data/words/actors.toml``; each decision is a rule (``storyworld rules actors``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..resources.actors import resolve
from ..resources.gazetteer import gazetteer
from ..resources.tables import word_set
from ..rules import IDENTITY, Example, rule
from ..types import Actor, ActorRef
from .places.cues import TITLES
from .places.names import lower_case_tag

ENTITY_LABELS = {"GPE", "NORP", "ORG", "PERSON"}
NAME_LABELS = ("ORG", "PERSON")
MAX_PHRASE_CHARS = 200
LOCAL_PRECISIONS = {"site", "city", "admin2", "admin1", "country"}
FORCEFUL_TYPES = ("ASSAULT", "COERCE")  # events whose unnamed armed actor is often the other side's
FIRST_VERSION = "demo corpus (first version of events and actors)"


@rule("actors", "noun-phrases", source=FIRST_VERSION, off=(), examples=[
    ("The protesters blocked the main road.", {"text": "The protesters", "role": "CVL"}),
])
def noun_phrases(doc) -> list:
    """Noun phrases are actor candidates besides the named entities: "the protesters", "Iranian
    militias" name a role or a country without being a name."""
    from .events.evidence import dateline_dash  # events import this module

    try:
        chunks = list(doc.noun_chunks)
    except ValueError:  # no parse
        return []
    out = []
    for chunk in chunks:
        dash = dateline_dash(chunk.sent)
        if dash is not None and chunk.start <= dash.i < chunk.end - 1:
            chunk = doc[dash.i + 1: chunk.end]  # "ATHENS, Dec 14 - Hooded youths": the youths are no Athenians
        out.append(chunk)
    return out


@rule("actors", "unknown-name-is-an-actor", source=FIRST_VERSION, off=False, examples=[
    ("Kestrel Mining Corp. opened a factory in the port.", {"text": "Kestrel Mining Corp.", "kind": "organization"}),
    ("Maria Velasquez spoke to reporters after the vote.", {"text": "Maria Velasquez", "kind": "person"}),
])
def unknown_name(span) -> bool:
    """An organisation or a person that the knowledge base does not know is still an actor, named by
    its own text (a place or a nationality it does not know is not)."""
    return getattr(span, "label_", "") in NAME_LABELS


@rule("actors", "surname-coreference", source="gold-real dev", off=None, examples=[
    ("Russian President Vladimir Putin praised the deal. Later Putin met the envoy in Moscow.",
     {"text": "Putin", "country": "RUS"}),
    ("U.S. Senator Ted Kaufman called for an inquiry. Kaufman said the markets had failed.",
     {"text": "Kaufman", "country": "USA"}),
    ("Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergei Lavrov in Moscow. Wang said the talks "
     "went well.", {"text": "Wang", "country": "CHN"}),
])
def earlier_namesake(actor: Actor, earlier: list[Actor]) -> Actor | None:
    """A person named by the surname alone ("Putin") is the person named in full before, with the
    country and role of that mention ("Russian President Vladimir Putin"): the last earlier actor with a
    country whose last word is the surname, or whose name after its titles opens with it (a family name
    written first: "Chinese Foreign Minister Wang Yi" … "Wang", gold-real dev4)."""
    single = len(actor.text.split()) == 1 and actor.text[:1].isupper()
    if actor.country is not None or not (actor.kind == "person" or (actor.kind == "organization" and single)):
        return None  # (the small model tags a family name alone as an organisation: "Wang said …")
    surname = actor.text.split()[-1].lower() if actor.text.split() else ""
    if len(surname) < 3:
        return None
    for other in reversed(earlier):
        words = re.findall(r"[\w'-]+", other.text.lower())
        inside = other.start <= actor.start and actor.end <= other.end  # "Russian President [Vladimir Putin]"
        same = (words[-1] == surname and actor.kind == "person") or _name_opens_with(other.text, surname)
        if other.country is not None and words and same and (other.end <= actor.start or inside):
            return other
    return None


def _name_opens_with(text: str, surname: str) -> bool:
    """Whether the name of a two- or three-word person's mention, after its titles, opens with this word."""
    words = text.split()
    titles = [i for i, w in enumerate(words) if w.lower().strip(".,") in TITLES]
    name = words[titles[-1] + 1:] if titles else words
    return 2 <= len(name) <= 3 and all(w[:1].isupper() for w in name) and name[0].lower() == surname


def with_namesakes(actors: list[Actor]) -> list[Actor]:
    """Actors with the country and role of the full mention their surname repeats."""
    out: list[Actor] = []
    for actor in actors:
        found = earlier_namesake(actor, [a for a in actors if a.start <= actor.start and a is not actor])
        if found is not None:
            actor = replace(actor, country=found.country, role=actor.role or found.role,
                            name=found.name if found.kind == "person" else actor.name)
        out.append(actor)
    return out


def extract_actors(parsed) -> list[Actor]:
    doc = parsed.doc
    spans = {}
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS:
            spans[(ent.start_char, ent.end_char)] = ent
    for chunk in noun_phrases(doc):
        spans.setdefault((chunk.start_char, chunk.end_char), chunk)
    actors = []
    for (start, end), span in sorted(spans.items()):
        text = span.text
        if not text.strip() or len(text) > MAX_PHRASE_CHARS:
            continue
        label = getattr(span, "label_", "")  # (a noun chunk has none)
        if label in NAME_LABELS and lower_case_tag(span):
            continue
        entry = resolve(text, person=label == "PERSON")
        if entry is None:
            if not unknown_name(span):
                continue
            actors.append(Actor(text=text, start=start, end=end, name=text,
                                kind="person" if span.label_ == "PERSON" else "organization"))
            continue
        actors.append(Actor(text=text, start=start, end=end, name=entry.name, country=entry.country,
                            role=entry.role, kind=entry.kind))
    return with_namesakes(actors)


@rule("actors", "informative-head", source="PLOVER-GSR dev", off=False, examples=[
    Example("The Arab League envoy to Sudan condemned the attack.",
            {"type": "ACCUSE", "actor_name": "Arab League", "actor_role": "IGO"}, view="events"),
])
def informative_head(actor: Actor, head: int | None, start: int, end: int) -> bool:
    """A mention that holds the argument's head and says whom it acts for comes first: "the Arab
    League envoy to Sudan" acts for the Arab League, not Sudan; a bare name holding the head ("Chedli
    Klibi") yields to one ("Arab League Secretary-General Chedli Klibi": the Arab League, an IGO)."""
    return head is not None and actor.start <= head < actor.end and actor.end - actor.start < end - start \
        and (actor.country or actor.role) is not None


@rule("actors", "argument-actor", source="demo corpus", off=None, examples=[
    Example("The ministers of Congo and Rwanda met in Luanda to discuss the border.",
            {"type": "CONSULT", "actor_country": "COD"}, view="events"),
    Example("Police arrested ten protesters outside parliament.",
            {"type": "COERCE", "actor": "Police", "actor_role": "COP", "target_role": "CVL"}, view="events"),
])
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

    return max(inside, key=lambda a: (informative_head(a, head, start, end), a.country is not None, -a.start,
                                      a.role is not None, holds_head(a), a.end - a.start))


@rule("actors", "home-bound-role", source="demo corpus (eval events: actor country 0.819 -> 0.861)", off=False,
      examples=[
          Example("Officials met the striking miners in Lusaka on Monday.",
                  {"type": "CONSULT", "actor": "Officials", "actor_country": "ZMB"}, view="events"),
          Example("Protests erupted in Lusaka on Monday. Officials later met the striking miners.",
                  {"type": "CONSULT", "actor": "Officials", "actor_country": "ZMB"}, view="events"),
          Example("The authorities closed the border crossing near Lusaka.",
                  {"type": "COERCE", "actor": "The authorities", "actor_country": "ZMB"}, view="events"),
      ])
def acts_at_home(role: str) -> bool:
    """The police, the authorities, protesters or gangs that name no country are those of the country
    where their event happened (as an ACLED coder writes "Police Forces of Mali")."""
    return role in word_set("actors.domestic_roles")


@rule("actors", "armed-role-at-home", source="demo corpus (eval events: actor country 0.819 -> 0.861)",
      off=False, examples=[
          Example("Soldiers met village elders in Bamako on Sunday.",
                  {"type": "CONSULT", "actor": "Soldiers", "actor_country": "MLI"}, view="events"),
          Example("Soldiers stormed the airport in Bamako on Sunday.",
                  {"not": {"actor": "Soldiers", "actor_country": "MLI"}}, view="events"),
      ])
def armed_at_home(role: str, event_type: str, *, target: bool) -> bool:
    """Soldiers and fighters that name no country take the place's country as targets, or as actors of
    an event that is no assault or coercion: a strike's unnamed "drones" are usually the other side's."""
    return (target or event_type not in FORCEFUL_TYPES) and role in word_set("actors.armed_roles")


@rule("actors", "government-force-at-home", source="gold-real dev", off=False, examples=[
    Example("Government forces shelled the suburb of Douma on Sunday.",
            {"type": "ASSAULT", "actor": "Government forces", "actor_country": "SYR"}, view="events"),
    Example("Fighting went on near Douma and Damascus. The town is surrounded by regime troops.",
            {"type": "COERCE", "actor": "regime troops", "actor_country": "SYR"}, view="events"),
    Example("Soldiers shelled the suburb of Douma on Sunday.",
            {"not": {"actor": "Soldiers", "actor_country": "SYR"}}, view="events"),
])
def government_force(text: str, role: str | None) -> bool:
    """An armed force named as the state's own ("government forces", "regime troops") is the army of the
    country it fights in, in an assault too: no other side's unnamed force is called so."""
    if role not in word_set("actors.armed_roles"):
        return False
    lowered = f" {text.lower()} "
    return any(f" {w} " in lowered or f" {w}-" in lowered for w in word_set("actors.government_words"))


def _local(ref, country: str, event_type: str, *, target: bool):
    if ref is None or ref.country is not None or ref.role is None:
        return ref
    if acts_at_home(ref.role) or armed_at_home(ref.role, event_type, target=target) \
            or government_force(ref.text, ref.role):
        return replace(ref, country=country)
    return ref


@rule("actors", "unnamed-party-at-home", source="gold-real dev (actor country 0.248 -> 0.310 n=113, target 0.330 -> 0.381 n=97)",
      off=IDENTITY, examples=[
          Example("Two journalists were arrested in Kananga on Monday.",
                  {"type": "COERCE", "actor": "", "actor_country": "COD"}, view="events"),
          Example("Thousands of dock workers went on strike in Mombasa on Friday.",
                  {"type": "PROTEST", "target": "", "target_country": "KEN"}, view="events"),
          Example("Two journalists were arrested on Monday.", {"not": {"actor": ""}}, view="events"),
          Example("Hundreds marched through Mombasa on Friday.",
                  {"type": "PROTEST", "actor": "Hundreds", "actor_country": "KEN"}, view="events"),
      ])
def unnamed_party(ref, country: str, *, target: bool = False, forceful: bool = False):
    """An event that names no actor (or no target) has one all the same: as ICEWS and PLOVER coders
    write an unnamed source as the country of the place ("Citizen (Kenya)"), the unnamed party is of
    the country where the event happened. It carries no text, name or role, only that country. So is
    an actor whose phrase names no country and no role ("hundreds", "many", a person's name) (a target's
    phrase had the places of its sentence and story in the events stage), unless it strikes or coerces
    (``forceful``): "the jets" that struck a town are as often the other side's (actors/armed-role-at-home)."""
    if ref is not None and not target and not forceful and ref.country is None and ref.role is None:
        return replace(ref, country=country)
    return ref if ref is not None else ActorRef(text="", country=country)


def story_country(places) -> str | None:
    """The country most of a document's places lie in, when one clearly dominates (at least two places,
    more than half of them), as the events stage's document country."""
    counts: dict[str, int] = {}
    for p in places:
        if p.country:
            counts[p.country] = counts.get(p.country, 0) + 1
    if not counts:
        return None
    best = max(counts, key=counts.get)
    return best if counts[best] * 2 > sum(counts.values()) and counts[best] >= 2 else None


@rule("actors", "unnamed-party-in-story", source="gold-real dev (actor country 0.310 -> 0.407 n=113, target 0.381 -> 0.485 n=97)", off=IDENTITY, examples=[
    Example("Floods hit Sylhet and Dhaka on Monday. Officials said two men were arrested overnight.",
            {"type": "COERCE", "actor": "", "actor_country": "BGD"}, view="events"),
    Example("Floods hit Sylhet and Dhaka on Monday. Many later staged protests outside the ministry.",
            {"type": "PROTEST", "actor": "Many", "actor_country": "BGD"}, view="events"),
    # the story names only a country, which gives its events no place of their own (a country in a
    # lead is more often a party): the party is still of that country
    Example("Floods swept across Bangladesh this week, and aid groups in Bangladesh warned of disease. "
            "Officials said two men were arrested overnight.",
            {"type": "COERCE", "actor": "", "actor_country": "BGD"}, view="events"),
])
def story_party(ref, home: str, *, target: bool = False):
    """An unnamed party (or one whose phrase names nothing: "many") of an event that has no place of its
    own is of the country the story is set in (where most of its places lie)."""
    if ref is not None and not target and ref.country is None and ref.role is None:
        return replace(ref, country=home)
    return ref if ref is not None else ActorRef(text="", country=home)


def with_local_countries(events, home: str | None = None):
    """Events whose actor or target names no country but has a home-bound role get the country of
    the place the event happened, when that place is known to a country or finer; an unnamed party,
    that country alone, or the story's own (``home``: where most of its places lie) when the event
    has no place."""
    out = []
    for event in events:
        loc = event.location
        if loc is None or not loc.country or loc.precision not in LOCAL_PRECISIONS:
            if home is not None:
                actor = event.actor
                if actor is not None and actor.country is None and government_force(actor.text, actor.role):
                    actor = replace(actor, country=home)
                event = replace(event, actor=story_party(actor, home), target=story_party(event.target, home, target=True))
            out.append(event)
            continue
        actor = _local(event.actor, loc.country, event.type, target=False)
        target = _local(event.target, loc.country, event.type, target=True)
        actor = unnamed_party(actor, loc.country, forceful=event.type in FORCEFUL_TYPES)
        target = unnamed_party(target, loc.country, target=True)
        out.append(event if (actor, target) == (event.actor, event.target) else
                   replace(event, actor=actor, target=target))
    return out


@rule("actors", "place-reading-country", source="issue 24 (Georgia, the U.S. state and the country), on texts "
      "written here", off=False, examples=[
          Example("ATLANTA (Wire) — Georgia lawmakers met in Atlanta on Tuesday to debate the budget.",
                  {"type": "CONSULT", "actor": "Georgia lawmakers", "actor_country": "USA"}, view="events"),
      ])
def read_as_division(country: str, place, shared: set[str]) -> bool:
    """An actor coloured by a country's name that a division or a town shares ("Georgia lawmakers")
    has the country the places stage read that name in, in the same sentence: the U.S. state's
    lawmakers are American (``shared``: the countries the place's own name names)."""
    return place.feature in ("admin1", "admin2", "city") and bool(place.country) and place.country != country \
        and country in shared


def _read_country(ref, places):
    if ref is None or ref.country is None:
        return ref
    for place in places:
        if not re.search(rf"(?<!\w){re.escape(place.text)}(?!\w)", ref.text):
            continue
        shared = {c.country for c in gazetteer().candidates(place.text) if c.feature == "country"}
        if read_as_division(ref.country, place, shared):
            return replace(ref, country=place.country)
    return ref


def with_place_countries(events, places):
    """Events whose actor or target took its country from a name that the places stage read, in the
    event's sentence, as a division or a town of another country ("Georgia lawmakers" beside the U.S.
    state) take that country instead."""
    out = []
    for event in events:
        inside = [p for p in places if event.evidence.start <= p.start and p.end <= event.evidence.end]
        actor, target = _read_country(event.actor, inside), _read_country(event.target, inside)
        out.append(event if (actor, target) == (event.actor, event.target) else
                   replace(event, actor=actor, target=target))
    return out
