"""Filters over the document's events: one event per happening, and no event for what is part of a
happening already recorded or nobody's act.

A coder records one happening once: "struck …, killing six and wounding 14" is one ASSAULT. Property
burnt in the course of an attack is that attack, as ACLED records it; "the protesters" of a protest
told before continue it; what a flood or an earthquake "killed" is nobody's assault; arrests told in a
story of crime, an accident or a disaster keep no ACLED sub-event. Each filter is a rule over the list.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from ...resources.ontology import names_attack, non_political, party_classes
from ...resources.tables import words
from ...rules import IDENTITY, rule
from ...types import ActorRef, Event

HAZARDS = ("natural disaster", "accident")  # kinds of non-political.tsv that are nobody's act
CRIME_STORIES = ("organised crime",) + HAZARDS  # stories whose arrests are no ACLED arrests
CASE = "CASE 2021"


class Sentences(NamedTuple):
    """The document's sentences: their start offsets (ascending) and their texts."""

    starts: list[int]
    texts: list[str]


def _sentence_of(event: Event, sentences: Sentences) -> int:
    return bisect_right(sentences.starts, event.trigger_start or event.evidence.start) - 1


def _told_before(event: Event, sentences: Sentences) -> str | None:
    """What the sentence before the event's tells, when nobody's political act (non-political.tsv)."""
    at = _sentence_of(event, sentences)
    return non_political(sentences.texts[at - 1]) if at > 0 else None


def _better(first: ActorRef | None, other: ActorRef | None) -> ActorRef | None:
    """The first happening's argument, unless it is missing or has no country where the other has one."""
    return first if first and (first.country or not (other and other.country)) else other or first


@rule("events", "one-per-happening", source="demo corpus", off=IDENTITY, examples=[
    ("Ukraine struck a depot near Belgorod on Friday, killing six soldiers.", {"not": {"trigger": "killing"}}),
])
def one_per_happening(events: list[Event]) -> list[Event]:
    """One event per sentence, type and modality, as a coder records one happening once: "struck …,
    killing six and wounding 14" is one ASSAULT. The first trigger wins; a missing actor or target
    (or one without a country) is taken from the others."""
    kept: dict[tuple, Event] = {}
    for event in events:
        key = (event.evidence.start, event.type, event.modality)
        first = kept.get(key)
        if first is None:
            kept[key] = event
            continue
        kept[key] = replace(first, actor=_better(first.actor, event.actor), target=_better(first.target, event.target))
    return list(kept.values())


@rule("events", "hazard-actor", source=CASE, off=IDENTITY, examples=[
    ("A cholera outbreak has killed 30 people in the camp.", {"not": {"type": "ASSAULT"}}),
    ("Seasonal rains have killed at least 18 people in Niger since July, officials said.",
     {"not": {"type": "ASSAULT"}}),
])
def without_hazard_acts(events: list[Event], sentences: Sentences) -> list[Event]:
    """What a flood, an earthquake or a storm "killed" is no assault: nobody's act."""
    return [e for e in events if not (e.type == "ASSAULT" and e.actor
                                      and "hazard" in party_classes(e.actor.text, e.actor.role))]


@rule("events", "hazard-story", source="CASE 2021 and acled-dev round 5", off=IDENTITY, examples=[
    ("A gas cylinder exploded in a restaurant in Quetta, killing four people.", {"not": {"type": "ASSAULT"}}),
    ("Cyclone Mira made landfall on Tuesday. Seven people were killed in Chittagong.", {"not": {"type": "ASSAULT"}}),
    ("Rebels attacked a convoy near Goma on Monday. In Quetta a gas cylinder exploded in a restaurant, killing four "
     "people.", {"not": {"type": "ASSAULT", "trigger": "exploded"}}),
])
def without_hazard_deaths(events: list[Event], sentences: Sentences) -> list[Event]:
    """A blast or a death in a sentence that tells an accident or a disaster and no attack ("a gas
    cylinder exploded in a restaurant, killing four"), unless the codebook names its weapon, is no assault;
    nor a death without a killer right after a sentence that tells one ("Typhoon Doksuri made landfall
    …. Five people were killed")."""
    return [e for e in events if not (e.type == "ASSAULT" and e.acled in (None, "Attack") and (
        non_political(e.evidence.text) in HAZARDS or e.actor is None and _told_before(e, sentences) in HAZARDS))]


def _story_kind(sentences: Sentences) -> str | None:
    """What the story's opening sentence (its headline or lead) tells, when nobody's political act."""
    return non_political(sentences.texts[0]) if sentences.texts else None


