"""Places: toponyms resolved to GeoNames, and where each event happened.

Entry points: ``extract_places(parsed) -> list[Place]`` and
``locate_events(parsed, events, *, places) -> list[Event]``; ``resolve_spans`` resolves given spans
(the evaluation's gold ones) with the same document context.

Recognition: spaCy GPE/LOC/FAC entities, and ORG/PERSON entities whose text is a gazetteer name
(the small model tags "Hama" and "Tartus" ORG) or a town of the story's countries right after "in",
"near", "city of"; the dateline ("KHARKIV, Ukraine (Agency) —"), read as a town; capitalised words
the tagger left untagged after a locative ("near Sake"); names the gazetteer lacks read through the
place they contain ("Eastern Ghouta"); buildings and streets it cannot place at all become sites
at the nearest town the text names. Resolution (``_resolve``) takes a document's
mentions together. Each candidate starts from a prior: population, feature (countries, continents,
regions and first-order divisions over towns of the same size), and how the name matched (a
place's own name over one of its alternate names). The document then adds evidence: a qualifier
right after the name ("Paris, Tenn.", "Tripoli, Lebanon") all but decides; the countries and
divisions the document names or whose places it names unambiguously; the divisions that its other
names could lie in ("Paris" with "Lamar County" is Texas); and the nearest confidently resolved
place. A name keeps one sense in a document unless a qualifier says otherwise ("Oregon" in a list of
states is the state). Some names mean one thing whatever the context says, unless the text
places them otherwise: a country named exactly ("China") and a national capital ("Washington")
over the towns named after them, a city over the division around it that shares its name ("New
York"), a region or sea ("Middle East") over a hamlet. A name the text defines as a locality in a place
("Lima is a town in Seminole County, Oklahoma"; "Hamidiyah, a village in Tartus province") takes
a reading that lies there, or, where the gazetteer has none, that place itself. Feature words around
the mention ("province", "governorate", "region") give admin1 precision, site words ("airport",
"base", "camp", "market") make the mention a site attached to the place it names or stands near.
Event location (``event_place``): a place that hangs on the trigger itself in the parse, then one
on a verb the trigger hangs on or is coordinated with, "in/near/at" before "with/to"; a place that
is a subject or possessor is an actor, not a location; the sentence's only place when the parse
links nothing. An event whose sentence gives none takes the previous event's place in the same
paragraph, else the dateline's town.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import replace
from functools import lru_cache

from ..geo import haversine_km
from ..parse.model import doc_text
from ..resources.actors import MIN_CAPITAL_POPULATION, capital_country
from ..resources.gazetteer import ALTERNATE, ALIAS, NAME, Entry, fold, gazetteer
from ..types import Event, Location, Place

PLACE_LABELS = {"GPE", "LOC", "FAC"}
MAYBE_LABELS = {"ORG", "PERSON", "NORP"}
ADMIN_WORDS = ("province", "governorate", "region", "state", "district", "county", "prefecture", "oblast")
SITE_WORDS = ("airport", "air base", "base", "camp", "market", "center", "centre", "port", "seaport", "crossing",
              "shoal", "bridge", "hospital", "school", "village", "avenue", "square")
MAX_MENTION_CHARS = 80


@lru_cache(maxsize=8192)
def bare_name(text: str) -> str:
    """A place name without its article, "city of" and possessive: "the city of Hama's" → "Hama"."""
    text = re.sub(r"^(the|a)\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"^(city|town|village|province|region|governorate|port) of\s+", "", text, flags=re.I)
    return re.sub(r"'s$|’s$", "", text).strip()


@lru_cache(maxsize=8192)
def _span_key(text: str) -> str:
    return fold(bare_name(text))


QUALIFIER = re.compile(r"^\s*,\s*((?:[A-Z][\w.'’-]*\.?)(?:\s+[A-Z][\w.'’-]*\.?){0,2})")


def _qualifier(text: str, end: int, gaz) -> Entry | None:
    """"Springfield, Illinois" / "Paris, Tenn." / "Tripoli, Lebanon": the division or country named
    right after a comma."""
    m = QUALIFIER.match(text[end: end + 40])
    if not m:
        return None
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        label = " ".join(words[:n])
        for e in gaz.candidates(label):
            if e.feature in ("admin1", "country") and e.match != ALTERNATE:
                return e
    return None


DIRECTION_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                   "upper", "lower", "greater", "northeast", "northwest", "southeast", "southwest", "northeastern",
                   "northwestern", "southeastern", "southwestern", "downtown", "inner", "outer", "rural", "metro"}
MIN_PART_POPULATION = 50_000
# words that name a kind of place or a direction: as the part of a longer name they are never its place
GENERIC_WORDS = set(DIRECTION_WORDS) | set(ADMIN_WORDS) | set(SITE_WORDS) | {
    "town", "city", "township", "borough", "park", "high", "middle", "college", "university", "academy",
    "street", "st", "road", "rd", "way", "lane", "drive", "boulevard", "hall", "church", "court", "house",
    "station", "valley", "river", "lake", "hill", "hills", "mount", "point", "beach", "island", "islands",
    "gardens", "estate", "plaza", "tower", "club", "trust", "union", "republic", "national", "new", "old",
    "saint", "grand", "centre", "center", "capital"}


def _part_candidates(name: str, gaz) -> tuple[Entry, ...]:
    """Candidates for a name the gazetteer lacks, from the place it contains: "Colorado State
    University" → Colorado, "Aleppo International Airport" → Aleppo, "Oaxaca State" → Oaxaca.
    Longest capitalised run first, leftmost first; a part must name a country, a division or a town
    of some size under its own name (not "Union" or "Center", which are small towns too), and not be
    only words for a kind of place ("Town", "Village", "North")."""
    words = [w for w in re.split(r"[\s-]+", name) if w]
    while words and words[0].lower() in DIRECTION_WORDS:
        words = words[1:]
    for n in range(len(words), 0, -1):
        for i in range(0, len(words) - n + 1):
            part = words[i:i + n]
            if not all(w[:1].isupper() for w in part) or fold(" ".join(part)) == fold(name):
                continue
            if all(w.lower().strip(".,'’") in GENERIC_WORDS for w in part):
                continue  # "Town", "Village", "North": a division somewhere is called that, this is not it
            cands = tuple(c for c in gaz.candidates(" ".join(part)) if c.match != ALTERNATE and (
                c.feature != "city" or c.population >= MIN_PART_POPULATION))
            if cands:
                return cands
    return ()


class _Context:
    """What the document says about where it is: the countries and first-order divisions it names
    (or whose places it names unambiguously), and points already resolved."""

    def __init__(self):
        self.countries: dict[str, float] = {}
        self.admin1: dict[str, float] = {}
        self.points: list[Entry] = []
        self.support: dict[str, float] = {}  # admin1 → how many other names could lie in it
        self.own: dict[str, dict[str, float]] = {}  # name key → what it gave to support

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


FEATURE_PRIOR = {"country": 3.0, "continent": 2.0, "admin1": 1.5, "region": 6.5, "water": 6.5, "admin2": -1.0,
                 "city": 0.0}
MATCH_PENALTY = {NAME: 0.0, ALTERNATE: 2.0, ALIAS: 0.3}
# weights of the document's evidence, set on the development corpora (GeoVirus, WikToR), not on the
# scored ones: other names that could lie in the same division, and the divisions the document names
SUPPORT_EXP, SUPPORT_W, A1_W = 0.5, 1.5, 1.5
DOMINANCE = 0.1
SENTENCE_W, SENTENCE_ADMIN2_KM, SENTENCE_MARGIN = 3.0, 100.0, 0.5


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
        score += SUPPORT_W * min(3.0, others)
    if qualifier is not None:
        score += 6.0 if _inside(entry, qualifier) else -6.0
    # the document's countries and divisions, less what this name's own first guess put there
    own = 0.0 if exclude is None else 1.0 if exclude.feature in ("country", "admin1") else 0.5
    weight = context.countries.get(entry.country, 0.0) if entry.country else 0.0
    if exclude is not None and exclude.country == entry.country:
        weight = max(0.0, weight - own)
    score += 1.5 * min(3.0, weight)
    if entry.admin1 and entry.feature in ("city", "admin2", "admin1"):
        weight = context.admin1.get(entry.admin1, 0.0)
        if exclude is not None and exclude.admin1 == entry.admin1:
            weight = max(0.0, weight - own)
        score += A1_W * min(2.0, weight)
    if entry.feature in ("city", "admin2") and context.points:
        nearest = min((haversine_km(entry.lat, entry.lon, a.lat, a.lon) for a in context.points
                       if a.geonameid != entry.geonameid), default=1e9)
        score += 2.0 if nearest < 50 else 1.5 if nearest < 150 else 0.5 if nearest < 400 else 0.0
    return score


def _holds(division: Entry, entry: Entry) -> bool:
    """Whether a division (first- or second-order) named in the same sentence can hold this candidate."""
    if division.feature == "admin1":
        return entry.feature in ("city", "admin2") and entry.admin1 == division.admin1
    return (entry.feature == "city" and entry.admin1 == division.admin1
            and haversine_km(entry.lat, entry.lon, division.lat, division.lon) < SENTENCE_ADMIN2_KM)


def _resolve(text: str, mentions: list[tuple[int, int, tuple[Entry, ...]]], gaz,
             sentences: list[int] | None = None, home: Entry | None = None) -> list[Entry | None]:
    """Resolve mentions (start, end, candidates) together: one sense per name in a document,
    qualifiers first, then the divisions its own sentence names ("Boston is a town in
    Lincolnshire"; ``sentences`` gives each mention's sentence), then the document's countries,
    divisions and nearby places. The outlet's ``home`` division counts as one more division the
    document names."""
    capitals = [next((c for c in cands if _is_capital(c)), None) for _, _, cands in mentions]
    # names side by side with only list glue between them (their spans never change below)
    pairs = _listed_pairs(text, mentions)
    mentions = _cities_over_namesake_divisions(text, mentions, capitals, pairs)
    keys = [_span_key(text[s:e]) for s, e, _ in mentions]
    qualifiers = [_qualifier(text, e, gaz) for s, e, _ in mentions]
    # a qualifier counts only where it can hold one of the candidates ("Ohio, Kentucky and Indiana" is a list)
    qualifiers = [q if q is not None and any(_inside(c, q) for c in cands) else None
                  for q, (s, e, cands) in zip(qualifiers, mentions)]
    # nor inside a list of divisions: "Georgia, Oklahoma, Pennsylvania" names the state of Oklahoma,
    # not the town of Oklahoma, Pennsylvania (a name that follows list glue and is itself a division)
    after_glue = {b for a, b in pairs}
    qualifiers = [None if q is not None and i in after_glue and any(
        c.feature in ("admin1", "country") and c.match == NAME for c in mentions[i][2]) else q
        for i, q in enumerate(qualifiers)]
    mentions = _regions_over_namesake_towns(mentions, qualifiers)
    # first pass: each name alone (with its qualifier); confident names make the context
    context = _Context()
    if home is not None:
        context.add(home, 1.0)
    for key, (s, e, cands) in zip(keys, mentions):
        context.could_be(key, cands)
    first: dict[str, Entry] = {}
    # names first read as a division (not a country: countries in one sentence are mostly lists,
    # "following Mexico and the United States"); the sentence's own divisions weigh more
    divisions_named: dict[str, Entry] = {}
    for key, (s, e, cands), q in zip(keys, mentions, qualifiers):
        if not cands:
            continue
        best = max(cands, key=lambda c: _score(c, _Context(), q))
        if q is not None:
            context.add(q, 1.0)
        ranked = sorted((_score(c, _Context(), q) for c in cands), reverse=True)
        margin = ranked[0] - ranked[1] if len(ranked) > 1 else 9.0
        # a name's first reading counts once, however often the document repeats it (an article
        # about Lima, New York says "Lima" eight times; that is no evidence for Peru)
        if (margin >= 1.5 or best.feature in ("country", "admin1") or q is not None) and (
                q is not None or key not in first):
            context.add(best, 1.0 if best.feature in ("country", "admin1") else 0.5)
        if margin >= SENTENCE_MARGIN and best.feature in ("admin1", "admin2") and key not in first:
            divisions_named[key] = best
        first.setdefault(key, best)
    # second pass: every name against the whole document's context (less its own first guess)
    by_key: dict[str, Entry] = {}
    out: list[Entry | None] = []
    in_lists = _in_division_lists(pairs, keys, first)
    by_sentence: dict[int, list[tuple[str, Entry]]] = {}
    for key, sentence in zip(keys, sentences or ()):
        if key in divisions_named:
            by_sentence.setdefault(sentence, []).append((key, divisions_named[key]))
    for i, (key, (s, e, cands), q, in_list, capital) in enumerate(
            zip(keys, mentions, qualifiers, in_lists, capitals)):
        if not cands:
            out.append(None)
            continue
        nearby = [d for k, d in by_sentence.get(sentences[i], ()) if k != key] if sentences else []
        if q is None and key in by_key:
            out.append(by_key[key])
            continue
        division = max((c.population for c in cands if c.feature in ("country", "admin1") and c.match == NAME),
                       default=0)
        country_named = any(c.feature == "country" and c.match == NAME for c in cands)

        def score(c: Entry) -> float:
            near = SENTENCE_W if any(_holds(d, c) for d in nearby) else 0.0
            if q is None and country_named and c.feature == "admin1" and c.match != NAME:
                return _prior(c)  # "Taiwan" is the country, not a division that has it as another name
            # a town outranked by the name's dominant reading takes no help from the document's
            # context unless the text places it (a qualifier; for a capital's namesakes, their
            # division in the same sentence): in a list of states, "Oregon" is the state, not a town
            # of 2,500 in Illinois that the other states lend support to (but "Georgia" alone may be
            # the town the article is about); "China" is the country; "Washington" is the capital,
            # not one of the towns of its country named after it
            if q is None and c.feature in ("city", "admin2") and (
                    in_list and c.population < DOMINANCE * division or country_named
                    or capital is not None and c is not capital and c.country == capital.country and not near):
                return _prior(c)
            return near + _score(c, context, q, exclude=first.get(key), key=key)

        best = max(cands, key=score)
        if q is None:
            by_key[key] = best
        else:
            by_key.setdefault(key, best)
        out.append(best)
    out = _placed_by_definition(text, mentions, keys, out, sentences, gaz)
    return _attach_unknown(mentions, out)


LIST_GLUE = re.compile(r"^\s*(,|;|and|or|, and|, or)\s*$")
HEART = 0.1
DIVISION_BEFORE = re.compile(r"\b(state|province|governorate|region|oblast|prefecture|county) of\s*$", re.I)


def _is_capital(entry: Entry) -> bool:
    """Whether the entry is its country's capital under its own name (of half a million or more)."""
    return (entry.feature == "city" and entry.match == NAME and entry.population >= MIN_CAPITAL_POPULATION
            and capital_country(entry.name) == entry.country)


def _cities_over_namesake_divisions(text: str, mentions, capitals: list[Entry | None], pairs):
    """"New York", "São Paulo", "Aleppo": where a city and the first-order division around it share
    a name, news means the city, unless the text says division ("New York state", "the province of
    Aleppo") or lists the name among others ("New York, New Jersey and Connecticut"). So does a
    national capital (``capitals``: each mention's, or None) over a division of its country.
    ``pairs``: the mentions listed side by side (``_listed_pairs``)."""
    listed = {i for pair in pairs for i in pair}
    out = []
    for i, ((s, e, cands), capital) in enumerate(zip(mentions, capitals)):
        cities = {}
        for c in cands:
            if c.feature == "city" and c.admin1:
                cities[c.admin1] = max(cities.get(c.admin1, 0), c.population)
        # the city is the heart of its division, not a village that shares the name; or the
        # country's capital carries the name and stands for its government ("Washington")
        namesakes = [c for c in cands if c.feature == "admin1" and (
            cities.get(c.admin1, 0) >= HEART * c.population or capital is not None and c.country == capital.country)]
        if namesakes and i not in listed and not _names_a_division(text, s, e):
            cands = tuple(c for c in cands if c not in namesakes)
        out.append((s, e, cands))
    return out


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


def _names_a_division(text: str, start: int, end: int) -> bool:
    words = text[start:end].lower().split() + text[end:end + 20].lower().split()[:1]
    return any(w.strip(".,;:'’") in ADMIN_WORDS for w in words) \
        or bool(DIVISION_BEFORE.search(text[max(0, start - 20):start]))


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


# "Lima is a town in Seminole County, Oklahoma", "Hamidiyah, a village in Tartus province", "Santa
# Cruz is a neighbourhood in the West Zone of the city of Rio de Janeiro": the name, then a word for
# a kind of locality, then a locative right before the place that holds it
DEFINED_START = re.compile(r"^\s*(?:\([^()]{0,80}\)\s*|/[^/]{0,40}/\s*)?"
                           r"(?:,[^.;:()]{0,120}?,\s*(?:is|was|lies)\s+|,\s*|\s+(?:is|was|lies)\s+)"
                           r"(?:an?|the|one of the)\s")
KINDS = (r"(?:town|towns|village|city|community|municipality|suburb|neighbou?rhood|census-designated place|"
         r"hamlet|settlement|township|borough|commune|locality|parish|district|area|capital|port|seat|estate|"
         r"resort|quarter|enclave|hill|island|valley)")
# the locative follows the last word for a locality closely: "a village 20 km north of", "a census-
# designated place (CDP) in", not "the capital of the Seychelles and is situated on the side of"
DEFINED_END = re.compile(r"\b" + KINDS + r"\b(?:(?!\b(?:is|was|lies)\b)(?:[^.;]|(?<=\d)\.(?=\d))){0,60}?"
                         r"\b(?:in|of|near|within|outside)\s+(?:the\s+)?(?:[a-z-]+\s+){0,4}$", re.I)
# between the places of one chain: "Seminole County, Oklahoma", "the town of Dale in southwest
# Outagamie County", "the Northeast section of Portland"
CHAIN_GLUE = re.compile(r"^\s*(?:,\s*)?(?:[a-z-]+\s+){0,3}(?:in|of|within)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}$")
MAX_DEFINITION_CHARS = 160
HELD_KM = {"city": 30.0, "admin2": SENTENCE_ADMIN2_KM}
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


def _placed_by_definition(text: str, mentions, keys: list[str], resolved: list[Entry | None],
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
        new = max(inside, key=_prior) if inside else holder
        out = [new if k == keys[i] and o == r else o for k, o in zip(keys, out)]
    return out


def _attach_unknown(mentions, resolved: list[Entry | None]) -> list[Entry | None]:
    """A name the gazetteer cannot place at all (a street, a stadium, a hospital) takes the nearest
    town or division the document resolved around it, the closest in the text, preferring one
    before it: that is where a reporter's "Royal Street" or "City Hall" is."""
    placed = [(s, r) for (s, e, _), r in zip(mentions, resolved) if r is not None and r.feature in ("city", "admin2")]
    out = list(resolved)
    for i, ((s, e, cands), r) in enumerate(zip(mentions, resolved)):
        if r is not None or cands or not placed:
            continue
        out[i] = min(placed, key=lambda p: (abs(p[0] - s) + (0 if p[0] < s else 200)))[1]
    return out


DATELINE = re.compile(r"(?m)^[ \t]*([A-Z][A-Z'’.]+(?:[ \t-]+[A-Z][A-Za-z'’.]*){0,3})"
                      r"(?:,[ \t]*[A-Z][\w.'’-]*(?:[ \t]+[\w.'’-]+){0,4})?[ \t]*(?:\([^)\n]{1,60}\)[ \t]*)?[—–-]{1,2}[ \t]")
DATELINE_WINDOW = 1500
MIN_UNTAGGED_POPULATION = 100_000
MIN_TAGGED_POPULATION = 20_000
UNTAGGED_PREPOSITIONS = {"in", "near", "at", "from", "to", "outside", "around", "into", "towards", "toward",
                         "across", "through", "between", "above", "below", "beyond", "inside", "over"}
PLACE_OF_WORDS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "port",
                  "city", "town", "village", "outskirts", "suburbs", "centre", "center", "sector", "province",
                  "governorate", "district", "region", "countryside", "area", "capital", "neighbourhood",
                  "neighborhood", "suburb", "heart", "parts", "part", "streets", "people", "residents"}


def _dateline_match(text: str):
    """The dateline's match (group 1: its town), or None where the opening is no dateline."""
    m = DATELINE.search(text[:DATELINE_WINDOW])
    if not m or not any(ch.islower() for ch in text[m.end(): m.end() + 40]):
        return None
    return m


def _dateline(doc, gaz):
    """The dateline that opens a wire story ("KHARKIV, Ukraine (Agency) —", "PORT SUDAN —"): a town,
    in capitals, which the tagger rarely sees as a place. Only towns qualify. Returns the mention
    (or None) and the dateline's extent (its agency in brackets is no place)."""
    m = _dateline_match(doc_text(doc))
    if m is None:
        return None, None
    cands = tuple(c for c in gaz.candidates(m.group(1)) if c.feature == "city")  # "NEW YORK" is the city
    span = doc.char_span(m.start(1), m.end(1), label="GPE", alignment_mode="expand") if cands else None
    return ((span, cands) if span is not None else None), (m.start(), m.end())


def _untagged(doc, gaz, taken: set[int], countries: set[str]):
    """Place names the tagger left untagged ("in Omdurman", "near Sake"): runs of capitalised words
    outside any entity that name a country or division, or, right after a locative preposition, a
    town of 100,000 or more or a town in a country the document names ("Secretary" and "Orange"
    are towns too). Not at a sentence's start (where any word is capitalised), never a word the
    gazetteer knows only as an alternate name."""
    from spacy.attrs import IS_STOP, IS_TITLE, SENT_START

    out = []
    # the few tokens that may open a name, picked from spaCy's arrays: walking every token in
    # Python was most of recognition's time
    flags = doc.to_array([IS_TITLE, IS_STOP, SENT_START])
    openers = [int(k) for k in ((flags[:, 0] == 1) & (flags[:, 1] == 0) & (flags[:, 2] != 1)).nonzero()[0]]
    i = 0
    for i_open in openers:
        if i_open < i:
            continue
        i = i_open
        tok = doc[i]
        if tok.i in taken or len(tok.text) < 3:
            continue
        after_locative = _after_locative(doc, i)
        j = i
        while j + 1 < len(doc) and j + 1 - i < 4 and doc[j + 1].is_title and doc[j + 1].i not in taken:
            j += 1
        if after_locative and _before_locality(doc, j + 1) and not gaz.candidates(doc[i:j + 1].text):
            out.append((doc.char_span(doc[i].idx, doc[j].idx + len(doc[j].text), label="GPE"), ()))
            i = j + 1  # "in Tabag village": a village the gazetteer lacks, named as one
            continue
        for end in range(j, i - 1, -1):  # the longest name the run starts with
            span = doc[i:end + 1]
            cands = gaz.candidates(span.text)
            named = [c for c in cands if c.match == NAME]
            if named and any(c.feature in ("country", "admin1") or after_locative and (
                    c.population >= MIN_UNTAGGED_POPULATION or c.feature == "city" and c.country in countries)
                    for c in named):
                out.append((doc.char_span(span.start_char, span.end_char, label="GPE"), cands))
                i = end
                break
        i += 1
    return out


# words that may stand between a preposition and a place: "over eastern Palmyra", "in southern rural Aleppo"
REGION_ADJECTIVES = {"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
                     "southeastern", "southwestern", "rural", "greater", "downtown", "suburban", "upper", "lower"}


def _after_locative(doc, i: int) -> bool:
    """Token i follows "in", "near", "above" …, "west of", "port of", or a verb of taking places
    ("captured Birao"), possibly through words of region ("over eastern Palmyra")."""
    while i > 1 and doc[i - 1].lower_ in REGION_ADJECTIVES:
        i -= 1
    if i == 0:
        return False
    before = doc[i - 1].lower_
    if before == "of":
        return i > 1 and doc[i - 2].lower_ in PLACE_OF_WORDS
    return before in UNTAGGED_PREPOSITIONS or doc[i - 1].pos_ == "VERB" and doc[i - 1].lemma_ in TAKEN_PLACE_VERBS


# nouns that name the kind of a locality: "the village of Sharifah", "the Baghdad neighbourhood of Al-Bayaa",
# and their plurals before a list of names: "the towns of Khan Touman, Aleis and Alzorba"
LOCALITY_WORDS = {"village", "town", "city", "neighbourhood", "neighborhood", "suburb", "district", "port",
                  "hamlet", "settlement", "camp", "township", "commune", "municipality", "locality"}
LOCALITIES_WORDS = {"villages", "towns", "cities", "neighbourhoods", "neighborhoods", "suburbs", "districts",
                    "settlements", "camps", "localities"}


def _named_locality(doc, i: int) -> bool:
    """Token i opens the name of a locality the text introduces as one ("the town of Umm Batna",
    "the towns of Khan Touman, Aleis and Alzorba"), whatever the tagger took it for: a place even
    when the gazetteer does not know it."""
    if i > 1 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in LOCALITY_WORDS | LOCALITIES_WORDS:
        return True
    root = doc[i]
    while root.dep_ == "compound" and root.head.i > root.i:
        root = root.head
    if root.dep_ != "conj":
        return False
    while root.dep_ == "conj":
        root = root.head
    first = root.left_edge.i
    return first > 1 and doc[first - 1].lower_ == "of" and doc[first - 2].lower_ in LOCALITIES_WORDS


def _before_locality(doc, end: int) -> bool:
    """The name ending before token ``end`` is followed by the kind of locality it is ("in Tabag
    village", "Mubingi commune"): a place even when the gazetteer does not know it."""
    return end < len(doc) and doc[end].lower_ in LOCALITY_WORDS and doc[end].pos_ == "NOUN"


def _named_as_locality(doc, ent) -> bool:
    """The text itself says the entity is a place, known to the gazetteer or not: "the town of
    Umm Batna", "Tabag village", "near Batrah" (a GPE after a locative)."""
    return (_named_locality(doc, ent.start) or _before_locality(doc, ent.end)
            or ent.label_ == "GPE" and _after_locative(doc, ent.start))


def _mentions(parsed):
    doc = parsed.doc
    gaz = gazetteer()
    mentions, deferred = [], []
    demonyms: set[str] = set()  # "Syrian forces": the story is about Syria
    ents = doc.ents  # spaCy builds the tuple anew on each access
    text = doc_text(doc)  # (and a span's text from its tokens: slicing the text is cheaper)
    for ent in ents:
        ent_text = text[ent.start_char:ent.end_char]
        if len(ent_text) > MAX_MENTION_CHARS:
            continue
        first = ent[0].lower_
        if ent_text != ent_text.rstrip() or first == "the" and len(ent) > 1:
            # "Nabatieh\n\n": the tagger took the paragraph break along; "the Old Road": the name is "Old Road"
            start = ent[1].idx if first == "the" and len(ent) > 1 else ent.start_char
            ent = doc.char_span(start, ent.start_char + len(ent_text.rstrip()), label=ent.label_)
            if ent is None:
                continue
            ent_text = text[ent.start_char:ent.end_char]
        if ent.label_ not in PLACE_LABELS and ent.label_ not in MAYBE_LABELS and not _named_locality(doc, ent.start):
            continue  # (whatever the tagger took it for, "the settlement of Mardes" names a place)
        name = bare_name(ent_text)
        cands = gaz.candidates(name)
        if not cands and ent.label_ in PLACE_LABELS and any(w in name.lower() for w in SITE_WORDS):
            words = name.split()  # "Hama Military Airport" → Hama, a site (but "Red Sea" is no "Red")
            for n in range(len(words) - 1, 0, -1):
                cands = gaz.candidates(" ".join(words[:n]))
                if cands:
                    break
        if not cands and ent.label_ in PLACE_LABELS:
            cands = _part_candidates(name, gaz)
        if not cands:
            if name[:1].isupper() and (ent.label_ in ("FAC", "LOC") and not (len(ent) == 1 and ent[0].is_sent_start)
                                       or _named_as_locality(doc, ent)):
                mentions.append((ent, ()))  # a building, a street, a village: placed at the town around it
            continue
        if ent.label_ in MAYBE_LABELS:
            if ent.label_ == "NORP" and not any(c.match == NAME and c.feature == "city" for c in cands[:1]):
                demonyms |= {c.country for c in cands if c.feature == "country"}
                continue  # demonyms are actors' countries, not places (but "Omdurman" tagged NORP is a town)
            # an ORG/PERSON tag is a place only if the gazetteer knows the exact name as a sizeable
            # place, or as a town of a country the document names right after "in", "near" …
            top = max(cands, key=_prior)
            if top.match == ALTERNATE or (top.population < MIN_TAGGED_POPULATION
                                          and top.feature not in ("country", "admin1")):
                if _after_locative(doc, ent.start):
                    deferred.append((ent, cands))
                continue
        mentions.append((ent, cands))
    dateline, extent = _dateline(doc, gaz)
    if dateline is not None:
        s, e = dateline[0].start_char, dateline[0].end_char
        mentions = [m for m in mentions if m[0].end_char <= s or m[0].start_char >= e]
    taken = {t.i for ent in ents for t in ent} | {t.i for m in mentions for t in m[0]}
    if extent is not None:  # the dateline opens the story: walk its tokens, not the whole document
        span = doc.char_span(extent[0], extent[1], alignment_mode="expand")
        taken |= {t.i for t in span if extent[0] <= t.idx < extent[1]} if span is not None else set()
    # the countries the document names, or whose big towns it names ("Goma" is Congo)
    countries = {c.country for _, cands in mentions for c in cands if c.feature == "country"} | {
        cands[0].country for _, cands in mentions if cands and cands[0].feature == "city" and cands[0].match == NAME
        and cands[0].population >= MIN_UNTAGGED_POPULATION} | demonyms
    # a name tagged as a person or an organisation right after "in", "near", "city of": a place if
    # it is a town of the story's countries, or a sizeable one ("in Palmyra", "the city of Daraa")
    mentions += [(ent, cands) for ent, cands in deferred
                 if any(c.feature in ("city", "admin1", "admin2") and (
                     c.country in countries or c.population >= MIN_TAGGED_POPULATION) for c in cands)]
    mentions = sorted(mentions + _untagged(doc, gaz, taken, countries), key=lambda m: m[0].start_char)
    # the dateline first: it fixes the sense of its name for the whole story (WASHINGTON is the city)
    return ([dateline] if dateline is not None else []) + mentions


PLACES_KEY = "storyworld.places"


def extract_places(parsed) -> list[Place]:
    """The document's places, computed once per parse (the events stage asks for them too) and
    kept in the spaCy doc's ``user_data``."""
    doc = parsed.doc
    key = f"{PLACES_KEY}:{parsed.outlet_home or ''}"
    if key not in doc.user_data:
        doc.user_data[key] = tuple(_extract_places(parsed))
    return list(doc.user_data[key])


def _extract_places(parsed) -> list[Place]:
    doc = parsed.doc
    gaz = gazetteer()
    text = doc_text(doc)
    mentions = _mentions(parsed)
    resolved = _resolve(text, [(ent.start_char, ent.end_char, cands) for ent, cands in mentions], gaz,
                        sentences=_sentence_ids(doc, [ent.start_char for ent, _ in mentions]), home=_home(parsed, gaz))
    places: list[Place] = []
    for (ent, cands), best in zip(mentions, resolved):
        if best is None:
            if not cands and _named_as_locality(doc, ent):
                # a village the gazetteer does not know and the document gives no town for: its name
                # is still where the event happened ("clashes in the village of Sharifah", "near Batrah")
                places.append(Place(text=ent.text, start=ent.start_char, end=ent.end_char))
            continue  # a building the document gives no town for
        feature = best.feature
        if feature == "continent":
            feature = "region"
        if not cands:  # attached to the town around it; the mention's text keeps its own name
            feature = "site" if ent.label_ == "FAC" else "admin2"  # a building; a village near that town
        elif feature == "city":
            after = text[ent.end_char: ent.end_char + 40].lower()
            before = text[max(0, ent.start_char - 30): ent.start_char].lower()
            if any(after.lstrip().startswith(w) for w in ADMIN_WORDS) or re.search(
                    r"(province|governorate|region|state) of\s*$", before):
                feature = "admin1"
            elif any(w in ent.text.lower() for w in SITE_WORDS) or any(after.lstrip().startswith(w) for w in SITE_WORDS):
                feature = "site"
        places.append(Place(text=ent.text, start=ent.start_char, end=ent.end_char, name=best.name,
                            geonameid=None if best.synthetic else best.geonameid, lat=round(best.lat, 5),
                            lon=round(best.lon, 5), country=best.country, feature=feature))
    return places


def resolve_spans(parsed, spans: list[tuple[int, int]]) -> list[Entry | None]:
    """Resolve given toponym spans (e.g. gold ones) with the same context as extract_places: the
    spans are resolved together with the places the document's own recognition finds."""
    doc = parsed.doc
    gaz = gazetteer()
    text = doc_text(doc)
    own = [(ent.start_char, ent.end_char, cands) for ent, cands in _mentions(parsed)]
    given = [(s, e, gaz.candidates(bare_name(text[s:e])) or _part_candidates(bare_name(text[s:e]), gaz))
             for s, e in spans]
    given_set = {(s, e) for s, e in spans}
    extra = [m for m in own if (m[0], m[1]) not in given_set]
    resolved = _resolve(text, given + extra, gaz, sentences=_sentence_ids(doc, [m[0] for m in given + extra]),
                        home=_home(parsed, gaz))
    return resolved[:len(given)]


def _home(parsed, gaz) -> Entry | None:
    """The outlet's home division (``ParsedDocument.outlet_home``), as a gazetteer entry."""
    return gaz.division(parsed.outlet_home) if parsed.outlet_home else None


def _sentence_ids(doc, offsets: list[int]) -> list[int]:
    """The index of the sentence each character offset lies in."""
    starts = [sent.start_char for sent in doc.sents]
    return [bisect.bisect_right(starts, offset) - 1 for offset in offsets]


PRECISION_RANK = {"site": 0, "city": 1, "admin2": 2, "admin1": 3, "country": 4, "region": 5, "water": 5}


def _location(place: Place) -> Location:
    precision = place.feature if place.feature in PRECISION_RANK else "city"
    if precision in ("region", "water"):
        precision = None  # wider than a country, or no land
    return Location(text=place.text, name=place.name, geonameid=place.geonameid, lat=place.lat, lon=place.lon,
                    country=place.country, precision=precision)


ACTOR_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}
IN_PREPOSITIONS = {"in", "near", "at", "outside", "around", "inside", "off", "across", "over", "on"}


