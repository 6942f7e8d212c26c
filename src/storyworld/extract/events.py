"""Events: trigger + arguments over the dependency parse, typed in PLOVER with CAMEO and ACLED.

Entry point: ``extract_events(parsed, *, actors) -> list[Event]``.

Design: every verb or noun whose lemma is in the curated lexicon (``data/event-lexicon.tsv``, with
per-entry context requirements) is a candidate trigger. Reporting verbs are left to provenance.
Arguments come from the trigger's dependents: the subject (or a passive "by" agent, or for a noun
trigger its compound/possessor/"by" phrase) is the actor; the direct object (or the passive
subject, or an "on/against/at" phrase) is the target. Arguments are resolved to countries and roles
through the actors stage (``actor_for_span``). Modality comes from ``modality.modality_of``. Every
event carries its sentence as evidence, with offsets into ``document.text``.
"""

from __future__ import annotations

from dataclasses import replace

from ..resources.ontology import lookup
from ..types import ActorRef, Event, Span
from .actors import actor_for_span
from .modality import modality_of

MAX_SENTENCE_TOKENS = 400  # longer "sentences" (flattened tables, lists) are skipped, not parsed for frames
SUBJECTS = ("nsubj", "csubj")
OBJECTS = ("dobj", "obj")
TARGET_PREPOSITIONS = ("on", "against", "at", "into")


def _phrase(token):
    """The argument's span: its subtree, trimmed of clauses hanging off it."""
    left, right = token.left_edge.i, token.right_edge.i
    for child in token.children:
        if child.dep_ in ("relcl", "acl", "appos", "punct") and child.i > token.i:
            right = min(right, child.left_edge.i - 1)
    right = max(right, token.i)
    return token.doc[left:right + 1]


def _subject(trigger):
    for child in trigger.children:
        if child.dep_ in SUBJECTS:
            return child
        if child.dep_ == "agent":  # passive: "was struck by Israel"
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    if trigger.dep_ in ("xcomp", "conj") and trigger.head.pos_ == "VERB":  # "agreed to withdraw", "met and agreed"
        return _subject(trigger.head) if trigger.head is not trigger else None
    if trigger.dep_ == "ccomp":
        return None
    return None


def _object(trigger):
    for child in trigger.children:
        if child.dep_ in OBJECTS:
            return child
    for child in trigger.children:
        if child.dep_ == "nsubjpass":
            return child
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in TARGET_PREPOSITIONS:
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def _noun_arguments(trigger):
    actor = target = None
    for child in trigger.children:
        if child.dep_ in ("compound", "amod", "poss") and child.i < trigger.i and actor is None:
            actor = child
        if child.dep_ == "prep" and child.lower_ == "by":
            actor = next((g for g in child.children if g.dep_ == "pobj"), actor)
        if child.dep_ == "prep" and child.lower_ in TARGET_PREPOSITIONS + ("with",):
            target = next((g for g in child.children if g.dep_ == "pobj"), target)
    if trigger.dep_ in SUBJECTS + ("nsubjpass",) and actor is None:
        pass
    if trigger.dep_ in OBJECTS and trigger.head.pos_ == "VERB" and actor is None:
        actor = _subject(trigger.head)  # "Israel launched an attack on …"
    return actor, target


def _verbal_pos(token) -> str:
    """VERB for verbs, and for words the tagger mislabels in a verb's slot ("militias withdraw" as ADJ)."""
    if token.pos_ == "VERB" or token.tag_.startswith("VB"):
        return "VERB"
    if token.pos_ == "ADJ" and token.dep_ in ("ccomp", "xcomp", "ROOT", "conj") and any(
            c.dep_ in SUBJECTS for c in token.children):
        return "VERB"
    return token.pos_


def _ref(actors, span) -> ActorRef | None:
    if span is None:
        return None
    found = actor_for_span(actors, span.start_char, span.end_char, head=span.root.idx)
    text = span.text.strip()
    if found is None:
        return ActorRef(text=text)
    return ActorRef(text=text, name=found.name, country=found.country, role=found.role)


def extract_events(parsed, *, actors) -> list[Event]:
    doc = parsed.doc
    events: list[Event] = []
    for sent in doc.sents:
        if len(sent) > MAX_SENTENCE_TOKENS:
            continue
        sentence = sent.text
        for token in sent:
            pos = _verbal_pos(token)
            if pos not in ("VERB", "NOUN"):
                continue
            trigger = lookup(token.lemma_, pos, sentence)
            if trigger is None:
                continue
            if pos == "VERB":
                actor_token, target_token = _subject(token), _object(token)
                actor_span = _phrase(actor_token) if actor_token is not None else None
                target_span = _phrase(target_token) if target_token is not None else None
            else:
                actor_token, target_token = _noun_arguments(token)
                actor_span = _phrase(actor_token) if actor_token is not None else None
                target_span = _phrase(target_token) if target_token is not None else None
            if pos == "NOUN" and actor_span is None and target_span is None:
                continue  # a bare noun ("the demand comes after…") refers to an event told elsewhere
            events.append(Event(
                type=trigger.type,
                trigger=token.text,
                trigger_start=token.idx,
                evidence=Span(sentence, sent.start_char, sent.end_char),
                modality=modality_of(token),
                mode=trigger.mode,
                cameo=trigger.cameo,
                acled=trigger.acled,
                actor=_ref(actors, actor_span),
                target=_ref(actors, target_span),
            ))
    return _one_per_happening(events)


def _one_per_happening(events: list[Event]) -> list[Event]:
    """One event per sentence, type and modality, as a coder records one happening once: "struck …,
    killing six and wounding 14" is one ASSAULT. The first trigger wins; a missing actor or target
    is taken from the others."""
    kept: dict[tuple, Event] = {}
    for event in events:
        key = (event.evidence.start, event.type, event.modality)
        first = kept.get(key)
        if first is None:
            kept[key] = event
            continue
        kept[key] = replace(first, actor=first.actor or event.actor, target=first.target or event.target)
    return list(kept.values())
