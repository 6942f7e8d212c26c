"""Events: trigger + arguments over the dependency parse, typed in PLOVER with CAMEO and ACLED.

Entry point: ``extract_events(parsed, *, actors, places) -> list[Event]`` (what the actors and places
stages found: the places give the countries of targets and local actors).

Design: every verb or noun whose lemma is in the curated lexicon (``data/event-lexicon.tsv``, with
per-entry context requirements) is a candidate trigger (``triggers``); reporting verbs are left to
provenance. What is not an event of its own is set aside (``skips``; a sense that is none: ``senses``).
Arguments come from the
trigger's dependents (``arguments``, ``targets``) and are resolved to countries and roles through the
actors stage and the document around them (``context``). Some acts are retyped by what they say
(``kinds``: a demand reported, a threat announced). Modality comes from ``modality.modality_of``.
Every event carries its sentence as evidence, with offsets into ``document.text`` (``evidence``).
Last, one event per happening, without what is part of one already recorded (``filters``), and the
ACLED sub-event type once the happening has all its arguments (``acled``).

The word lists are ``data/words/events.toml``; each decision is a rule (``storyworld rules events``).
"""

from __future__ import annotations

from dataclasses import replace

from ...parse.model import doc_text
from ...resources.ontology import Trigger
from ...types import Event
from ..modality import modality_of
from .acled import event_key, with_acled
from .arguments import direct_object, noun_arguments, party, phrase, subject, symmetric_partner
from .context import Context, argument_ref, with_other_side
from .evidence import evidence, headline_end, label_line
from .filters import Sentences, one_per_happening, without_parts_of_happenings
from .kinds import (announced_threat, criticised_under_fire, crowd_violence, directive, exercise_sides, intent_type,
                    refused, verbal_attack, water_cannon_at_sea, weapons_test)
from .skips import bare_noun, charged_person, skip_noun, skip_verb
from .targets import (asked, at_place, embedded_object, indirect_object, never_target, owner, protested, recipient,
                      sought, victim_of)
from .triggers import lookup_trigger, verbal_pos

__all__ = ["extract_events"]

MAX_SENTENCE_TOKENS = 400  # longer "sentences" (flattened tables, lists) are skipped, not parsed for frames


def _verb_arguments(token, trigger_type: str):
    """The actor and target tokens of a verb trigger: its subject and object, the object's recipient,
    who is asked, what is threatened or demanded, the addressee, what is called for."""
    actor_token, target_token = subject(token), direct_object(token)
    if target_token is not None:
        target_token = recipient(target_token, token, trigger_type)
    if trigger_type == "REQUEST":  # "demanded that the United States match …": the US
        target_token = asked(token) or target_token
    if target_token is None and trigger_type in ("THREATEN", "REQUEST"):
        target_token = embedded_object(token, trigger_type)
    if target_token is None:
        target_token = indirect_object(token, trigger_type)
    if target_token is None and trigger_type in ("REQUEST", "SUPPORT"):
        target_token = sought(token)  # "called for sanctions against Nigeria": Nigeria
    if target_token is None and charged_person(token):
        target_token = token.head  # "a youth charged with the murder": the youth
    return actor_token, target_token


def _argument_spans(token, actor_token, target_token):
    """The actor's and the target's phrases; a target inside the actor's phrase ("Turkey and Iraq") ends
    the actor before it."""
    actor_span = phrase(actor_token) if actor_token is not None else None
    target_span = phrase(target_token) if target_token is not None else None
    if target_span is not None and actor_span is not None and target_token.i in range(actor_span.start,
                                                                                        actor_span.end):
        actor_span = token.doc[actor_span.start:target_token.i]  # "Turkey and Iraq": the actor is Turkey
        while len(actor_span) and actor_span[-1].dep_ in ("cc", "punct"):
            actor_span = actor_span[:-1]
        if not len(actor_span):
            actor_span = None
    return actor_span, target_span


