"""Targets beyond the direct object: whom an act is addressed to, whom a thing goes to, who is asked, what
a protest is against, whose act or stance is targeted.

A verb's object is often the thing given, withheld or demanded, and the party is elsewhere: the
addressee ("gave Israel an ultimatum", "apologised to Brazil"), the recipient ("halted economic aid to
Serbia"), the party inside the thing ("called for sanctions against Nigeria"), the subject of the
demanded clause ("demanded that the United States match …"), the owner of an act ("denounced Serbia's
suppression" → Serbia).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...resources.actors import resolve
from ...resources.cues import reporting_verbs
from ...resources.outlets import find_outlet
from ...resources.tables import word_set, words
from ...rules import IDENTITY, rule
from .arguments import NAMED_PARTY_TYPES, direct_object, party, phrase
from .triggers import adjective_as_verb

# types whose party can stand after "to" ("apologised to Brazil", "an ultimatum to Ecuador",
# "offered to hand them over to Britain") or "with" ("agreed to negotiate with Armenia's president");
# "to" is no target for an accusation ("complained to the UN over Israeli raids": Israel is)
TO_TARGET_TYPES = ("AGREE", "SUPPORT", "CONCEDE", "AID", "REQUEST", "THREATEN", "CONSULT", "COOPERATE", "REJECT")
WITH_TARGET_TYPES = ("AGREE", "CONSULT", "COOPERATE")
# types whose direct object is often the thing given, withheld or threatened, and the party the one it
# goes "to": "granted asylum to 18 Rwandan rebels", "halted economic aid to Serbia", "threatened to
# cut off electricity to Nakhichevan"
RECIPIENT_TYPES = ("AID", "AGREE", "SUPPORT", "SANCTION", "THREATEN", "CONCEDE", "REJECT")
PLOVER_DEV = "PLOVER-GSR dev"
# acts of speech: an "at" phrase says where they were made, never whom they concern
SPEECH_TYPES = ("REQUEST", "ACCUSE", "REJECT", "SUPPORT", "AGREE", "CONSULT", "THREATEN", "CONCEDE")
FORCEFUL = ("ASSAULT", "COERCE")  # an "at" place of these is struck there


def names_party(token) -> bool:
    """A phrase that names a party ("Brazil", "the president of Armenia", "US mediation"), not a thing
    ("a ceasefire", "the talks")."""
    return token.pos_ == "PROPN" or any(t.ent_type_ in NAMED_PARTY_TYPES for t in token.subtree)


def names_party_itself(token) -> bool:
    """Whether the noun or a word before it names a party ("Israeli raids", "Serbia's curfew"), not
    a phrase after it ("a curfew in Montenegro")."""
    return token.pos_ == "PROPN" or token.ent_type_ in NAMED_PARTY_TYPES or any(
        t.ent_type_ in NAMED_PARTY_TYPES or t.pos_ == "PROPN" for left in token.lefts for t in left.subtree)


def pobj(token, prepositions, accept=lambda grand: True):
    """The first object of one of ``token``'s prepositions ("sanctions *against Nigeria*") that
    ``accept`` takes."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            grand = next((g for g in child.children if g.dep_ == "pobj"), None)
            if grand is not None and accept(grand):
                return grand
    return None


def named_party(grand) -> bool:
    return party(grand) and names_party(grand)


@rule("events", "victim-after-of", source="gold-real dev3", off=None, examples=[
    ("Police said the charge is in connection with the stabbing of Maria Vermelhudo on Friday.",
     {"type": "ASSAULT", "target": "Maria Vermelhudo"}),
    ("The arrest of the opposition leader sparked protests in Dakar.",
     {"type": "COERCE", "target": "the opposition leader"}),
])
def victim_of(trigger, event_type: str):
    """Whom a noun of violence or arrest is done to, after "of" ("the stabbing of Maria Vermelhudo", "the
    arrest of the opposition leader")."""
    if event_type not in ("ASSAULT", "COERCE"):
        return None
    return pobj(trigger, ("of",), accept=party)


