"""An outlet's home division, learnt from its own documents, decides a local paper's ambiguous names."""

from __future__ import annotations

from dataclasses import replace

from storyworld.body.document import document_id
from storyworld.extract.outlet_homes import OutletHomes, outlet_key
from storyworld.extract.places import extract_places
from storyworld.types import Document, Place

LOCAL = "https://www.lamar-ledger.example/news/{}"
TEXAS_STORIES = [
    "Deputies in Tyler arrested two men after a chase that ended on the highway near Longview.",
    "The school board in Sherman approved a new bus route to Denison on Monday night.",
    "Firefighters from Texarkana helped crews in Mount Pleasant put out a grass fire.",
]
AMBIGUOUS = "The Paris city council voted on Tuesday to repave three blocks of Main Street."


def document(text: str, url: str | None) -> Document:
    return Document(id=document_id(text), text=text, url=url, language="en")


def place_in(name: str, division: str) -> Place:
    from storyworld.resources.gazetteer import gazetteer

    entry = next(e for e in gazetteer().candidates(name) if e.admin1 == division and e.feature == "city")
    return Place(text=name, start=0, end=len(name), name=entry.name, geonameid=entry.geonameid, lat=entry.lat,
                 lon=entry.lon, country=entry.country, feature="city")


def test_outlet_key_is_the_host_else_the_outlet_name():
    assert outlet_key(document("x", "https://www.Lamar-Ledger.example/a")) == "lamar-ledger.example"
    assert outlet_key(Document(id="1", text="x", outlet=" Paris Beacon ")) == "paris beacon"
    assert outlet_key(Document(id="1", text="x")) is None


def test_a_home_needs_three_documents_and_a_majority():
    homes = OutletHomes()
    tyler, dallas, austin = place_in("Tyler", "US.TX"), place_in("Dallas", "US.TX"), place_in("Austin", "US.TX")
    for i, places in enumerate([[tyler], [dallas, dallas]]):
        homes.observe(document(f"story {i}", LOCAL.format(i)), places)
    assert homes.home(document("later", LOCAL.format(9))) is None  # two documents are not enough
    homes.observe(document("story 2", LOCAL.format(2)), [austin])
    assert homes.home(document("later", LOCAL.format(9))) == "US.TX"
    assert homes.home(document("elsewhere", "https://other.example/x")) is None
    spread = OutletHomes()
    for i, name in enumerate(["Denver", "Boston", "Atlanta", "Dallas"]):
        division = {"Denver": "US.CO", "Boston": "US.MA", "Atlanta": "US.GA", "Dallas": "US.TX"}[name]
        spread.observe(document(f"national {i}", f"https://national.example/{i}"), [place_in(name, division)])
    assert spread.home(document("later", "https://national.example/9")) is None


def test_the_home_division_decides_an_ambiguous_town(make_parsed):
    parsed = make_parsed(AMBIGUOUS)
    (paris,) = [p for p in extract_places(parsed) if p.text == "Paris"]
    assert paris.country == "FRA"  # alone, the capital wins
    (paris,) = [p for p in extract_places(replace(parsed, outlet_home="US.TX")) if p.text == "Paris"]
    assert paris.country == "USA" and 33.0 < paris.lat < 34.2  # Paris, Texas


def test_the_pipeline_learns_an_outlets_home_from_its_earlier_documents():
    from storyworld.pipeline import Pipeline

    pipeline = Pipeline()
    texts = TEXAS_STORIES + [AMBIGUOUS]
    analyses = list(pipeline.analyze_documents(document(t, LOCAL.format(i)) for i, t in enumerate(texts)))
    (paris,) = [p for p in analyses[-1].places if p.text == "Paris"]
    assert paris.country == "USA"
    # the same story from an outlet the pipeline knows nothing about
    (alone,) = Pipeline().analyze_documents([document(AMBIGUOUS, "https://elsewhere.example/1")])
    assert [p.country for p in alone.places if p.text == "Paris"] == ["FRA"]
