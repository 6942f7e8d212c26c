"""Events: what is not an event of its own, and modality in reported and threatening speech."""

from __future__ import annotations

import pytest

from storyworld.eval.events import holds
from storyworld.extract.actors import extract_actors
from storyworld.extract.events import extract_events
from storyworld.extract.places import extract_places
from storyworld.resources.ontology import lookup


def events_of(make_parsed, text):
    parsed = make_parsed(text, published="2025-05-17")
    return extract_events(parsed, actors=extract_actors(parsed), places=extract_places(parsed))


def kinds(make_parsed, text):
    return {(e.type, e.modality) for e in events_of(make_parsed, text)}


@pytest.mark.parametrize("text, absent", [
    ("The governor condemned the attack as barbaric.", "ASSAULT"),  # told elsewhere
    ("The rebels rejected the demands on Tuesday.", "REQUEST"),
    ("Officials accused the militia of shelling the village.", "ASSAULT"),  # alleged, not told
    ("Police freed the detained journalists on Monday.", "COERCE"),  # a participle used as adjective
    ("Air defences downed 20 drones launched by the rebels overnight.", "ASSAULT"),  # background
    ("The army said it had launched an operation to pursue the attackers.", "ASSAULT"),  # no weapon word
    ("She said it was a deliberate attack on the town.", "ASSAULT"),  # predicate nominal
])
def test_events_not_an_event_of_its_own(make_parsed, text, absent):
    assert absent not in {t for t, _ in kinds(make_parsed, text)}


def test_events_a_denied_act_is_the_act_negated_not_a_reject(make_parsed):
    found = kinds(make_parsed, "The militia denied firing on the market.")
    assert ("ASSAULT", "negated") in found
    assert not any(t == "REJECT" for t, _ in found)
    assert ("REJECT", "actual") in kinds(make_parsed, "The ministry denied the accusation.")


def test_events_an_indefinite_object_of_condemn_is_new(make_parsed):
    found = kinds(make_parsed, "The council condemned on Monday an attack by gunmen on a school in Kano.")
    assert ("ASSAULT", "actual") in found and ("ACCUSE", "actual") in found


@pytest.mark.parametrize("text, type_, modality", [
    ("The minister warned that the army could strike the camps if the talks failed.", "ASSAULT", "threatened"),
    ("The minister warned that the army could strike the camps if the talks failed.", "THREATEN", "actual"),
    ("The leaders threatened new sanctions if the junta refused.", "THREATEN", "actual"),
    ("The spokesman said the two sides would meet again in May.", "CONSULT", "planned"),
    ("Egypt and Qatar will hold talks in Cairo.", "CONSULT", "planned"),
    ("The army denied carrying out any airstrike in the region.", "ASSAULT", "negated"),
    ("The rebels denied attacking the convoy and blamed the army.", "ACCUSE", "actual"),
])
def test_events_modality_in_context(make_parsed, text, type_, modality):
    assert (type_, modality) in kinds(make_parsed, text)


def test_events_headline_is_not_evidence(make_parsed):
    text = "Rebels shell town in the east\n\nGOMA (Wire) — Rebels shelled the town of Sake on Friday, officials said."
    events = events_of(make_parsed, text)
    assert [e.type for e in events] == ["ASSAULT"]
    assert events[0].evidence.text.startswith("GOMA")
    assert text[events[0].evidence.start:events[0].evidence.end] == events[0].evidence.text


def test_events_requirements_match_whole_words():
    assert lookup("launch", "VERB", "They launched two missiles.") is not None
    assert lookup("launch", "VERB", "They launched a hunt for the attackers.") is None
    assert lookup("release", "VERB", "The junta released the detainees.") is not None


def test_events_symmetric_event_takes_the_other_party_as_target(make_parsed):
    (agree,) = [e for e in events_of(make_parsed, "Turkey and Iraq agreed on a security pact.") if e.type == "AGREE"]
    assert agree.actor.country == "TUR" and agree.target.country == "IRQ"


def test_events_pronoun_takes_the_reporting_subject(make_parsed):
    events = events_of(make_parsed, "The Israeli military said it had struck a weapons depot.")
    (strike,) = [e for e in events if e.type == "ASSAULT"]
    assert strike.actor.country == "ISR"


def test_events_scorer_ignores_the_dateline():
    assert holds("A drone hit a house, officials said.", "KYIV, May 2 (Wire) — A drone hit a house, officials said.")
    assert not holds("A drone hit a house.", "A drone hit a car.")


@pytest.mark.parametrize("text, country", [
    ("the Democratic Republic of Congo", "COD"),
    ("Congo's army", "COD"),
    ("the Republic of Congo", "COG"),
    ("the United States", "USA"),
    ("M23 spokesman Lawrence Kanyuka", "COD"),
])
def test_events_actor_names_resolve(text, country):
    from storyworld.resources.actors import resolve

    assert resolve(text).country == country


def test_events_object_controls_what_is_requested(make_parsed):
    events = events_of(make_parsed, "The regional bloc urged Niger's junta to withdraw its soldiers from the border.")
    (retreat,) = [e for e in events if e.type == "RETREAT"]
    assert retreat.modality == "requested" and retreat.actor.country == "NER"


def test_events_dateline_is_no_actor(make_parsed):
    text = "ANKARA (Observer) — Turkey and Iraq agreed on Thursday to set up a joint centre."
    (agree,) = [e for e in events_of(make_parsed, text) if e.type == "AGREE"]
    assert agree.actor.country == "TUR" and agree.target.country == "IRQ"
