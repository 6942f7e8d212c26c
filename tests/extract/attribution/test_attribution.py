from __future__ import annotations

import pytest

from conftest import events_with_sources
from storyworld.extract.attribution import extract_claims
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
    text = "Israel struck a depot near Masyaf on Friday. Russia demanded a withdrawal, Ynet reported."
    parsed = make_parsed(text, published="2023-09-01")
    claims = extract_claims(parsed, actors=())
    events = events_with_sources(parsed, claims)
    by_type = {e.type: [s.name for s in e.sources] for e in events}
    assert by_type["ASSAULT"] == [] and by_type["REQUEST"] == ["Ynet"]
    for c in claims:
        assert text[c.start:c.end] == c.text


def test_attribution_outlets_table():
    assert find_outlet("the AP").name == "Associated Press"
    assert find_outlet("Ynet").country == "ISR"
    assert is_outlet_description("the London-based Arabic daily")
    assert not is_outlet_description("the ministry")


def test_attribution_nested_relations_compose_one_chain(make_parsed):
    got = chains(make_parsed, "Hezbollah denied that the men were members, according to the group's Al-Manar television.")
    assert got[-1][1] == [("Al-Manar", "outlet"), ("Hezbollah", "organization")]


def test_attribution_titles_surnames_and_organisation_anaphora(make_parsed):
    text = ("Army spokesman Colonel Guillaume Ndjike said rebels fired first. "
            "\"We will respond,\" Ndjike said. "
            "The Sudan Doctors Network said 21 people died. "
            "The group said most were women.")
    parsed = make_parsed(text, published="2024-05-01")
    claims = extract_claims(parsed, actors=())
    assert [(s.name, s.kind) for c in claims for s in c.sources] == [
        ("Guillaume Ndjike", "official"), ("Guillaume Ndjike", "official"),
        ("Sudan Doctors Network", "organization"), ("Sudan Doctors Network", "organization")]
    assert claims[0].sources[0].office.lower().startswith("army spokesman")


def test_attribution_denial_disputes_the_earlier_claim(make_parsed):
    text = "The army said M23 rebels shelled the camp. The M23 denied firing on the camp."
    claims = extract_claims(make_parsed(text, published="2024-05-01"), actors=())
    assert len(claims) == 2 and claims[1].disputes == 0 and claims[0].disputes is None


def test_attribution_quoted_first_person_and_labels_are_not_sources(make_parsed):
    from storyworld.extract.attribution import find_relations

    text = ('"I think the plan will fail," Senator Jane Roe said.\n\n'
            'PENCE: Well, the question really is why.\n\n'
            'Update: the vote was delayed.')
    relations = find_relations(make_parsed(text, published="2024-05-01"))
    assert [(r.lemma, r.source.text) for r in relations] == [("say", "Senator Jane Roe"), (":", "PENCE")]
    quote = relations[0]
    assert text[slice(*quote.content)].startswith("I think")


def test_attribution_paragraph_break_ends_a_sentence(make_parsed):
    text = ('"Our forces did not fire," Kanyuka said on X\n\n'
            'The United Nations mission in Congo said it was alarmed.')
    claims = extract_claims(make_parsed(text, published="2024-05-01"), actors=())
    assert [c.sources[-1].name for c in claims] == ["Kanyuka", "United Nations mission in Congo"] or \
        [c.sources[-1].name for c in claims][-1].endswith("mission in Congo")
    assert all("\n" not in c.text for c in claims)


def test_attribution_events_in_the_content_inherit_and_the_speech_act_does_not(make_parsed):
    text = "Hezbollah denied that Israel struck its depot, according to Al-Manar."
    parsed = make_parsed(text, published="2024-05-01")
    claims = extract_claims(parsed, actors=())
    events = events_with_sources(parsed, claims)
    by_trigger = {e.trigger: [s.name for s in e.sources] for e in events}
    assert by_trigger.get("struck") == ["Al-Manar", "Hezbollah"]


def test_attribution_a_named_agency_is_not_a_reference_back(make_parsed):
    text = ("Six people died, Reuters reported. "
            "The officers met in Beijing, according to the Xinhua news agency. "
            "The talks lasted two hours, according to the agency.")
    got = chains(make_parsed, text)
    assert [c[1] for c in got] == [[("Reuters", "outlet")], [("Xinhua", "outlet")], [("Xinhua", "outlet")]]


