from __future__ import annotations

from dataclasses import replace

from storyworld.corpus.incidents import IncidentReport, candidate_window, cluster

GOMA = (-1.6792, 29.2228)
SAKE = (-1.5736, 29.0450)  # ~23 km from Goma
BUTEMBO = (0.1428, 29.2913)  # ~200 km north


def report(event_id, doc, *, type_="ASSAULT", date="2025-05-17", precision="day", where=GOMA,
           loc_precision="city", actor=None, target=None, target_name=None, published="2025-05-18",
           evidence="M23 rebels shelled a camp for displaced people near Goma"):
    return IncidentReport(
        event_id=event_id, document_id=doc, type=type_, modality="actual", date=date, date_precision=precision,
        published=published, lat=where[0] if where else None, lon=where[1] if where else None,
        location_precision=loc_precision if where else None, location_country="COD" if where else None,
        actor_country=actor, target_country=target, target_name=target_name, evidence=evidence,
    )


def test_incidents_same_day_same_place_is_one_incident():
    a = report(1, "d1")
    b = report(2, "d2", evidence="Shells fired by the rebels hit the Bulengo camp west of Goma on Friday")
    c = report(3, "d3", where=SAKE, loc_precision="city")
    assert len(cluster([a, b, c])) == 1


def test_incidents_two_days_later_or_70_km_away_is_another():
    a = report(1, "d1")
    later = report(2, "d2", date="2025-05-19", published="2025-05-19")
    far = report(3, "d3", where=BUTEMBO)
    incidents = cluster([a, later, far])
    assert len(incidents) == 3


def test_incidents_another_ship_is_another_incident():
    a = report(1, "d1", type_="ASSAULT", target_name="the tanker Sea Lark", where=None,
               evidence="Houthi drones struck the tanker Sea Lark in the Red Sea")
    b = report(2, "d2", type_="ASSAULT", target_name="the bulk carrier Orion Star", where=None,
               evidence="Houthi drones struck the bulk carrier Orion Star in the Red Sea")
    assert len(cluster([a, b])) == 2


def test_incidents_contradicting_actor_countries_do_not_merge():
    a = report(1, "d1", actor="RWA")
    b = report(2, "d2", actor="UGA")
    assert len(cluster([a, b])) == 2
    c = report(3, "d3", actor=None)  # unknown is no contradiction
    assert len(cluster([a, c])) == 1


def test_incidents_another_happening_of_a_related_type_stays_apart_and_a_retelling_in_one_document_joins():
    a = report(1, "d1")
    protest = report(2, "d2", type_="PROTEST", evidence="Hundreds marched through Goma to demand an end to the war")
    retold = report(3, "d1", evidence="The shells landed shortly after dawn near Goma")
    assert [len(i.reports) for i in cluster([a, protest, retold])] == [2, 1]


def test_incidents_unrelated_types_never_join():
    a = report(1, "d1")
    accusation = report(2, "d2", type_="ACCUSE")  # the same words, place and day: still another type of act
    assert len(cluster([a, accusation])) == 2


NAIROBI = (-1.2864, 36.8172)


def test_incidents_one_happening_typed_differently_joins_when_place_day_and_parties_agree():
    storming = report(1, "d1", type_="PROTEST", where=NAIROBI, actor="KEN", target_name="parliament",
                      evidence="Protesters stormed the parliament in Nairobi on Tuesday")
    evacuated = report(2, "d2", type_="RETREAT", where=NAIROBI, actor="KEN", target_name="parliament",
                       evidence="Lawmakers were evacuated from parliament as protesters broke in")
    assert len(cluster([storming, evacuated])) == 1
    # the same pair a day apart, or with the place of only one known, is no strong agreement
    assert len(cluster([storming, replace(evacuated, date="2025-05-18")])) == 2
    assert len(cluster([storming, replace(evacuated, lat=None, lon=None, location_precision=None)])) == 2


def test_incidents_related_types_far_apart_never_join():
    storming = report(1, "d1", type_="PROTEST", where=NAIROBI, evidence="Protesters stormed parliament in Nairobi")
    seizure = report(2, "d2", type_="COERCE", where=GOMA, evidence="Protesters stormed parliament, police said")
    assert len(cluster([storming, seizure])) == 2


def test_incidents_month_precision_joins_a_day_in_that_month():
    a = report(1, "d1")
    vague = report(2, "d2", date="2025-05", precision="month")
    other_month = report(3, "d3", date="2025-06", precision="month", published="2025-06-20")
    assert [len(i.reports) for i in cluster([a, vague, other_month])] == [2, 1]


