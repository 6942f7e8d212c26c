"""Names that mean one thing whatever the context says, unless the text places them otherwise.

A city over the first-order division around it that shares its name ("New York", "Aleppo"); a
national capital over the divisions and towns of its country named after it ("Washington"); a
region, continent or sea over a hamlet ("Middle East"); a division over a small town of its name in
a list of divisions ("Oregon" beside Ohio and Texas). Lists are read from the glue between names
("Ohio, Kentucky and Indiana").
"""

from __future__ import annotations

import re

from ...resources.actors import MIN_CAPITAL_POPULATION, capital_country
from ...resources.gazetteer import NAME, Entry
from ...resources.tables import numbers, word_set, words
from ...rules import IDENTITY, rule

LIST_GLUE = re.compile(r"^\s*(,|;|and|or|, and|, or)\s*$")
HEART = numbers("places.scoring")["heart"]
DIVISION_BEFORE = re.compile(r"\b(" + "|".join(map(re.escape, words("places.division_of_words"))) + r") of\s*$", re.I)
DIVISION_CHARS = int(numbers("places.recognition")["division_chars"])


def _is_capital(entry: Entry) -> bool:
    """Whether the entry is its country's capital under its own name (of half a million or more)."""
    return (entry.feature == "city" and entry.match == NAME and entry.population >= MIN_CAPITAL_POPULATION
            and capital_country(entry.name) == entry.country)


@rule("places", "city-over-namesake-division", source="GeoVirus and WikToR dev; GWN, LGL, TR-News (0ef145c)", off=(),
      examples=[("Traffic jams paralysed São Paulo on Friday.", {"text": "São Paulo", "feature": "city"})])
def _heart_namesakes(cands) -> list[Entry]:
    """"New York", "São Paulo", "Aleppo": where a city and the first-order division around it share a
    name, news means the city (the heart of its division, not a village that shares the name): the
    divisions set aside."""
    cities: dict[str, int] = {}
    for c in cands:
        if c.feature == "city" and c.admin1:
            cities[c.admin1] = max(cities.get(c.admin1, 0), c.population)
    return [c for c in cands if c.feature == "admin1" and cities.get(c.admin1, 0) >= HEART * c.population]


@rule("places", "capital-over-namesake-division", source="GeoVirus dev; GWN, LGL (e747534)", off=(), examples=[
    ("Officials in Washington announced new tariffs.", {"text": "Washington", "feature": "city"}),
])
def _capital_namesakes(cands, capital: Entry) -> list[Entry]:
    """A national capital carries its name and stands for its government ("Washington"): the
    divisions of its country that share the name are set aside."""
    return [c for c in cands if c.feature == "admin1" and c.country == capital.country]


@rule("places", "namesake-in-list", source="GeoVirus and WikToR dev (0ef145c)", off=False, examples=[
    ("Storms hit New York, New Jersey and Connecticut.", {"text": "New York", "feature": "admin1"}),
])
def _listed(i: int, listed: set[int]) -> bool:
    """A name listed among others ("New York, New Jersey and Connecticut") keeps its division."""
    return i in listed


@rule("places", "division-said", source="GeoVirus and WikToR dev (0ef145c)", off=False, examples=[
    ("Floods swept across the state of New York.", {"text": "New York", "feature": "admin1"}),
])
def _names_a_division(text: str, start: int, end: int) -> bool:
    """The text says division ("New York state", "the province of Aleppo"): the name keeps it."""
    words_around = text[start:end].lower().split() + text[end:end + DIVISION_CHARS].lower().split()[:1]
    return any(w.strip(".,;:'’") in word_set("places.admin_words") for w in words_around) \
        or bool(DIVISION_BEFORE.search(text[max(0, start - DIVISION_CHARS):start]))


def _cities_over_namesake_divisions(mentions, text: str, capitals: list[Entry | None], pairs):
    """Each mention's candidates less the first-order divisions that a city or a national capital
    (``capitals``: each mention's, or None) of the same name outranks, unless the text says division
    or lists the name among others. ``pairs``: the mentions listed side by side (``_listed_pairs``)."""
    listed = {i for pair in pairs for i in pair}
    out = []
    for i, ((s, e, cands), capital) in enumerate(zip(mentions, capitals)):
        if any(c.feature == "admin1" for c in cands):  # only a division can be set aside
            hearts = _heart_namesakes(cands)
            capital_ones = _capital_namesakes(cands, capital) if capital is not None else []
            namesakes = [c for c in cands if c in hearts or c in capital_ones]
            if namesakes and not _listed(i, listed) and not _names_a_division(text, s, e):
                cands = tuple(c for c in cands if c not in namesakes)
        out.append((s, e, cands))
    return out


@rule("places", "region-over-namesake-town", source="GeoVirus dev; GWN, LGL (e747534, 3548b0c)", off=IDENTITY,
      examples=[("Farmers in Iowa watched storms build over the Atlantic.", {"text": "Atlantic", "feature": "water"})])
def _regions_over_namesake_towns(mentions, qualifiers):
    """"Middle East", "Asia", "the Atlantic": a region, continent or sea named exactly is not the
    hamlet that took its name, however much the document's country would favour the hamlet, unless
    a qualifier places the hamlet ("Levant, Maine")."""
    out = []
    for (s, e, cands), q in zip(mentions, qualifiers):
        if q is None and any(c.feature in ("region", "continent", "water") and c.match == NAME for c in cands):
            cands = tuple(c for c in cands if c.feature not in ("city", "admin2"))
        out.append((s, e, cands))
    return out


def _in_division_lists(pairs, keys, first: dict[str, Entry]) -> list[bool]:
    """Whether each mention stands in a list ("Ohio, Oregon and Texas") beside a name first read as
    a division or a country."""
    division = [first.get(k) is not None and first[k].feature in ("admin1", "country") for k in keys]
    out = [False] * len(keys)
    for a, b in pairs:
        out[a] = out[a] or division[b]
        out[b] = out[b] or division[a]
    return out


def _listed_pairs(text: str, mentions):
    """Pairs of mentions (indices) next to each other in the text with only list glue between them."""
    order = sorted(range(len(mentions)), key=lambda i: mentions[i][0])
    return [(a, b) for a, b in zip(order, order[1:]) if LIST_GLUE.match(text[mentions[a][1]:mentions[b][0]])]
