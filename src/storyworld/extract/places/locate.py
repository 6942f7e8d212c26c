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
from ...rules import rule
from ...types import Event, Location, Place
from .clause import (HALTERMAN, IN_PREPOSITIONS, _acted_on, _addressed, _governor, _in_actor_phrase, _named_noun,
                     _names_a_party, _of_noun, _origin, _placed_near, _receives, _taken_subject)
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


@rule("event-places", "coordinated-verb", source=HALTERMAN + " (06f05ce)", off=frozenset(), examples=[
    ("Israel struck and destroyed a depot in Gaza.", {"type": "ASSAULT", "place_text": "Gaza"}),
])
def _related_verbs(trigger) -> set:
    """The verbs the trigger hangs on or is coordinated with: a place of theirs is the event's when
    the trigger has none of its own ("were killed and wounded in X")."""
    related = {c for c in trigger.children if c.dep_ == "conj"} | set(trigger.ancestors)
    if trigger.dep_ == "conj":
        related |= {c for c in trigger.head.children if c.dep_ == "conj"}
    return related


@rule("event-places", "how-clause", source=HALTERMAN + " (a55dc47)", off=frozenset(), examples=[
    ("A Nigeria army soldier was killed when his truck hit a mine near Maiduguri.", {"trigger": "killed",
                                                                                      "place_text": "Maiduguri"}),
])
def _how_clauses(trigger) -> set:
    """"was killed when their vehicle hit a bomb in Iskandariyah": a "when", "while" or "as" clause on
    the trigger tells where it happened (only on the trigger itself: on a verb coordinated with it,
    Halterman's dev split loses more than it gains)."""
    return {c for c in trigger.children if c.dep_ == "advcl"
            and any(m.dep_ in ("mark", "advmod") and m.lower_ in HOW_MARKERS for m in c.children)}


@rule("event-places", "only-place", source=HALTERMAN + " (06f05ce)", off=(), examples=[
    ("Ten people who lived in Kandahar were killed.", {"trigger": "killed", "place_text": "Kandahar"}),
])
def _only_place(places: list[Place], roots: dict[int, object], actors: set[str]) -> list[Place]:
    """The sentence's only place, where the parse links none to the trigger (a place on a noun, a
    misread clause) and no place is an actor."""
    if len({p.text for p in places}) == 1 and not actors:
        return [p for p in places if id(p) in roots]
    return []


@rule("event-places", "town-of-region", source=HALTERMAN + " (42e1ce5)", off=frozenset(), examples=[
    ("Soldiers raided homes in the West Bank city of Nablus.", {"place_text": "Nablus"}),
])
def _regions_of_towns(pool: list[Place], roots: dict[int, object]) -> set[int]:
    """"the West Bank city of Nablus": the town the phrase names, not the region that qualifies it
    (the ids of the places set aside)."""
    inner: set[int] = set()
    for p in pool:
        noun = _of_noun(roots[id(p)])
        if noun is not None and noun.lower_ in LOCALITY_WORDS:
            inner |= {id(q) for q in pool if roots[id(q)].dep_ == "compound" and roots[id(q)].head.i == noun.i}
    return inner


@rule("event-places", "region-of-country", source=HALTERMAN + " (5a72609)", off=frozenset(), examples=[
    ("Troops shelled villages in the Vedeno region of southern Chechnya.", {"place_text": "Vedeno"}),
])
def _countries_of_regions(pool: list[Place], roots: dict[int, object]) -> set[int]:
    """"the Vedeno region of southern Chechnya": the region named, not the country it lies in (the ids
    of the places set aside)."""
    inner: set[int] = set()
    for p in pool:
        noun = _of_noun(roots[id(p)])
        if noun is None or noun.lower_ in LOCALITY_WORDS:
            continue
        if noun.lower_ in PLACE_OF_WORDS and any(
                roots[id(q)].dep_ == "compound" and roots[id(q)].head.i == noun.i for q in pool):
            inner.add(id(p))
    return inner


def _preposition(root):
    """The preposition a place hangs on, through "of" ("on a central square of Berlin": on) and
    through the noun it names ("in Tabag village": in)."""
    if root.dep_ == "compound" and root.head.lower_ in LOCALITY_WORDS:
        root = root.head
    head = root.head
    if head.lower_ == "of" and head.head.dep_ in ("pobj", "dobj") and head.head.head.dep_ == "prep":
        return head.head.head
    return head


