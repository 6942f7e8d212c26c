"""Provenance: attributed claims with their source chains, and the chain of each event.

Entry points: ``extract_claims(parsed, *, actors) -> list[Claim]`` and
``attribute_events(parsed, events, *, claims) -> list[Event]``.

A sentence is a claim when it carries a cue in one of the three parse shapes: a reporting verb
heading the content ("X reported that …"), a reporting verb hanging off it ("…, X said"), or
"according to X". The source phrase is typed (outlet, official, person, organization, anonymous,
document) and resolved against the sources the document named before it (our own coreference,
since no coreference model runs offline here): "the news outlet" / "the London-based Arabic
daily" / "the report" → the last outlet; "the source" → the last anonymous source; "he"/"she" →
the last person or official. A source that tells an outlet ("a source told the news outlet")
nests under that outlet. Chains are outermost first and never contain the publisher.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..resources.outlets import find_outlet, is_outlet_description
from ..types import Claim, Event, Source, Span

REPORTING_VERBS = {
    "say", "report", "tell", "add", "state", "claim", "confirm", "deny", "announce", "write", "quote", "cite",
    "note", "insist", "warn", "allege", "acknowledge", "explain", "declare", "assert", "accuse",
}
DOCUMENT_HEADS = {"statement", "report", "communique", "communiqué", "release", "letter", "document", "study",
                  "memo", "filing", "post", "video"}
OFFICIAL_WORDS = {"spokesman", "spokeswoman", "spokesperson", "minister", "governor", "president", "mayor",
                  "official", "officials", "commander", "general", "colonel", "ambassador", "chief", "secretary",
                  "envoy", "prime", "leader", "director", "head"}
ORGANIZATION_HEADS = {"ministry", "army", "military", "government", "police", "agency", "group", "forces",
                      "office", "council", "committee", "mission", "network", "movement", "party", "authorities",
                      "force", "department", "union", "unions", "organisation", "organization", "coalition",
                      "operator", "company", "court", "embassy", "parliament", "junta", "kremlin"}
ANONYMOUS = re.compile(r"^(a|an|one|two|three|several|some|local|other)\b.*\b(source|sources|official|officials|"
                       r"witness|witnesses|resident|residents|diplomat|diplomats|person|people|member|insider)s?\b|"
                       r"^(witnesses|residents|sources|diplomats|officials|critics|activists|medics|locals)\b", re.I)
PRONOUNS = {"he", "she", "they", "it"}
MAX_SOURCE_CHARS = 160


def _kind(text: str, span) -> str:
    low = text.lower()
    words = re.findall(r"[a-zé]+", low)
    if find_outlet(text) or is_outlet_description(text):
        return "outlet"
    if ANONYMOUS.search(text.strip()):
        return "anonymous"
    if words and words[-1] in DOCUMENT_HEADS:
        return "document"
    if any(w in OFFICIAL_WORDS for w in words):
        return "official"
    if words and words[-1] in ORGANIZATION_HEADS:
        return "organization"
    ents = [e for e in span.ents] if span is not None else []
    if any(e.label_ == "PERSON" for e in ents):
        return "person"
    if any(e.label_ in ("ORG", "NORP", "GPE") for e in ents):
        return "organization"
    return "person" if text[:1].isupper() else "organization"


def _name(text: str) -> str:
    outlet = find_outlet(text)
    if outlet:
        return outlet.name
    return text.strip().strip(",").strip()


class _Memory:
    """The sources a document has named so far, for resolving "the daily", "the source", "he"."""

    def __init__(self) -> None:
        self.last_outlet: tuple[Source, ...] | None = None
        self.last_anonymous: tuple[Source, ...] | None = None
        self.last_person: tuple[Source, ...] | None = None
        self.last_chain: tuple[Source, ...] | None = None

    def resolve(self, text: str, span) -> tuple[Source, ...] | None:
        low = text.lower().strip()
        if is_outlet_description(text) or low in ("the report", "the reports", "this report", "the newspaper"):
            return self.last_outlet
        if low in ("the source", "the sources", "the official", "the witness", "the resident") \
                or re.match(r"^the (same )?(security |military |local )?source", low):
            return self.last_anonymous
        if low in PRONOUNS:
            return self.last_person if low in ("he", "she") else self.last_chain
        return None

    def remember(self, chain: tuple[Source, ...]) -> None:
        if not chain:
            return
        kinds = [s.kind for s in chain]
        if kinds[-1] == "outlet":
            self.last_outlet = chain
        elif kinds[-1] == "anonymous":
            self.last_anonymous = chain
        elif kinds[-1] in ("official", "person"):
            self.last_person = chain
        if "outlet" in kinds:
            self.last_outlet = chain[: kinds.index("outlet") + 1]
        self.last_chain = chain


def _source_chain(span, memory: _Memory, *, told=None) -> tuple[Source, ...] | None:
    text = span.text.strip()
    if not text or len(text) > MAX_SOURCE_CHARS:
        return None
    resolved = memory.resolve(text, span)
    if resolved is not None:
        chain = resolved
    else:
        if text.lower() in PRONOUNS or text.lower() in ("the report", "the source"):
            return None
        kind = _kind(text, span)
        chain = (Source(_name(text), kind),)
    if told is not None:  # "a source told the news outlet": the source speaks through the outlet
        outer = memory.resolve(told.text, told) if is_outlet_description(told.text) else None
        if outer is None and find_outlet(told.text):
            outer = (Source(_name(told.text), "outlet"),)
        if outer:
            chain = outer + tuple(s for s in chain if s not in outer)
    return chain


def _subtree_span(token):
    return token.doc[token.left_edge.i: token.right_edge.i + 1]


def _cue_in(sent):
    """(cue, source span, told span) of the sentence's attribution, or None."""
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
            to = token.doc[token.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None:
                pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return "according to", _subtree_span(pobj), None
    for token in sent:
        if token.pos_ not in ("VERB", "AUX") and not token.tag_.startswith("VB"):
            continue
        lemma = token.lemma_.lower()
        if lemma not in REPORTING_VERBS:
            continue
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            continue
        has_content = any(c.dep_ in ("ccomp", "xcomp", "dobj", "parataxis") for c in token.children) \
            or token.dep_ in ("parataxis", "ccomp", "advcl") or token.head is not token
        if not has_content:
            continue
        told = None
        if lemma == "tell":
            told = next((c for c in token.children if c.dep_ in ("dobj", "dative")), None)
            told = _subtree_span(told) if told is not None else None
        return token.lower_, _subtree_span(subject), told  # the cue as written
    return None


def _direct_quote(text: str, start: int) -> Span | None:
    match = re.search(r"[“\"]([^”\"]{3,})[”\"]", text)
    if not match:
        return None
    return Span(match.group(1), start + match.start(1), start + match.end(1))


def extract_claims(parsed, *, actors) -> list[Claim]:
    memory = _Memory()
    claims: list[Claim] = []
    for sent in parsed.doc.sents:
        if len(sent) > 400:
            continue
        found = _cue_in(sent)
        if found is None:
            continue
        cue, source_span, told = found
        chain = _source_chain(source_span, memory, told=told)
        if not chain:
            continue
        memory.remember(chain)
        quote = _direct_quote(sent.text, sent.start_char)
        claims.append(Claim(text=sent.text, start=sent.start_char, end=sent.end_char, cue=cue,
                            direct=quote is not None, sources=chain, quote=quote))
    return claims


def attribute_events(parsed, events, *, claims) -> list[Event]:
    """Each event takes the chain of the claim whose sentence holds it; none: the outlet's own voice."""
    out = []
    for event in events:
        claim = next((c for c in claims if c.start <= event.evidence.start and event.evidence.end <= c.end), None)
        out.append(replace(event, sources=claim.sources) if claim is not None else event)
    return out
