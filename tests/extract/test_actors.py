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
])
def test_actors_kb_resolves(text, country, role):
    entry = resolve(text)
    assert entry is not None and entry.country == country
    if role:
        assert entry.role == role


@pytest.mark.parametrize("text", ["a source", "it", "us", "the report", "residents of the town"])
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
