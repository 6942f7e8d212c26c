"""The stage's entry points: a document's places (``extract_places``), and given spans resolved with
the same document context (``resolve_spans``, for the evaluation's gold spans).

Feature words around a mention refine its gazetteer feature: "province", "governorate", "region"
after a town's name make it the division (admin1); site words ("airport", "base", "camp", "market")
make it a site at the town it names.
"""

from __future__ import annotations

import bisect
import re

from ...parse.model import doc_text
from ...resources.gazetteer import ALIAS, Entry, gazetteer
from ...resources.tables import numbers, words
from ...rules import rule
from ...types import Place
from .cues import _defined, _named_as_locality
from .names import _part_candidates, bare_name
from .recognize import _mentions
from .resolve import _resolve

LIMITS = numbers("places.recognition")
FEATURE_AFTER_CHARS = int(LIMITS["feature_after_chars"])
FEATURE_BEFORE_CHARS = int(LIMITS["feature_before_chars"])
ADMIN_OF = re.compile(r"(" + "|".join(map(re.escape, words("places.admin_of_words"))) + r") of\s*$")
PLACES_KEY = "storyworld.places"


@rule("places", "division-word", source="the first version's feature words (411a802)", off=False, examples=[
    ("Militants attacked a checkpoint in the province of Mosul.", {"text": "Mosul", "feature": "admin1"}),
])
def _named_as_division(text: str, ent) -> bool:
    """A town's name followed by a word for a division ("Kandahar province") or after "province
    of" names the division around it (admin1)."""
    after = text[ent.end_char: ent.end_char + FEATURE_AFTER_CHARS].lower()
    before = text[max(0, ent.start_char - FEATURE_BEFORE_CHARS): ent.start_char].lower()
    return any(after.lstrip().startswith(w) for w in words("places.admin_words")) or bool(ADMIN_OF.search(before))


@rule("places", "site-word", source="the first version's feature words (411a802)", off=False, examples=[
    ("Cargo ships docked at Latakia port on Monday.", {"text": "Latakia", "feature": "site"}),
])
def _named_as_site(text: str, ent) -> bool:
    """A town's name with a site word in it or right after it ("Tartus port", "Hama Military Airport")
    names a site at that town."""
    after = text[ent.end_char: ent.end_char + FEATURE_AFTER_CHARS].lower()
    return any(w in ent.text.lower() for w in words("places.site_words")) \
        or any(after.lstrip().startswith(w) for w in words("places.site_words"))


@rule("places", "unplaced-locality", source="Halterman event-location dev (42e1ce5)", off=False, examples=[
    ("Clashes erupted in the village of Umm Xalaba on Friday.", {"text": "Umm Xalaba", "name": None}),
])
def _kept_unplaced(doc, ent, cands) -> bool:
    """A village the gazetteer does not know and the document gives no town for is still a place,
    without coordinates: its name says where an event happened ("clashes in the village of Sharifah",
    "Qoryoley, a farming town")."""
    return not cands and (_named_as_locality(doc, ent) or _defined(doc_text(doc), ent.end_char))


def extract_places(parsed) -> list[Place]:
    """The document's places, computed once per parse (the events stage asks for them too) and
    kept in the spaCy doc's ``user_data``."""
    doc = parsed.doc
    key = f"{PLACES_KEY}:{parsed.outlet_home or ''}"
    if key not in doc.user_data:
        doc.user_data[key] = tuple(_extract_places(parsed))
    return list(doc.user_data[key])


@rule("places", "attached-feature", source="GeoVirus dev (be22a4f); Halterman event-location dev (086d4a0)", off=None,
      examples=[("Gunmen fired on guests at the Grand Hotel in Kano.", {"text": "Grand Hotel", "feature": "site"}),
                ("Rebels torched shops in Mase village and in Hawassa.", {"text": "Mase", "feature": "admin2"})])
def _attached_feature(ent) -> str | None:
    """A name placed at the town around it (``_attach_unknown``) keeps its own text and says what it
    is: a building is a site at that town; a street or a village, an area of it (admin2)."""
    return "site" if ent.label_ == "FAC" else "admin2"


def _extract_places(parsed) -> list[Place]:
    doc = parsed.doc
    gaz = gazetteer()
    text = doc_text(doc)
    mentions = _mentions(parsed)
    resolved = _resolve(text, [(ent.start_char, ent.end_char, cands) for ent, cands in mentions], gaz,
                        sentences=_sentence_ids(doc, [ent.start_char for ent, _ in mentions]), home=_home(parsed, gaz),
                        peoples=_peoples(doc, gaz))
    places: list[Place] = []
    for (ent, cands), best in zip(mentions, resolved):
        if best is None:
            if _kept_unplaced(doc, ent, cands):
                places.append(Place(text=ent.text, start=ent.start_char, end=ent.end_char))
            continue  # a building the document gives no town for
        feature = best.feature
        if feature == "continent":
            feature = "region"
        if not cands:
            feature = _attached_feature(ent) or feature
        elif feature == "city":
            if _named_as_division(text, ent):
                feature = "admin1"
            elif _named_as_site(text, ent):
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
                        home=_home(parsed, gaz), peoples=_peoples(doc, gaz))
    return resolved[:len(given)]


def _peoples(doc, gaz) -> dict[str, int]:
    """How often the document names each country's people ("Georgian police", "Syrians"): the
    demonyms the tagger marks NORP, as the gazetteer's aliases of a country."""
    counts: dict[str, int] = {}
    for ent in doc.ents:
        if ent.label_ == "NORP":
            country = next((c.country for c in gaz.candidates(bare_name(ent.text))
                            if c.feature == "country" and c.match == ALIAS), None)
            if country:
                counts[country] = counts.get(country, 0) + 1
    return counts


def _home(parsed, gaz) -> Entry | None:
    """The outlet's home division (``ParsedDocument.outlet_home``), as a gazetteer entry."""
    return gaz.division(parsed.outlet_home) if parsed.outlet_home else None


def _sentence_ids(doc, offsets: list[int]) -> list[int]:
    """The index of the sentence each character offset lies in."""
    starts = [sent.start_char for sent in doc.sents]
    return [bisect.bisect_right(starts, offset) - 1 for offset in offsets]

