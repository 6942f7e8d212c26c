from __future__ import annotations

import pytest

from storyworld.corpus.coref import EventMention, cluster_event_mentions, event_key


def mention_span(nlp, text: str, words: str):
    """The span of the first occurrence of ``words`` in ``text``, parsed with the real model."""
    doc = nlp(text)
    start = text.index(words)
    span = doc.char_span(start, start + len(words), alignment_mode="expand")
    assert span is not None
    return span


def key(nlp, text: str, words: str) -> str:
    return event_key(mention_span(nlp, text, words), nlp)


@pytest.mark.parametrize("text, words", [
    ("Police arrested the suspect on Friday .", "arrested"),
    ("The arrest came after a long search .", "arrest"),
    ("The man was detained near the border .", "detained"),
    ("He was taken into custody on Friday .", "taken into custody"),
])
def test_coref_event_key_folds_verbs_nouns_and_synonyms(nlp, text, words):
    assert key(nlp, text, words) == key(nlp, "Police arrested the suspect .", "arrested")


def test_coref_event_key_reads_deverbal_nouns_as_their_verb(nlp):
    assert key(nlp, "The shootings shocked the town .", "shootings") == key(nlp, "A gunman shot two men .", "shot")
    assert key(nlp, "Her nomination was a surprise .", "nomination") == key(
        nlp, "The party nominated her .", "nominated")


def test_coref_event_key_relemmatizes_headline_capitals(nlp):
    fired = key(nlp, "The club fired its coach on Monday .", "fired")
    assert key(nlp, "COACH FIRED AFTER LOSS", "FIRED") == fired
    assert key(nlp, "Coach Fired After Loss", "Fired") == fired


def test_coref_event_key_keeps_acronyms(nlp):
    assert key(nlp, "Police arrest DUI suspect", "DUI") == key(nlp, "He was charged with drunk driving .", "drunk driving")
    assert key(nlp, "Police arrest DUI suspect", "DUI") != "duo"


def test_coref_event_key_reads_phrases_not_their_light_verb(nlp):
    shot = key(nlp, "A gunman shot two men .", "shot")
    assert key(nlp, "A gunman opened fire at the party .", "opened fire") == shot
    assert key(nlp, "The company let him go last week .", "let him go") != key(nlp, "Let us go home .", "go")
    assert key(nlp, "The team let go of its coach .", "let go") == key(nlp, "The club fired its coach .", "fired")


def test_coref_event_key_keeps_a_murder_charge_apart_from_the_killing(nlp):
    assert key(nlp, "He was charged with murder .", "murder") != key(nlp, "The killing shocked the town .", "killing")


def _mentions(nlp, rows):
    return [EventMention(f"m{i}", story, mention_span(nlp, text, words)) for i, (story, text, words) in enumerate(rows)]


def test_coref_clusters_join_same_event_word_within_a_story_only(nlp):
    mentions = _mentions(nlp, [
        ("s1", "Police arrested the suspect on Friday .", "arrested"),
        ("s1", "The arrest came after a long search .", "arrest"),
        ("s2", "Police arrested a second man in another city .", "arrested"),
        ("s1", "A strong earthquake struck the island .", "earthquake"),
    ])
    clusters = sorted(sorted(c) for c in cluster_event_mentions(mentions, nlp))
    assert clusters == [["m0", "m1"], ["m2"], ["m3"]]


def test_coref_clusters_never_link_reporting_or_light_words(nlp):
    mentions = _mentions(nlp, [
        ("s1", "The agency reported the strike .", "reported"),
        ("s1", "The ministry reported new figures .", "reported"),
        ("s1", "The raid took hours , according to witnesses .", "according to"),
        ("s1", "The strike , according to officials , hit a depot .", "according to"),
    ])
    assert sorted(len(c) for c in cluster_event_mentions(mentions, nlp)) == [1, 1, 1, 1]


def test_coref_clusters_survive_hostile_input(nlp):
    long_text = " ".join(["attack"] * 2000) + " ."
    doc = nlp(long_text)
    mentions = [
        EventMention("long", "s", doc[0:1500]),
        EventMention("punct", "s", nlp("... !!!")[0:3]),
        EventMention("caps", "s", nlp("ATTACK ON THE BASE")[0:1]),
        EventMention("one", "s", doc[5:6]),
    ]
    clusters = cluster_event_mentions(mentions, nlp)
    assert sorted(m for c in clusters for m in c) == ["caps", "long", "one", "punct"]
    assert any({"long", "one"} <= set(c) for c in clusters)
