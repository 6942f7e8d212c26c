"""The words around a name that say it is a place, whatever the tagger or the gazetteer says.

A locative before it ("near Sake", "west of Hama", "captured Birao", through words of region: "over
eastern Palmyra"); a noun for a kind of locality before its "of" ("the town of Umm Batna", "the towns
of Khan Touman, Aleis and Alzorba") or right after it ("Tabag village"). The word lists are
``data/words/places.toml``.
"""

from __future__ import annotations

from ...resources.tables import word_set
from ...rules import rule

REGION_ADJECTIVES = word_set("places.region_adjectives")
PLACE_OF_WORDS = word_set("places.place_of_words")
UNTAGGED_PREPOSITIONS = word_set("places.untagged_prepositions")
TAKEN_PLACE_VERBS = word_set("places.taken_place_verbs")
LOCALITY_WORDS = word_set("places.locality_words")
LOCALITIES_WORDS = word_set("places.localities_words")
LOCALITY_NOUNS = LOCALITY_WORDS | LOCALITIES_WORDS


@rule("places", "after-locative", source="GeoVirus dev (be22a4f); Halterman event-location dev (8effa82, c9546d6)",
      off=False, examples=[
          ("Fighting flared near Sake in the Democratic Republic of Congo.", {"text": "Sake", "country": "COD"}),
          ("Russian jets struck targets over eastern Palmyra in Syria.", {"text": "Palmyra", "country": "SYR"}),
      ])
def _after_locative(doc, i: int) -> bool:
    """A name at token i that follows "in", "near", "above" …, "west of", "port of", or a verb of
    taking places ("captured Birao"), possibly through words of region ("over eastern Palmyra"),
    stands where a place stands: a town there is a place whatever the tagger made of it."""
    while i > 1 and doc[i - 1].lower_ in REGION_ADJECTIVES:
        i -= 1
    if i == 0:
        return False
    before = doc[i - 1].lower_
    if before == "of":
        return i > 1 and doc[i - 2].lower_ in PLACE_OF_WORDS
    return before in UNTAGGED_PREPOSITIONS or doc[i - 1].pos_ == "VERB" and doc[i - 1].lemma_ in TAKEN_PLACE_VERBS


@rule("places", "named-locality", source="Halterman event-location dev (42e1ce5, c9546d6)", off=False, examples=[
    ("Clashes erupted in the village of Umm Xalaba on Friday.", {"text": "Umm Xalaba"}),
    ("Shells fell on the towns of Khan Touman, Aleis and Zarbah.", {"text": "Aleis"}),
])
def _named_locality(doc, i: int) -> bool:
    """Token i opens the name of a locality the text introduces as one ("the town of Umm Batna",
    "the towns of Khan Touman, Aleis and Alzorba"), whatever the tagger took it for: a place even
    when the gazetteer does not know it."""
    if i > 1 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in LOCALITY_NOUNS:
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


@rule("places", "before-locality", source="Halterman event-location dev (086d4a0)", off=False, examples=[
    ("Militias burned Tabag village on Friday.", {"text": "Tabag"}),
])
def _before_locality(doc, end: int) -> bool:
    """The name ending before token ``end`` is followed by the kind of locality it is ("in Tabag
    village", "Mubingi commune"): a place even when the gazetteer does not know it."""
    return end < len(doc) and doc[end].lower_ in LOCALITY_WORDS and doc[end].pos_ == "NOUN"


def _named_as_locality(doc, ent) -> bool:
    """The text itself says the entity is a place, known to the gazetteer or not: "the town of
    Umm Batna", "Tabag village", "near Batrah" (a GPE after a locative)."""
    return (_named_locality(doc, ent.start) or _before_locality(doc, ent.end)
            or ent.label_ == "GPE" and _after_locative(doc, ent.start))

