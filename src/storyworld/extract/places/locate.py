"""Where each event happened (the ``events.location.v1`` stage).

``event_place``: a place that hangs on the trigger itself in the parse, then one on a verb the
trigger hangs on or is coordinated with, "in/near/at" before "with/to"; a place that is a subject or
possessor is an actor, not a location; the sentence's only place when the parse links nothing.
``locate_events``: an event whose sentence gives none takes the previous event's place in the same
paragraph, else the dateline's town.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...parse.model import doc_text
from ...resources.tables import words
from ...types import Event, Location, Place
from .clause import (IN_PREPOSITIONS, TAKEN_PLACE_VERBS, _governor, _in_actor_phrase, _named_noun, _names_a_party,
                     _placed_near, _receives)
from .cues import LOCALITY_WORDS, PLACE_OF_WORDS
from .recognize import _dateline_match

PRECISION_RANK = {"site": 0, "city": 1, "admin2": 2, "admin1": 3, "country": 4, "region": 5, "water": 5}
HOW_MARKERS = ("when", "while", "as")  # the clause that tells how it happened
THE_TOWN = re.compile(r"\b(?:" + "|".join(map(re.escape, words("places.the_town_prepositions"))) + r") the (?:"
                      + "|".join(map(re.escape, words("places.the_town_nouns"))) + r")\b")


def _location(place: Place) -> Location:
    precision = place.feature if place.feature in PRECISION_RANK else "city"
    if precision in ("region", "water"):
        precision = None  # wider than a country, or no land
    return Location(text=place.text, name=place.name, geonameid=place.geonameid, lat=place.lat, lon=place.lon,
                    country=place.country, precision=precision)



def event_place(doc, trigger_start: int, trigger_end: int, places: list[Place]) -> Place | None:
    """Where the event of the trigger at [trigger_start, trigger_end) happened, among ``places``
    (those of its sentence): a place in the trigger's own phrases (its locative prepositions, the
    nouns it governs) before a place of a verb it is coordinated with ("were killed and wounded in
    X"); a place that belongs to another clause's verb ("said in Washington", "fled to Turkey
    after …") is not the event's. Among equals the most precise, then the first."""
    span = doc.char_span(trigger_start, trigger_end, alignment_mode="expand")
    if span is None or not places:
        return None
    trigger = span.root
    related = {trigger} | {c for c in trigger.children if c.dep_ == "conj"} | set(trigger.ancestors)
    if trigger.dep_ == "conj":
        related |= {c for c in trigger.head.children if c.dep_ == "conj"}
    # "was killed when their vehicle hit a bomb in Iskandariyah": the clause that tells how it happened
    # (only on the trigger itself: on a verb coordinated with it, Halterman's dev split loses more than it gains)
    related |= {c for c in trigger.children if c.dep_ == "advcl"
                and any(m.dep_ in ("mark", "advmod") and m.lower_ in HOW_MARKERS for m in c.children)}
    own, near, actors = [], [], set()
    roots = {}  # id(place) → the root token of its span
    for p in places:
        pspan = doc.char_span(p.start, p.end, alignment_mode="expand")
        if pspan is None:
            continue
        root = roots[id(p)] = _named_noun(pspan.root)
        governor = _governor(root, trigger)
        taken = root.dep_ == "nsubjpass" and governor == trigger and trigger.lemma_ in TAKEN_PLACE_VERBS
        if not taken and (_in_actor_phrase(root, governor) or _names_a_party(root) or _receives(root, p)):
            actors.add(p.text)  # "Venezuela released …", "U.S. troops captured", "handed to U.S. forces"
            continue
        if governor == trigger:
            own.append(p)
        elif governor in related:
            near.append(p)
    pool = own or near
    if not pool and len({p.text for p in places}) == 1 and not actors:
        pool = [p for p in places if id(p) in roots]  # the sentence's only place, on a noun or a misread clause
    if not pool:
        return None

    def of_phrase(root):
        """The noun whose "of" the place follows ("city" in "the West Bank city of Nablus"), or None."""
        return root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else None

    # "the West Bank city of Nablus": the town the phrase names, not the region that qualifies it;
    # "the Vedeno region of southern Chechnya": the region named, not the country it lies in
    inner = set()
    for p in pool:
        noun = of_phrase(roots[id(p)])
        if noun is None:
            continue
        named = [q for q in pool if roots[id(q)].dep_ == "compound" and roots[id(q)].head.i == noun.i]
        if noun.lower_ in LOCALITY_WORDS:
            inner |= {id(q) for q in named}
        elif named and noun.lower_ in PLACE_OF_WORDS:
            inner.add(id(p))
    pool = [p for p in pool if id(p) not in inner] or pool

    def preposition(root):
        """The preposition a place hangs on, through "of" ("on a central square of Berlin": on) and
        through the noun it names ("in Tabag village": in)."""
        if root.dep_ == "compound" and root.head.lower_ in LOCALITY_WORDS:
            root = root.head
        head = root.head
        if head.lower_ == "of" and head.head.dep_ in ("pobj", "dobj") and head.head.head.dep_ == "prep":
            return head.head.head
        return head

    def rank(p: Place):
        # the place a verb of taking places acts on ("bombed Pooneryn, 30 km from Kilinochchi"), then
        # a place after "in", "near", "at" before one after "with", "to" ("talks with Kinshasa in Doha");
        # a place without a feature is a locality the gazetteer lacks, and one placed at the town
        # near it ("Tabag village in Uruzgan": admin2 at Uruzgan) is named as precisely: as a town
        root = roots[id(p)]
        named = of_phrase(root)  # "shelled the settlement of Mardes": the settlement is what was shelled
        acted_on = named if named is not None and named.lower_ in LOCALITY_WORDS else root
        taken = acted_on.dep_ == "dobj" and acted_on.head == trigger and trigger.lemma_ in TAKEN_PLACE_VERBS
        feature = "city" if p.feature is None or _placed_near(p) else p.feature
        return (-1 if taken else 0 if preposition(root).lower_ in IN_PREPOSITIONS else 1,
                PRECISION_RANK.get(feature, 4), p.start)

    return min(pool, key=rank)


def _paragraph_of(text: str, offset: int) -> int:
    return text.count("\n\n", 0, offset)


def locate_events(parsed, events, *, places) -> list[Event]:
    """Each event at the place of its sentence (``event_place``); an event whose sentence names none
    of its own takes, as a coder of ACLED would, the place of the event before it in the same
    paragraph, else the story's dateline town, unless the story has moved to another country than
    the dateline's (a bureau's dateline): then the place of the event before it."""
    doc = parsed.doc
    m = _dateline_match(doc_text(doc))
    dateline = None if m is None else next((p for p in places if p.start == m.start(1) and p.feature == "city"), None)
    out: list[Event] = []
    previous: tuple[int, Place] | None = None
    for event in events:
        inside = [p for p in places if event.evidence.start <= p.start and p.end <= event.evidence.end]
        best = None
        if inside and event.trigger_start is not None:
            best = event_place(doc, event.trigger_start, event.trigger_start + len(event.trigger), inside)
        paragraph = _paragraph_of(doc_text(doc), event.evidence.start)
        if best is None and THE_TOWN.search(event.evidence.text):
            # "west of the city", "in the town": the town the story named last
            best = max((p for p in places if p.end <= event.evidence.start and p.feature in ("city", "admin2", None)),
                       key=lambda p: p.start, default=None)
        if best is None and previous is not None and previous[0] == paragraph:
            best = previous[1]
        if best is None:
            # a bureau's dateline ("DAKAR — Police in Mali's capital Bamako …") is not where a story
            # set in another country happens: there the story's last place holds
            abroad = previous is not None and dateline is not None and previous[1].country != dateline.country
            best = previous[1] if abroad else dateline
        if best is not None:
            previous = (paragraph, best)
        out.append(event if best is None else replace(event, location=_location(best)))
    return out