def test_incidents_undated_report_is_compared_by_publication_date():
    a = report(1, "d1")
    undated = report(2, "d2", date=None, precision=None, published="2025-05-18")
    stale = report(3, "d3", date=None, precision=None, published="2025-06-30")
    assert [len(i.reports) for i in cluster([a, undated, stale])] == [2, 1]


def test_incidents_clustering_is_deterministic_and_order_light():
    reports = [report(1, "d1"), report(2, "d2", where=SAKE), report(3, "d3", date="2025-05-19", published="2025-05-19"),
               report(4, "d4", evidence="Rebels shelled a displaced persons camp outside Goma")]
    forward = sorted(sorted(r.event_id for r in i.reports) for i in cluster(reports))
    backward = sorted(sorted(r.event_id for r in i.reports) for i in cluster(list(reversed(reports))))
    assert forward == backward == [[1, 2, 4], [3]]


def test_incidents_candidate_window_covers_the_date_rules():
    lo, hi = candidate_window(report(1, "d1"))
    assert lo <= "2025-05-16" and hi >= "2025-05-18"
    assert candidate_window(replace(report(1, "d1"), date=None, published=None)) is None


# -- context: what a sentence leaves open, filled from the sentence and the document's lead ------

from storyworld.corpus.incidents import DocumentContext, is_named, parties_compatible, with_context  # noqa: E402

LEAD = DocumentContext(date="2025-05-16", date_precision="day", lat=GOMA[0], lon=GOMA[1],
                       location_precision="city", location_country="COD")


def test_incidents_a_retelling_without_day_or_place_takes_the_leads_and_joins():
    lead = report(1, "d1", date="2025-05-16")
    other = report(2, "d2", date="2025-05-16", evidence="The army said M23 rebels shelled a camp outside Goma")
    denial = with_context(report(3, "d1", date=None, precision=None, where=None,
                                 evidence="The M23 denied firing on the camp and blamed government forces."),
                          lead=LEAD)
    assert denial.date == "2025-05-16" and denial.date_inferred and denial.location_inferred
    assert len(cluster([lead, other, denial])) == 1


def test_incidents_an_undated_act_takes_the_day_its_sentence_names_and_it_still_vetoes():
    saturday = with_context(report(1, "d1", date=None, precision=None, where=None, published="2025-07-12",
                                   target_name="the Liberian-flagged tanker Sea Lark",
                                   evidence="The Houthis said on Saturday that they had attacked the tanker"),
                            sentence_dates=("2025-07-12",))
    monday = with_context(report(2, "d2", date=None, precision=None, where=None, published="2025-07-14",
                                 evidence="The Houthis said on Monday that they had fired missiles at a ship"),
                          sentence_dates=("2025-07-14",))
    assert saturday.date == "2025-07-12" and saturday.date_inferred
    assert len(cluster([saturday, monday])) == 2  # without the sentence's day they were 2 days apart: undecided


def test_incidents_a_sentence_naming_two_days_keeps_the_other_as_an_alternative():
    tuesday = report(1, "d1", date="2025-08-12", published="2025-08-13")
    condemned = with_context(report(2, "d2", date="2025-08-14", published="2025-08-15",
                                    evidence="The UN condemned on Thursday an attack near Goma on Tuesday"),
                             sentence_dates=("2025-08-14", "2025-08-12"))
    assert condemned.alt_dates == ("2025-08-12",)
    assert len(cluster([tuesday, condemned])) == 1
    assert len(cluster([tuesday, replace(condemned, alt_dates=())])) == 2


def test_incidents_background_sentences_do_not_join_the_story():
    story = report(1, "d1", date="2025-06-22")
    this_year = with_context(report(2, "d2", date="2025", precision="year",
                                    evidence="Residents said the market had been shelled twice before this year."),
                             lead=LEAD)
    previously = with_context(report(3, "d3", date=None, precision=None,
                                     evidence="It has previously denied targeting civilians."), lead=LEAD)
    assert this_year.background and previously.background and previously.date is None
    assert len(cluster([story, this_year, previously])) == 3


def test_incidents_targets_contradict_only_when_no_sign_agrees():
    tanker = report(1, "d1", target="LBR", target_name="the Liberian-flagged tanker Sea Lark")
    described = report(2, "d2", target="YEM", target_name="the tanker with drones and a missile")
    anaphor = report(3, "d1", target=None, target_name="the ship")
    other_ship = report(4, "d3", target="YEM", target_name="the bulk carrier Orion Star")
    assert parties_compatible(tanker, described) is not None  # countries differ, the names share "tanker"
    assert parties_compatible(tanker, anaphor) is not None  # a description contradicts no name
    assert parties_compatible(tanker, other_ship) is None  # two names, two countries
    car, commander = report(5, "d4", target="LBN", target_name="a car"), \
        report(6, "d5", target="LBN", target_name="a Hezbollah commander")
    assert parties_compatible(car, commander) is not None  # the country agrees
    assert is_named("the Liberian-flagged tanker") and not is_named("the ship") and not is_named("Civilians")


