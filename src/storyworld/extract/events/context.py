"""The country, name and role of an argument, from what the document says around it.

An argument's span is first looked up among the actors the actors stage found, then in the actor
dictionary. A pronoun or a definite description has the country of its antecedent ("it", "its
forces", "the junta" → the last mention that names a country; "X said it would …" → X). Targets and
local actors (civilians, police, protesters, buildings) are where the sentence puts them: the country
of a place in their phrase or sentence, else the document's dominant country.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...resources.actors import resolve
from ...resources.cues import reporting_verbs
from ...resources.tables import word_map, word_set
from ...rules import rule
from ...types import ActorRef
from ..actors import actor_for_span, armed_at_home
from .arguments import phrase
from .triggers import SUBJECTS

LOCAL_ROLES = ("CVL", "COP")  # actors whose country is where they are
NON_LOCAL = ("IGO",)
REPORTED = ("ccomp", "xcomp", "conj", "advcl")  # the links from a reporting verb down to what it reports
MAX_NAME_CHARS = 120  # longer argument phrases are no names to look up
DEMO = "demo corpus"


class Context:
    """What the document says around an argument: the actors it names (by position) and its places with
    a country (from the places stage)."""

    def __init__(self, actors, places, text: str = ""):
        self.actors = sorted(actors, key=lambda a: a.start)
        self.places = [p for p in places if p.country]
        self.text = text
        self.paragraphs = [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]

    def paragraph_start(self, at: int) -> int:
        """Where the paragraph holding the offset ``at`` begins."""
        return max((p for p in self.paragraphs if p <= at), default=0)

    def parties_before(self, before: int, since: int):
        """The actors that are parties (a country or a role) mentioned in [since, before), last first;
        of nested mentions the widest."""
        found = [a for a in self.actors if since <= a.start and a.end <= before and (a.country or a.role)]
        widest = [a for a in found if not any(o is not a and o.start <= a.start and a.end <= o.end
                                               and (o.end - o.start) > (a.end - a.start) for o in found)]
        return list(reversed(widest))

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
    ("The World Health Organization, which has criticised Egypt, repeated its demand that the border open.",
     {"type": "REQUEST", "actor": "its", "actor_role": "IGO"}),
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
    demand"): the reporter before it, with a country (its whole phrase's: "China's coast guard") or a
    role."""
    reporter = reporting_subject(trigger) or possessor_subject(span, trigger)
    if reporter is None or reporter.i >= span.root.i:
        return None
    rspan = phrase(reporter)
    found = actor_for_span(ctx.actors, rspan.start_char, rspan.end_char, head=reporter.idx)
    if found is not None and found.country is None:  # "China's coast guard": the whole phrase has the country
        wider = [a for a in ctx.actors if a.start <= found.start and found.end <= a.end
                 and rspan.start_char <= a.start and a.end <= rspan.end_char and a.country]
        if wider:
            return replace(found, country=max(wider, key=lambda a: a.end - a.start).country)
    if found is not None and found.country is None and found.role is None:
        return None
    return found