@rule("event-places", "locative-first", source=HALTERMAN + " (06f05ce)", off=False, examples=[
    ("Kinshasa held talks with Kigali in Doha on Monday.", {"type": "CONSULT", "place_text": "Doha"}),
])
def _locative(root) -> bool:
    """A place after "in", "near", "at" comes before one after "with", "to" ("talks with Kinshasa in Doha")."""
    return _preposition(root).lower_ in IN_PREPOSITIONS


@rule("event-places", "local-party", source="gold-real dev", off=False, examples=[
    ("A Nairobi judge rejected the request on Monday.", {"type": "REJECT", "place_text": "Nairobi"}),
    ("The Lagos police chief banned the march.", {"type": "COERCE", "place_text": "Lagos"}),
    ("Protesters marched under Moscow's flag.", {"type": "PROTEST", "place": None}),
])
def _local_party(root, place: Place) -> bool:
    """A town that qualifies a party ("a New York judge", "Kano police") says where that party acts
    when the sentence names no other place: a local body acts at home. A country or a province
    ("U.S. troops") does not."""
    return root.dep_ in ("compound", "amod") and root.head.dep_ in ("nsubj", "nsubjpass", "agent") \
        and place.feature in ("city", "admin2", "site")


@rule("event-places", "most-precise", source=HALTERMAN + " (06f05ce, 086d4a0)", off=0, examples=[
    ("Gunmen killed five people in Ukraine, near Kharkiv.", {"place_text": "Kharkiv"}),
    ("Police arrested ten protesters in Kenya at Nairobi.", {"place_text": "Nairobi"}),
])
def _precision(place: Place) -> int:
    """Among equals the most precise place: a site before a town, a town before a division or a
    country. A place without a feature is a locality the gazetteer lacks, and one placed at the town
    near it ("Tabag village in Uruzgan": admin2 at Uruzgan) is named as precisely: as a town."""
    feature = "city" if place.feature is None or _placed_near(place) else place.feature
    return PRECISION_RANK.get(feature, 4)


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
    related = {trigger} | _related_verbs(trigger) | _how_clauses(trigger)
    own, near, local, actors = [], [], [], set()
    roots = {}  # id(place) → the root token of its span
    for p in places:
        pspan = doc.char_span(p.start, p.end, alignment_mode="expand")
        if pspan is None:
            continue
        root = roots[id(p)] = _named_noun(pspan.root)
        if _origin(root) or _addressed(root, p, trigger):  # "a tourist from Canada", "accused China"
            actors.add(p.text)
            continue
        governor = _governor(root, trigger)
        if not _taken_subject(root, governor, trigger) and (
                _in_actor_phrase(root, governor) or _names_a_party(root) or _receives(root, p)):
            actors.add(p.text)  # "Venezuela released …", "U.S. troops captured", "handed to U.S. forces"
            if _local_party(root, p):
                local.append(p)
            continue
        if governor == trigger:
            own.append(p)
        elif governor in related:
            near.append(p)
    pool = own or near or _only_place(places, roots, actors) or local
    if not pool:
        return None
    inner = _regions_of_towns(pool, roots) | _countries_of_regions(pool, roots)
    pool = [p for p in pool if id(p) not in inner] or pool
    return min(pool, key=lambda p: (-1 if _acted_on(roots[id(p)], trigger) else 0 if _locative(roots[id(p)]) else 1,
                                    _precision(p), p.start))


def _lead_end(text: str) -> int:
    """Where the story's lead ends: its first two paragraphs (a headline, then the first paragraph)."""
    first = text.find("\n\n")
    second = text.find("\n\n", first + 2) if first >= 0 else -1
    return len(text) if second < 0 else second


def _paragraph_of(text: str, offset: int) -> int:
    return text.count("\n\n", 0, offset)


@rule("event-places", "dateline-town", source="Halterman event-location (06f05ce, 90785c8)", off=None, examples=[
    ("KANO, Nigeria (Wire) — Gunmen attacked a bus on Monday.", {"type": "ASSAULT", "place_text": "KANO"}),
])
def _dateline_place(doc, places: list[Place]) -> Place | None:
    """The story's dateline town: where an event happened whose sentence and paragraph name no place."""
    m = _dateline_match(doc_text(doc))
    return None if m is None else next((p for p in places if p.start == m.start(1) and p.feature == "city"), None)


