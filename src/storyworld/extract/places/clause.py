"""How a place name hangs in the parse of its sentence: the verb it belongs to, and whether it names
a party to the event (a subject, a possessor, whose forces, where aid went) rather than where the
event happened."""

from __future__ import annotations

from ...resources.actors import role_words
from ...resources.gazetteer import gazetteer
from ...resources.tables import word_set
from ...rules import IDENTITY, rule
from ...types import Place
from .cues import LOCALITY_WORDS

ACTOR_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}
IN_PREPOSITIONS = word_set("places.in_prepositions")
TAKEN_PLACE_VERBS = word_set("places.taken_place_verbs")
OWNED_PLACE_NOUNS = word_set("places.owned_place_nouns")
MOTION_LEMMAS = word_set("places.motion_lemmas")
RECEIVING_PREPOSITIONS = ("to", "against")  # what goes to or against a country
HALTERMAN = "Halterman event-location dev"


def _governor(token, stop):
    """The verb (or the given trigger) a place name hangs on: walk up the parse until a verb that
    heads a clause, or ``stop``."""
    t = token
    while t.head.i != t.i:
        t = t.head
        if t == stop or t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound"):
            return t
    return t


@rule("event-places", "placed-near-as-town", source=HALTERMAN + " (086d4a0)", off=False, examples=[
    ("Rebels torched shops in Mase village and in Hawassa.", {"place_text": "Mase"}),
])
def _placed_near(place: Place) -> bool:
    """A name the gazetteer lacks, placed at the town near it (``_attach_unknown``: an admin2 whose
    GeoNames entry is that town), ranks among an event's places as precisely as a town."""
    if place.feature != "admin2" or place.geonameid is None:
        return False
    entry = gazetteer().place(place.geonameid)
    return entry is not None and entry.feature == "city"


@rule("event-places", "party-qualifier", source=HALTERMAN + " (80b2e9a)", off=False, examples=[
    ("Gunmen ambushed U.S. troops on Monday.", {"type": "ASSAULT", "place": None}),
])
def _names_a_party(token) -> bool:
    """The place qualifies a party, wherever it stands: "handed over to U.S. forces", "the Syrian
    army's positions": whose forces, not where (actor-roles.tsv words)."""
    return token.dep_ in ("compound", "amod", "nmod") and token.head.lower_ in role_words()


@rule("event-places", "actor-not-place", source=HALTERMAN + " (06f05ce, 8effa82, ff7dbb9)", off=False, examples=[
    ("Russia attacked the convoy on Monday.", {"type": "ASSAULT", "place": None}),
    ("Gunmen attacked worshippers at Bethlehem's Church of the Nativity.", {"type": "ASSAULT",
                                                                          "place_text": "Bethlehem"}),
])
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


@rule("event-places", "origin-of-a-person", source="gold-real dev3 (\"a woman visiting from Canada were killed\")",
      off=False, examples=[
    ("Four policemen and a woman visiting from Canada were killed in Amman on Sunday.",
     {"type": "ASSAULT", "place_text": "Amman"}),
    ("Four policemen and a tourist from Canada were killed on Sunday.", {"type": "ASSAULT", "place": None}),
    ("Militants fired rockets from Gaza on Sunday.", {"type": "ASSAULT", "place_text": "Gaza"}),
])
def _origin(root) -> bool:
    """A place after "from" that says where a person comes from ("a tourist from Canada", "a woman visiting
    from Canada") is no place of the event, unlike one that says where the act came from ("fired
    rockets from Gaza")."""
    if root.dep_ != "pobj" or root.head.lower_ != "from":
        return False
    owner = root.head.head
    if owner.pos_ == "VERB" and owner.dep_ in ("acl", "relcl"):  # "a woman visiting from Canada"
        return owner.lemma_.lower() in word_set("places.origin_verbs")
    return owner.pos_ == "NOUN" and owner.lemma_.lower() in word_set("places.origin_nouns")


@rule("event-places", "addressed-country-is-a-party", source="own house-style probe (\"The Philippines accused China "
      "of ramming a supply boat\": placed in China)", off=False, examples=[
    ("The Philippines accused China of ramming a supply boat on Saturday.", {"type": "ACCUSE", "place": None}),
    ("The United States urged Japan on Monday to lift the ban.", {"type": "REQUEST", "place": None}),
    ("Israeli jets attacked Syria overnight.", {"type": "ASSAULT", "place_text": "Syria"}),
])
def _addressed(root, place: Place, trigger) -> bool:
    """A country that a verb of speech or judgement takes as its object ("accused China", "urged Japan",
    "warned Iran") is the party addressed, not where the act happened (unlike "attacked Syria")."""
    return place.feature == "country" and root.dep_ == "dobj" and root.head.i == trigger.i \
        and trigger.lemma_.lower() in word_set("places.addressing_verbs")


@rule("event-places", "aid-goes-to-party", source="demo corpus; " + HALTERMAN + " (eea0c76)", off=False, examples=[
    ("Germany pledged new military aid to Ukraine on Tuesday.", {"not": {"place_text": "Ukraine"}}),
])
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


@rule("event-places", "named-noun", source="demo corpus (3eb5f18)", off=IDENTITY, examples=[
    ("Police in the town Gao arrested ten people.", {"trigger": "arrested", "place_text": "Gao"}),
])
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


@rule("event-places", "taken-place-subject", source=HALTERMAN + " (8effa82)", off=False, examples=[
    ("Jaffna was shelled by the army on Friday.", {"trigger": "shelled", "place_text": "Jaffna"}),
])
def _taken_subject(root, governor, trigger) -> bool:
    """The passive subject of a verb of taking or striking places is where it happened, not an actor:
    "Jaffna was captured", "the town was shelled"."""
    return root.dep_ == "nsubjpass" and governor == trigger and trigger.lemma_ in TAKEN_PLACE_VERBS


@rule("event-places", "taken-place-object", source=HALTERMAN + " (5a72609, 086d4a0)", off=False, examples=[
    ("Jets bombed Pooneryn near Kilinochchi.", {"trigger": "bombed", "place_text": "Pooneryn"}),
])
def _acted_on(root, trigger) -> bool:
    """The place a verb of taking places acts on comes first ("bombed Pooneryn, 30 km from
    Kilinochchi"), through the noun whose "of" names it ("shelled the settlement of Mardes")."""
    named = _of_noun(root)
    acted_on = named if named is not None and named.lower_ in LOCALITY_WORDS else root
    return acted_on.dep_ == "dobj" and acted_on.head == trigger and trigger.lemma_ in TAKEN_PLACE_VERBS


def _of_noun(root):
    """The noun whose "of" the place follows ("city" in "the West Bank city of Nablus"), or None."""
    return root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else None
