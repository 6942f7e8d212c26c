"""Claims with their source chains, and the chain of each event.

Relations of the speech, cognition and evidence classes become claims. A claim's chain is its
source's own (resolved against what the document named before, ``memory``), continued from the
relation it is said inside (``nesting``): outermost first, never the publisher. A source that tells
an outlet ("a source told the news outlet") nests under that outlet. A denial ("X denied …", "X
rejected the report") records the claim it disputes. A sentence of a quotation or a transcript turn
without a cue of its own is a claim of the sentence that attributes the quotation or labels the turn.
An event takes the chain of the claim whose content holds it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...parse.model import doc_text
from ...resources.outlets import find_outlet, find_outlet_in, is_outlet_description
from ...resources.tables import word_set
from ...rules import IDENTITY, Example, rule
from ...types import Claim, Event, Source, Span
from .memory import Memory, with_office
from .nesting import parent
from .relations import relations_in
from .sources import clean, describe
from .speakers import WH_PRONOUNS
from .units import (Relation, following_paragraphs, introduces, quotation_runs, turn_continues, units,
                    whole_quotation)

MAX_SOURCE_CHARS = 160
MAX_NESTING = 4


@rule("claims", "relative-pronoun-antecedent", source="PolNeAR dev", off=IDENTITY, examples=[
    ("Mr. Osei, who said the bridge was unsafe, resigned on Monday.", {"cue": "said", "source": "Osei"}),
])
def antecedent(span):
    """ "Mr. Kamin, who emphasized …", "a letter … that says …": the noun phrase the relative
    pronoun stands for (its clause's head), without the clause."""
    if len(span) != 1 or span[0].tag_ not in WH_PRONOUNS:
        return span
    clause = span[0].head
    if clause.dep_ != "relcl":
        return span
    head = clause.head
    return span.doc[head.left_edge.i: head.i + 1]


@rule("claims", "unresolved-pronoun", source="PolNeAR dev and demo corpus", off=False, examples=[
    ("He said the port would reopen on Monday.", {"not": {"source": "He"}}),
])
def _unresolved(text: str) -> bool:
    """A pronoun, "the report" or "the source" that points back to nothing gives no claim."""
    low = text.lower()
    return low in word_set("claims.pronouns") or low in word_set("claims.unresolved_anaphors")


@rule("claims", "told-outlet", source="seed article", off=None, examples=[
    ("A source told Reuters that the talks had failed.", {"sources": "Reuters > A source"}),
])
def _told_outlet(told, memory: Memory) -> tuple[Source, ...] | None:
    """"a source told the news outlet": the source speaks through the outlet it tells."""
    outer = memory.resolve(told) if is_outlet_description(told.text) else None
    if outer is None and (find_outlet(clean(told.text)) or find_outlet_in(clean(told.text))):
        outer = (describe(told),)
    return outer


def _own_chain(relation: Relation, memory: Memory) -> tuple[Source, ...] | None:
    """The chain of a relation's own source: what it refers back to, else the source it describes."""
    span = antecedent(relation.source)
    text = clean(span.text)
    if not text or len(text) > MAX_SOURCE_CHARS:
        return None
    chain = memory.resolve(span)
    if chain is None:
        if _unresolved(text):
            return None
        chain = (with_office(describe(span), span.doc, span.start_char),)
    if relation.told is not None:
        outer = _told_outlet(relation.told, memory)
        if outer:
            chain = outer + tuple(s for s in chain if s not in outer)
    return chain


@rule("claims", "direct-quote", source="seed article", off=None, examples=[
    ("The minister said: “We will rebuild the port.”", {"cue": "said", "direct": True}),
])
def _direct_quote(text: str, start: int) -> Span | None:
    """A sentence with words in quotation marks quotes its source directly."""
    match = re.search(r"[“\"]([^”\"]{3,})[”\"]", text)
    if not match:
        return None
    return Span(match.group(1), start + match.start(1), start + match.end(1))


@rule("claims", "denial-disputes", source="PolNeAR dev and demo corpus", off=None, examples=[
    ("The navy said it had sunk the boat. The rebels denied the report.", {"cue": "denied", "disputes": True}),
])
def _disputed(relation: Relation, chain, earlier: list[Claim]) -> int | None:
    """A denial records the earlier claim from another source that it denies: the one that shares its
    words, else the latest."""
    if relation.lemma not in word_set("claims.dispute_verbs"):
        return None
    others = [i for i in range(len(earlier) - 1, -1, -1) if earlier[i].sources[-1] != chain[-1]]
    if not others:
        return None
    return _denied_by_words(relation, earlier, others)


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower())} - STOP_STEMS


