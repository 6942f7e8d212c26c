"""Events: coverage of the PLOVER categories — noun and phrasal triggers, expressions of intent,
refusals and demands made by reporting what another must do."""

from __future__ import annotations

import pytest

from storyworld.extract.actors import extract_actors
from storyworld.extract.events import extract_events
from storyworld.extract.places import extract_places
from storyworld.resources.ontology import lexicon, lookup
from storyworld.types import PLOVER_TYPES


def events_of(make_parsed, text):
    parsed = make_parsed(text, published="2025-05-17")
    return extract_events(parsed, actors=extract_actors(parsed), places=extract_places(parsed))


def kinds(make_parsed, text):
    return {(e.type, e.modality) for e in events_of(make_parsed, text)}


def first_type(make_parsed, text):
    found = sorted(events_of(make_parsed, text), key=lambda e: e.trigger_start or 0)
    return found[0].type if found else None


def test_events_every_plover_type_has_triggers():
    types = {t.type for entries in lexicon().values() for t in entries}
    assert types == set(PLOVER_TYPES)


@pytest.mark.parametrize("text, type_", [
    # noun triggers carried by light verbs
    ("Thousands of farmers staged a demonstration in the capital against the new tax.", "PROTEST"),
    ("Opposition supporters held a rally in Nairobi on Sunday against the president.", "PROTEST"),
    ("The foreign minister's visit to Beijing lasted three days.", "CONSULT"),
    ("Peru issued an ultimatum to Bolivia over the border dispute.", "THREATEN"),
    # verbs of the codebook's categories
    ("Kenya hosted the Ethiopian prime minister in Nairobi on Tuesday.", "CONSULT"),
    ("Spain extradited two suspects to France on Monday.", "COOPERATE"),
    ("Prosecutors in Lima are investigating the former minister for corruption.", "ACCUSE"),
    ("Nepal complained to India over the border fence.", "ACCUSE"),
    ("The rebels dismissed the government's offer of an amnesty.", "REJECT"),
    ("Germany suspended military aid to Niger after the coup.", "SANCTION"),
    ("The army demolished twelve houses in the village on Monday.", "COERCE"),
    ("The government lifted the curfew in the northern province.", "CONCEDE"),
    ("The United States lifted sanctions on Venezuela's oil sector.", "RETREAT"),
    ("The militia demobilized its fighters in the east.", "RETREAT"),
    ("Japan apologized to South Korea for the incident.", "SUPPORT"),
    ("Poland and Lithuania established diplomatic relations in 1991.", "SUPPORT"),
])
def test_events_codebook_triggers(make_parsed, text, type_):
    assert first_type(make_parsed, text) == type_


def test_events_compound_noun_before_the_word_alone(make_parsed):
    found = kinds(make_parsed, "Forty prisoners began a hunger strike on Monday in Ankara.")
    assert ("PROTEST", "actual") in found
    assert not any(t == "ASSAULT" for t, _ in found)


def test_events_phrasal_verb_before_the_word_alone(make_parsed):
    assert first_type(make_parsed, "Soldiers beat up three journalists at the checkpoint.") == "ASSAULT"
    assert first_type(make_parsed, "The union called off the strike after talks with the ministry.") == "CONCEDE"


@pytest.mark.parametrize("text, type_", [
    ("Chile has offered to hand over the documents to Argentina.", "AGREE"),
    ("Ghana is willing to send observers to the election in Togo.", "AGREE"),
    ("The rebels vowed to fight until the last village is taken.", "THREATEN"),
    ("The government said it is prepared to impose martial law in the capital.", "THREATEN"),
])
def test_events_intent_is_agree_or_threaten_by_content(make_parsed, text, type_):
    assert first_type(make_parsed, text) == type_


def test_events_a_refused_cooperation_is_a_reject(make_parsed):
    found = kinds(make_parsed, "Jordan will not accept the peace plan drawn up in Washington.")
    assert ("REJECT", "actual") in found


def test_events_must_in_reported_speech_is_a_demand(make_parsed):
    found = events_of(make_parsed, "The European Union declared that Serbia must release the detained reporters.")
    request = next(e for e in found if e.type == "REQUEST")
    assert request.trigger == "declared"
    assert request.target is not None and "Serbia" in request.target.text
    # a speaker's own resolve is no demand
    assert not any(e.type == "REQUEST" for e in events_of(make_parsed, "The minister said we must stay calm."))


def test_events_worker_strike_is_protest_air_strike_is_assault():
    assert lookup("strike", "NOUN", "Teachers' union members went on strike over pay.").type == "PROTEST"
    assert lookup("strike", "NOUN", "A drone strike hit the village.").type == "ASSAULT"


def test_events_announced_coercion_is_a_threat(make_parsed):
    found = kinds(make_parsed, "The president announced that he will extend the curfew in the capital.")
    assert ("THREATEN", "actual") in found and ("COERCE", "threatened") in found
    # a cooperative plan stays what it is
    found = kinds(make_parsed, "Rwanda will withdraw its troops from the border within 90 days.")
    assert ("RETREAT", "planned") in found and not any(t == "THREATEN" for t, _ in found)


def test_events_intent_content_words_need_to_be_coercive(make_parsed):
    text = "Ghana is ready to contribute 500 troops to a peace-keeping force in Mali."
    assert first_type(make_parsed, text) == "AGREE"


def test_events_withdrawing_inspectors_is_a_sanction_withdrawing_troops_a_retreat():
    assert lookup("withdraw", "VERB", "The agency will withdraw its inspectors from the country.").type == "SANCTION"
    assert lookup("withdraw", "VERB", "The army will withdraw its troops from the border.").type == "RETREAT"


def test_events_an_attempt_is_the_act(make_parsed):
    assert "ASSAULT" in {t for t, _ in kinds(make_parsed, "An attempt to assassinate the mayor was thwarted in Lyon.")}
