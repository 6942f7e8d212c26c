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
from .senses import anybody
from .skips import THREAT_CONTENT, skip_verb
from .triggers import to_infinitive, verbal_pos

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


@rule("events", "under-fire-for-words", source="own sentences (gold-real dev3's 'came under fire')", off=IDENTITY,
      examples=[
    ("The minister came under fire from opposition lawmakers for his comments on Tuesday.",
     {"type": "ACCUSE", "trigger": "fire"}),
    ("The officers came under fire from inside the house, the statement said.", {"type": "ASSAULT", "trigger": "fire"}),
])
def criticised_under_fire(trigger, token):
    """"came under fire (or attack) for his comments / over the policy" (a reason given) is criticism
    (ACCUSE, CAMEO 111), unless the sentence names a weapon or harm; "came under fire from inside the
    house" is force."""
    if trigger.type != "ASSAULT" or token.lemma_.lower() not in ("fire", "attack") or token.dep_ != "pobj" \
            or token.head.lower_ != "under":
        return trigger
    verb = token.head.head
    start = token.idx - token.sent.start_char
    sentence = token.sent.text[:start] + token.sent.text[start + len(token.text):]  # "fire" itself is no harm
    reason = any(c.dep_ == "prep" and c.lower_ in ("for", "over") for c in list(verb.children) + list(token.children))
    if reason and not names_attack_harm(sentence):
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


@rule("events", "weapons-test", source="PLOVER codebook (issue 24 item 9)", off=IDENTITY, examples=[
    ("North Korea test-fired two ballistic missiles on Thursday.", {"type": "MOBILIZE"}),
    ("Pyongyang launched a ballistic missile into the sea off its east coast.", {"type": "MOBILIZE"}),
    ("Russia fired cruise missiles at Kyiv overnight, killing three people.", {"type": "ASSAULT"}),
])
def weapons_test(trigger, token):
    """A launch or a firing of a weapon that is a test or lands in the sea, with no one hit ("test-fired two
    ballistic missiles", "launched a missile into the sea"), is a show of force (PLOVER MOBILIZE
    'weapons', CAMEO 150), no attack."""
    if trigger.type != "ASSAULT" or token.lemma_.lower() not in word_set("events.launching_verbs"):
        return trigger
    sentence = token.sent.text
    tested = re.search(r"\btest(?:s|ed|ing)?\b|\btest-fir", sentence, re.IGNORECASE) is not None
    at_sea = any(t.lemma_.lower() in word_set("events.open_waters") for c in token.children
                 if c.dep_ == "prep" and c.lower_ in ("into", "in", "toward", "towards", "off")
                 for t in c.subtree)
    if (tested or at_sea) and not _hit(token):
        return replace(trigger, type="MOBILIZE", mode="weapons", cameo="150", acled=None)
    return trigger


