"""Relation reading for span scoring (PolNeAR-style): which cues count and which phrase is the source."""

from __future__ import annotations

from conftest import events_with_sources
from storyworld.extract.attribution import find_relations


def relations(make_parsed, text):
    parsed = make_parsed(text, published="2016-09-01", outlet="Test")
    return [(r.lemma, r.source.text) for r in find_relations(parsed)]


def test_a_possessed_cue_noun_needs_what_was_said(make_parsed):
    assert not [r for r in relations(make_parsed, "Trump didn't apologize for his past statements.")
                if r[0] == "statement"]
    assert ("claim", "Trump") in relations(make_parsed, "Trump's claim that he won is false.")


def test_a_passive_cue_with_an_agent_counts(make_parsed):
    got = relations(make_parsed, "The registration issue was first reported by The Washington Post.")
    assert got and got[0][0] == "report" and "Washington Post" in got[0][1]


def test_citing_a_reason_makes_the_citer_the_source(make_parsed):
    got = relations(make_parsed, "The union endorsed Clinton on Friday, citing her work after the attacks.")
    assert ("cite", "The union") in got


def test_citing_a_source_keeps_the_cited_source(make_parsed):
    got = relations(make_parsed, "Russia sent troops, the newspaper reported, citing a senior official.")
    assert ("cite", "a senior official") in got


def test_polls_show_with_an_object(make_parsed):
    got = relations(make_parsed, "Polls show a close contest in the state.")
    assert got and got[0] == ("show", "Polls")


def test_a_present_participle_the_model_lemmatises_badly(make_parsed):
    got = relations(make_parsed, "He is hoping that states will allow utilities to pass the costs on.")
    assert ("hope", "He") in got


def test_explain_and_reveal_take_an_object(make_parsed):
    assert ("reveal", "The documents") in relations(make_parsed, "The documents revealed extensive business interests.")


def test_a_cited_source_speaks_the_reporters_content_and_the_event_gets_both(make_parsed):
    from storyworld.extract.actors import extract_actors
    from storyworld.extract.attribution import extract_claims

    text = "A Russian drone attack on Kharkiv wounded 12 people on Saturday, AFP reported, citing governor Oleh Syniehubov."
    parsed = make_parsed(text)
    claims = extract_claims(parsed, actors=extract_actors(parsed))
    citing = next(c for c in claims if [s.name for s in c.sources][-1:] == ["Oleh Syniehubov"])
    assert citing.content is not None and "drone attack" in citing.content.text
    (attack, *_) = events_with_sources(parsed, claims)
    assert [s.name for s in attack.sources] == ["AFP", "Oleh Syniehubov"]


def test_speakers_stranded_before_a_final_said_are_the_source(make_parsed):
    got = relations(make_parsed, "Gunmen attacked the suburb overnight, killing at least 50 people, residents and a "
                                 "human rights group said.")
    assert ("say", "residents and a human rights group") in got


def test_a_reporter_set_off_by_commas_is_said_inside_no_other_relation(make_parsed):
    from storyworld.extract.attribution import extract_claims

    text = ("A tanker sailing through the Red Sea reported an explosion nearby on Saturday, the British military's "
            "UKMTO agency said, after Yemen's Houthis claimed to have attacked the vessel.")
    claims = extract_claims(make_parsed(text))
    said = next(c for c in claims if c.cue == "said")
    assert [s.name for s in said.sources] == ["the British military's UKMTO agency"]
