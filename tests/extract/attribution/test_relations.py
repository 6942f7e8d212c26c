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


def test_a_gerund_speaks_for_the_subject_of_a_passive_clause(make_parsed):
    got = relations(make_parsed, "After saying the vote was rigged, the governor was escorted out of the hall.")
    assert ("say", "the governor") in got
    # through "and", the passive clause's subject is not the speaker
    got = relations(make_parsed, "China said it was firmly opposed to the test and warned Pyongyang to stop.")
    assert not [r for r in got if r[1] == "it"]


def test_the_speaker_after_a_fronted_quotation_is_the_source(make_parsed):
    got = relations(make_parsed, "“The plan will not survive the winter,” the retired engineer said in an interview.")
    assert got == [("say", "the retired engineer")]
    got = relations(make_parsed, "“The harbour has never been this quiet,” Okonkwo, a dock foreman, said on "
                                 "Tuesday on “Morning Tide.”")
    assert got and got[0][1].startswith("Okonkwo")


def test_a_final_cue_after_a_quotation_takes_it_for_its_complement(make_parsed):
    got = relations(make_parsed, "We told the board, ‘That price is too high,’” the mayor added.")
    assert ("add", "the mayor") in got


def test_inverted_said_before_a_colon_is_the_cue(make_parsed):
    parsed = make_parsed("Said Moreau: “I do not think the council cares about the river.”", published="2016-09-01", outlet="Test")
    (relation,) = find_relations(parsed)
    assert (relation.cue_text, relation.source.text) == ("Said", "Moreau")


def test_a_quotation_signed_with_a_dash_written_against_the_quote(make_parsed):
    parsed = make_parsed("“The bus never comes on time in our village.”― Ama Boateng",
                         published="2016-09-01", outlet="Test")
    (relation,) = find_relations(parsed)
    assert (relation.cue_text, relation.source.text) == ("―", "Ama Boateng")


def test_speaking_without_saying_anything_is_no_cue(make_parsed):
    assert relations(make_parsed, "The two ministers spoke for about ten minutes.") == []
    assert relations(make_parsed, "The senator spoke at a gathering of farmers on Friday.") == []
    assert ("speak", "The senator") in relations(make_parsed, "The senator spoke about water prices on Friday.")


def test_as_someone_put_it(make_parsed):
    parsed = make_parsed("As the minister put it in a statement, the port is open to every ship.",
                         published="2016-09-01", outlet="Test")
    (relation,) = find_relations(parsed)
    assert (relation.cue_text, relation.source.text) == ("put it", "the minister")
    assert relations(make_parsed, "The workers put it on the truck.") == []


def test_a_court_or_a_study_finds_an_object(make_parsed):
    assert ("find", "a district judge") in relations(
        make_parsed, "While a district judge found the new fee unlawful, her ruling was overturned.")
    assert relations(make_parsed, "Police found the bodies of two men near the river.") == []


def test_idioms_with_cue_verbs_attribute_nothing(make_parsed):
    assert relations(make_parsed, "The scheme, called Blue Harbour, lets fishermen sell directly.") == []
    assert relations(make_parsed, "It goes without saying that the new toll is unpopular.") == []
    assert relations(make_parsed, "Let's say a new boat will cost $40,000 in five years.") == []
    assert ("call", "He") in relations(make_parsed, "He called the strike a crime.")


def test_continued_after_a_quotation_and_a_column_heading_is_no_speaker(make_parsed):
    assert ("continue", "she") in relations(make_parsed, "“We will rebuild the bridge,” she continued.")
    assert relations(make_parsed, "The talks continued for hours.") == []
    assert relations(make_parsed, "The Latest: Governor urges residents to leave the coast.") == [("urge", "Governor")]


def test_a_named_report_that_states_content(make_parsed):
    got = relations(make_parsed, "The minister seized upon a Daily Nation report that the port had lost money in 2019.")
    assert ("report", "Daily Nation") in got
    got = relations(make_parsed, "A National Audit Office report released last year found that "
                                 "the agency could not trace the funds.")
    assert [r for r in got if r[0] == "report"] == []


def test_a_second_cue_hung_on_the_reported_clause_is_the_reporters(make_parsed):
    got = relations(make_parsed, "The governor said the state would open three new shelters and warned against "
                                 "travel on the coastal road.")
    assert ("warn", "The governor") in got
    got = relations(make_parsed, "Mr. Okafor said his party would contest the result and called for a recount.")
    assert ("call", "Mr. Okafor") in got
    # a conjunct in the reported clause's own tense stays part of what was reported
    got = relations(make_parsed, "The mayor said the workers left early and warned nobody.")
    assert [r for r in got if r[0] == "warn"] == []


def test_citing_after_a_reported_clause_is_done_by_the_reporter(make_parsed):
    got = relations(make_parsed, "Economists said exports have grown this year, citing the weaker currency.")
    assert ("cite", "Economists") in got
    got = relations(make_parsed, "Lawmakers praised the deal, citing the release of two detained journalists.")
    assert ("cite", "Lawmakers") in got


def test_a_belief_whose_clause_is_so_or_not(make_parsed):
    assert ("think", "He") in relations(make_parsed, "Will the mayor resign? He doesn't think so.")
    assert ("hope", "The ministers") in relations(make_parsed, "Will the talks fail? The ministers hope not.")


def test_a_speaker_the_parser_left_stranded_before_the_verb(make_parsed):
    got = relations(make_parsed, 'When attackers are caught, Obama and Clinton call them "lone wolves" and move on.')
    assert any(lemma == "call" and "Clinton" in source for lemma, source in got), got
    # a ship named before "reported" is no speaker; its master is
    got = relations(make_parsed, "According to UKMTO, the master of the Sea Lark reported a blast near the ship.")
    assert not any(source == "the Sea Lark" for _, source in got), got


def test_a_headline_cue_verb_needs_no_complement(make_parsed):
    text = ("Senator Ortiz Sees 'Betrayal' in Budget Deal\n\n"
            "The senator spoke to farmers on Tuesday. The budget sees no money for new bridges.")
    got = relations(make_parsed, text)
    assert ("see", "Senator Ortiz") in got
    # the same verb in the body, with no named subject and no complement, is no relation
    assert not [r for r in got if r[1] == "The budget"]
