"""Places: toponyms resolved to GeoNames, and where each event happened.

Entry points: ``extract_places(parsed) -> list[Place]`` and
``locate_events(parsed, events, *, places) -> list[Event]``.

Recognition: spaCy GPE/LOC/FAC entities, and ORG/PERSON entities whose text is a gazetteer name
(the small model tags "Hama" and "Tartus" ORG). Resolution scores every gazetteer candidate by
population, by the countries the document names (a country mentioned twice pulls "Tripoli" to
Lebanon), by the outlet's country, and by the nearest other resolved place; feature words around
the mention ("province", "governorate", "region") give admin1 precision, site words ("airport",
"base", "camp", "market") make the mention a site attached to the place it names or stands near.
Event location: a place in the trigger's own prepositional phrases first, then the sentence's
most precise place, then none.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from ..geo import haversine_km
from ..resources.gazetteer import Entry, gazetteer
from ..types import Event, Location, Place

PLACE_LABELS = {"GPE", "LOC", "FAC"}
MAYBE_LABELS = {"ORG", "PERSON", "NORP"}
ADMIN_WORDS = ("province", "governorate", "region", "state", "district", "county", "prefecture", "oblast")
SITE_WORDS = ("airport", "air base", "base", "camp", "market", "center", "centre", "port", "seaport", "crossing",
              "shoal", "bridge", "hospital", "school", "village", "avenue", "square")
LOCATIVE_PREPOSITIONS = {"in", "near", "at", "on", "outside", "around", "off", "from", "into", "across", "of"}
MAX_MENTION_CHARS = 80


def _strip(text: str) -> str:
    text = re.sub(r"^(the|a)\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"^(city|town|village|province|region|governorate|port) of\s+", "", text, flags=re.I)
    return re.sub(r"'s$|’s$", "", text).strip()


def _context(doc, start_char: int, end_char: int, width: int = 30) -> str:
    return doc.text[max(0, start_char - width): end_char + width].lower()


def _document_countries(candidates_by_mention) -> dict[str, float]:
    """Countries the document names outright (country-feature mentions), with weights."""
    weights: dict[str, float] = {}
    for cands in candidates_by_mention:
        if cands and cands[0].feature in ("country", "admin1") and cands[0].country:
            weights[cands[0].country] = weights.get(cands[0].country, 0.0) + 1.0
    return weights


def _score(entry: Entry, countries: dict[str, float], outlet_country: str | None, anchors: list[Entry]) -> float:
    score = math.log10(max(entry.population, 10))
    score += 2.0 * min(2.0, countries.get(entry.country, 0.0))
    if outlet_country and entry.country == outlet_country:
        score += 0.5
    if anchors and entry.feature != "country":
        nearest = min(haversine_km(entry.lat, entry.lon, a.lat, a.lon) for a in anchors)
        score += 2.0 if nearest < 100 else 1.0 if nearest < 300 else 0.0
    if entry.feature == "country":
        score += 3.0
    elif entry.feature == "admin1":
        score += 4.5  # no population in the table: about a large city's prior
    return score


def extract_places(parsed) -> list[Place]:
    doc = parsed.doc
    gaz = gazetteer()
    mentions = []
    for ent in doc.ents:
        if len(ent.text) > MAX_MENTION_CHARS:
            continue
        if ent.label_ not in PLACE_LABELS and ent.label_ not in MAYBE_LABELS:
            continue
        name = _strip(ent.text)
        cands = gaz.candidates(name)
        if not cands and ent.label_ in PLACE_LABELS and any(w in name.lower() for w in SITE_WORDS):
            words = name.split()  # "Hama Military Airport" → Hama, a site (but "Red Sea" is no "Red")
            for n in range(len(words) - 1, 0, -1):
                cands = gaz.candidates(" ".join(words[:n]))
                if cands:
                    break
        if not cands:
            continue
        if ent.label_ in MAYBE_LABELS and not (ent.label_ == "NORP" and False):
            if ent.label_ == "NORP":
                continue  # demonyms are actors' countries, not places
            # an ORG/PERSON tag is a place only if the gazetteer knows the exact name as a sizeable place
            if cands[0].population < 20000 and cands[0].feature != "country":
                continue
        mentions.append((ent, cands))
    countries = _document_countries([c for _, c in mentions])
    outlet_country = None
    places: list[Place] = []
    anchors: list[Entry] = []
    # resolve unambiguous mentions first, so that they can anchor the ambiguous ones
    order = sorted(range(len(mentions)), key=lambda i: len(mentions[i][1]))
    chosen: dict[int, Entry] = {}
    for i in order:
        ent, cands = mentions[i]
        best = max(cands, key=lambda e: _score(e, countries, outlet_country, anchors))
        chosen[i] = best
        if best.feature != "country":
            anchors.append(best)
    for i, (ent, _) in enumerate(mentions):
        best = chosen[i]
        context = _context(doc, ent.start_char, ent.end_char)
        feature = best.feature
        if feature == "city":
            after = doc.text[ent.end_char: ent.end_char + 40].lower()
            before = doc.text[max(0, ent.start_char - 30): ent.start_char].lower()
            if any(after.lstrip().startswith(w) for w in ADMIN_WORDS) or re.search(
                    r"(province|governorate|region|state) of\s*$", before):
                feature = "admin1"
            elif any(w in ent.text.lower() for w in SITE_WORDS) or any(after.lstrip().startswith(w) for w in SITE_WORDS):
                feature = "site"
        del context
        places.append(Place(text=ent.text, start=ent.start_char, end=ent.end_char, name=best.name,
                            geonameid=best.geonameid, lat=round(best.lat, 5), lon=round(best.lon, 5),
                            country=best.country, feature=feature))
    return places


def resolve_spans(parsed, spans: list[tuple[int, int]]) -> list[Entry | None]:
    """Resolve given toponym spans (e.g. gold ones) with the same context as extract_places:
    the countries the document names and the places resolved around them."""
    doc = parsed.doc
    gaz = gazetteer()
    found = extract_places(parsed)
    countries: dict[str, float] = {}
    for p in found:
        if p.feature in ("country", "admin1") and p.country:
            countries[p.country] = countries.get(p.country, 0.0) + 1.0
    anchors = [Entry(p.geonameid or 0, p.name or "", p.lat, p.lon, p.country, 0, "city")
               for p in found if p.feature != "country" and p.lat is not None]
    out: list[Entry | None] = []
    for start, end in spans:
        cands = gaz.candidates(_strip(doc.text[start:end]))
        if not cands:
            out.append(None)
            continue
        near = [a for a in anchors if not (a.lat is None)]
        out.append(max(cands, key=lambda e: _score(e, countries, None, near)))
    return out


PRECISION_RANK = {"site": 0, "city": 1, "admin2": 2, "admin1": 3, "country": 4}


def _location(place: Place) -> Location:
    precision = place.feature if place.feature in PRECISION_RANK else "city"
    return Location(text=place.text, name=place.name, geonameid=place.geonameid, lat=place.lat, lon=place.lon,
                    country=place.country, precision=precision)


def locate_events(parsed, events, *, places) -> list[Event]:
    doc = parsed.doc
    out = []
    for event in events:
        inside = [p for p in places if event.evidence.start <= p.start and p.end <= event.evidence.end]
        if not inside:
            out.append(event)
            continue
        attached = []
        if event.trigger_start is not None:
            span = doc.char_span(event.trigger_start, event.trigger_start + len(event.trigger), alignment_mode="expand")
            if span is not None:
                trigger = span.root
                region = [t for t in trigger.subtree if t.dep_ == "pobj" and t.head.lower_ in LOCATIVE_PREPOSITIONS]
                for t in region:
                    sub = doc[t.left_edge.i: t.right_edge.i + 1]
                    attached += [p for p in inside if sub.start_char <= p.start and p.end <= sub.end_char]
        pool = attached or inside
        best = min(pool, key=lambda p: (PRECISION_RANK.get(p.feature, 4), p.start))
        out.append(replace(event, location=_location(best)))
    return out