def _governor(token, stop):
    """The verb (or the given trigger) a place name hangs on: walk up the parse until a verb that
    heads a clause, or ``stop``."""
    t = token
    while t.head.i != t.i:
        t = t.head
        if t == stop or t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound"):
            return t
    return t


# verbs whose passive subject is the place itself: "Jaffna was captured", "the town was shelled"
TAKEN_PLACE_VERBS = {"capture", "seize", "take", "retake", "recapture", "overrun", "occupy", "liberate", "free",
                     "storm", "besiege", "encircle", "surround", "shell", "bomb", "strike", "hit", "attack", "raid",
                     "control", "enter", "evacuate", "flood", "destroy", "damage", "target"}


# what a place owns that is itself a place: "Sarajevo's streets", "Chechnya's towns"
OWNED_PLACE_NOUNS = {"street", "streets", "town", "towns", "village", "villages", "city", "cities", "outskirts",
                     "suburb", "suburbs", "capital", "province", "provinces", "region", "regions", "district",
                     "districts", "border", "borders", "coast", "coastline", "north", "south", "east", "west",
                     "centre", "center", "hospital", "airport", "port", "camp", "camps", "square", "neighbourhood",
                     "neighborhood", "neighbourhoods", "neighborhoods", "countryside", "territory", "soil"}


