"""What kind of act a trigger is, beyond its lexicon entry: speech that demands, intent that threatens,
refusal, and an announced coercive act.

PLOVER and CAMEO type acts of speech by what they do: "X said that Y must …" is a demand (CAMEO 10)
made by X of Y; an expression of intent is an AGREE (CAMEO 03), a THREATEN (CAMEO 13) when what is
intended is coercive ("vowed to fight"); a refused cooperation is a REJECT (CAMEO 12); "will extend
the curfew" announces a coercive act, which is itself a threat made now.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ...resources.ontology import lookup
from ...resources.tables import word_set, words
from ...rules import IDENTITY, rule
from ...types import Event
from .skips import THREAT_CONTENT, anybody, skip_verb, to_infinitive
from .triggers import verbal_pos

ANNOUNCED_THREATS = ("ASSAULT", "COERCE", "SANCTION")  # own acts that, announced, are threats
PLOVER_DEV = "PLOVER-GSR dev"


def negated(token) -> bool:
    """"not", "never" or "no" on the token (the negators of modality.toml)."""
    return any(c.dep_ == "neg" or c.lower_ in word_set("modality.negators") and c.dep_ in ("neg", "advmod", "det")
               for c in token.children)


@rule("events", "directive-speech", source=PLOVER_DEV, off=None, examples=[
    ("The president declared that the rebels must lay down their arms.", {"type": "REQUEST", "trigger": "declared"}),
])
def directive(token):
    """A demand made by reporting what another must do: "declared that China must drop barriers" → (the
    clause's subject, the clause), else None. Not one's own resolve ("we must"), nor a negated clause."""
    if token.lemma_.lower() not in word_set("events.directive_verbs") or skip_verb(token):
        return None
    for clause in token.children:
        if clause.dep_ != "ccomp":
            continue
        if not any(c.dep_ == "aux" and c.lower_ in word_set("events.directive_modals") for c in clause.children):
            continue
        if negated(clause):
            return None
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.lower_ in word_set("events.first_person") or subject.pos_ == "PRON" \
                or anybody(subject):
            return None
        return subject, clause
    return None


def _threat_content(t) -> bool:
    if t.lemma_.lower() in word_set("events.threat_words") and not any(
            c.dep_ in ("compound", "amod") for c in t.children):
        return True  # "to use force", not "a peace-keeping force"
    pos = verbal_pos(t)
    found = lookup(t.lemma_, pos, t.sent.text) if pos in ("VERB", "NOUN") else None
    return found is not None and found.type in THREAT_CONTENT


@rule("events", "coercive-intent", source=PLOVER_DEV, off=IDENTITY, examples=[
    ("The rebels vowed to fight the army until Goma falls.", {"type": "THREATEN", "trigger": "vowed"}),
    ("Oman is ready to host the talks in Muscat.", {"type": "AGREE", "trigger": "ready"}),
])
def intent_type(trigger, token):
    """An expression of intent ("offered to", "is ready to") is an AGREE, or a THREATEN (CAMEO 13) when
    what is intended is coercive ("vowed to fight", "is prepared to impose martial law")."""
    if token.lemma_.lower() not in word_set("events.intent_words") or trigger.type != "AGREE":
        return trigger
    contents = [c for c in token.children if c.dep_ in ("xcomp", "ccomp") or c.dep_ == "advcl" and to_infinitive(c)]
    for content in contents:
        for t in content.subtree:
            if _threat_content(t):
                return replace(trigger, type="THREATEN", cameo="13")
    return trigger


@rule("events", "attack-in-words", source="gold-real dev", off=IDENTITY, examples=[
    ("In a speech on Monday the senator attacked Clinton for her support of the war.",
     {"type": "ACCUSE", "trigger": "attacked"}),
    ("The moderator asked the candidates to refrain from attacking their opponent.", {"not": {"type": "ASSAULT"}}),
    ("Gunmen attacked the governor's convoy near Maiduguri, killing two guards.", {"type": "ASSAULT"}),
])
def verbal_attack(trigger, token):
    """"attacked X" or "an attack on X" with a person as X, in a sentence of speech or politics ("attacked
    Clinton for her support", "refrain from attacking their opponent") is criticism (ACCUSE, CAMEO 111),
    unless the sentence names a weapon or harm."""
    if trigger.type != "ASSAULT" or token.lemma_.lower() not in ("attack", "assail"):
        return trigger
    targets = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")] + [
        g for c in token.children if c.dep_ == "prep" and c.lower_ == "on" for g in c.children if g.dep_ == "pobj"]
    if not any(_person(t) for t in targets):
        return trigger
    sentence = token.sent.text
    words = {w.lower() for w in re.findall(r"[\w'-]+", sentence)}
    reason = any(c.dep_ == "prep" and c.lower_ == "for" for c in token.children)
    if (reason or words & word_set("events.verbal_attack_cues")) and not names_attack_harm(sentence):
        return replace(trigger, type="ACCUSE", mode="disapprove", cameo="111", acled=None)
    return trigger


def _person(token) -> bool:
    return token.ent_type_ == "PERSON" or token.lemma_.lower() in word_set("events.verbal_attack_targets")


def names_attack_harm(sentence: str) -> bool:
    """Whether the sentence names a weapon, an armed attacker or harm done (then an attack is force)."""
    return _force_words().search(sentence) is not None


@lru_cache(maxsize=1)
def _force_words() -> re.Pattern:
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, words('events.force_words')))})", re.IGNORECASE)


@rule("events", "refused-cooperation", source=PLOVER_DEV, off=False, examples=[
    ("Poland will not accept any more migrants from Belarus.", {"type": "REJECT", "modality": "actual"}),
])
def refused(token, pos: str, modality: str) -> bool:
    """A refused cooperation is a REJECT that happened ("will not accept any more refugees"), not a
    negated cooperation."""
    return modality == "negated" and pos == "VERB" and token.lemma_.lower() in word_set("events.refusable") \
        and negated(token)


@rule("events", "announced-threat", source=PLOVER_DEV, off=None, examples=[
    ("The governor will extend the curfew in Kano.", {"type": "THREATEN", "modality": "actual"}),
])
def announced_threat(token, event: Event) -> Event | None:
    """An announced coercive act of one's own ("will extend the curfew", "would boycott all contact",
    "plans to impose restrictions") is a threat (CAMEO 13): the THREATEN, made now, else None."""
    if event.type not in ANNOUNCED_THREATS or event.modality != "planned":
        return None
    aux = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    planned = bool(aux & word_set("events.announcing_aux")) or token.dep_ == "xcomp" and \
        token.head.lemma_.lower() in word_set("events.announcing_verbs")
    if not planned:
        return None
    return replace(event, type="THREATEN", modality="actual", mode=None, cameo="13", acled=None)
