"""The country, name and role of an argument, from what the document says around it.

An argument's span is first looked up among the actors the actors stage found, then in the actor
dictionary. A pronoun or a definite description has the country of its antecedent ("it", "its
forces", "the junta" → the last mention that names a country; "X said it would …" → X). Targets and
local actors (civilians, police, protesters, buildings) are where the sentence puts them: the country
of a place in their phrase or sentence, else the document's dominant country.
"""

from __future__ import annotations

import re

from ...resources.actors import resolve
from ...resources.cues import reporting_verbs
from ...resources.tables import word_set
from ...rules import rule
from ...types import ActorRef
from ..actors import actor_for_span
from .arguments import phrase
from .triggers import SUBJECTS

LOCAL_ROLES = ("CVL", "COP")  # actors whose country is where they are
NON_LOCAL = ("IGO",)
SPEAKING_ORGANISATIONS = ("IGO", "NGO")  # a reporter without a country who still stands for "it"
REPORTED = ("ccomp", "xcomp", "conj", "advcl")  # the links from a reporting verb down to what it reports
MAX_NAME_CHARS = 120  # longer argument phrases are no names to look up
DEMO = "demo corpus"


class Context:
    """What the document says around an argument: the actors it names (by position) and its places with
    a country (from the places stage)."""

    def __init__(self, actors, places):
        self.actors = sorted(actors, key=lambda a: a.start)
        self.places = [p for p in places if p.country]

    def antecedent(self, before: int, head_word: str | None = None):
        """The last actor with a country mentioned before ``before`` (with the same head word when given;
        an IGO only then)."""
        for actor in reversed(self.actors):
            if actor.end > before or actor.country is None:
                continue
            if actor.role == "IGO" and head_word is None:
                continue
            if head_word is not None:
                names = re.findall(r"[a-z]+", actor.text.lower())
                if not names or names[-1] != head_word:
                    continue
            return actor
        return None


@rule("events", "reporting-subject", source="demo corpus and PLOVER-GSR dev", off=None, examples=[
    ("Russia told Turkey on Monday that it had struck rebel bases near Idlib.",
     {"type": "ASSAULT", "actor": "it", "actor_country": "RUS"}),
])
def reporting_subject(trigger):
    """The subject of the reporting verb whose complement holds the trigger: "X said it had struck" → X."""
    node, steps = trigger, 0
    while steps < 5 and node.head is not node:
        if node.dep_ in REPORTED and node.head.lemma_.lower() in reporting_verbs():
            return next((c for c in node.head.children if c.dep_ in SUBJECTS), None)
        node, steps = node.head, steps + 1
    return None


@rule("events", "possessor-pronoun", source="PLOVER-GSR dev", off=None, examples=[
    ("The World Health Organization repeated its demand that Sudan open the border.",
     {"type": "REQUEST", "actor": "its", "actor_name": "World Health Organization"}),
])
def possessor_subject(span, trigger):
    """"Ethiopia repeated its demand": a possessive pronoun on an event noun stands for the subject of the
    verb that governs the noun."""
    if trigger.pos_ != "NOUN" or len(span) != 1 or span[0].dep_ != "poss" or span[0].head.i != trigger.i:
        return None
    verb = trigger.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    return next((c for c in verb.children if c.dep_ in SUBJECTS and c.i < trigger.i), None)


def _reporter(ctx: Context, span, trigger):
    """The actor a pronoun stands for when it is the reporter's own ("X said he will …", "X reiterated its
    demand"): the reporter before it, with a country or a speaking organisation."""
    reporter = reporting_subject(trigger) or possessor_subject(span, trigger)
    if reporter is None or reporter.i >= span.root.i:
        return None
    rspan = phrase(reporter)
    found = actor_for_span(ctx.actors, rspan.start_char, rspan.end_char, head=reporter.idx)
    if found is not None and found.country is None and found.role not in SPEAKING_ORGANISATIONS:
        return None
    return found