def _placed_near(place: Place) -> bool:
    """A name the gazetteer lacks, placed at the town near it (``_attach_unknown``): an admin2
    whose GeoNames entry is that town."""
    if place.feature != "admin2" or place.geonameid is None:
        return False
    entry = gazetteer().place(place.geonameid)
    return entry is not None and entry.feature == "city"


def _names_a_party(token) -> bool:
    """The place qualifies a party, wherever it stands: "handed over to U.S. forces", "the Syrian
    army's positions": whose forces, not where (actor-roles.tsv words)."""
    from ..resources.actors import role_words

    return token.dep_ in ("compound", "amod", "nmod") and token.head.lower_ in role_words()


def _in_actor_phrase(token, governor) -> bool:
    """The place is (inside) the subject or possessor of the clause: "U.S. troops captured …"; a
    place that owns where something happened is no actor ("at Bethlehem's Church of the Nativity",
    "in the West Bank's largest hospital")."""
    t = token
    while True:
        if t.dep_ == "poss" and (t.head.dep_ == "pobj" and t.head.head.lower_ in IN_PREPOSITIONS
                                 or t.head.lower_ in OWNED_PLACE_NOUNS):
            return False
        if t.dep_ in ACTOR_DEPS:
            return True
        if t.head.i == t.i or t.head.i == governor.i or t.dep_ == "prep":
            return False
        t = t.head