STOP_STEMS = {"that", "this", "with", "from", "have", "been", "were", "would", "said", "says", "their", "there",
              "they", "what", "which", "about", "after", "also", "will", "could", "deny", "denie", "denia"}


MIN_OWN_STEMS = 3  # words a denial's own content needs to stand alone, sharing none with an earlier claim


@rule("claims", "denial-names-what-it-denies", source="gold-real dev", off=None, examples=[
    ("The army said the rebels shelled the market. The mayor said the bridge would reopen on Monday. "
     "The rebels denied shelling the market.", {"cue": "denied", "disputes_source": "The army"}),
    ("The envoy said talks would resume in Jeddah. Last month, the RSF was accused of killing hundreds of people "
     "in El Fasher, allegations it rejected.", {"cue": "rejected", "disputes": False}),
])
def _denied_by_words(relation: Relation, earlier: list[Claim], others: list[int]) -> int:
    """Of the earlier claims from other sources (latest first), the one whose words the denial
    repeats most ("denied shelling the market" disputes "the rebels shelled the market", not the
    mayor's word on the bridge said in between); none shared: the latest, unless the denial states
    what it denies itself (then no earlier claim)."""
    doc_text_ = doc_text(relation.unit.doc)
    denied = _stems(doc_text_[slice(*relation.content)] if relation.content else relation.unit.text)
    best = max(others, key=lambda i: (len(denied & _stems(earlier[i].content.text if earlier[i].content
                                                           else earlier[i].text)), i))
    shared = len(denied & _stems(earlier[best].content.text if earlier[best].content else earlier[best].text))
    if not shared and relation.content and len(denied) >= MIN_OWN_STEMS:
        return None  # it denies what it states itself ("accused of killing …, allegations it rejected"), no claim
    return best if shared else others[0]


@rule("claims", "cited-says-what-the-citer-reports", source="gold-real dev", off=None, examples=[
    Example("Rebels attacked a tanker near the port, according to Reuters, citing two port officials.",
            {"type": "ASSAULT", "sources": "Reuters > two port officials"}, view="events"),
    ("Rebels attacked a tanker near the port, according to Reuters, citing two port officials.",
     {"cue": "citing", "content": "Rebels attacked a tanker near the port"}),
])
def _cited_content(relation: Relation, holder: Relation | None) -> tuple[int, int] | None:
    """"…, according to X, citing Y", "X reported …, quoting Y": what Y says is what X reports (the
    holder's content), not the phrase next to "citing"."""
    if holder is None or not holder.content or relation.lemma not in word_set("claims.citing_verbs"):
        return None
    return holder.content