@rule("events", "addressee", source=PLOVER_DEV, off=None, examples=[
    ("Peru apologised to Bolivia for the border incident.", {"type": "SUPPORT", "target_country": "BOL"}),
    ("Qatar offered to hand the suspects over to Britain.", {"type": "AGREE", "target_country": "GBR"}),
])
def indirect_object(trigger, event_type: str):
    """The party an act is addressed to when it has no direct object: a dative ("gave Israel an
    ultimatum"), "to"/"with" after verbs of those types, also one clause down ("offered to hand
    over to Great Britain")."""
    for verb in (trigger, *(c for c in trigger.children if c.dep_ == "xcomp" and c.pos_ == "VERB")):
        for child in verb.children:
            if child.dep_ == "dative" and child.pos_ != "ADP" and party(child) and names_party(child):
                return child
            if child.dep_ in ("prep", "dative") and (
                    child.lower_ == "to" and event_type in TO_TARGET_TYPES
                    or child.lower_ == "with" and event_type in WITH_TARGET_TYPES):
                grand = next((g for g in child.children if g.dep_ == "pobj"), None)
                if grand is not None and named_party(grand):
                    return grand
    return None


def party_inside(thing, prepositions=None):
    """The named party a thing is for, against or in: "sanctions against Nigeria", "a curfew in
    Montenegro"; the first such phrase of the thing (or of the verb: "lifted a curfew in Montenegro")."""
    return pobj(thing, prepositions or word_set("events.inner_prepositions"), named_party)


@rule("events", "recipient", source=PLOVER_DEV, off=IDENTITY, examples=[
    ("Norway suspended development aid to Uganda on Monday.", {"type": "SANCTION", "target_country": "UGA"}),
])
def recipient(obj, trigger, event_type: str):
    """The party a thing goes to, when the object is a thing (no name, no actor role in it): after
    "to" on the verb, else inside the thing's own phrase ("lifted a curfew in Montenegro", "cut off
    electricity to Nakhichevan", "restrictions for new EU members"); else the object."""
    if event_type not in RECIPIENT_TYPES or obj.pos_ != "NOUN" or names_party_itself(obj) \
            or resolve(phrase(obj).text):
        return obj
    return indirect_object(trigger, "AID" if event_type not in TO_TARGET_TYPES else event_type) \
        or party_inside(obj) or party_inside(trigger, ("in",)) or obj


@rule("events", "sought-party", source=PLOVER_DEV, off=None, examples=[
    ("The envoy appealed for sanctions against Nigeria.", {"type": "REQUEST", "target_country": "NGA"}),
])
def sought(trigger):
    """The party inside what is called or pressed for: "called for sanctions against Nigeria"."""
    thing = pobj(trigger, ("for",), lambda grand: grand.pos_ == "NOUN" and not names_party_itself(grand))
    return party_inside(thing) if thing is not None else None


@lru_cache(maxsize=1)
def _act_noun() -> re.Pattern:
    """Nouns of acts or stances: a suffix of act_noun_endings or a word of act_nouns, with a plural "s"."""
    return re.compile(f"({'|'.join(words('events.act_noun_endings'))})s?$|^({'|'.join(words('events.act_nouns'))})s?$")


@rule("events", "protest-target", source=PLOVER_DEV, off=None, examples=[
    ("Farmers staged a march to protest against Kenya's decision to import maize.",
     {"type": "PROTEST", "target": "Kenya"}),
])
def protested(trigger):
    """What a protest is against, from its purpose: "marched to protest the arrest …", "a hunger
    strike in protest of the government's refusal", "… to protest against Sweden's decision" (its
    owner, a named party, is the target); None when that names no party."""
    anchors = [trigger] + ([trigger.head] if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "nsubj") else [])
    prepositions = word_set("events.protest_prepositions")
    for anchor in anchors:
        for child in anchor.children:
            thing = None
            if child.dep_ in ("advcl", "xcomp", "acl") and child.lemma_.lower() in word_set("events.protest_purposes"):
                thing = next((c for c in child.children if c.dep_ == "dobj"), None) or pobj(child, prepositions)
            elif child.dep_ == "prep" and child.lower_ == "in":
                noun = next((c for c in child.children if c.dep_ == "pobj" and c.lemma_.lower() == "protest"), None)
                thing = pobj(noun, prepositions) if noun is not None else None
            if thing is None:
                continue
            whose = owner(thing)
            if whose is thing and thing.pos_ == "NOUN" and _act_noun().search(thing.lower_):
                whose = pobj(thing, ("by",)) or thing  # "the arrest … by Kenyan police"
            if whose is not None and named_party(whose):
                return whose
    return None


@rule("events", "claimant", source=PLOVER_DEV, off=None, examples=[
    ("The junta rejected calls by the African Union for early elections.",
     {"type": "REJECT", "target": "the African Union"}),
])
def claimant(token):
    """Whose demand or call it is: "accepted demands from Shona rebels", "rejected calls by Kofi Annan"."""
    if token.lemma_.lower() not in word_set("events.claim_nouns"):
        return None
    return pobj(token, word_set("events.claimant_prepositions"), names_party)


