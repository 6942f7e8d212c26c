from __future__ import annotations

import pytest

from storyworld.extract.actors import actor_for_span, extract_actors
from storyworld.resources.actors import resolve


@pytest.mark.parametrize("text, country, role", [
    ("Iranian militias", "IRN", "REB"),
    ("the Syrian regime forces", "SYR", "MIL"),
    ("Three Russian officers", "RUS", "MIL"),
    ("the Kremlin", "RUS", "GOV"),
    ("Moscow", "RUS", "GOV"),
    ("Hezbollah", "LBN", "REB"),
    ("the Rapid Support Forces", "SDN", "REB"),
    ("the Iranians", "IRN", None),
    ("Ivory Coast rebels", "CIV", "REB"),  # a country of two words inside a longer phrase
    ("South Sudanese troops", "SSD", "MIL"),
    ("U.S. forces", "USA", "MIL"),
    ("the US Congress", "USA", "LEG"),
])
def test_actors_kb_resolves(text, country, role):
    entry = resolve(text)
    assert entry is not None and entry.country == country
    if role:
        assert entry.role == role


@pytest.mark.parametrize("text, name, role", [
    ("the Security Council", "UN Security Council", "IGO"),
    ("U.N. helicopters", "United Nations", "IGO"),  # a dotted acronym inside a phrase
    ("Red Cross officials", "International Committee of the Red Cross", "NGO"),  # its people keep its role
    ("the African Union", "African Union", "IGO"),
    ("Human Rights Watch", "Human Rights Watch", "NGO"),
])
def test_actors_kb_knows_international_organisations(text, name, role):
    entry = resolve(text)
    assert entry is not None and entry.name == name and entry.role == role and entry.country is None


@pytest.mark.parametrize("text", ["a source", "it", "us", "the report", "residents of the town", "an amnesty"])
def test_actors_kb_never_guesses_a_country(text):
    entry = resolve(text)
    assert entry is None or entry.country is None


def test_actors_extract_offsets_and_span_choice(make_parsed):
    text = "Russian officers and their Iranian counterparts met in Hama, while Hezbollah said nothing."
    actors = extract_actors(make_parsed(text))
    for a in actors:
        assert text[a.start:a.end] == a.text
    phrase = "Russian officers and their Iranian counterparts"
    best = actor_for_span(actors, 0, len(phrase), head=0)
    assert best.country == "RUS"
    assert any(a.name == "Hezbollah" and a.country == "LBN" for a in actors)


def test_a_big_capital_acts_for_its_government_but_a_small_one_is_no_actor():
    from storyworld.resources.actors import resolve

    bamako = resolve("Bamako")
    assert bamako is not None and bamako.country == "MLI" and bamako.role == "GOV"
    assert resolve("Victoria") is None  # Seychelles' capital, and a given name


def test_home_bound_actors_take_the_country_where_the_event_happened():
    from storyworld.extract.actors import with_local_countries
    from dataclasses import replace

    from storyworld.types import ActorRef, Event, Location, Span

    where = Location(text="Tbilisi", name="Tbilisi", lat=41.69, lon=44.83, country="GEO", precision="city")
    police = Event(type="COERCE", modality="actual", trigger="detained", evidence=Span(text="x", start=0, end=1),
                   actor=ActorRef(text="riot police", role="COP"), target=ActorRef(text="protesters", role="CVL"),
                   location=where)
    drones = Event(type="ASSAULT", modality="actual", trigger="hit", evidence=Span(text="x", start=0, end=1),
                   actor=ActorRef(text="drones", role="MIL"), target=ActorRef(text="soldiers", role="MIL"),
                   location=replace(where, country="UKR"))
    (p, d) = with_local_countries([police, drones])
    assert p.actor.country == "GEO" and p.target.country == "GEO"
    assert d.actor.country is None  # an unnamed strike's drones are often the other side's
    assert d.target.country == "UKR"


def test_country_lookup_agrees_with_countrynames():
    """Our direct look-up in countrynames' table gives what its `to_code` gives."""
    import countrynames

    from storyworld.resources.actors import _countrynames_code

    names = ["France", "Syria", "Iranian", "Ivory Coast", "Côte d'Ivoire", "the United States", "Burma",
             "Korea, Republic of", "Russian Federation", "Czechia", "Great Britain", "Kosovo", "Taiwan",
             "Democratic Republic of the Congo", "Hama", "Kremlin", "Nowhereland", "Palestine"]
    assert [_countrynames_code(n) for n in names] == [countrynames.to_code(n) for n in names]
    assert _countrynames_code("Ivory Coast") == "CI"