@rule("event-places", "the-town", source="demo corpus (3eb5f18)", off=None, examples=[
    ("Rebels reached Kisangani on Monday.\n\nGunmen attacked a market west of the city on Tuesday.",
     {"type": "ASSAULT", "place_text": "Kisangani"}),
    ("Rebels shelled Goma in May.\n\nThey reached Kisangani on Monday.\n\nGunmen attacked a market west of "
     "the city on Tuesday.", {"trigger": "attacked", "place_text": "Kisangani"}),
])
def _the_town(event, places: list[Place]) -> Place | None:
    """"west of the city", "in the town": the town the story named last."""
    if not THE_TOWN.search(event.evidence.text):
        return None
    return max((p for p in places if p.end <= event.evidence.start and p.feature in ("city", "admin2", None)),
               key=lambda p: p.start, default=None)


@rule("event-places", "previous-event-place", source=HALTERMAN + " (06f05ce)", off=None, examples=[
    ("Gunmen attacked a bus in Kano on Monday. They also shot two guards.", {"trigger": "shot",
                                                                            "place_text": "Kano"}),
    ("Rebels shelled Goma on Monday.\n\nGunmen attacked a bus in Kano on Tuesday. They also shot two guards.",
     {"trigger": "shot", "place_text": "Kano"}),
])
def _carried_place(previous: tuple[int, Place] | None, paragraph: int) -> Place | None:
    """An event whose sentence names no place of its own takes, as a coder of ACLED would, the place
    of the event before it in the same paragraph."""
    return previous[1] if previous is not None and previous[0] == paragraph else None


@rule("event-places", "bureau-dateline", source="demo corpus (3eb5f18); own house-style probe (a MANILA story that "
      "names talks in Shanghai)", off=False, examples=[
    ("DAKAR, Senegal (Wire) — Police in Bamako arrested ten protesters.\n\nRioters later burned tyres.",
     {"trigger": "burned", "place_text": "Bamako"}),
    ("MANILA, Dec 3 (Wire) - The Philippines accused China of ramming a supply boat on Saturday.\n\nThe incident "
     "came two days after the two countries held talks in Shanghai.\n\nHundreds of protesters rallied outside the "
     "embassy on Sunday.", {"trigger": "rallied", "place_text": "MANILA"}),
])
def _moved_abroad(previous: tuple[int, Place] | None, dateline: Place | None, lead_abroad: bool = True) -> bool:
    """A bureau's dateline ("DAKAR — Police in Mali's capital Bamako …") is not where a story set in
    another country happens: there the story's last place holds. A story is set abroad when its
    first event after the dateline is (``lead_abroad``); one that starts at home and names talks
    abroad ("two days after talks in Shanghai") comes back to its dateline."""
    return previous is not None and dateline is not None and previous[1].country != dateline.country \
        and lead_abroad


