from __future__ import annotations

from dataclasses import replace

import pytest

from storyworld.corpus.origins import Report, count_independent, origin_key, origins
from storyworld.types import Source


def S(name, kind="outlet"):
    return Source(name, kind)


# The four worked examples of issue 10, and a few more edges of the rule.
CASES = [
    ("outlet relaying an outlet's anonymous source + that outlet alone",
     [Report("JNS", (S("Asharq al-Awsat"), S("a source", "anonymous"))), Report("Ynet", (S("Asharq al-Awsat"),))], 1),
    ("wire citing a ministry + the ministry directly",
     [Report("Daily A", (S("Reuters"), S("the ministry", "organization"))),
      Report("Daily B", (S("the ministry", "organization"),))], 1),
    ("one wire citing two different origins",
     [Report("Daily A", (S("Reuters"), S("the ministry", "organization"))),
      Report("Daily B", (S("Reuters"), S("a witness", "anonymous")))], 2),
    ("C citing B citing A + B citing A + A in its own voice",
     [Report("X", (S("C"), S("B"), S("A"))), Report("Y", (S("B"), S("A"))), Report("A", ())], 1),
    ("two outlets' own anonymous sources are two origins",
     [Report("Kivu Post", (S("a security source", "anonymous"),)),
      Report("Goma Daily", (S("a security source", "anonymous"),))], 2),
    ("own reporting by two outlets", [Report("Kivu Post", ()), Report("Goma Daily", ())], 2),
    ("an outlet's own voice that another report cites",
     [Report("Kivu Post", ()), Report("Goma Daily", (S("Kivu Post"),))], 1),
]


@pytest.mark.parametrize("what, reports, expected", CASES, ids=[c[0] for c in CASES])
def test_origins_rule(what, reports, expected):
    assert count_independent(reports) == expected


def test_origins_anonymous_is_keyed_with_the_element_before_it():
    key, inner = origin_key(Report("JNS", (S("Asharq al-Awsat"), S("a source", "anonymous"))))
    assert key == "asharq al-awsat > a source"
    assert inner.name == "Asharq al-Awsat > a source"
    key, _ = origin_key(Report("Kivu Post", (S("residents", "anonymous"),)))
    assert key == "kivu post > residents"


def test_origins_merge_aliases_before_keying():
    aliases = {"the AP": "Associated Press", "the news agency": "Associated Press", "Saree": "Yahya Saree"}
    reports = [Report("X", (S("the AP"), S("Saree", "official"))), Report("Y", (S("Yahya Saree", "official"),)),
               Report("Z", (S("the news agency"),))]
    assert count_independent(reports, alias_of=lambda n: aliases.get(n, n)) == 1
    # without the outlet table "the AP" and "the news agency" look independent; "Saree" still joins
    # "Yahya Saree" (the incident's own aliases: a surname alone)
    assert count_independent(reports) == 2


def test_origins_lists_every_key_with_its_report_count():
    result = origins([Report("A1", (S("Reuters"), S("the ministry", "organization"))),
                      Report("A2", (S("the ministry", "organization"),)), Report("A3", (S("Reuters"),))])
    by_key = {o.key: o for o in result}
    assert by_key["ministry"].reports == 2 and by_key["ministry"].independent  # a key drops a leading "the"
    assert not by_key["reuters"].independent  # Reuters relays the ministry in another chain


def test_origins_one_body_with_and_without_the_article_is_one_key():
    result = origins([Report("A1", (S("the Carabinieri", "organization"),)),
                      Report("A2", (S("Carabinieri", "organization"),))])
    assert [(o.key, o.reports) for o in result] == [("carabinieri", 2)]


# -- a document's own introductions: "a medical group said" … "the Sudan Doctors Network said" ---

def test_origins_an_indefinite_description_is_the_named_source_of_its_own_document():
    reports = [
        Report("Horn Observer", (S("a medical group", "organization"),), document="d1"),
        Report("Horn Observer", (S("Sudan Doctors Network", "organization"),), document="d1"),
        Report("Nile Courier", (S("Sudan Doctors Network", "organization"),), document="d2"),
    ]
    assert count_independent(reports) == 1
    # in another document nothing says which group it was
    other = [replace(reports[0], document="d3"), reports[1], reports[2]]
    assert count_independent(other) == 2


def test_origins_descriptions_resolve_by_a_shared_word_and_only_to_organisations_by_their_head():
    army = [
        Report("Great Lakes Wire", (S("Reuters"), S("The Democratic Republic of Congo's army", "organization")),
               document="d1"),
        Report("Great Lakes Wire", (S("Reuters"), S("an army statement", "document")), document="d1"),
        Report("Great Lakes Wire", (S("Lawrence Kanyuka", "official"),), document="d1"),
    ]
    assert count_independent(army) == 2  # the army (its statement) and the spokesman
    tanker = [
        Report("Gulf Ledger", (S("A tanker", "organization"),), document="d1"),
        Report("Gulf Ledger", (S("UKMTO", "organization"),), document="d1"),
    ]
    assert count_independent(tanker) == 2  # a tanker is no organisation's description
    anonymous = [
        Report("Cedar Post", (S("a security source", "anonymous"),), document="d1"),
        Report("Cedar Post", (S("Lebanon's health ministry", "organization"),), document="d1"),
    ]
    assert count_independent(anonymous) == 2  # anonymous sources stay unnamed on purpose


