"""Names the text defines as a locality in a place.

"Lima is a town in Seminole County, Oklahoma"; "Hamidiyah, a village in Tartus province"; "Santa
Cruz is a neighbourhood in the West Zone of the city of Rio de Janeiro": the name, then a word for a
kind of locality (``definition_kinds`` in ``data/words/places.toml``), then a locative right before
the chain of places that holds it. Such a name takes a reading that lies there or, where the
gazetteer has none (a hamlet, a neighbourhood), the holding place itself.
"""

from __future__ import annotations

import re

from ...geo import haversine_km
from ...resources.gazetteer import Entry
from ...resources.tables import numbers, words
from ...rules import IDENTITY, rule
from .names import bare_name
from .namesakes import LIST_GLUE
from .scoring import SENTENCE_ADMIN2_KM, _holds, _prior

DEFINED_START = re.compile(r"^\s*(?:\([^()]{0,80}\)\s*|/[^/]{0,40}/\s*)?"
                           r"(?:,[^.;:()]{0,120}?,\s*(?:is|was|lies)\s+|,\s*|\s+(?:is|was|lies)\s+)"
                           r"(?:an?|the|one of the)\s")
KINDS = "(?:" + "|".join(map(re.escape, words("places.definition_kinds"))) + ")"
# the locative follows the last word for a locality closely: "a village 20 km north of", "a census-
# designated place (CDP) in", not "the capital of the Seychelles and is situated on the side of"
DEFINED_END = re.compile(r"\b" + KINDS + r"\b(?:(?!\b(?:is|was|lies)\b)(?:[^.;]|(?<=\d)\.(?=\d))){0,60}?"
                         r"\b(?:in|of|near|within|outside)\s+(?:the\s+)?(?:[a-z-]+\s+){0,4}$", re.I)
# between the places of one chain: "Seminole County, Oklahoma", "the town of Dale in southwest
# Outagamie County", "the Northeast section of Portland"
CHAIN_GLUE = re.compile(r"^\s*(?:,\s*)?(?:[a-z-]+\s+){0,3}(?:in|of|within)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}$")
MAX_DEFINITION_CHARS = numbers("places.scoring")["max_definition_chars"]
HELD_KM = {"city": numbers("places.scoring")["held_city_km"], "admin2": SENTENCE_ADMIN2_KM}
HOLDER_FEATURES = ("city", "admin2", "admin1", "country")


def _lies_in(entry: Entry, holder: Entry) -> bool:
    """Whether a place can lie in a holder the text puts it in (a country, division or city)."""
    if holder.feature == "country":
        return entry.country == holder.country
    if holder.feature == "admin1":
        return _holds(holder, entry)
    if holder.feature in HELD_KM:
        return (entry.feature in ("city", "admin2") and entry.admin1 == holder.admin1
                and haversine_km(entry.lat, entry.lon, holder.lat, holder.lon) < HELD_KM[holder.feature])
    return False


def _defines(between: str) -> bool:
    """Whether the text between a name and a place says the name is a locality in that place."""
    return bool(DEFINED_START.match(between) and DEFINED_END.search(between))


@rule("places", "holder-itself", source="WikToR dev (f5f3006)", off=None, examples=[
    ("Springfield is a village in Tartus Governorate, Syria.", {"text": "Springfield", "country": "SYR"}),
])
def _holder_itself(holder: Entry) -> Entry | None:
    """A name defined as a locality in a place where the gazetteer has no reading of it (a hamlet, a
    neighbourhood) takes the holding place itself."""
    return holder


@rule("places", "definition", source="WikToR dev (f5f3006)", off=IDENTITY, examples=[
    ("Paris is a small city in the United States.", {"text": "Paris", "country": "USA"}),
    ("Lima is a town in the United States.", {"text": "Lima", "country": "USA"}),
])
def _placed_by_definition(resolved: list[Entry | None], text: str, mentions, keys: list[str],
                          sentences: list[int] | None, gaz) -> list[Entry | None]:
    """A name the text defines as a locality in a place ("Lima is a town in Seminole County,
    Oklahoma") takes a reading that lies there; where the gazetteer has none (a hamlet, a
    neighbourhood), it takes the holding place itself, the most specific one of the chain that
    the rest of the chain agrees with. Everywhere else the document repeats the name, it means the same."""
    if sentences is None:
        return resolved
    order = sorted(range(len(mentions)), key=lambda i: mentions[i][0])
    out = list(resolved)
    done: set[str] = set()
    for n, i in enumerate(order):
        _, e, cands = mentions[i]
        r = out[i]
        if r is None or not cands or keys[i] in done:
            continue
        later = [j for j in order[n + 1:] if sentences[j] == sentences[i] and out[j] is not None
                 and mentions[j][0] - e <= MAX_DEFINITION_CHARS]
        first = next((j for j in later if keys[j] != keys[i] and _defines(text[e:mentions[j][0]])), None)
        if first is None:
            continue
        chain = [first]
        for j in later[later.index(first) + 1:]:
            glue = text[mentions[chain[-1]][1]:mentions[j][0]]
            if not (LIST_GLUE.match(glue) or CHAIN_GLUE.match(glue)):
                break
            chain.append(j)
        # The name itself may recur in the chain ("the Central District of Santa Ana, Santa Ana
        # Canton"): a link, never the holder; nor is a link read only through a part of its name
        # ("Sultan Kudarat" as the town of Sultan). The chain's last division or country anchors it:
        # a link read as lying elsewhere is misread; of the rest, the first (the most specific) that
        # every later division agrees with holds the name.
        links = [out[j] for j in chain if keys[j] != keys[i]
                 and gaz.candidates(bare_name(text[mentions[j][0]:mentions[j][1]]))]
        anchor = next((h for h in reversed(links) if h.feature in ("admin1", "country")), None)
        kept = [h for h in links if h.feature in HOLDER_FEATURES
                and (anchor is None or h is anchor or _lies_in(h, anchor))]
        holder = next((h for k, h in enumerate(kept) if all(
            _lies_in(h, o) or o.feature not in ("admin1", "country") for o in kept[k + 1:])), None)
        if holder is None:
            continue
        done.add(keys[i])  # the first definition decides; a later one may tell of another place
        if _lies_in(r, holder):
            continue
        inside = [c for c in cands if _lies_in(c, holder)]
        new = max(inside, key=_prior) if inside else _holder_itself(holder)
        if new is None:
            continue
        out = [new if k == keys[i] and o == r else o for k, o in zip(keys, out)]
    return out