MATERIAL_TYPES = ("ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "RETREAT", "AID", "SANCTION")


@rule("event-places", "action-away-from-the-bureau", source="own house-style probe (BOGOTÁ dateline, an attack in "
      "Arauca)", off=False, examples=[
    ("BOGOTÁ, Colombia (Wire) - Soldiers repelled an attack by rebels on a border post near Saravena on Tuesday, "
     "the army said.\n\nThe rebel faction denied that it had attacked the post.",
     {"trigger": "attacked", "place_text": "Saravena"}),
    ("BOGOTÁ, Colombia (Wire) - Soldiers repelled an attack by rebels on a border post near Saravena on Tuesday, "
     "the army said.\n\nThe defence minister met union leaders on Wednesday.",
     {"type": "CONSULT", "place_text": "BOGOTÁ"}),
])
def _bureau_dateline(event, action: Place, dateline: Place | None) -> bool:
    """A material act (an attack, an arrest, a protest) whose paragraph names no place happened where the
    story's action is (the place of its first event after the dateline that names one), not at a
    dateline that is another town of the same country (the bureau in the capital): acts of speech
    stay at the dateline."""
    return dateline is not None and event.type in MATERIAL_TYPES and action.country == dateline.country \
        and action.geonameid != dateline.geonameid


@rule("event-places", "story-anchor", source="gold-real dev", off=None, examples=[
    ("Troops shelled the town of Kherson on Monday.\n\nThe army said dozens of fighters were killed.",
     {"trigger": "killed", "place_text": "Kherson"}),
    ("Police arrested ten protesters in Nairobi on Monday.\n\nThe opposition boycotted the vote.",
     {"type": "PROTEST", "place_text": "Nairobi"}),
    ("A Leeds court heard the case on Monday.\n\nThe opposition boycotted the vote.",
     {"type": "PROTEST", "place_text": "Leeds"}),
])
def _story_anchor(own: list[tuple[Event, Place | None]], places: list[Place], lead_end: int) -> Place | None:
    """Where the story happens: the place of its first event that names one of its own, else the
    first town or division its lead names (not a country, which a lead names as a party as often as
    a place: "Russia attacked …"). An event whose sentence and paragraph name no place, in a story
    without a dateline, happened there (as a coder of ACLED codes a story's later events at the
    lead's place); not one whose own sentence names the anchor and the parse found it no place of
    the event ("Russia attacked the convoy": an actor)."""
    located = min(((e.evidence.start, p.start, p) for e, p in own if p is not None), key=lambda t: t[:2],
                  default=None)
    if located is not None:
        return located[2]
    return next((p for p in sorted(places, key=lambda p: p.start) if p.start < lead_end
                 and p.feature in ("site", "city", "admin2", "admin1")), None)


LANDMARK = re.compile(r"\b\d[\d,.]*\s*-?\s*(?:miles?|mi|km|kms|kilometres?|kilometers?)\s+(?:\([^)]{1,20}\)\s+)?"
                      r"(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+of\s+(?:the\s+)?$", re.IGNORECASE)


@rule("event-places", "distance-landmark", source="gold-real dev2 (\"a small town about 60 miles southwest of "
      "Raleigh\")", off=False, examples=[
    ("Police said on Monday that a gunman had killed eight people at a nursing home in Carthage. Police said at "
     "a news conference in this small town about 60 miles southwest of Raleigh that the gunman had also shot a "
     "nurse in a hallway. He also wounded a guard with a gunshot.", {"trigger": "wounded", "place_text": "Carthage"}),
])
def landmark(text: str, place: Place) -> bool:
    """A place named as a distance's landmark ("a town 60 miles southwest of Raleigh", "30 km north of
    Mosul") is not where the story happens: no event's own place while another is named, and never
    carried on to the events after it."""
    return bool(LANDMARK.search(text[max(0, place.start - 60):place.start]))


def locate_events(parsed, events, *, places) -> list[Event]:
    """Each event at the place of its sentence (``event_place``); an event whose sentence names none
    of its own takes the town the story named last ("west of the city"), the place of the event
    before it in the same paragraph, else the story's dateline town, unless the story has moved to
    another country than the dateline's (a bureau's dateline): then the place of the event before it;
    without a dateline, the story's anchor (the place of its first located event)."""
    doc = parsed.doc
    dateline = _dateline_place(doc, places)
    text = doc_text(doc)
    landmarks = {id(p) for p in places if landmark(text, p)}
    own: list[tuple[Event, Place | None]] = []
    for event in events:
        inside = [p for p in places if event.evidence.start <= p.start and p.end <= event.evidence.end]
        best = None
        if inside and event.trigger_start is not None:
            best = event_place(doc, event.trigger_start, event.trigger_start + len(event.trigger),
                               [p for p in inside if id(p) not in landmarks])
        own.append((event, best))
    anchor = _story_anchor(own, places, _lead_end(text))
    # the events after the dateline, in text order, with the places of their own sentences
    after = sorted(((e.trigger_start or 0, e.evidence.start, p) for e, p in own
                    if dateline is not None and (e.trigger_start or 0) >= dateline.end), key=lambda t: t[:2])
    lead_abroad = bool(after) and after[0][2] is not None and after[0][2].country != dateline.country
    # where the story's action is: the place of its first event after the dateline that names its own
    action = next((p for _, _, p in after if p is not None), None)
    out: list[Event] = []
    previous: tuple[int, Place] | None = None
    for event, best in own:
        paragraph = _paragraph_of(doc_text(doc), event.evidence.start)
        if best is None:
            best = _the_town(event, places)
        if best is None:
            best = _carried_place(previous, paragraph)
        if best is None and action is not None and _bureau_dateline(event, action, dateline):
            best = action
        if best is None:
            best = previous[1] if _moved_abroad(previous, dateline, lead_abroad) else dateline
        if best is None and anchor is not None and not (
                event.evidence.start <= anchor.start and anchor.end <= event.evidence.end):
            best = anchor
        if best is not None:
            previous = (paragraph, best)
        else:  # only a landmark named: the event is near it, and the story does not move there
            best = next((p for p in places if id(p) in landmarks
                         and event.evidence.start <= p.start and p.end <= event.evidence.end), None)
        out.append(event if best is None else replace(event, location=_location(best)))
    return out