@rule("events", "act-owner", source=PLOVER_DEV, off=IDENTITY, examples=[
    ("Greece protested against Turkey's decision to build the dam.", {"type": "PROTEST", "target": "Turkey"}),
])
def owner(token):
    """The possessor of an act or stance that stands as the target: "denounced Serbia's suppression" →
    Serbia, "against Sweden's decision" → Sweden. A party noun keeps its phrase ("Iraq's army")."""
    if token.pos_ != "NOUN" or token.ent_type_:
        return token
    found = next((c for c in token.children if c.dep_ == "poss" and c.i < token.i and names_party(c)), None)
    if found is None:
        found = claimant(token)
    if found is None or not _act_noun().search(token.lower_):
        return token
    return found


@rule("events", "asked-party", source=PLOVER_DEV, off=None, examples=[
    ("Vietnam demanded that China compensate the fishermen for their losses.",
     {"type": "REQUEST", "target_country": "CHN"}),
])
def asked(trigger):
    """Who is asked, in "demanded that X do": the subject of the demanded clause, when it names a party."""
    for child in trigger.children:
        if child.dep_ == "ccomp" and (child.pos_ in ("VERB", "AUX") or adjective_as_verb(child)) and child.i > trigger.i:
            subject = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and party(subject) and (names_party(subject) or role_named(subject)):
                return subject
    return None


def role_named(token) -> bool:
    """Whether a phrase names a party by its role ("local airlines", "the rebels"), though no name."""
    entry = resolve(phrase(token).text)
    return entry is not None and entry.role is not None


@rule("events", "embedded-target", source="demo corpus and PLOVER-GSR dev", off=None, examples=[
    ("Hungary threatened to block the aid package.", {"type": "THREATEN", "target": "the aid package"}),
])
def embedded_object(trigger, event_type: str):
    """The target of what is threatened or demanded: "threatened to attack any ship" → any ship;
    a thing's recipient: "threatened to cut off electricity to Nakhichevan" → Nakhichevan."""
    for child in trigger.children:
        # the parser sometimes makes the infinitive an adverbial clause ("threatened on Friday to cut off …")
        infinitive = child.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        if (child.dep_ in ("xcomp", "ccomp") or infinitive) and child.pos_ in ("VERB", "AUX"):
            found = direct_object(child)
            if found is not None:
                return recipient(found, child, event_type)
    return None


@rule("events", "source-no-target", source="seed article and gold-real dev", off=False, examples=[
    ("Three officers made the demand at the Hama Military Airport on Thursday.", {"not": {"target~": "Airport"}}),
    ("Russia has demanded the withdrawal of Iranian militias from Hama, Asharq al-Awsat reported on Friday.",
     {"not": {"target~": "Asharq"}}),
])
def never_target(token, event_type: str, outlet: str | None) -> bool:
    """An outlet that reports, a source or the place where something was said is never an event's target:
    the subject of a reporting verb ("…, the daily reported"), the document's own outlet, or an "at"
    phrase of a speech act ("made the demand at the airport"). An outlet acted on is one ("ordered the
    newspaper to close")."""
    text = phrase(token).text
    if outlet and (text.strip().lower().removeprefix("the ") == outlet.strip().lower().removeprefix("the ")
                   or find_outlet(text) is not None and find_outlet(text) == find_outlet(outlet)):
        return True
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in reporting_verbs():
        return True
    return event_type in SPEECH_TYPES and token.dep_ == "pobj" and token.head.lower_ == "at"


@rule("events", "place-no-target", source="gold-real dev", off=False, examples=[
    ("Nurses walked out at Kisumu on Monday.", {"type": "PROTEST", "target": ""}),
    ("Dock workers protested at Mombasa port on Friday.", {"not": {"target~": "Mombasa"}}),
    ("Gunmen fired at the Kenyan border post on Friday.", {"type": "ASSAULT", "target~": "border post"}),
])
def at_place(token, event_type: str, places) -> bool:
    """A place in an "at" phrase of an event that strikes nobody there ("walked out at Gatwick") is where
    it happened, not its target; fired "at" a place, the place is one (``places``: the places stage's)."""
    if event_type in FORCEFUL or token.dep_ != "pobj" or token.head.lower_ != "at":
        return False
    if token.ent_type_ in ("GPE", "LOC", "FAC"):
        return True
    span = phrase(token)
    return len(span) <= 4 and any(span.start_char <= p.start and p.end <= span.end_char for p in places)
