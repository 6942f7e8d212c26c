"""The scorer: how well one candidate place fits a name in its document.

Each candidate starts from a prior: its population, its feature (countries, continents, regions and
first-order divisions over towns of the same size) and how the name matched it (a place's own name
over one of its alternate names). The document then adds evidence (``_Context``): a qualifier right
after the name ("Paris, Tenn.") all but decides; then the countries and divisions the document names
or whose places it names unambiguously, the divisions its other names could lie in ("Paris" with
"Lamar County" is Texas), and the nearest confidently resolved place.

The weights are the ``[feature_prior]``, ``[match_penalty]`` and ``[scoring]`` tables of
``data/words/places.toml``. The prior and the scorer run once per candidate in the innermost loop
of resolution: they are no rules of their own; the decisions that call them are (``resolve``).
"""

from __future__ import annotations

import math

from ...geo import haversine_km
from ...resources.gazetteer import ALIAS, ALTERNATE, NAME, Entry
from ...resources.tables import numbers
from ...rules import rule

FEATURE_PRIOR = numbers("places.feature_prior")
_PENALTY = numbers("places.match_penalty")
MATCH_PENALTY = {NAME: _PENALTY["name"], ALTERNATE: _PENALTY["alternate"], ALIAS: _PENALTY["alias"]}
WEIGHTS = numbers("places.scoring")
SUPPORT_EXP, SUPPORT_W, SUPPORT_CAP = WEIGHTS["support_exponent"], WEIGHTS["support_weight"], WEIGHTS["support_cap"]
QUALIFIER_INSIDE, QUALIFIER_OUTSIDE = WEIGHTS["qualifier_inside"], WEIGHTS["qualifier_outside"]
OWN_DIVISION_GUESS, OWN_TOWN_GUESS = WEIGHTS["own_division_guess"], WEIGHTS["own_town_guess"]
COUNTRY_W, COUNTRY_CAP = WEIGHTS["country_weight"], WEIGHTS["country_cap"]
A1_W, A1_CAP = WEIGHTS["admin1_weight"], WEIGHTS["admin1_cap"]
NEAR_KM, NEAR_BONUS = WEIGHTS["near_km"], WEIGHTS["near_bonus"]
CLOSE_KM, CLOSE_BONUS = WEIGHTS["close_km"], WEIGHTS["close_bonus"]
REGION_KM, REGION_BONUS = WEIGHTS["region_km"], WEIGHTS["region_bonus"]
SENTENCE_ADMIN2_KM = WEIGHTS["sentence_admin2_km"]
NO_POINT_KM = 1e9  # the distance to the nearest other point when the document has none


class _Context:
    """What the document says about where it is: the countries and first-order divisions it names
    (or whose places it names unambiguously), and points already resolved."""

    def __init__(self):
        self.countries: dict[str, float] = {}
        self.admin1: dict[str, float] = {}
        self.points: list[Entry] = []
        self.support: dict[str, float] = {}  # admin1 → how many other names could lie in it
        self.own: dict[str, dict[str, float]] = {}  # name key → what it gave to support

    @rule("places", "shared-division-support", source="weights set on GeoVirus and WikToR dev (b87795e)", off=None,
          examples=[("The fair in Paris drew record crowds. Families came from Texarkana, Fannin County and "
                     "Lamar County.", {"text": "Paris", "country": "USA"})])
    def could_be(self, key: str, cands) -> None:
        """A name whose candidates lie in several divisions supports each of them a little: "Paris"
        and "Lamar County" together point to Texas."""
        if key in self.own:
            return
        a1s = {c.admin1 for c in cands if c.admin1 and c.feature in ("city", "admin2", "admin1")
               and c.match != ALTERNATE}
        if not a1s:
            return
        w = 1.0 / len(a1s) ** SUPPORT_EXP
        self.own[key] = {a: w for a in a1s}
        for a in a1s:
            self.support[a] = self.support.get(a, 0.0) + w

    def add(self, entry: Entry, weight: float = 1.0) -> None:
        if entry.country:
            self.countries[entry.country] = self.countries.get(entry.country, 0.0) + weight
        if entry.admin1 and entry.feature in ("admin1", "city"):
            self.admin1[entry.admin1] = self.admin1.get(entry.admin1, 0.0) + weight
        if entry.feature in ("city", "admin1", "admin2"):
            self.points.append(entry)


def _prior(entry: Entry) -> float:
    score = math.log10(max(entry.population, 10)) + FEATURE_PRIOR.get(entry.feature, 0.0)
    return score - MATCH_PENALTY.get(entry.match, 0.0)


def _inside(entry: Entry, qualifier: Entry) -> bool:
    if qualifier.feature == "admin1":
        return entry.feature in ("city", "admin2") and entry.admin1 == qualifier.admin1
    return entry.feature in ("city", "admin2", "admin1") and entry.country == qualifier.country


def _score(entry: Entry, context: _Context, qualifier: Entry | None, exclude: Entry | None = None,
           key: str | None = None) -> float:
    score = _prior(entry)
    if entry.admin1 and entry.feature in ("city", "admin2", "admin1") and context.support:
        others = context.support.get(entry.admin1, 0.0) - context.own.get(key, {}).get(entry.admin1, 0.0)
        score += SUPPORT_W * min(SUPPORT_CAP, others)
    if qualifier is not None:
        score += QUALIFIER_INSIDE if _inside(entry, qualifier) else QUALIFIER_OUTSIDE
    # the document's countries and divisions, less what this name's own first guess put there
    own = 0.0 if exclude is None else OWN_DIVISION_GUESS if exclude.feature in ("country", "admin1") else OWN_TOWN_GUESS
    weight = context.countries.get(entry.country, 0.0) if entry.country else 0.0
    if exclude is not None and exclude.country == entry.country:
        weight = max(0.0, weight - own)
    score += COUNTRY_W * min(COUNTRY_CAP, weight)
    if entry.admin1 and entry.feature in ("city", "admin2", "admin1"):
        weight = context.admin1.get(entry.admin1, 0.0)
        if exclude is not None and exclude.admin1 == entry.admin1:
            weight = max(0.0, weight - own)
        score += A1_W * min(A1_CAP, weight)
    if entry.feature in ("city", "admin2") and context.points:
        nearest = min((haversine_km(entry.lat, entry.lon, a.lat, a.lon) for a in context.points
                       if a.geonameid != entry.geonameid), default=NO_POINT_KM)
        score += NEAR_BONUS if nearest < NEAR_KM else CLOSE_BONUS if nearest < CLOSE_KM \
            else REGION_BONUS if nearest < REGION_KM else 0.0
    return score


def _holds(division: Entry, entry: Entry) -> bool:
    """Whether a division (first- or second-order) named in the same sentence can hold this candidate."""
    if division.feature == "admin1":
        return entry.feature in ("city", "admin2") and entry.admin1 == division.admin1
    return (entry.feature == "city" and entry.admin1 == division.admin1
            and haversine_km(entry.lat, entry.lon, division.lat, division.lon) < SENTENCE_ADMIN2_KM)