def test_attribution_relative_pronoun_source_names_its_antecedent(make_parsed):
    from storyworld.extract.attribution import find_relations

    text = "The plan was drafted by Jane Roe, who said that it would cut costs."
    parsed = make_parsed(text, published="2024-05-01")
    relation = next(r for r in find_relations(parsed) if r.lemma == "say")
    assert relation.source.text == "who"  # the span as written, as PolNeAR marks it
    assert [s.name for s in extract_claims(parsed, actors=())[0].sources] == ["Jane Roe"]


@pytest.mark.parametrize("text, expected", [
    ("A State Department official said the talks would resume.", ("A State Department official", "official")),
    ("Aid groups said the road was closed.", ("Aid groups", "anonymous")),
    ("The Houthis said they fired two missiles.", ("Houthis", "organization")),
    ("A tanker reported an explosion nearby, the agency said.", None),
])
def test_attribution_unnamed_speakers_are_typed_by_their_head(make_parsed, text, expected):
    got = chains(make_parsed, text)
    if expected is None:
        assert all(s[1] != "person" for c in got for s in c[1])
    else:
        assert got[0][1] == [expected]


def test_attribution_an_outlet_in_the_sentence_carries_its_speaker(make_parsed):
    got = chains(make_parsed, "Houthi spokesman Yahya Saree said the group's forces had targeted the tanker, "
                              "Al-Masirah television reported.")
    assert got[-1][1] == [("Al-Masirah", "outlet"), ("Yahya Saree", "official")]


def _claim_rows(make_parsed, text):
    parsed = make_parsed(text, published="2023-09-01")
    return [(c.text, " > ".join(s.name for s in c.sources), c.direct) for c in extract_claims(parsed, actors=())]


def test_quotation_over_sentences_attributes_every_sentence(make_parsed):
    text = ("Officer Dana Whitfield said: “The port is closed. Ships wait offshore. "
            "We will reopen on Monday.”\n\nThe town held a vote on Friday.")
    rows = _claim_rows(make_parsed, text)
    assert ("Ships wait offshore.", "Dana Whitfield", True) in rows
    assert ("We will reopen on Monday.”", "Dana Whitfield", True) in rows
    assert not any(r[0].startswith("The town held") for r in rows)


def test_quotation_attributed_at_its_end_and_tokenised_marks(make_parsed):
    rows = _claim_rows(make_parsed, "“The port is closed. Ships wait offshore,” the harbour master said.")
    assert ("“The port is closed.", "the harbour master", True) in rows
    rows = _claim_rows(make_parsed, "Ines Kovac said : `` The port is closed .\nShips wait offshore . ''")
    assert ("Ships wait offshore . ''", "Ines Kovac", True) in rows


def test_unclosed_quotation_ends_before_a_sentence_with_its_own_cue(make_parsed):
    text = ("Officer Dana Whitfield said the port was closed. “We heard the alarm at dawn. We ran outside. "
            "Mayor Omar Farah said the fire was out. The ships left at noon.")
    rows = _claim_rows(make_parsed, text)
    assert ("We ran outside.", "Dana Whitfield", True) in rows
    assert ("Mayor Omar Farah said the fire was out.", "Omar Farah", False) in rows
    assert not any(r[0] == "The ships left at noon." for r in rows)


def test_transcript_turn_runs_to_paragraph_end(make_parsed):
    text = ("Host Lena Varga spoke to Omar Farah on Sunday.\n\nVARGA: Is the port closed?\n\n"
            "FARAH: Well, it is closed. The ships wait offshore.\n\nThe interview ended at noon.")
    rows = _claim_rows(make_parsed, text)
    assert ("The ships wait offshore.", "Omar Farah", True) in rows
    assert not any(r[0].startswith("The interview ended") for r in rows)


def test_event_in_a_quotation_sentence_takes_the_speaker_chain(make_parsed):
    text = "Officer Dana Whitfield said: “The port is closed. Rebels shelled the market on Monday.”"
    parsed = make_parsed(text, published="2023-09-01")
    events = events_with_sources(parsed, extract_claims(parsed, actors=()))
    assert any(e.type == "ASSAULT" and [s.name for s in e.sources] == ["Dana Whitfield"] for e in events)