# verbs of going, sending and bringing: their "to" names a destination, which is a place
MOTION_LEMMAS = {"deploy", "send", "march", "move", "flee", "return", "travel", "go", "come", "advance", "push",
                 "head", "transfer", "deport", "extradite", "evacuate", "withdraw", "retreat", "airlift", "ship",
                 "fly", "sail", "drive", "walk", "redeploy", "dispatch", "bring", "take", "carry", "deliver",
                 "expand", "spread", "escalate", "extend", "cross", "enter", "arrive", "relocate", "smuggle"}


def _receives(root, place: Place) -> bool:
    """A country that aid, sanctions or words go to or against is a party, not where the event
    happened ("pledged aid to Ukraine", "sanctions against Russia"): unless a verb of motion
    sends something there ("deployed troops to Mali")."""
    if place.feature != "country" or root.dep_ != "pobj" or root.head.lower_ not in ("to", "against"):
        return False
    head = root.head.head
    while head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "attr") \
            and head.head.i != head.i:
        head = head.head if head.dep_ != "pobj" else head.head.head
    return head.lemma_.lower() not in MOTION_LEMMAS


def _named_noun(root):
    """A name right after the noun for the place it names ("in Mali's capital Bamako", "in the town
    Gao"), which the parser often makes a subject of its own: the name stands where that noun stands."""
    if root.i == 0:
        return root
    noun = root.doc[root.i - 1]
    if (noun.lower_ in LOCALITY_WORDS or noun.lower_ == "capital") and noun.dep_ in ("pobj", "dobj") \
            and root.head != noun.head:
        return noun
    return root