def test_incident_aliases_join_an_acronym_its_expansion_and_a_surname():
    from storyworld.corpus.origins import incident_aliases

    reports = [
        Report("Red Sea Wire", (S("The United Kingdom Maritime Trade Operations agency", "organization"),
                                S("a vessel", "anonymous")), "d1"),
        Report("Gulf Ledger", (S("the British military's UKMTO agency", "organization"),), "d2"),
        Report("Gulf Ledger", (S("UKMTO", "organization"),), "d2"),
        Report("Red Sea Wire", (S("Yahya Saree", "official"),), "d1"),
        Report("Gulf Ledger", (S("Al-Masirah"), S("Saree", "official")), "d2"),
        Report("Red Sea Wire", (S("Yemen's Houthi movement", "organization"),), "d1"),
    ]
    aliases = incident_aliases(reports)
    full = "The United Kingdom Maritime Trade Operations agency"
    assert aliases["UKMTO"] == full and aliases["the British military's UKMTO agency"] == full
    assert aliases["Saree"] == "Yahya Saree"
    assert "Yemen's Houthi movement" not in aliases  # a movement is not its spokesman
    # UKMTO's own reports relay the vessel's: one origin; the movement and its spokesman: two more
    assert count_independent(reports) == 3


@pytest.mark.parametrize("short, long", [
    (S("UN", "organization"), S("United Nations", "organization")),  # too short to trust as an acronym
    (S("WHO", "organization"), S("World Food Programme", "organization")),  # another acronym
    (S("Saree", "official"), S("Saree Television", "outlet")),  # a person is not an outlet
    (S("a source", "anonymous"), S("a source close to the army", "anonymous")),
    (S("ISIS", "organization"), S("ISIS commander Abu Omar", "official")),  # the group is not its commander
])
def test_incident_aliases_keep_other_sources_apart(short, long):
    from storyworld.corpus.origins import incident_aliases

    assert incident_aliases([Report("X", (short,)), Report("Y", (long,))]) == {}


def test_origins_an_unnamed_official_is_keyed_like_an_anonymous_source():
    # two outlets' "a navy official" may be two people: keyed with what precedes them
    reports = [Report("Coast Wire", (S("AFP"), S("a navy official", "official"))),
               Report("Harbour Times", (S("a navy official", "official"),))]
    assert [origin_key(r)[0] for r in reports] == ["afp > a navy official", "harbour times > a navy official"]
    assert count_independent(reports) == 2
    # a named one is himself
    assert origin_key(Report("Harbour Times", (S("Commander Nirad Sinha", "official"),)))[0] == "commander nirad sinha"


def test_origins_unattributed_retellings_of_an_attributed_document_add_no_own_voice():
    police = Report("Valley Herald", (S("Oregon State Police", "organization"),), document="d1")
    retold = Report("Valley Herald", (), document="d1")  # "The two men killed were …" in the same story
    own = Report("Coast Ledger", (), document="d2")  # another outlet's own reporting
    assert count_independent([police, retold, own]) == 2
    assert {o.key for o in origins([police, retold, own])} == {"oregon state police", "coast ledger"}
    # a lead in the outlet's own voice stays its own reporting, whatever a later paragraph attributes
    later = Report("Coast Ledger", (S("AP"), S("a clerk", "anonymous")), document="d2")
    assert {o.key for o in origins([police, retold, own, later])} == {"oregon state police", "coast ledger",
                                                                        "ap > a clerk"}


def test_origins_a_body_named_after_its_country_either_way_is_one_key():
    reports = [Report("A", (S("India's navy", "organization"),)), Report("B", (S("the Indian Navy", "organization"),)),
               Report("C", (S("navy", "organization"),))]  # the one navy of the incident
    assert count_independent(reports) == 1
    # a capital's police is not its country's; a state is no country
    assert count_independent([Report("A", (S("Moscow police", "organization"),)),
                              Report("B", (S("Russian police", "organization"),))]) == 2
    assert count_independent([Report("A", (S("Oregon State Police", "organization"),)),
                              Report("B", (S("Texas State Police", "organization"),))]) == 2
    # two navies named: "navy" alone joins neither
    assert count_independent([Report("A", (S("the Indian navy", "organization"),)),
                              Report("B", (S("the Pakistani navy", "organization"),)),
                              Report("C", (S("navy", "organization"),))]) == 3