def extract_claims(parsed, *, actors=()) -> list[Claim]:
    """The document's claims: each relation of a claim class that holds no other, with its chain, and
    the sentences of a quotation or a turn that carry no cue of their own (``quotations``)."""
    memory = Memory(parsed.doc)
    text = doc_text(parsed.doc)
    unit_list = list(units(parsed.doc))
    found: list[list[tuple[Claim, Relation]]] = [[] for _ in unit_list]
    speaker_before: list[tuple[Source, ...] | None] = []
    turns: dict[int, tuple[str, tuple[Source, ...]]] = {}  # a speaker label's unit: its cue and chain
    for index, unit in enumerate(unit_list):
        speaker_before.append(memory.last_speaker)
        relations = [r for r in relations_in(unit) if r.makes_claim]
        if not relations:
            continue
        chains: dict[int, tuple[Source, ...] | None] = {}
        parent_of = {id(r): parent(r, relations) for r in relations}

        def chain_of(relation: Relation, depth: int = 0) -> tuple[Source, ...] | None:
            key = id(relation)
            if key not in chains:
                own = _own_chain(relation, memory)
                holder = parent_of[key] if depth < MAX_NESTING else None
                outer = chain_of(holder, depth + 1) if holder is not None else None
                if own is not None and outer:
                    own = outer + tuple(s for s in own if s not in outer)
                chains[key] = own if own is not None else outer
            return chains[key]

        parents = {id(p) for p in parent_of.values() if p is not None and not _says_more(p, [
            r for r in relations if parent_of[id(r)] is p])}
        turn = next((r for r in relations if r.lemma == ":"), None)
        if turn is not None and chain_of(turn):
            turns[index] = (turn.cue_text, chain_of(turn))
        for relation in relations:
            if id(relation) in parents:
                continue  # its chain continues in the relation it holds
            chain = chain_of(relation)
            if not chain:
                continue
            memory.remember(chain)
            sentence = _sentence(unit)
            said = _cited_content(relation, parent_of[id(relation)]) or relation.content
            content = Span(text[slice(*said)], *said) if said else None
            quote = _direct_quote(unit.text, unit.start_char)
            found[index].append((Claim(text=text[slice(*sentence)], start=sentence[0], end=sentence[1],
                                       cue=relation.cue_text, direct=quote is not None, sources=chain, quote=quote,
                                       content=content), relation))
    _continue_quotations(unit_list, found, speaker_before, turns, text)
    claims: list[Claim] = []
    for unit_claims in found:
        for claim, relation in unit_claims:
            disputes = _disputed(relation, claim.sources, claims) if relation is not None else None
            claims.append(replace(claim, disputes=disputes))
    return claims


@rule("claims", "content-around-a-nested-report", source="gold-incidents dev2 (\"Italian military police arrested 89 "
      "suspected Mafia members …, breaking up what they said was a plan …, the Carabinieri said\")", off=False,
      examples=[
    Example("Police arrested 89 suspected mobsters on Tuesday, breaking up what they said was a plan to rebuild the "
            "commission, the Carabinieri said.", {"type": "COERCE", "sources": "Carabinieri"}, view="events"),
])
def _says_more(outer: Relation, inner: list[Relation]) -> bool:
    """A speaker whose content holds another report only in part ("X arrested 89 men, breaking up what
    they said was a plan, the Carabinieri said") makes a claim of its own besides the nested one: what
    comes before the nested report is said by the outer speaker alone."""
    inner = [r for r in inner if r.parent_i != outer.cue_i and r.lemma not in word_set("claims.citing_verbs")]
    if not outer.content or not inner:  # "…, citing Y": Y says what the citer reports, all of it
        return False
    starts = [min(r.cue[0], r.source.start_char) if r.source is not None else r.cue[0] for r in inner]
    before = outer.unit.doc.char_span(outer.content[0], min(starts), alignment_mode="contract")
    return before is not None and sum(not t.is_punct for t in before) >= 4


def _sentence(unit) -> tuple[int, int]:
    words = [t for t in unit if not t.is_space]
    return words[0].idx, words[-1].idx + len(words[-1])


def _continue_quotations(unit_list, found, speaker_before, turns, text: str) -> None:
    """Give the sentences of a quotation or a transcript turn without a claim of their own the claim
    of the sentence that attributes it (in place)."""

    def add(index: int, cue: str, chain, direct: bool = True) -> None:
        unit = unit_list[index]
        if found[index] or not chain or not any(c.islower() for c in unit.text):
            return
        start, end = _sentence(unit)
        found[index].append((Claim(text=text[start:end], start=start, end=end, cue=cue,
                                   direct=direct, sources=chain, quote=_direct_quote(unit.text, unit.start_char)),
                             None))

    for index, unit in enumerate(unit_list):
        if found[index] and introduces(unit):
            by = found[index][-1][0]
            for later in following_paragraphs(unit_list, index):
                if found[later] and found[later][0][1] is not None:
                    break  # a sentence with its own cue ends what the colon introduced
                add(later, by.cue, by.sources, direct=by.direct)
    label: int | None = None
    for index, unit in enumerate(unit_list):
        if index in turns:
            label = index
        elif label is not None and turn_continues(unit_list[label], unit):
            cue, chain = turns[label]
            add(index, cue, chain)
        else:
            label = None
    own = [[c for c, r in claims if r is not None] for claims in found]
    for run in quotation_runs(unit_list, [bool(c) for c in own]):
        if any(index in turns for index in run):
            continue  # a transcript quoted whole: its turns say who speaks
        first, last = own[run[0]], own[run[-1]]
        by = next((c for c in first if c.direct), None) or (last[0] if last else None) \
            or next((c for i in run for c in own[i]), None)
        chain = by.sources if by is not None else None
        opener = unit_list[run[0]].text.lstrip()
        if by is None and opener and opener[0] in "“\"`«":
            chain = speaker_before[run[0]]  # a quotation with no cue anywhere: the speaker quoted last
        for index in run:
            add(index, by.cue if by is not None else "", chain)
    for index, unit in enumerate(unit_list):
        if not found[index] and whole_quotation(unit.text):
            add(index, "", speaker_before[index])