@rule("events", "hazard-lead", source="gold-real dev", off=IDENTITY, examples=[
    ("Two-car crash kills one, injures four. The pickup failed to stop and was struck in the eastbound lane "
     "near Hillsboro.", {"not": {"type": "ASSAULT"}}),
    ("A woman was killed when a tree fell on a wedding party in a park. A girl was injured, officials said.",
     {"not": {"type": "ASSAULT"}}),
    ("A bus crashed near Mopti on Sunday. Later that day gunmen attacked a market in Gao, killing six.",
     {"type": "ASSAULT", "trigger": "attacked"}),
])
def without_hazard_story_harm(events: list[Event], sentences: Sentences) -> list[Event]:
    """In a story whose opening tells an accident or a disaster ("Two-car accident kills one"), harm told
    without an attacker or a weapon ("was struck in the westbound lane", "was not injured") is that
    accident's, no assault: unless the sentence names an attack or a weapon, the act has an actor of some
    party class (armed, a crowd, protesters) besides civilians, or an armed target ("clashes with police")."""
    if _story_kind(sentences) not in HAZARDS:
        return events
    return [e for e in events if not (
        e.type == "ASSAULT" and not names_attack(e.evidence.text)
        and not (e.actor and party_classes(e.actor.text, e.actor.role) - {"civilian", "hazard"})
        and not (e.target and party_classes(e.target.text, e.target.role) & {"armed", "state", "nonstate"}))]


@rule("events", "crime-story-arrests", source="acled-dev round 5", off=IDENTITY, examples=[
    ("Customs officers seized a tonne of heroin at the port of Karachi. Three dock workers were detained.",
     {"not": {"acled": "Arrests"}}),
])
def without_crime_arrests(events: list[Event], sentences: Sentences) -> list[Event]:
    """Arrests in a story of ordinary crime, an accident or a disaster are no ACLED arrests ("Police seized
    2.3 tonnes of cocaine …. Four port workers were detained"), unless the arrested are a party."""
    return [replace(e, acled=None) if e.acled == "Arrests" and _told_before(e, sentences) in CRIME_STORIES
            and not (e.target and "nonstate" in party_classes(e.target.text, e.target.role)) else e
            for e in events]


@lru_cache(maxsize=1)
def _continued_protest() -> re.Pattern:
    """ "the protesters", "those demonstrators": a crowd told before."""
    determiners = "|".join(map(re.escape, words("events.continuing_determiners")))
    crowds = "|".join(map(re.escape, words("events.crowd_nouns")))
    return re.compile(rf"\b(?:{determiners})\s+(?:{crowds})\b", re.IGNORECASE)


@rule("events", "continued-protest", source=CASE, off=IDENTITY, examples=[
    ("Thousands of workers marched through Dhaka on Friday. The protesters later rallied outside the ministry.",
     {"not": {"trigger": "rallied"}}),
])
def without_continued_protests(events: list[Event]) -> list[Event]:
    """"The protesters gathered … and chanted": the protest told before, going on, not a new one."""
    first_protest = min((e.trigger_start or 0 for e in events if e.type == "PROTEST" and e.modality == "actual"),
                        default=None)
    return [e for e in events if not (
        e.type == "PROTEST" and first_protest is not None and (e.trigger_start or 0) > first_protest
        and _continued_protest().search(e.evidence.text[:max(0, (e.trigger_start or 0) - e.evidence.start)]))]


@rule("events", "attack-damage", source=CASE, off=IDENTITY, examples=[
    ("Rockets struck the town of Sderot on Monday, setting a warehouse ablaze.", {"not": {"type": "COERCE"}}),
])
def without_attack_damage(events: list[Event], sentences: Sentences) -> list[Event]:
    """Property destroyed in the course of an attack is that attack, as ACLED records it ("Gunmen attacked
    the suburb, killing 12 and burning homes", "The attackers set fire to several houses" after the
    attack): a looting or destruction event goes when an actual ASSAULT lies in its sentence or the one
    before."""
    attacks = {_sentence_of(e, sentences) for e in events if e.type == "ASSAULT" and e.modality == "actual"}
    return [e for e in events if not (e.acled == "Looting/property destruction" and e.type == "COERCE"
                                      and attacks & {_sentence_of(e, sentences), _sentence_of(e, sentences) - 1})]


def without_parts_of_happenings(events: list[Event], sentences: Sentences) -> list[Event]:
    """The events less what is part of a happening already recorded, or nobody's act (in this order)."""
    events = without_hazard_acts(events, sentences)
    events = without_hazard_deaths(events, sentences)
    events = without_hazard_story_harm(events, sentences)
    events = without_crime_arrests(events, sentences)
    events = without_continued_protests(events)
    return without_attack_damage(events, sentences)
