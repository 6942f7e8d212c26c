"""Toponym resolution: gazetteer coverage (divisions, continents, regions, demonyms) and document context."""

from __future__ import annotations

import pytest

from storyworld.extract.places import resolve_spans
from storyworld.geo import haversine_km
from storyworld.resources.gazetteer import gazetteer


@pytest.mark.parametrize("name, feature, country", [
    ("Alberta", "admin1", "CAN"), ("Tamil Nadu", "admin1", "IND"), ("Sichuan", "admin1", "CHN"),
    ("B.C.", "admin1", "CAN"), ("Europe", "continent", None), ("European", "continent", None),
    ("Russians", "country", "RUS"), ("DPRK", "country", "PRK"), ("Middle East", "region", None),
    ("Laurel County", "admin2", "USA"), ("Idlib", "admin1", "SYR"),
])
def test_gazetteer_knows_divisions_continents_regions_and_demonyms(name, feature, country):
    assert any(e.feature == feature and e.country == country for e in gazetteer().candidates(name))


def test_gazetteer_country_point_is_the_mainland_centre():
    us = next(e for e in gazetteer().candidates("United States") if e.feature == "country")
    assert haversine_km(us.lat, us.lon, 39.8, -98.6) < 100  # Kansas, not pulled towards Alaska


def _resolve(make_parsed, text, surfaces):
    parsed = make_parsed(text)
    spans = []
    for s in surfaces:
        start = text.index(s)
        spans.append((start, start + len(s)))
    return resolve_spans(parsed, spans)


def test_qualifier_after_a_comma_decides(make_parsed):
    text = "The fair opened in Paris, Tenn., on Saturday."
    (paris,) = _resolve(make_parsed, text, ["Paris"])
    assert paris.country == "USA" and paris.admin1 == "US.TN"


def test_other_names_in_the_document_pick_the_division(make_parsed):
    text = "Deputies from Lamar County said the crash near Paris closed the highway to Reno and Sumner."
    (paris,) = _resolve(make_parsed, text, ["Paris"])
    assert paris.admin1 == "US.TX"


def test_one_sense_per_document(make_parsed):
    text = "Georgia lawmakers met in Atlanta, Ga., and Savannah, Ga. Later, Georgia passed the budget."
    parsed = make_parsed(text)
    first = text.index("Georgia")
    second = text.index("Georgia", first + 1)
    a, b = resolve_spans(parsed, [(first, first + 7), (second, second + 7)])
    assert a.geonameid == b.geonameid and a.admin1 == "US.GA"


def test_county_is_placed_on_the_documents_town(make_parsed):
    text = "A fire in London, Ky., was put out by crews from across Laurel County on Monday."
    (county,) = _resolve(make_parsed, text, ["Laurel County"])
    assert county.feature == "admin2" and haversine_km(county.lat, county.lon, 37.13, -84.08) < 30