@rule("claims", "event-in-claim-content", source="PolNeAR dev and demo corpus", off=False, examples=[
    Example("Witnesses said soldiers shot two protesters in the square.", {"type": "ASSAULT", "sources": "Witnesses"},
            view="events"),
])
def _in_content(claim: Claim, at: int) -> bool:
    """An event in a claim's content (or in a claim without content) is what the claim's chain says."""
    return claim.content is None or claim.content.start <= at < claim.content.end


@rule("claims", "speech-act-reported", source="PolNeAR dev and demo corpus", off=(), examples=[
    Example("Hezbollah denied the attack on the base, according to Al-Manar.",
            {"type": "REJECT", "sources": "Al-Manar"}, view="events"),
])
def _reporters_of_act(claim: Claim) -> tuple[Source, ...]:
    """An event that is itself the act of speaking ("Hezbollah denied …") takes the chain of those who
    report the act: the claim's chain without its last source."""
    return claim.sources[:-1]


@rule("claims", "cue-event-is-the-act", source="gold-real dev", off=False, examples=[
    Example("On Wednesday, the senator called for more police patrols in the harbour.",
            {"type": "REQUEST", "sources": ""}, view="events"),
])
def _at_cue(claim: Claim, at: int) -> bool:
    """An event whose trigger is the claim's own cue ("called for more patrols") is the act of
    speaking, reported by those who report the claim, even when the claim has no content to test."""
    first = claim.cue.split()[0] if claim.cue.split() else ""
    return bool(first) and claim.text.startswith(first, at - claim.start)


@rule("claims", "act-of-speaking-first", source="own house-style probe (\"The Philippines accused China's coast guard "
      "of ramming …, a charge Beijing denied\")", off=(), examples=[
    Example("The Philippines accused China's coast guard of ramming a supply boat, a charge Beijing denied.",
            {"type": "ACCUSE", "sources": ""}, view="events"),
])
def own_acts(holding: list[Claim], at: int) -> list[Claim]:
    """An event that is a claim's own act of speaking ("accused", "denied") is reported by those who
    report that claim, though it stands inside another claim's content (the denial that quotes the
    charge, the charge around the denial): no speaker is the source of the claim it makes or denies.
    The claims whose act the event at ``at`` is."""
    return [c for c in holding if _at_cue(c, at)]


def attribute_events(parsed, events, *, claims) -> list[Event]:
    """An event takes the chain of the claim whose content holds it; an event that is itself the act
    of speaking takes the chain of those who report the act; none: the outlet's own voice."""
    out = []
    for event in events:
        at = event.trigger_start if event.trigger_start is not None else event.evidence.start
        sources: tuple[Source, ...] = ()
        holding = [c for c in claims if c.start <= at < c.end]
        acts = own_acts(holding, at)
        inside = [c for c in holding if _in_content(c, at) and not _at_cue(c, at)]
        if acts:  # the act of speaking itself, even where another's claim quotes or denies it
            sources = _reporters_of_act(acts[0])
        elif inside:
            sources = inside[0].sources
        elif holding:
            sources = _reporters_of_act(holding[0])
        out.append(replace(event, sources=sources))
    return out