def event_place(doc, trigger_start: int, trigger_end: int, places: list[Place]) -> Place | None:
    """Where the event of the trigger at [trigger_start, trigger_end) happened, among ``places``
    (those of its sentence): a place in the trigger's own phrases (its locative prepositions, the
    nouns it governs) before a place of a verb it is coordinated with ("were killed and wounded in
    X"); a place that belongs to another clause's verb ("said in Washington", "fled to Turkey
    after …") is not the event's. Among equals the most precise, then the first."""
    span = doc.char_span(trigger_start, trigger_end, alignment_mode="expand")
    if span is None or not places:
        return None
    trigger = span.root
    related = {trigger} | {c for c in trigger.children if c.dep_ == "conj"} | set(trigger.ancestors)
    if trigger.dep_ == "conj":
        related |= {c for c in trigger.head.children if c.dep_ == "conj"}
    # "was killed when their vehicle hit a bomb in Iskandariyah": the clause that tells how it happened
    # (only on the trigger itself: on a verb coordinated with it, Halterman's dev split loses more than it gains)
    related |= {c for c in trigger.children if c.dep_ == "advcl"
                and any(m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "while", "as") for m in c.children)}
    own, near, actors = [], [], set()
    roots = {}  # id(place) → the root token of its span
    for p in places:
        pspan = doc.char_span(p.start, p.end, alignment_mode="expand")
        if pspan is None:
            continue
        root = roots[id(p)] = _named_noun(pspan.root)
        governor = _governor(root, trigger)
        taken = root.dep_ == "nsubjpass" and governor == trigger and trigger.lemma_ in TAKEN_PLACE_VERBS
        if not taken and (_in_actor_phrase(root, governor) or _names_a_party(root) or _receives(root, p)):
            actors.add(p.text)  # "Venezuela released …", "U.S. troops captured", "handed to U.S. forces"
            continue
        if governor == trigger:
            own.append(p)
        elif governor in related:
            near.append(p)
    pool = own or near
    if not pool and len({p.text for p in places}) == 1 and not actors:
        pool = [p for p in places if id(p) in roots]  # the sentence's only place, on a noun or a misread clause
    if not pool:
        return None

    def of_phrase(root):
        """The noun whose "of" the place follows ("city" in "the West Bank city of Nablus"), or None."""
        return root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else None

    # "the West Bank city of Nablus": the town the phrase names, not the region that qualifies it;
    # "the Vedeno region of southern Chechnya": the region named, not the country it lies in
    inner = set()
    for p in pool:
        noun = of_phrase(roots[id(p)])
        if noun is None:
            continue
        named = [q for q in pool if roots[id(q)].dep_ == "compound" and roots[id(q)].head.i == noun.i]
        if noun.lower_ in LOCALITY_WORDS:
            inner |= {id(q) for q in named}
        elif named and noun.lower_ in PLACE_OF_WORDS:
            inner.add(id(p))
    pool = [p for p in pool if id(p) not in inner] or pool

    def preposition(root):
        """The preposition a place hangs on, through "of" ("on a central square of Berlin": on) and
        through the noun it names ("in Tabag village": in)."""
        if root.dep_ == "compound" and root.head.lower_ in LOCALITY_WORDS:
            root = root.head
        head = root.head
        if head.lower_ == "of" and head.head.dep_ in ("pobj", "dobj") and head.head.head.dep_ == "prep":
            return head.head.head
        return head

    def rank(p: Place):
        # the place a verb of taking places acts on ("bombed Pooneryn, 30 km from Kilinochchi"), then
        # a place after "in", "near", "at" before one after "with", "to" ("talks with Kinshasa in Doha");
        # a place without a feature is a locality the gazetteer lacks, and one placed at the town
        # near it ("Tabag village in Uruzgan": admin2 at Uruzgan) is named as precisely: as a town
        root = roots[id(p)]
        named = of_phrase(root)  # "shelled the settlement of Mardes": the settlement is what was shelled
        acted_on = named if named is not None and named.lower_ in LOCALITY_WORDS else root
        taken = acted_on.dep_ == "dobj" and acted_on.head == trigger and trigger.lemma_ in TAKEN_PLACE_VERBS
        feature = "city" if p.feature is None or _placed_near(p) else p.feature
        return (-1 if taken else 0 if preposition(root).lower_ in IN_PREPOSITIONS else 1,
                PRECISION_RANK.get(feature, 4), p.start)

    return min(pool, key=rank)