def extract_events(parsed, *, actors, places) -> list[Event]:
    """The document's events; ``actors`` and ``places`` are what the actors and places stages found."""
    doc = parsed.doc
    events: list[Event] = []
    lemmas: dict[tuple, tuple[str, str | None]] = {}  # event → its trigger lemma and the lexicon's ACLED type
    ctx = Context(actors, places, doc_text(doc))
    headline = headline_end(doc)
    for sent in doc.sents:
        if len(sent) > MAX_SENTENCE_TOKENS or label_line(sent):
            continue
        sentence = sent.text
        for token in sent:
            if token.idx < headline:
                continue
            pos = verbal_pos(token)
            if pos not in ("VERB", "NOUN", "ADJ"):
                continue
            trigger = lookup_trigger(token, pos, sentence)
            demand = None
            if trigger is None and pos == "VERB":
                demand = directive(token)
                if demand is None:
                    continue
                trigger = Trigger(token.lemma_.lower(), "VERB", "REQUEST", None, "10", None, ())
            if trigger is None:
                continue
            if demand is not None:
                actor_token, target_token = subject(token), demand[0]
            elif pos in ("VERB", "ADJ"):
                if skip_verb(token):
                    continue
                actor_token, target_token = _verb_arguments(token, trigger.type)
            else:
                if skip_noun(token):
                    continue
                actor_token, target_token = noun_arguments(token)
                if target_token is None:
                    target_token = victim_of(token, trigger.type)
            # "complained on Tuesday", "a hunger strike on Monday": a day is nobody's target
            actor_token, target_token = (t if t is None or party(t) else None for t in (actor_token, target_token))
            if target_token is None and trigger.type == "PROTEST":
                target_token = protested(token)  # "a hunger strike to protest against Sweden's decision"
            if target_token is not None:
                target_token = owner(target_token)
            if target_token is not None and (never_target(target_token, trigger.type, parsed.document.outlet)
                                             or at_place(target_token, trigger.type, places)):
                target_token = None
            partner = symmetric_partner(actor_token, target_token, trigger.type)
            if partner is not None:  # "Turkey and Iraq agreed on a pact": the target is Iraq
                target_token = partner
            actor_span, target_span = _argument_spans(token, actor_token, target_token)
            if pos == "NOUN" and actor_span is None and target_span is None and bare_noun(token):
                continue  # a bare noun ("the demand comes after…") refers to an event told elsewhere
            trigger = criticised_under_fire(verbal_attack(intent_type(trigger, token), token), token)
            trigger = exercise_sides(water_cannon_at_sea(weapons_test(trigger, token), token), token)
            trigger = crowd_violence(trigger, token, actor_token)
            modality = modality_of(token)
            if refused(token, pos, modality):
                trigger, modality = replace(trigger, type="REJECT", cameo="12", mode=None, acled=None), "actual"
            event = Event(
                type=trigger.type,
                trigger=token.text,
                trigger_start=token.idx,
                evidence=evidence(sent, token, headline),
                modality=modality,
                mode=trigger.mode,
                cameo=trigger.cameo,
                acled=trigger.acled,
                actor=argument_ref(ctx, actor_span, trigger=token, sent=sent, is_target=False, event_type=trigger.type),
                target=argument_ref(ctx, target_span, trigger=token, sent=sent, is_target=True, event_type=trigger.type),
            )
            event = with_other_side(ctx, event, actor_span)
            lemmas[event_key(event)] = trigger.lemma, event.acled
            threat = announced_threat(token, event)
            if threat is not None:
                events.append(threat)
                lemmas[event_key(threat)] = trigger.lemma, None
                event = replace(event, modality="threatened")
            events.append(event)
    typed = [with_acled(e, *lemmas.get(event_key(e), ("", e.acled))) for e in one_per_happening(events)]
    text = doc_text(doc)
    sentences = Sentences([s.start_char for s in doc.sents], [text[s.start_char:s.end_char] for s in doc.sents])
    return without_parts_of_happenings(typed, sentences)