def test_incidents_a_standing_denial_is_background():
    story = report(1, "d1", date="2025-03-08")
    standing = with_context(replace(report(2, "d1", date=None, precision=None, where=None,
                                           evidence="Moscow denies targeting civilians."), modality="negated"),
                            lead=LEAD)
    denied = with_context(replace(report(3, "d1", date=None, precision=None, where=None,
                                         evidence="The M23 denied firing on the camp."), modality="negated"),
                          lead=LEAD)
    assert standing.background and standing.date is None
    assert not denied.background and denied.date == LEAD.date


def test_incidents_a_target_country_counts_only_when_the_target_says_whose_it_is():
    from storyworld.corpus.incidents import names_a_country, words

    assert names_a_country("the Liberian-flagged tanker") and names_a_country("a Hezbollah commander")
    assert not names_a_country("the ship") and not names_a_country("a car") and not names_a_country("Saturday")
    assert not is_named("Saturday") and "saturday" not in words("on Saturday")


def test_incidents_a_report_that_joins_two_agreeing_incidents_bridges_them():
    from storyworld.corpus.incidents import Incident, bridged

    # one sentence coded twice ("commandos captured pirates after they attacked a ship"): the
    # arrest joined an incident of arrests, the attack an incident of attacks, and each matches the other
    arrest = report(1, "d1", type_="COERCE", target_name="23 pirates",
                    evidence="Marine commandos took 23 pirates into custody after they attacked a ship near Goma")
    attack = replace(arrest, event_id=2, type="ASSAULT")
    retold = report(3, "d2", type_="COERCE", target_name="the pirates",
                    evidence="Commandos captured 23 pirates who had attacked a ship near Goma")
    arrests, attacks = Incident(1, [arrest]), Incident(2, [attack])
    assert bridged(retold, arrests, [arrests, attacks]) == [attacks]
    # an attack a day later agrees with the arrests on nothing: no bridge
    other_day = Incident(3, [replace(attack, event_id=4, date="2025-05-18", published="2025-05-19")])
    assert bridged(retold, arrests, [arrests, other_day]) == []


def test_incidents_clustering_merges_a_bridged_incident_into_the_older():
    # one boarding told as an arrest by one outlet and as a firefight by another: apart, they share
    # no party by name and few words; a third report codes its one sentence as both
    seized = report(1, "d1", type_="COERCE", actor=None, target_name="23 men",
                    evidence="Navy commandos detained 23 men in the gulf on Saturday")
    fired = report(2, "d2", type_="ASSAULT", target_name="a skiff",
                   evidence="A warship opened fire on a skiff near Goma")
    both = "Commandos detained 23 men after the warship opened fire on their skiff near Goma"
    as_arrest = report(3, "d3", type_="COERCE", target_name="23 men", evidence=both)
    as_attack = replace(as_arrest, event_id=4, type="ASSAULT", target_name="their skiff")
    found = cluster([seized, fired, as_arrest, as_attack])
    assert [sorted(r.event_id for r in i.reports) for i in found] == [[1, 2, 3, 4]]
    assert found[0].id == 1  # the older incident stays


def test_incidents_a_target_the_other_sentence_names_ties_two_types_and_a_generic_one_does_not():
    storming = report(1, "d1", type_="PROTEST", where=NAIROBI, actor="KEN", target_name="Kenya's parliament",
                      evidence="Protesters stormed Kenya's parliament in Nairobi on Tuesday")
    fled = report(2, "d2", type_="RETREAT", where=NAIROBI, target_name="Kenyan lawmakers",
                  evidence="Kenyan lawmakers were evacuated from the parliament building through a tunnel")
    assert len(cluster([storming, fled])) == 1
    # "the building" and "Kenyan" name nobody in particular
    searched = report(3, "d3", type_="COERCE", where=NAIROBI, target_name="the building",
                      evidence="Officers searched the building after a caller phoned in a threat")
    assert len(cluster([replace(storming, target_name="a Kenyan building"), searched])) == 2


def test_incidents_an_incident_is_listed_under_its_commonest_type_else_the_one_most_related_to_the_others():
    from storyworld.corpus.update import incident_type

    assert incident_type(["ASSAULT", "ASSAULT", "COERCE"]) == "ASSAULT"
    assert incident_type(["RETREAT", "PROTEST", "COERCE"]) == "PROTEST"
    assert incident_type([]) is None