def _paragraph_of(text: str, offset: int) -> int:
    return text.count("\n\n", 0, offset)


THE_TOWN = re.compile(r"\b(?:in|near|at|of|outside|around|inside|into|across) the (?:city|town|village)\b")


def locate_events(parsed, events, *, places) -> list[Event]:
    """Each event at the place of its sentence (``event_place``); an event whose sentence names none
    of its own takes, as a coder of ACLED would, the place of the event before it in the same
    paragraph, else the story's dateline town, unless the story has moved to another country than
    the dateline's (a bureau's dateline): then the place of the event before it."""
    doc = parsed.doc
    m = _dateline_match(doc_text(doc))
    dateline = None if m is None else next((p for p in places if p.start == m.start(1) and p.feature == "city"), None)
    out: list[Event] = []
    previous: tuple[int, Place] | None = None
    for event in events:
        inside = [p for p in places if event.evidence.start <= p.start and p.end <= event.evidence.end]
        best = None
        if inside and event.trigger_start is not None:
            best = event_place(doc, event.trigger_start, event.trigger_start + len(event.trigger), inside)
        paragraph = _paragraph_of(doc_text(doc), event.evidence.start)
        if best is None and THE_TOWN.search(event.evidence.text):
            # "west of the city", "in the town": the town the story named last
            best = max((p for p in places if p.end <= event.evidence.start and p.feature in ("city", "admin2", None)),
                       key=lambda p: p.start, default=None)
        if best is None and previous is not None and previous[0] == paragraph:
            best = previous[1]
        if best is None:
            # a bureau's dateline ("DAKAR — Police in Mali's capital Bamako …") is not where a story
            # set in another country happens: there the story's last place holds
            abroad = previous is not None and dateline is not None and previous[1].country != dateline.country
            best = previous[1] if abroad else dateline
        if best is not None:
            previous = (paragraph, best)
        out.append(event if best is None else replace(event, location=_location(best)))
    return out
