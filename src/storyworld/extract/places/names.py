"""What a mention's text says about the place it names: its bare name, the division or country named
right after it ("Paris, Tenn."), and, for a name the gazetteer lacks, the place it contains
("Aleppo International Airport" is at Aleppo)."""

from __future__ import annotations

import re
from functools import lru_cache

from ...parse.model import doc_text
from ...resources.gazetteer import ALTERNATE, Entry, fold
from ...resources.tables import numbers, word_set, words
from ...rules import rule

NAME_PREFIX = re.compile(r"^(" + "|".join(map(re.escape, words("places.name_prefixes"))) + r") of\s+", re.I)
QUALIFIER = re.compile(r"^\s*,\s*((?:[A-Z][\w.'’-]*\.?)(?:\s+[A-Z][\w.'’-]*\.?){0,2})")
QUALIFIER_CHARS = int(numbers("places.recognition")["qualifier_chars"])
MIN_PART_POPULATION = numbers("places.recognition")["min_part_population"]
# words that name a kind of place or a direction: as the part of a longer name they are never its place
GENERIC_WORDS = (word_set("places.direction_words") | word_set("places.admin_words") | word_set("places.site_words")
                 | word_set("places.generic_words"))


@lru_cache(maxsize=8192)
def bare_name(text: str) -> str:
    """A place name without its article, "city of" and possessive: "the city of Hama's" → "Hama",
    "the United States'" → "United States"."""
    text = re.sub(r"^(the|a)\s+", "", text.strip(), flags=re.I)
    text = NAME_PREFIX.sub("", text)
    return re.sub(r"['’]s$|(?<=s)['’]$", "", text).strip()


@lru_cache(maxsize=8192)
def _span_key(text: str) -> str:
    return fold(bare_name(text))


@rule("places", "qualifier", source="document-level resolution, weights set on GeoVirus and WikToR dev (b87795e)",
      off=None, examples=[
          ("Ranchers from Texas flew to Paris, France, for a trade fair.", {"text": "Paris", "country": "FRA"}),
          ("Farmers from Ohio visited Athens, Greece, last week.", {"text": "Athens", "country": "GRC"}),
      ])
def _qualifier(text: str, end: int, gaz) -> Entry | None:
    """"Springfield, Illinois" / "Paris, Tenn." / "Tripoli, Lebanon": the division or country named
    right after a comma."""
    m = QUALIFIER.match(text[end: end + QUALIFIER_CHARS])
    if not m:
        return None
    labels = m.group(1).split()
    for n in range(len(labels), 0, -1):
        label = " ".join(labels[:n])
        for e in gaz.candidates(label):
            if e.feature in ("admin1", "country") and e.match != ALTERNATE:
                return e
    return None


@rule("places", "part-of-name", source="GeoVirus dev (be22a4f); GWN, LGL, TR-News for the generic words (baf408b)",
      off=(), examples=[
          ("Engineers inspected the Mosul Dam on Sunday.", {"text": "Mosul Dam", "name": "Mosul"}),
          ("Crowds filled Kharkiv Stadium.", {"text": "Kharkiv Stadium", "country": "UKR"}),
      ])
def _part_candidates(name: str, gaz) -> tuple[Entry, ...]:
    """Candidates for a name the gazetteer lacks, from the place it contains: "Colorado State
    University" → Colorado, "Aleppo International Airport" → Aleppo, "Oaxaca State" → Oaxaca.
    Longest capitalised run first, leftmost first; a part must name a country, a division or a town
    of some size under its own name (not "Union" or "Center", which are small towns too), and not be
    only words for a kind of place ("Town", "Village", "North")."""
    parts = [w for w in re.split(r"[\s-]+", name) if w]
    while parts and parts[0].lower() in word_set("places.direction_words"):
        parts = parts[1:]
    for n in range(len(parts), 0, -1):
        for i in range(0, len(parts) - n + 1):
            part = parts[i:i + n]
            if not all(w[:1].isupper() for w in part) or fold(" ".join(part)) == fold(name):
                continue
            if all(w.lower().strip(".,'’") in GENERIC_WORDS for w in part):
                continue  # "Town", "Village", "North": a division somewhere is called that, this is not it
            cands = tuple(c for c in gaz.candidates(" ".join(part)) if c.match != ALTERNATE and c.feature != "site"
                          and (c.feature != "city" or c.population >= MIN_PART_POPULATION))
            if cands:
                return cands
    return ()


_CAPITALS_KEY = "storyworld.has_capitals"  # whether a Doc's text writes anything in capitals (user_data)


@rule("places", "lower-case-tag-is-no-name", source="gold-real dev2 (an ECB+ story: \"a police van\" read as Van, Turkey)",
      off=False, examples=[
          ("By the end an officer's face and the window of a police van had been hit with bricks.",
           {"not": {"text": "van"}}),
      ])
def lower_case_tag(span) -> bool:
    """A span the tagger calls a name but written all in lower case ("a police van" tagged PERSON) names
    nothing, in a text that writes its names with capitals: it is no place and no actor's name."""
    text = span.text
    if not text.islower():
        return False
    doc = span.doc
    capitals = doc.user_data.get(_CAPITALS_KEY)
    if capitals is None:
        capitals = doc.user_data[_CAPITALS_KEY] = any(c.isupper() for c in doc_text(doc)[:20000])
    return capitals