@rule("events", "pronoun-antecedent", source=DEMO, off=None, examples=[
    ("Mali's junta met the envoys on Friday.\n\nOn Monday it arrested two opposition leaders.",
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
def place_country(ctx: Context, span, sent, *, inside_only: bool = False) -> str | None:
    """A target or a local actor is where the sentence puts it: the country of a place inside its phrase,
    else of the sentence's places when they agree."""
    inside = [p for p in ctx.places if span.start_char <= p.start and p.end <= span.end_char]
    if inside:
        return inside[0].country
    if inside_only:
        return None
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


@rule("events", "story-country-actor", source="gold-real dev", off=False, examples=[
    ("Protesters marched in Dallas and Houston on Monday. In Austin, Senator Maria Lopez called for an inquiry.",
     {"type": "REQUEST", "actor_country": "USA"}),
    ("Floods hit Sylhet and Dhaka on Monday. Rahim Uddin, a local trader, appealed for help.",
     {"type": "REQUEST", "actor_country": "BGD"}),
    ("Floods hit Sylhet, Dhaka and Khulna on Monday. In Kolkata, Rahim Uddin appealed for help.",
     {"type": "REQUEST", "actor_country": "BGD"}),
])
def local_actor(found, role: str | None, span=None) -> bool:
    """A person, an organisation or a home-bound group (a court, a union, a campaign) that names no
    country acts for the country its story is set in: a place in its own phrase, else the places that
    dominate the document, else its sentence's. Not an international body, nor an armed force (often
    the other side's). A phrase that says only that a person is meant ("a man", "a gunman") is a
    person too (``person_noun``)."""
    if role in word_set("actors.organisation_roles") or role in word_set("actors.armed_roles"):
        return False
    if role in word_set("actors.domestic_roles"):
        return True
    if found is None and role is None and span is not None:
        return person_noun(span)
    return found is not None and found.kind in ("person", "organization") and role is None


@rule("events", "person-noun-is-local", source="gold-real dev2", off=False, examples=[
    ("A gunman killed eight people at a nursing home in Carthage, North Carolina, on Sunday.",
     {"type": "ASSAULT", "actor": "A gunman", "actor_country": "USA"}),
    ("On March 11, a teen killed 12 people at his former high school in Germany.",
     {"type": "ASSAULT", "actor_country": "DEU"}),
])
def person_noun(span) -> bool:
    """An actor named only as a person or some people ("a man", "a gunman", "hooded youths"), with no
    name, office or side, is from where its story is set."""
    return span.root.lower_ in word_set("actors.person_nouns") and not any(
        t.ent_type_ in ("NORP", "GPE") for t in span)


def _plural(actor) -> bool:
    words = actor.text.lower().split()
    return " and " in f" {actor.text.lower()} " or bool(words) and words[-1].endswith("s") \
        and not words[-1].endswith("ss") and actor.kind != "country"


def _agrees(actor, pronoun: str) -> bool:
    """Whether an earlier mention can be what a pronoun stands for: "they" a plural or a group, "it" a
    country or an organisation, "he"/"she" a person."""
    if pronoun in word_set("events.plural_pronouns"):
        return _plural(actor) or actor.kind in ("group", "organization") and actor.role not in (None, "GOV")
    if pronoun in word_set("events.thing_pronouns"):
        return actor.kind in ("country", "organization", "group") and not _plural(actor)
    if pronoun in word_set("events.person_pronouns"):
        return actor.kind == "person" or actor.role is not None and not _plural(actor) and actor.kind != "country"
    return False


@rule("events", "pronoun-in-paragraph", source="gold-real dev", off=None, examples=[
    ("Syria's army shelled the suburb on Monday.\n\nRebel fighters held out for days. On Friday they surrendered.",
     {"type": "RETREAT", "actor": "they", "actor_role": "REB"}),
])
def paragraph_mention(ctx: Context, span, pronoun: str):
    """A pronoun stands for the last earlier party of its paragraph that it agrees with ("the rebels …
    forced them": the rebels, not the army of the paragraph before)."""
    for actor in ctx.parties_before(span.start_char, ctx.paragraph_start(span.start_char)):
        if _agrees(actor, pronoun):
            return actor
    return None


@rule("events", "group-antecedent", source="gold-real dev", off=None, examples=[
    ("Hamas fighters attacked the post on Monday. The group said it would fight on.\n\n"
     "On Tuesday the group released two hostages.",
     {"type": "RETREAT", "actor": "the group", "actor_country": "PSE"}),
])
def group_mention(ctx: Context, span):
    """"the group", "the movement", "the militants" stand for the last earlier armed group or organisation
    (in the paragraph, else before it): "Hamas … the group said"."""
    for since in (ctx.paragraph_start(span.start_char), 0):
        for actor in ctx.parties_before(span.start_char, since):
            if actor.country and (actor.role in ("REB", "CRM", "OPP") or actor.kind in ("organization", "group")
                                  and actor.role not in ("GOV", "MIL", "COP", None)):
                return actor
    return None


@rule("events", "person-pronoun-is-a-person", source="gold-real dev", off=None, examples=[
    ("Donald Trump, speaking after Hillary Clinton at forums in Ohio and Texas, cited problems in China that he "
     "blamed on Barack Obama.", {"type": "ACCUSE", "actor_country": "USA"}),
])
def person_mention(ctx: Context, span, pronoun: str):
    """"he" and "she" stand for a person or an office holder, never for a country named last ("problems in
    China that he blamed on …": not China): the last earlier person or party that agrees; a person
    without a country of its own then acts for the story's, as a person named does."""
    for actor in reversed(ctx.actors):
        if actor.end <= span.start_char and (actor.country or actor.kind == "person") and _agrees(actor, pronoun):
            return actor
    return None


def _antecedent(ctx: Context, span, trigger, text: str):
    """The earlier actor a pronoun or a short definite description stands for, else None."""
    found = re.findall(r"[a-z']+", text.lower())
    pronoun = next((w for w in found if w in word_set("events.pronouns")
                    or w.endswith("'s") and w[:-2] in word_set("events.group_nouns")), None)
    if pronoun is not None and len(found) <= 4:
        antecedent = _reporter(ctx, span, trigger)
        if antecedent is None and found[0] == pronoun:
            antecedent = paragraph_mention(ctx, span, pronoun)
        if antecedent is None and pronoun in word_set("events.person_pronouns"):
            return person_mention(ctx, span, pronoun)
        return antecedent if antecedent is not None else earlier_mention(ctx, span)
    if found and found[0] == "the" and len(found) <= 3:
        same = same_head_mention(ctx, span, found[-1])  # "the junta", "the drones"
        if same is None and found[-1] in word_set("events.group_heads"):
            same = group_mention(ctx, span)
        return same
    return None


@rule("events", "both-sides", source="gold-real dev", off=None, examples=[
    ("Israeli troops and Hezbollah fighters exchanged fire near Kfar Kila. Both sides later agreed to a truce.",
     {"type": "AGREE", "actor_country": "ISR", "target_country": "LBN"}),
])
def the_two_sides(ctx: Context, span):
    """"both sides", "the two groups", "the two countries" stand for the last two parties named together
    before them ("Turkey and Iraq"), else the last two distinct parties named (in the paragraph, else
    before it): (first, second), else None."""
    if not re.fullmatch(word_set_pattern("events.both_sides"), span.text.strip().lower()):
        return None
    for since in (ctx.paragraph_start(span.start_char), 0):
        pair = _named_together(ctx, span.start_char, since)
        if pair is not None:
            return pair
        seen: list = []
        for actor in ctx.parties_before(span.start_char, since):
            if actor.country and all(actor.country != o.country for o in seen):
                seen.append(actor)
            if len(seen) == 2:
                return seen[1], seen[0]  # in the order they were named
    return None


def _named_together(ctx: Context, before: int, since: int):
    """The last two parties named as one ("Turkey and Iraq agreed …"), in their order, else None."""
    named = [a for a in ctx.actors if since <= a.start and a.end <= before and a.country]
    pairs = [(a, b) for a in named for b in named
             if a.end < b.start and a.country != b.country and ctx.text[a.end:b.start].strip() in ("and", "&")]
    return max(pairs, key=lambda p: p[1].end) if pairs else None


def word_set_pattern(key: str) -> str:
    return "|".join(re.escape(w) for w in sorted(word_set(key), key=len, reverse=True))


@rule("events", "warship-navy", source="gold-real dev (an ECB+ story of the Indian Navy)", off=None, examples=[
    ("USS Mason fired missiles at the radar sites on Sunday.", {"type": "ASSAULT", "actor_country": "USA"}),
    ("The Indian Navy sent ships to the Gulf of Aden. INS Mysore then ordered the pirates to stop.",
     {"type": "REQUEST", "actor_country": "IND"}),
])
def warship_navy(ctx: Context, text: str) -> str | None:
    """A warship ("INS Tabar", "USS Cole", "HMS Defender") acts for the navy its prefix names; a prefix
    two navies use (INS: India's and Israel's) for the one of them the story names."""
    found = re.search(r"(?<![\w/])([A-Z]{2,5})\s+[A-Z][a-z]", text)
    if found is None or found.group(1) not in word_map("events.ship_navies"):
        return None
    navies = word_map("events.ship_navies")[found.group(1)].split()
    if len(navies) == 1:
        return navies[0]
    named = [c for c in navies if any(a.country == c for a in ctx.actors)]
    return named[0] if len(named) == 1 else None


def argument_ref(ctx: Context, span, *, trigger, sent, is_target: bool, event_type: str = "") -> ActorRef | None:
    """The actor reference of an argument span: its name, country and role."""
    if span is None:
        return None
    found = actor_for_span(ctx.actors, span.start_char, span.end_char, head=span.root.idx)
    text = span.text.strip()
    name = found.name if found else None
    country = found.country if found else None
    role = found.role if found else None
    if country is None:
        entry = resolve(text, person=found is not None and found.kind == "person") \
            if len(text) <= MAX_NAME_CHARS else None
        if entry is not None and entry.country:
            name, country, role = (name or entry.name), entry.country, (role or entry.role)
    if country is None:
        navy = warship_navy(ctx, text)
        if navy is not None:
            country, role = navy, role or "MIL"
    sides = the_two_sides(ctx, span) if country is None else None
    if sides is not None:
        return ActorRef(text=text, name=sides[0].name, country=sides[0].country, role=sides[0].role)
    if country is None:
        antecedent = _antecedent(ctx, span, trigger, text)
        if antecedent is not None:
            country = antecedent.country
            role = role or antecedent.role
            name = name or antecedent.name
            found = found or (antecedent if antecedent.kind == "person" else None)
    if country is None and role not in NON_LOCAL and (is_target or role in LOCAL_ROLES or local_actor(found, role, span)
                                                     or armed_at_home(role, event_type, target=False)):
        if is_target or role in LOCAL_ROLES:
            country = place_country(ctx, span, sent) or document_country(ctx)
        else:  # an actor acts for its story's country more often than for a place its sentence names
            country = place_country(ctx, span, sent, inside_only=True) or document_country(ctx) \
                or place_country(ctx, span, sent)
    if found is None and country is None and role is None:
        return ActorRef(text=text)
    return ActorRef(text=text, name=name, country=country, role=role)


def with_other_side(ctx: Context, event, actor_span):
    """An event whose actor is "both sides" and which names no target takes the second side as target."""
    if actor_span is None or event.target is not None or event.actor is None:
        return event
    sides = the_two_sides(ctx, actor_span)
    if sides is None:
        return event
    other = sides[1]
    return replace(event, target=ActorRef(text=other.text, name=other.name, country=other.country, role=other.role))
