"""Source resolution across documents (issue 28): one body written several ways is one origin."""

from __future__ import annotations

import pytest

from storyworld.corpus.origins import Report, origins
from storyworld.corpus.sources import (DocumentNames, definitions, document_names, resolve_reports,
                                       resolve_source)
from storyworld.types import Source


@pytest.mark.parametrize("text, short, full", [
    ("Ministers at the Council of the European Union (the Council) agreed the measures on Monday.", "council",
     "Council of the European Union"),
    ("Troops of the Israel Defense Forces (IDF) entered the town at dawn.", "idf", "Israel Defense Forces"),
    ("The IDF (Israel Defense Forces) said two posts were hit.", "idf", "Israel Defense Forces"),
    ("A warning from the United Kingdom Maritime Trade Operations (UKMTO) reached the ship.", "ukmto",
     "United Kingdom Maritime Trade Operations"),
    ("On Tuesday Lake Region Water Board (LRWB) engineers closed the dam.", "lrwb", "Lake Region Water Board"),
])
def test_sources_definitions_read_a_bracketed_short_form(text, short, full):
    assert definitions(text)[short] == full


@pytest.mark.parametrize("text", [
    "The talks (which lasted hours) ended without a deal.",
    "Prices rose in Mombasa (Kenya) and in Dar es Salaam.",
    "The Northern Alliance (NATO) met.",  # initials that do not spell the name
])
def test_sources_definitions_ignore_brackets_that_define_nothing(text):
    assert definitions(text) == {}


def test_sources_a_one_word_name_is_the_longer_name_its_document_gives():
    names = document_names("The Council of the EU adopted the decision. The Council said it takes effect today.",
                           ["the Council of the EU", "the Council"])
    assert resolve_source(Source("the Council", "organization"), names).name == "Council of the European Union"
    # two armies in one document: "the army" stays as written
    two = document_names("", ["the Israeli army", "the Lebanese army"])
    assert resolve_source(Source("the army", "organization"), two).name == "the army"


def test_sources_a_spokesman_of_a_named_body_is_the_body_and_anonymous_sources_stay():
    assert resolve_source(Source("an IDF spokesman", "anonymous")).name == "Israel Defense Forces"
    assert resolve_source(Source("a military source", "anonymous")).name == "a military source"


COUNCIL = [  # one sanctions decision reported three ways, each through another name of the Council
    (Report("Brussels Courier", (Source("the Council", "organization"),), document="d1"),
     "The Council of the European Union (the Council) froze the assets of two officials."),
    (Report("Nairobi Ledger", (Source("the Council of the EU", "organization"),), document="d2"),
     "The Council of the EU froze the assets of two Kenyan officials."),
    (Report("Wire Digest", (Source("The Council of the European Union", "organization"),), document="d3"),
     "Two officials had their assets frozen."),
]
ARMY = [  # one raid: the army, the military and the IDF
    (Report("Coast Herald", (Source("the Israeli army", "organization"),), document="d4"), ""),
    (Report("Valley Times", (Source("The Israeli military", "organization"),), document="d5"), ""),
    (Report("Morning Star Post", (Source("the IDF", "organization"),), document="d6"), ""),
]


@pytest.mark.parametrize("cases, expected", [
    (COUNCIL, ["Council of the European Union"]),
    (ARMY, ["Israel Defense Forces"]),
    (ARMY + [(Report("Gaza Voice", (Source("Hamas", "organization"),), document="d7"), "")],
     ["Israel Defense Forces", "Hamas"]),
])
def test_sources_aliases_of_one_source_count_as_one_origin(cases, expected):
    reports = [report for report, _ in cases]
    names_of = {report.document: document_names(text, [s.name for s in report.sources]) for report, text in cases}
    before = [o.name for o in origins(reports) if o.independent]
    assert len(before) > len(expected)  # written as they are, each name counts once
    after = [o.name for o in origins(resolve_reports(reports, names_of)) if o.independent]
    assert after == expected


def test_sources_resolve_reports_without_names_uses_the_registry_only():
    (report,) = resolve_reports([Report("X", (Source("the Council", "organization"),
                                              Source("Israeli military", "organization")), document="z")])
    assert [s.name for s in report.sources] == ["the Council", "Israel Defense Forces"]
    assert DocumentNames().defined == {}


@pytest.mark.parametrize("name, canonical", [
    ("the British military's UKMTO agency", "United Kingdom Maritime Trade Operations"),
    ("Yemen's Houthi movement", "Houthi movement"),
    ("Lebanon's health ministry", "Lebanon's health ministry"),  # not registered: as written
])
def test_sources_a_registered_body_named_after_its_owner_is_that_body(name, canonical):
    assert resolve_source(Source(name, "organization")).name == canonical


def test_sources_the_ministry_is_the_ministry_its_document_named():
    names = document_names("Lebanon's health ministry said two people were killed. The ministry gave no names.",
                           ["Lebanon's health ministry", "the ministry"])
    assert resolve_source(Source("the ministry", "organization"), names).name == "Lebanon's health ministry"