def _hit(token) -> bool:
    """Whether the sentence tells someone hit or harmed ("killing three", "at Kyiv")."""
    if re.search(r"\b(?:kill|wound|injur|dead|died|damag|destroy)", token.sent.text, re.IGNORECASE):
        return True
    return any(c.dep_ == "prep" and c.lower_ in ("at", "on", "against") and any(
        g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME") for g in c.children) for c in token.children)


@rule("events", "water-cannon-at-sea", source="PLOVER codebook (issue 24 item 9)", off=IDENTITY, examples=[
    ("Chinese coast guard ships fired water cannon at a Philippine supply boat near the shoal.",
     {"type": "ASSAULT", "trigger": "fired"}),
    ("Police used water cannon against protesters outside parliament.", {"type": "COERCE"}),
])
def water_cannon_at_sea(trigger, token):
    """Water cannon turned on a vessel ("fired water cannon at a supply boat") is force against its crew
    (PLOVER ASSAULT 'crowd-control'; CAMEO2PLOVER 175), no crowd control at a protest."""
    sentence = token.sent.text.lower()
    if "water cannon" not in sentence and token.lemma_.lower() != "water-cannon":
        return trigger
    if trigger.type not in ("COERCE", "ASSAULT") or not any(w in sentence for w in word_set("events.vessel_words")):
        return trigger
    return replace(trigger, type="ASSAULT", mode="crowd-control", cameo="175", acled=None)


@rule("events", "exercise-of-one-side", source="PLOVER codebook (issue 24 item 9)", off=IDENTITY, examples=[
    ("The Chinese navy held a live-fire exercise near the island on Monday.", {"type": "MOBILIZE"}),
    ("Russian and Chinese troops began joint drills in Siberia on Monday.", {"type": "COOPERATE"}),
    ("The navy held an exercise with Indian warships in the Arabian Sea.", {"type": "COOPERATE"}),
])
def exercise_sides(trigger, token):
    """Military exercises or drills are COOPERATE when joint (CAMEO 062: "joint military games and
    maneuvers"), MOBILIZE when one side's (PLOVER MOBILIZE ambiguity: "single-country exercises should be
    coded as MOBILIZE"): joint when the noun or its verb says "joint", names a partner ("with", "between"),
    or the actor is two parties ("French and Egyptian warships")."""
    if token.lemma_.lower() not in word_set("events.exercise_nouns") or trigger.type not in ("COOPERATE", "MOBILIZE"):
        return trigger
    verb = token
    while verb.dep_ in ("dobj", "pobj", "prep", "nsubj", "nsubjpass", "compound") and verb.head is not verb \
            and verb.pos_ not in ("VERB", "AUX"):
        verb = verb.head  # "launched ten days of war games": launched
    joint = _joint(token) or (verb is not token and _joint(verb))
    if joint and trigger.type != "COOPERATE":
        return replace(trigger, type="COOPERATE", mode="military", cameo="062", acled=None)
    if not joint and trigger.type != "MOBILIZE":
        return replace(trigger, type="MOBILIZE", mode="troops", cameo="152", acled=None)
    return trigger


def _joint(token) -> bool:
    if any(c.lower_ in word_set("events.joint_words") for c in token.children if c.dep_ in ("amod", "compound", "advmod")):
        return True
    if any(c.dep_ == "prep" and c.lower_ in ("with", "between", "alongside") for c in token.children):
        return True
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and any(c.dep_ == "conj" for t in subject.subtree for c in [t]) \
        or any(c.dep_ in ("amod", "compound") and any(g.dep_ == "conj" for g in c.children) for c in token.children)


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


@rule("events", "crowd-violence-is-a-riot", source="gold-real dev2 (PLOVER PROTEST 'riot', CAMEO 145)",
      off=IDENTITY, examples=[
          ("Protesters also tried to storm the parliament building in Athens.", {"type": "PROTEST", "mode": "riot"}),
          ("Protesters began throwing bricks and bottles at the police station.", {"type": "PROTEST", "mode": "riot"}),
          ("Hooded youths hurled petrol bombs at stores in the capital.", {"type": "ASSAULT"}),
          ("Soldiers stormed the rebel stronghold near Kidal on Sunday.", {"type": "ASSAULT"}),
      ])
def crowd_violence(trigger, token, actor_token):
    """A protest's crowd that storms, smashes, stones or burns does not assault: it riots (PLOVER
    PROTEST mode 'riot', CAMEO 145), unless what it throws is a weapon ("petrol bombs")."""
    if trigger.type != "ASSAULT" or actor_token is None or token.lemma_.lower() not in word_set("events.riot_acts"):
        return trigger
    if actor_token.lower_ not in word_set("events.rioting_crowds"):
        return trigger
    if token.lemma_.lower() in ("throw", "hurl"):
        thrown = [c for c in token.children if c.dep_ in ("dobj", "obj")]
        thrown += [g for c in thrown for g in c.conjuncts]
        if not thrown or any(t.lower_ not in word_set("events.riot_missiles") for t in thrown):
            return trigger
    return replace(trigger, type="PROTEST", mode="riot", cameo="145", acled="Violent demonstration")

