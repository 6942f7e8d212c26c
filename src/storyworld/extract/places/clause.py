"""How a place name hangs in the parse of its sentence: the verb it belongs to, and whether it names
a party to the event (a subject, a possessor, whose forces, where aid went) rather than where the
event happened."""

from __future__ import annotations

from ...resources.actors import role_words
from ...resources.gazetteer import gazetteer
from ...resources.tables import word_set
from ...types import Place
from .cues import LOCALITY_WORDS

ACTOR_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}
IN_PREPOSITIONS = word_set("places.in_prepositions")
TAKEN_PLACE_VERBS = word_set("places.taken_place_verbs")
OWNED_PLACE_NOUNS = word_set("places.owned_place_nouns")
MOTION_LEMMAS = word_set("places.motion_lemmas")
RECEIVING_PREPOSITIONS = ("to", "against")  # what goes to or against a country


def _governor(token, stop):
    """The verb (or the given trigger) a place name hangs on: walk up the parse until a verb that
    heads a clause, or ``stop``."""
    t = token
    while t.head.i != t.i:
        t = t.head
        if t == stop or t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound"):
            return t
    return t


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


def _receives(root, place: Place) -> bool:
    """A country that aid, sanctions or words go to or against is a party, not where the event
    happened ("pledged aid to Ukraine", "sanctions against Russia"): unless a verb of motion
    sends something there ("deployed troops to Mali")."""
    if place.feature != "country" or root.dep_ != "pobj" or root.head.lower_ not in RECEIVING_PREPOSITIONS:
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