def test_sources_a_person_tied_to_a_body_by_a_title_speaks_for_it():
    from storyworld.corpus.sources import people_bodies

    text = ("Oregon State Police spokesman Gregg Hastings said the bomb went off inside. Navy spokesman Commander "
            "Nirad Sinha said 23 men were held. Robert Sznewajs, the bank's chief executive, said staff were safe. "
            "Lt. Gerry Scherlinck of the Troy Police Department named the suspect. A Troy police sergeant "
            "testified; Sgt. Barry Whiteside told the court the gunman fired twice. Mohammed Ali of Gaza said.")
    found = people_bodies(text)
    assert found["gregg hastings"] == found["hastings"] == "Oregon State Police"
    assert found["nirad sinha"] == "Navy" and found["gerry scherlinck"] == "Troy Police Department"
    assert found["robert sznewajs"] == "bank" and found["barry whiteside"] == "Troy police"
    assert "mohammed ali" not in found  # a place is no body
    names = document_names(text, ["Oregon State Police"])
    chain = resolve_reports([Report("Valley Herald", (Source("Hastings", "person"),), document="d")],
                            {"d": names})[0].sources
    assert chain == (Source("Oregon State Police", "organization"),)


def test_sources_the_paper_is_the_one_outlet_its_document_names_and_body_officials_are_the_body():
    reports = [Report("Marion Dispatch", (Source("Statesman Journal", "organization"), Source("a clerk", "anonymous")),
                      document="d"),
               Report("Marion Dispatch", (Source("the paper", "organization"),), document="d"),
               Report("Coast Wire", (Source("Indian naval officials", "anonymous"),), document="e")]
    resolved = resolve_reports(reports)
    assert resolved[1].sources == (Source("Statesman Journal", "outlet"),)
    assert resolved[2].sources[0].name == "Indian navy" and resolved[2].sources[0].kind == "organization"
    # "officials" alone, and "a navy official", stay unnamed people
    alone = resolve_reports([Report("X", (Source("officials", "anonymous"), )),
                             Report("Y", (Source("a navy official", "official"),))])
    assert [r.sources[0].name for r in alone] == ["officials", "a navy official"]


# -- session 29: gold-incidents dev2 ------------------------------------------------------------------

BEDFORD = ("A New Bedford man murdered his mother, the Bristol County District Attorney's office said Wednesday.\n\n"
           "Prosecutor Aaron Strojny told the court the women were stabbed. DA spokesman Gregg Miliote said both "
           "had been dead for days, and the DA's office believes he meant to kill again.")


def test_sources_an_office_written_short_is_the_one_its_document_names_in_full():
    names = document_names(BEDFORD, ["the Bristol County District Attorney's office", "the DA's office"])
    full = "Bristol County District Attorney's office"
    for written, kind in [("the DA's office", "organization"), ("Aaron Strojny", "person"),
                          ("Gregg Miliote", "person"), ("prosecutors", "organization")]:
        assert resolve_source(Source(written, kind), names).name.removeprefix("the ") == full, written
    # a person's name at the tail of a longer one is his title, not an office
    names = document_names("M23 spokesman Lawrence Kanyuka denied it.", ["M23 spokesman Lawrence Kanyuka"])
    assert resolve_source(Source("Lawrence Kanyuka", "person"), names).name == "M23"


def test_sources_unnamed_police_of_a_story_are_its_police_and_one_officer_stays_unnamed():
    text = ("The Standard-Times reported, citing city police. Officers told the paper they found a knife, "
            "Police Lt. Jeffrey Silva said.")
    names = document_names(text, ["Standard-Times"])
    for written, kind in [("city police", "anonymous"), ("Officers", "anonymous"), ("Jeffrey Silva", "person")]:
        assert resolve_source(Source(written, kind), names).name == "police", written
    assert resolve_source(Source("an officer", "anonymous"), names).name == "an officer"
    assert resolve_source(Source("two officers", "anonymous"), names).name == "two officers"
    named = document_names("New Bedford police said so. Officers found a knife.", ["New Bedford police"])
    assert resolve_source(Source("Officers", "anonymous"), named).name == "New Bedford police"


def test_sources_a_body_name_does_not_run_across_a_sentence_or_a_paragraph():
    from storyworld.corpus.sources import people_bodies

    found = people_bodies("Shells hit the camp near Sake.\n\nM23 spokesman Lawrence Kanyuka denied it. "
                          "The U.S. Navy spokesman John Kirby spoke.")
    assert found["lawrence kanyuka"] == "M23" and found["john kirby"] == "The U.S. Navy"


@pytest.mark.parametrize("name, canonical", [("Houthi military", "Houthi movement"), ("Hamas fighters", "Hamas"),
                                             ("Russian forces", "Russian forces")])
def test_sources_a_movements_armed_wing_is_the_movement_and_a_countrys_forces_stay(name, canonical):
    assert resolve_source(Source(name, "organization")).name == canonical