@rule("events", "pronoun-antecedent", source=DEMO, off=None, examples=[
    ("Mali's junta met the envoys on Friday. On Monday it arrested two opposition leaders.",
     {"type": "COERCE", "actor": "it", "actor_country": "MLI"}),
])
def earlier_mention(ctx: Context, span):
    """A pronoun's antecedent: the last earlier mention with a country (no IGO)."""
    return ctx.antecedent(span.start_char)


@rule("events", "definite-antecedent", source=DEMO, off=None, examples=[
    ("Mali's junta expelled the French envoy. On Monday the junta arrested two opposition leaders.",
     {"type": "COERCE", "actor": "the junta", "actor_country": "MLI"}),
])
def same_head_mention(ctx: Context, span, head_word: str):
    """A short definite description's antecedent: the last earlier mention with a country and the same
    head word ("the junta", "the drones")."""
    return ctx.antecedent(span.start_char, head_word=head_word)


@rule("events", "place-country", source=DEMO, off=None, examples=[
    ("Military jets pounded militant hideouts in Borno State on Tuesday.",
     {"type": "ASSAULT", "target": "militant hideouts", "target_country": "NGA"}),
])
def place_country(ctx: Context, span, sent) -> str | None:
    """A target or a local actor is where the sentence puts it: the country of a place inside its phrase,
    else of the sentence's places when they agree."""
    inside = [p for p in ctx.places if span.start_char <= p.start and p.end <= span.end_char]
    if inside:
        return inside[0].country
    in_sentence = {p.country for p in ctx.places if sent.start_char <= p.start and p.end <= sent.end_char}
    if len(in_sentence) == 1:
        return next(iter(in_sentence))
    return None


@rule("events", "document-country", source=DEMO, off=None, examples=[
    ("Gunmen attacked a bus near Gao and a market in Mopti on Sunday. Police later detained three suspects.",
     {"type": "COERCE", "target": "three suspects", "target_country": "MLI"}),
])
def document_country(ctx: Context) -> str | None:
    """Else the country most of the document's places lie in, when one clearly dominates (at least two
    places, more than half of them)."""
    counts: dict[str, int] = {}
    for p in ctx.places:
        counts[p.country] = counts.get(p.country, 0) + 1
    if not counts:
        return None
    best = max(counts, key=counts.get)
    total = sum(counts.values())
    return best if counts[best] * 2 > total and counts[best] >= 2 else None


def _antecedent(ctx: Context, span, trigger, text: str):
    """The earlier actor a pronoun or a short definite description stands for, else None."""
    found = re.findall(r"[a-z']+", text.lower())
    pronoun = next((w for w in found if w in word_set("events.pronouns")
                    or w.endswith("'s") and w[:-2] in word_set("events.group_nouns")), None)
    if pronoun is not None and len(found) <= 4:
        antecedent = _reporter(ctx, span, trigger)
        return antecedent if antecedent is not None else earlier_mention(ctx, span)
    if found and found[0] == "the" and len(found) <= 3:
        return same_head_mention(ctx, span, found[-1])  # "the junta", "the drones"
    return None


def argument_ref(ctx: Context, span, *, trigger, sent, is_target: bool) -> ActorRef | None:
    """The actor reference of an argument span: its name, country and role."""
    if span is None:
        return None
    found = actor_for_span(ctx.actors, span.start_char, span.end_char, head=span.root.idx)
    text = span.text.strip()
    name = found.name if found else None
    country = found.country if found else None
    role = found.role if found else None
    if country is None:
        entry = resolve(text) if len(text) <= MAX_NAME_CHARS else None
        if entry is not None and entry.country:
            name, country, role = (name or entry.name), entry.country, (role or entry.role)
    if country is None:
        antecedent = _antecedent(ctx, span, trigger, text)
        if antecedent is not None:
            country = antecedent.country
            role = role or antecedent.role
            name = name or antecedent.name
    if country is None and role not in NON_LOCAL and (is_target or role in LOCAL_ROLES):
        country = place_country(ctx, span, sent)
        if country is None and (role in LOCAL_ROLES or is_target):
            country = document_country(ctx)
    if found is None and country is None and role is None:
        return ActorRef(text=text)
    return ActorRef(text=text, name=name, country=country, role=role)
