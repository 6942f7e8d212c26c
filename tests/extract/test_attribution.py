from __future__ import annotations

import pytest

from storyworld.extract.attribution import attribute_events, extract_claims
from storyworld.resources.outlets import find_outlet, is_outlet_description


def chains(make_parsed, text):
    parsed = make_parsed(text, published="2023-09-01", outlet="JNS")
    return [(c.cue, [(s.name, s.kind) for s in c.sources], c.direct) for c in extract_claims(parsed, actors=())]


def test_attribution_chain_resolves_descriptions_and_nesting(make_parsed):
    text = ("Russia demanded a withdrawal, Asharq al-Awsat reported on Friday. "
            "The officers met at the airport, according to the London-based Arabic daily. "
            "\"Leave the site,\" a source told the news outlet. "
            "\"Leave the second site too,\" the source added. "
            "According to Ynet, Masyaf is a missile factory.")
    got = chains(make_parsed, text)
    assert [c[1] for c in got] == [
        [("Asharq al-Awsat", "outlet")],
        [("Asharq al-Awsat", "outlet")],
        [("Asharq al-Awsat", "outlet"), ("a source", "anonymous")],
        [("Asharq al-Awsat", "outlet"), ("a source", "anonymous")],
        [("Ynet", "outlet")],
    ]
    assert [c[2] for c in got] == [False, False, True, True, False]


@pytest.mark.parametrize("text, expected", [
    ("The army said it had killed a commander.", [("The army", "organization")]),
    ("Regional governor Oleh Syniehubov said on Telegram that drones hit a building.",
     [("Oleh Syniehubov", "official")]),
    ("The ministry said in a statement that six people died.", [("The ministry", "organization")]),
    ("Witnesses said police fired tear gas.", [("Witnesses", "anonymous")]),
    ("Six people died, the AP reported.", [("Associated Press", "outlet")]),
])
def test_attribution_source_kinds(make_parsed, text, expected):
    assert chains(make_parsed, text)[0][1] == expected


def test_attribution_own_voice_has_no_claim_and_events_inherit(make_parsed):
    from storyworld.extract.actors import extract_actors
    from storyworld.extract.events import extract_events

    text = "Israel struck a depot near Masyaf on Friday. Russia demanded a withdrawal, Ynet reported."
    parsed = make_parsed(text, published="2023-09-01")
    claims = extract_claims(parsed, actors=())
    events = attribute_events(parsed, extract_events(parsed, actors=extract_actors(parsed)), claims=claims)
    by_type = {e.type: [s.name for s in e.sources] for e in events}
    assert by_type["ASSAULT"] == [] and by_type["REQUEST"] == ["Ynet"]
    for c in claims:
        assert text[c.start:c.end] == c.text


def test_attribution_outlets_table():
    assert find_outlet("the AP").name == "Associated Press"
    assert find_outlet("Ynet").country == "ISR"
    assert is_outlet_description("the London-based Arabic daily")
    assert not is_outlet_description("the ministry")
