"""Provenance: attribution relations, claims with their source chains, and the chain of each event.

Entry points: ``find_relations(parsed)``, ``extract_claims(parsed, *, actors) -> list[Claim]`` and
``attribute_events(parsed, events, *, claims) -> list[Event]``.

A relation is a cue (data/attribution-cues.tsv), its source and its content, read from the
dependency parse in one of these shapes: a cue verb with a subject ("X said that …", "…, X said",
"X has called for …"), a participle or conjunct that takes its subject from the verb it hangs off
("…, saying …"; "X says … and said …"), a passive with an agent ("endorsed by X"), "according to X",
"citing X", a possessed cue noun ("X's claim that …") and a speaker label ("PENCE: …"). A sentence
may hold several; one inside another's content nests: "Hezbollah denied …, according to Al-Manar"
gives the chain Al-Manar → Hezbollah.

Relations of the speech, cognition and evidence classes become claims. Their sources are typed
(outlet, official, person, organization, anonymous, document), named by the person or organisation
they mention ("WFP spokeswoman Leni Kinzli" → Leni Kinzli, official, office "WFP spokeswoman") and
resolved against what the document named before (our own coreference, since no coreference model
runs offline here): "the news outlet" / "the London-based Arabic daily" → the last outlet they
describe; "the report" → the last document or outlet; "the source" → the last anonymous source;
"the group" / "the UN agency" → the last organisation; "he"/"she" → the last single speaker;
"Syniehubov" → "Oleh Syniehubov" named earlier. A source that tells an outlet ("a source told the
news outlet") nests under that outlet. Chains are outermost first and never contain the publisher.
A denial ("X denied …", "X rejected the report") records the claim it disputes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..parse.model import doc_text
from ..resources.actors import alias_entry
from ..resources.cues import CLAIM_CLASSES, Cue, find_cue
from ..resources.outlets import Outlet, find_outlet, find_outlet_in, is_outlet_description
from ..types import Claim, Event, Source, Span

OFFICIAL_WORDS = {"spokesman", "spokeswoman", "spokesperson", "minister", "governor", "president", "mayor",
                  "official", "officials", "commander", "general", "colonel", "ambassador", "chief", "secretary",
                  "envoy", "prime", "leader", "director", "head", "senator", "sen.", "rep.", "gov.", "chairman",
                  "chairwoman", "lieutenant", "major", "captain", "sheriff", "prosecutor", "attorney", "judge",
                  "representative", "congressman", "congresswoman", "lawmaker", "deputy", "adviser", "advisor"}
ORGANIZATION_HEADS = {"ministry", "army", "military", "government", "police", "agency", "group", "forces",
                      "office", "council", "committee", "mission", "network", "movement", "party", "authorities",
                      "force", "department", "union", "unions", "organisation", "organization", "coalition",
                      "operator", "company", "court", "embassy", "parliament", "junta", "kremlin", "campaign",
                      "administration", "militia", "body", "commission", "alliance", "bureau", "service",
                      "programme", "program", "foundation", "institute", "board"}
DOCUMENT_HEADS = {"statement", "report", "communique", "communiqué", "release", "letter", "document", "study",
                  "memo", "filing", "post", "video", "poll", "survey", "transcript", "analysis", "assessment",
                  "audit", "review", "investigation", "tweet", "ad", "advertisement", "data", "figures",
                  "reports", "documents", "polls", "records", "emails", "cable"}
ANONYMOUS = re.compile(r"^(a|an|one|two|three|several|some|local|other|many|unnamed)\b.*\b(source|sources|official|"
                       r"officials|witness|witnesses|resident|residents|diplomat|diplomats|person|people|member|"
                       r"insider|coordinator|aide|aides|doctor|doctors|medic|medics)s?\b|"
                       r"^(witnesses|residents|sources|diplomats|officials|critics|activists|medics|locals|"
                       r"analysts|experts|aides|observers)\b", re.I)
ANAPHORIC_ORGANIZATIONS = {"group", "organisation", "organization", "agency", "movement", "militia", "network",
                           "body", "coalition", "alliance", "mission", "campaign", "company", "party", "charity"}
# Inner relations that continue a chain ("X said a source told him …"); other cues inside a claim's
# content ("Diplomats said France could ask …") are part of what is claimed, not a new speaker.
NESTING_LEMMAS = {"say", "tell", "report", "according to", "cite", "quote", "deny", "confirm", "announce", "claim",
                  "state", "add", "write", ":", "allege", "insist"}
MODALS = {"could", "would", "may", "might", "will", "should", "can", "must", "shall"}
DISPUTE_LEMMAS = {"deny", "reject", "dispute", "refute", "dismiss", "contest", "contradict"}
CLAIM_NOUNS = {"report", "reports", "claim", "claims", "allegation", "allegations", "accusation", "accusations",
               "statement", "account", "charge", "charges", "assertion", "story"}
SPEAKER_LABELS = {"note", "update", "updated", "editor", "editors", "photo", "photos", "read", "related", "watch",
                  "video", "listen", "correction", "warning", "breaking", "exclusive", "opinion", "analysis",
                  "transcript", "latest", "pictured", "by", "via", "subscribe", "advertisement", "share", "follow",
                  "source", "sources", "credit", "caption", "image", "more", "see", "also", "tags", "topics",
                  "contact", "email", "tel", "phone", "q", "a", "disclaimer", "clarification"}
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
QUOTES = "\"“”'‘’«»"
MAX_SOURCE_CHARS = 160
MAX_UNIT_TOKENS = 400


@dataclass(frozen=True)
class Relation:
    """One attribution as the text states it (character offsets into the document)."""

    cue: tuple[int, int]
    cue_text: str
    lemma: str
    cls: str  # speech | cognition | evidence | intent | stance
    source: object  # the spaCy Span of the source phrase
    content: tuple[int, int] | None
    unit: object  # the spaCy Span of the sentence (a paragraph break ends one)
    told: object = None  # "a source told the news outlet": the outlet's phrase
    cue_i: int = -1  # token index of the cue's head word
    parent_i: int | None = None  # "citing X": the cue whose source cites X

    @property
    def makes_claim(self) -> bool:
        return self.cls in CLAIM_CLASSES


# ---------------------------------------------------------------------------------------------
# Reading relations off the parse


def units(doc):
    """The document's sentences, cut again at paragraph breaks: the small model often runs a
    headline or dateline into the first sentence, and an attribution never spans paragraphs."""
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if token.is_space and "\n" in token.text:
                if token.i > start:
                    yield doc[start:token.i]
                start = token.i + 1
        if start < sent.end:
            yield doc[start:sent.end]


def _trim(doc, start: int, end: int):
    """Token range without edge spaces and punctuation other than quotation marks."""
    while start < end and (doc[start].is_space or (doc[start].is_punct and doc[start].text not in QUOTES)):
        start += 1
    while end > start and (doc[end - 1].is_space or (doc[end - 1].is_punct and doc[end - 1].text not in QUOTES)):
        end -= 1
    return (doc[start].idx, doc[end - 1].idx + len(doc[end - 1])) if end > start else None


def _in_unit(token, unit) -> bool:
    return unit.start <= token.i < unit.end


def _subtree(token, unit):
    left, right = max(token.left_edge.i, unit.start), min(token.right_edge.i + 1, unit.end)
    return token.doc[left:right]


def _cue_span(token) -> tuple[int, int]:
    """The cue as annotators mark it: auxiliaries, negation and adverbs right before the verb
    ("has also said"), particles and the preposition of "call for" / "point to" after it."""
    start, end = token.i, token.i + 1
    for child in sorted(token.lefts, key=lambda t: -t.i):
        if child.i == start - 1 and child.dep_ in ("aux", "auxpass", "neg", "advmod"):
            start = child.i
    for child in token.rights:
        if child.i == end and (child.dep_ == "prt" or (child.dep_ == "prep" and child.lower_ in ("for", "on", "to")
                                                          and token.lemma_ in ("call", "point"))
                               or (token.lemma_ == "put" and child.lower_ == "it")):
            end = child.i + 1
    doc = token.doc
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _followed_by_colon_or_quote(token) -> bool:
    doc = token.doc
    for nxt in doc[token.i + 1: token.i + 4]:
        if nxt.is_space or nxt.dep_ in ("advmod", "npadvmod") or nxt.text == ",":
            continue
        return nxt.text in (":", "“", '"', "«")
    return False


def _subject(token, unit):
    """The source of a cue verb: its subject, its passive agent, or (for "…, saying …" and
    "… and said …") the subject of the verb it hangs off; else the speakers stranded before a
    cue that ends the sentence."""
    found = _parsed_subject(token, unit)
    if found is None:
        found = _stranded_subject(token, unit)
    if found is None:
        found = _speaker_after_quotation(token, unit)
    return _without_marks(found) if found is not None else None


def _without_marks(span):
    """A source without the quotation marks the parser left at its edges, and without the end of a
    quotation it swallowed ("this quiet,” Okonkwo, a dock foreman" → "Okonkwo, a dock foreman")."""
    start, end = span.start, span.end
    closing = [t.i for t in span[:-1] if t.text in ("”", "’’", "''")]
    if closing:
        start = closing[-1] + 1
        while start < end and span.doc[start].text in (",", "—", "–"):
            start += 1
    while start < end and span.doc[start].is_punct and span.doc[start].text in QUOTES:
        start += 1
    while end > start and span.doc[end - 1].is_punct and span.doc[end - 1].text in QUOTES:
        end -= 1
    return span.doc[start:end] if end > start else span


def _speaker_after_quotation(token, unit):
    """"“…,” Flynn, a top Trump surrogate, said Thursday": the words between a closing quotation
    mark and the cue, when the parser hung them elsewhere."""
    doc = token.doc
    close = next((t for t in reversed(doc[unit.start: token.i]) if t.text in ("”", '"', "''")), None)
    if close is None or not any(e == close.idx + len(close) for _, e in _quoted(unit)):
        return None
    words = [t for t in doc[close.i + 1: token.i] if not (t.is_punct and t.text in ",—–")]
    if not words or len(words) > MAX_STRANDED_WORDS or words[0].pos_ not in ("PROPN", "DET", "PRON", "NOUN", "ADJ") \
            or not any(t.pos_ in ("PROPN", "PRON", "NOUN") for t in words):
        return None
    span = doc[words[0].i: words[-1].i + 1]
    return span if span.end == token.i or doc[span.end].text == "," else None


def _name_before(token, unit):
    """"… Obama and Clinton call them “lone wolves”": a speech verb the parser left without a
    subject, right after a person's name it hung elsewhere: that person speaks. (Only a person: in
    "the master of the Sea Lark reported", the ship does not.)"""
    doc = token.doc
    end = token.i
    while end > unit.start and doc[end - 1].dep_ in ("aux", "neg", "advmod") and doc[end - 1].head.i == token.i:
        end -= 1
    name = next((e for e in doc.ents if e.end == end and e.label_ == "PERSON"), None) \
        if end > unit.start and doc[end - 1].pos_ == "PROPN" else None
    return name if name is not None and name.start >= unit.start else None


def _stranded_subject(token, unit):
    """"…, killing 50 people, residents and a human rights group said.": the parser hung the
    speakers on the last clause's object; the words between the last comma and a cue that ends the
    sentence are them."""
    doc = token.doc
    if token.pos_ not in ("VERB", "AUX") or any(not t.is_punct for t in doc[token.i + 1: unit.end]):
        return None
    start = token.i - 1
    while start >= unit.start and doc[start].text != ",":
        start -= 1
    if start < unit.start or token.i - start - 1 < 1 or token.i - start - 1 > MAX_STRANDED_WORDS:
        return None
    span = doc[start + 1: token.i]
    if span[0].pos_ not in ("NOUN", "PROPN", "DET", "ADJ", "NUM", "PRON") or not any(
            t.pos_ in ("NOUN", "PROPN", "PRON") for t in span):
        return None
    return span


MAX_STRANDED_WORDS = 10
TOPIC_WORDS = {"about", "of", "on", "against", "out", "up"}


def _nearest_subject(node, unit):
    """The verb's subject; of two (the parser makes a fronted quotation one too: "“My reaction …,”
    the strategist said"), the one outside quotation marks and nearest the verb."""
    subjects = [c for c in node.children if c.dep_ in ("nsubj", "csubj") and _in_unit(c, unit)]
    if not subjects:
        return None
    if len(subjects) == 1 and subjects[0].i < node.i:
        return subjects[0]  # the common case: no quotation to read
    quoted = _quoted(unit)
    inside = [c for c in subjects if any(s <= c.idx < e for s, e in quoted)]
    # a title in quotation marks after the verb is no speaker ("said on “Fox and Friends”")
    subjects = [c for c in subjects if not (c in inside and c.i > node.i)]
    outside = [c for c in subjects if c not in inside] or subjects
    return min(outside, key=lambda c: abs(node.i - c.i)) if outside else None


TENSE_AUX = MODALS | {"had", "'d", "’d", "has", "have"}


def _reattached(token):
    """"X said he would order a review and warned …": the small model hangs the second cue on the
    reported clause, but a cue of the reporter's own tense beside a clause of another tense is the
    reporter's second act (without a subject of its own, the reporter says it). Returns the
    reporter's cue token, or None."""
    if token.dep_ != "conj" or token.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    clause = token.head
    if clause.dep_ != "ccomp" or clause.head.tag_ != token.tag_ or find_cue(clause.head.lemma_.lower()) is None:
        return None
    if find_cue(token.lemma_.lower()) is None:
        return None
    other_tense = clause.tag_ != token.tag_ or any(c.dep_ == "aux" and c.lower_ in TENSE_AUX
                                                    for c in clause.children)
    return clause.head if other_tense else None


def _parsed_subject(token, unit):
    node = token
    controlled = token.tag_ == "VBG"  # a gerund's speaker is the subject of the clause it hangs off
    for _ in range(4):
        children = list(node.children)
        subject = _nearest_subject(node, unit)
        if subject is not None:
            if subject.tag_ in ("WDT", "WP", "WP$") and node.dep_ == "relcl" and _in_unit(node.head, unit):
                return token.doc[subject.i: subject.i + 1]  # "Mr. Kamin, who said …": named by _antecedent
            if subject.lower_ in ("that", "which", "this", "there"):
                return None
            return _subtree(subject, unit)
        passive = next((c for c in children if c.dep_ == "nsubjpass" and _in_unit(c, unit)), None)
        if passive is not None:
            agent = next((c for c in children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if pobj is not None:
                return _subtree(pobj, unit)
            if node is not token and controlled and passive.pos_ in ("PRON", "PROPN", "NOUN"):
                return _subtree(passive, unit)  # "After saying …, she was whisked off": who said it
            return None
        if _reattached(node) is not None and _in_unit(node.head.head, unit):
            node = node.head.head  # the reporter's second act: its subject is the reporter
            continue
        if node.dep_ in ("advcl", "xcomp", "conj", "pcomp") and node.head is not node \
                and node.head.pos_ in ("VERB", "AUX") and _in_unit(node.head, unit):
            controlled = controlled and node.dep_ != "conj"
            node = node.head
            continue
        if node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head.pos_ in ("VERB", "AUX") \
                and _in_unit(node.head.head, unit):
            node = node.head.head  # "… before asking", "… by saying": the subject of the verb they modify
            continue
        return None
    return None


def _inverted_subject(token, unit):
    """"'…,' said Rep. Elijah E. Cummings": after a quotation or a comma, the speaker follows the
    cue, and the small model often takes the quotation for the subject and the speaker for an object."""
    doc = token.doc
    prev = next((t for t in reversed(doc[unit.start: token.i]) if not t.is_space), None)
    if prev is None or prev.text not in (",", "”", '"', "''", "’"):
        return None
    for child in token.rights:
        if child.dep_ in ("nsubj", "dobj", "attr", "npadvmod", "appos", "oprd") and _in_unit(child, unit) \
                and (child.pos_ == "PROPN" or child.ent_type_ in ("PERSON", "ORG")):
            return _subtree(child, unit)
    return None


def _closes_quotation(token) -> bool:
    """"… That’s ridiculous,’” the president added.": a cue that ends its sentence, its subject right
    after a closing quotation mark; the quotation is its complement, however the parser hung it."""
    doc = token.doc
    if any(not (t.is_punct or t.is_space) for t in doc[token.i + 1: token.sent.end]):
        return False
    subject = next((c for c in token.children if c.dep_ == "nsubj" and c.i < token.i), None)
    if subject is None:
        return False
    j = subject.left_edge.i - 1
    while j >= 0 and doc[j].text == ",":
        j -= 1
    return j >= 0 and doc[j].text[-1:] in "”\"'’"


def _quotes(token) -> bool:
    """Whether a quotation is the cue's complement: after it ("said: “…”") or before it, closing the
    sentence ("“…,” she added.")."""
    return _followed_by_colon_or_quote(token) or _closes_quotation(token)


def _has_complement(token, needs: str) -> bool:
    if needs == "any":
        return True
    deps = {c.dep_ for c in token.children}
    if "nsubjpass" in deps and "agent" in deps and needs != "colon":
        return True  # "first reported by The Washington Post", "endorsed by dozens of papers"
    quotation = _quotes(token)
    if needs == "colon":
        return quotation
    if token.lemma_.lower() in PROFORM_VERBS and any(c.dep_ in ("advmod", "neg") and c.lower_ in ("so", "not")
                                                      and c.i > token.i for c in token.children):
        return True  # "He doesn't think so", "I hope not": the clause is the one before
    clause = bool(deps & {"ccomp", "parataxis"}) or token.dep_ == "parataxis" or quotation
    if needs == "clause":
        return clause
    if needs == "object":
        return clause or bool(deps & {"dobj", "xcomp", "prep", "oprd", "attr", "dative", "acomp", "prt"})
    return True


# cognition verbs that take "so" or "not" for a clause ("I think so", "we hope not")
PROFORM_VERBS = {"think", "believe", "hope", "expect", "fear", "suppose", "guess", "imagine", "doubt"}
AS_PUT_IT = Cue("put it", "speech", "any", "verb")
FINDERS = {"judge", "judges", "court", "jury", "panel", "inquiry", "commission"}


def _says_something(token) -> bool:
    """"Spoke about the budget", "spoke out against", a clause or a quotation: speaking with content."""
    def topic(c) -> bool:
        return c.dep_ in ("prep", "prt") and c.lower_ in TOPIC_WORDS \
            and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children)  # "on Friday" is no topic
    return any(c.dep_ in ("ccomp", "parataxis") or topic(c) for c in token.children) \
        or _quotes(token)


def _idiom(token, lemma: str) -> bool:
    """Cue verbs that attribute nothing: "a program called EB-5" (a name), "it goes without
    saying", "let's say you …" (a supposition)."""
    head = token.head
    if lemma == "call" and token.dep_ == "acl" and token.tag_ == "VBN":
        return True
    if lemma == "say" and head.lower_ == "without" and head.head.lemma_ == "go":
        return True
    return lemma == "say" and head.lemma_ == "let" and head.i < token.i


def _as_put_it(token) -> bool:
    """"As Ms. Simonyan put it, …": the idiom attributes the sentence's main clause."""
    return any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children) \
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children)


def _finding(token, cue) -> bool:
    """"A 2014 study found 31 incidents", "a judge found the law unconstitutional": a study or a
    court finds an object, not only a clause (a person who "found the bodies" reports nothing)."""
    if cue.cls != "evidence" or not any(c.dep_ in ("dobj", "oprd") for c in token.children):
        return False
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    return subject is not None and (subject.lower_ in DOCUMENT_HEADS or subject.lower_ in FINDERS)


def _disputes_object(token) -> bool:
    """"X rejected the report", "X denied the allegations": a dispute of an earlier claim."""
    return token.lemma_ in DISPUTE_LEMMAS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in CLAIM_NOUNS for c in token.children)


def _content(token, unit, exclude):
    """The attributed content: the cue's complement, else the rest of the sentence outside the
    cue's own clause (``exclude``, a token range)."""
    doc = token.doc
    for dep in ("ccomp", "parataxis", "xcomp", "dobj", "oprd"):
        child = next((c for c in token.children if c.dep_ == dep and _in_unit(c, unit)), None)
        if child is not None:
            span = _subtree(child, unit)
            second = next((c for c in child.children if c.i > child.i and _reattached(c) is not None), None)
            if second is not None:  # the reporter's second act is not part of what he reported
                cc = next((c for c in child.children if c.dep_ == "cc" and child.i < c.i < second.i), second)
                span = doc[span.start: cc.i]
            return _trim(doc, span.start, span.end)
    before = _trim(doc, unit.start, exclude[0])
    after = _trim(doc, exclude[1], unit.end)
    if before and after:
        return before if before[1] - before[0] >= after[1] - after[0] else after
    return before or after


def _verb_cue(token):
    """(lemma, cue) of a verb token, or (its lemma, None): the small model lemmatises "hopes",
    "hoped" and "hoping" as "hop", so the word's own form is tried too."""
    lemma = token.lemma_.lower()
    cue = find_cue(lemma)
    for suffix in ("s", "d"):
        if cue is None and token.lower_.endswith(suffix) and find_cue(token.lower_[:-1]):
            lemma = token.lower_[:-1]
            cue = find_cue(lemma)
    if cue is None and token.lower_.endswith("ing") and find_cue(token.lower_[:-3] + "e"):
        lemma = token.lower_[:-3] + "e"
        cue = find_cue(lemma)
    return lemma, cue


def _verb_relations(unit):
    doc = unit.doc
    for token in unit:
        if token.pos_ not in ("VERB", "AUX") and not token.tag_.startswith("VB"):
            continue
        lemma, cue = _verb_cue(token)
        if cue is None and lemma == "put" and _as_put_it(token):
            lemma, cue = "put it", AS_PUT_IT
        if cue is None:
            continue
        if _idiom(token, lemma):
            continue
        if lemma in ("cite", "quote") and token.tag_ == "VBG":
            continue  # "citing X": read by _citing_relations, X is the source
        if not (_has_complement(token, cue.needs) or _disputes_object(token) or _finding(token, cue)):
            continue
        if lemma == "call" and not any(c.dep_ in ("oprd", "ccomp", "xcomp") or
                                       (c.dep_ == "prep" and c.lower_ in ("for", "on")) for c in token.children):
            continue  # "called the office" is not a cue; "called for", "called it a scandal" are
        if lemma in ("speak", "talk") and not _says_something(token):
            continue  # "spoke to reporters", "spoke for five minutes": speaking, but nothing is said
        source = _subject(token, unit)
        if source is None or (source.root.pos_ not in ("PROPN", "PRON")
                              and not any(e.label_ in ("PERSON", "ORG") for e in source.ents)):
            source = _inverted_subject(token, unit) or source
        if source is None and cue.cls == "speech":
            source = _name_before(token, unit)
        if source is None or not source.text.strip():
            continue
        told = None
        if lemma == "tell":
            listener = next((c for c in token.children if c.dep_ in ("dobj", "dative")), None)
            told = _subtree(listener, unit) if listener is not None else None
        clause = _subtree(token, unit)
        exclude = (min(clause.start, source.start), max(clause.end, source.end)) \
            if not any(c.dep_ in ("ccomp", "parataxis", "xcomp", "dobj") for c in token.children) \
            else (token.i, token.i + 1)
        cue_span = _cue_span(token)
        yield Relation(cue=cue_span, cue_text=doc_text(doc)[slice(*cue_span)], lemma=lemma,
                       cls=cue.cls, source=source, content=_content(token, unit, exclude), unit=unit,
                       told=told, cue_i=token.i)


def _according_relations(unit):
    doc = unit.doc
    for token in unit:
        if token.lower_ != "according" or token.i + 1 >= unit.end or doc[token.i + 1].lower_ != "to":
            continue
        to = doc[token.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None) \
            or next((c for c in token.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        source = _subtree(pobj, unit)
        phrase = (token.i, max(source.end, to.i + 1))
        yield Relation(cue=(token.idx, to.idx + len(to)), cue_text=doc_text(doc)[token.idx: to.idx + len(to)],
                       lemma="according to", cls="speech", source=source,
                       content=_content(token, unit, phrase), unit=unit, cue_i=token.i)


SPEAKING_HEADS = {"source", "sources", "official", "officials", "expert", "experts", "analyst", "analysts",
                  "witness", "witnesses", "people", "person", "spokesman", "spokeswoman", "spokesperson", "aide",
                  "aides", "insider", "insiders", "diplomat", "diplomats", "resident", "residents", "member",
                  "members", "estimate", "estimates", "figures", "numbers", "statistics"}


def _speaks(span) -> bool:
    """Whether a phrase names someone or something that can speak ("a source", "the Pentagon", "a
    report"), not a reason ("her work", "the strategic importance of …")."""
    root = span.root
    if root.pos_ in ("PROPN", "PRON") or root.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    low = root.lower_
    if low == "release" and any(c.dep_ == "prep" and c.lower_ == "of" for c in root.children):
        return False  # "the release of political prisoners" is an act, not a press release
    return low in SPEAKING_HEADS or low in DOCUMENT_HEADS or low in OFFICIAL_WORDS or low in ORGANIZATION_HEADS \
        or _names_outlet(span.text)


def _citing_relations(unit):
    """ "X reported, citing a source": the source speaks through X's report."""
    doc = unit.doc
    for token in unit:
        if token.lemma_ not in ("cite", "quote") or token.tag_ != "VBG":
            continue
        obj = next((c for c in token.children if c.dep_ == "dobj"), None)
        if obj is None:
            continue
        source = _subtree(obj, unit)
        head = token.head if token.head is not token else None
        if head is not None and head.dep_ == "ccomp" and head.head.pos_ == "VERB" and _in_unit(head.head, unit) \
                and find_cue(head.head.lemma_.lower()) is not None and head.i < token.i:
            head = head.head  # "Analysts said the factors have contributed …, citing X": the analysts cite
        if not _speaks(source):  # "…, citing her work": the one who cites gives a reason, not a source
            citer = _subject(head, unit) if head is not None and head.pos_ == "VERB" else _subject(token, unit)
            if citer is None:
                continue
            yield Relation(cue=(token.idx, token.idx + len(token)), cue_text=token.text, lemma=token.lemma_,
                           cls="speech", source=citer, content=_trim(doc, source.start, source.end), unit=unit,
                           cue_i=token.i)
            continue
        # what the source says is what the citer reports ("X reported that …, citing Y"), not the
        # cited name itself (the object of "citing")
        content = _content(head, unit, (token.i, source.end)) if head is not None else \
            _trim(doc, unit.start, token.i)
        yield Relation(cue=(token.idx, token.idx + len(token)), cue_text=token.text, lemma=token.lemma_,
                       cls="speech", source=source, content=content,
                       unit=unit, cue_i=token.i, parent_i=head.i if head is not None else None)


def _noun_relations(unit):
    doc = unit.doc
    for token in unit:
        if token.pos_ != "NOUN":
            continue
        cue = find_cue(token.lemma_.lower(), "noun")
        if cue is None:
            continue
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is not None:
            source = doc[max(owner.left_edge.i, unit.start): owner.i + 1]
        else:
            # "a New York Times report that …", "a Pentagon statement that …": a name before the noun
            names = [c for c in token.lefts if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"]
            if not names or cue.cls not in ("speech", "evidence") or not _that_clause(token):
                continue
            source = doc[max(names[0].left_edge.i, unit.start): names[-1].i + 1]
        complement = next((c for c in token.children if c.dep_ in ("acl", "ccomp", "relcl")), None)
        if complement is None:
            continue  # "her statement", "his proposals": a mention of what was said, not the saying
        clause = _subtree(complement, unit)
        content = _trim(doc, clause.start, clause.end)
        yield Relation(cue=(token.idx, token.idx + len(token)), cue_text=token.text, lemma=token.lemma_.lower(),
                       cls=cue.cls, source=source, content=content, unit=unit, cue_i=token.i)


def _that_clause(noun) -> bool:
    """"a report that Trump lost …" states content; "a report released last year" does not."""
    return any(c.dep_ == "ccomp" or (c.dep_ in ("acl", "relcl") and any(
        g.dep_ == "mark" and g.lower_ == "that" for g in c.children)) for c in noun.children)


def _mistagged_verb_relation(unit):
    """ "Trump Charges That …", "Sanders Vows To …", "Federal court rules against …": a headline or
    short sentence whose cue verb the small model tags as a plural noun after a capitalised name."""
    doc = unit.doc
    for token in unit:
        if token.pos_ != "NOUN" or token.dep_ != "ROOT" or not token.lower_.endswith("s") or token.i == unit.start:
            continue
        lemma = next((w for w in (token.lower_[:-1], token.lower_[:-2]) if find_cue(w)), None)
        if lemma is None or token.i + 1 >= unit.end:
            continue
        before = [t for t in doc[unit.start: token.i] if not t.is_space]
        if not before or len(before) > 5 or not all(t.text[:1].isupper() or t.is_punct for t in before):
            continue
        cue = find_cue(lemma)
        source = doc[before[0].i: before[-1].i + 1]
        return Relation(cue=(token.idx, token.idx + len(token)), cue_text=token.text, lemma=lemma, cls=cue.cls,
                        source=source, content=_trim(doc, token.i + 1, unit.end), unit=unit, cue_i=token.i)
    return None


def _headline_relation(unit):
    """A headline states what its actor says, thinks or does in the present tense, without a
    complement ("Obama Sees 'Personal Insult' if …", "Hillary Clinton Speaks 'Directly To White
    People'", "Bill Clinton calls Obamacare 'crazy system'"): a cue verb at the root of the
    document's first line, with a named subject, is a relation whatever its complement."""
    doc = unit.doc
    if any(not t.is_space for t in doc[:unit.start]) or any("\n" in t.text for t in unit):
        return None
    root = unit.root
    if not root.tag_.startswith("VB") or root.tag_ in ("VBD", "VBN"):
        return None
    lemma, cue = _verb_cue(root)
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if cue is None or subject is None:
        return None
    source = _subtree(subject, unit)
    if not any(t.pos_ == "PROPN" for t in source):
        return None
    cue_span = _cue_span(root)
    return Relation(cue=cue_span, cue_text=doc_text(doc)[slice(*cue_span)], lemma=lemma,
                    cls=cue.cls, source=source, content=_trim(doc, root.i + 1, unit.end), unit=unit,
                    cue_i=root.i)


def _speaker_relation(unit):
    """ "PENCE: Well, …", headline shapes such as "Medics: RSF shelling kills 21", and a quotation
    signed with a dash ("… ” ― Jane Doe")."""
    doc = unit.doc
    tokens = [t for t in unit if not t.is_space]
    for k, token in enumerate(tokens):
        # the tokenizer keeps a closing quote and a dash written together ("…”― Jane Doe") as one token
        signed = token.text in ("―", "—") and (k == 0 or tokens[k - 1].text in QUOTES) \
            or (len(token.text) == 2 and token.text[0] in QUOTES and token.text[1] in "―—")
        after = tokens[k + 1:]
        if signed and not after:  # the parser ended the sentence at the dash: the name opens the next one
            for t in doc[unit.end: unit.end + 5]:
                if t.is_space or not (t.text[:1].isupper() or t.is_punct):
                    break
                after.append(t)
        if signed and 1 <= len(after) <= 4 and all(t.text[:1].isupper() or t.is_punct for t in after):
            name = [t for t in after if not t.is_punct]
            if not name:
                break
            source = doc[name[0].i: name[-1].i + 1]
            content = _trim(doc, unit.start, token.i)
            dash = token.idx + len(token.text) - 1
            return Relation(cue=(dash, dash + 1), cue_text=token.text[-1], lemma=":", cls="speech",
                            source=source, content=content, unit=unit, cue_i=token.i)
    first = 1 if tokens and tokens[0].text in QUOTES else 0
    for j in range(first + 1, min(first + 5, len(tokens))):
        if tokens[j].text != ":":
            continue
        head = tokens[first:j]
        if head[0].lower_ in SPEAKER_LABELS or any(t.like_num for t in head) \
                or (len(head) == 2 and head[0].lower_ == "the" and head[1].lower_ in SPEAKER_LABELS) \
                or not all(t.text[:1].isupper() or t.text in ("'s", "’s", ".", "-") for t in head):
            return None
        cue = tokens[j]
        if head[0].lower_ in ("said", "says", "asked", "added", "wrote") and len(head) > 1:
            cue, head = head[0], head[1:]  # "Said Ellis: “…”": the verb is the cue, the name the speaker
        source = doc[head[0].i: head[-1].i + 1]
        end = next((t.i for t in doc[tokens[j].i + 1:] if t.is_space and "\n" in t.text), len(doc))
        content = _trim(doc, tokens[j].i + 1, end)  # the speaker's turn runs to the paragraph's end
        return Relation(cue=(cue.idx, cue.idx + len(cue)), cue_text=cue.text, lemma=":", cls="speech",
                        source=source, content=content, unit=unit, cue_i=cue.i)
    return None


def _quoted(unit) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks. A straight quote opens when it follows a space or
    the start and precedes a word, else it closes; a unit that begins inside a quotation (the
    quotation opened in an earlier sentence) is quoted up to its first closing mark."""
    text, base = unit.text, unit.start_char
    out: list[tuple[int, int]] = []
    opened: int | None = None
    first = True
    for i, char in enumerate(text):
        if char not in "“”\"":
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        opening = char == "“" or (char == '"' and (before.isspace() or before in "([—–-") and not after.isspace())
        if opening and opened is None:
            opened = i
        elif not opening:
            if opened is not None:
                out.append((base + opened, base + i + 1))
            elif first:
                out.append((base, base + i + 1))
            opened = None
        first = False
    return out


SPEAKERS_IN_QUOTES = {"i", "you", "we", "me", "us", "anybody", "anyone", "everybody", "everyone", "nobody"}


def relations_in(unit) -> list[Relation]:
    """The unit's relations, without those a quoted speaker makes inside the quotation ("… I think
    …", "If he thinks …"): the quotation is the content of its speaker's relation, not a new one."""
    if len(unit) > MAX_UNIT_TOKENS:
        return []
    quoted = _quoted(unit)
    found = [r for r in (*_according_relations(unit), *_citing_relations(unit), *_verb_relations(unit),
                         *_noun_relations(unit))
             if r.source.text.strip().lower() not in SPEAKERS_IN_QUOTES
             and not any(s < r.cue[0] < e for s, e in quoted)]
    for extra in (_speaker_relation(unit), _mistagged_verb_relation(unit), _headline_relation(unit)):
        if extra is not None and not any(r.cue_i == extra.cue_i for r in found):
            found.append(extra)
    # A cue inside a speaker's content that does not continue the chain is part of what is said
    # ("Diplomats said France could ask …", "… what he called a breach"), not a relation of its own.
    kept = [r for r in found if _nests(r) or r.lemma == "according to" or not any(_holds(o, r) for o in found)]
    return sorted(kept, key=lambda r: r.cue)


def find_relations(parsed) -> list[Relation]:
    """Every attribution relation in the document, in reading order."""
    return [r for unit in units(parsed.doc) for r in relations_in(unit)]


def relation_spans(parsed):
    """(cue, source, content, class) character spans of each relation, for span-level scoring."""
    return [(r.cue, (r.source.start_char, r.source.end_char), r.content, r.cls) for r in find_relations(parsed)]


# ---------------------------------------------------------------------------------------------
# Naming and typing sources


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip().strip(",;:").strip()
    text = re.sub(r"(’s|'s)$", "", text).strip()
    return text.strip(QUOTES).strip()


def _core(span):
    """The source phrase without relative clauses and appositions ("a resident who fled …")."""
    doc = span.doc
    cut = span.end
    for token in span:
        if token.dep_ in ("relcl", "appos", "acl") and token.head.i >= span.start:
            cut = min(cut, token.left_edge.i)
    while cut > span.start and (doc[cut - 1].is_punct or doc[cut - 1].is_space):
        cut -= 1
    return doc[span.start: cut] if cut > span.start else span


def describe(span) -> Source:
    """Type and name a source phrase that does not refer back to an earlier one."""
    core = _core(span)
    text = _clean(core.text)
    outlet = find_outlet(text) or find_outlet_in(text)
    if outlet is not None:
        return Source(outlet.name, "outlet")
    words = re.findall(r"[a-zé.]+", text.lower())
    root = core.root
    bare_plural = root.tag_ == "NNS" and not any(c.dep_ in ("det", "poss", "nummod") for c in root.children) \
        and not any(t.pos_ == "PROPN" for t in core)
    if ANONYMOUS.search(text) or bare_plural:
        if root.tag_ == "NN" and root.lower_ in OFFICIAL_WORDS:
            return Source(text, "official")  # "a State Department official": unnamed, but an office
        if root.tag_ == "NN" and root.lower_ in ORGANIZATION_HEADS | {"association"}:
            return Source(text, "organization")
        return Source(text, "anonymous")  # "a source close to the ministry", "aid groups", "witnesses"
    known = alias_entry(text)
    if known is not None and known.kind in ("group", "organization", "country"):
        return Source(_clean(re.sub(r"^the\s+", "", text, flags=re.I)), "organization")  # "Houthis", "the Kremlin"
    persons = [e for e in core.ents if e.label_ == "PERSON" and not _possessor(e)] \
        or [e for e in span.ents if e.label_ == "PERSON" and not _possessor(e)]
    titled = _name_after_title(core) or _name_after_title(span)
    if persons or titled:
        start, name = (persons[-1].start, _clean(persons[-1].text)) if persons else titled
        before = _clean(span.doc[span.start: start].text.split(",")[-1])
        if any(w in OFFICIAL_WORDS for w in re.findall(r"[a-z.]+", before.lower())):
            return Source(name, "official", re.sub(r"^(the|a|an)\s+", "", before, flags=re.I) or None)
        return Source(name, "person")
    if words and words[-1] in DOCUMENT_HEADS:
        return Source(text, "document")
    if any(w in OFFICIAL_WORDS for w in words):
        return Source(text, "official")
    orgs = [e for e in core.ents if e.label_ == "ORG"]
    if orgs:
        org = orgs[-1]
        rest = [t for t in core if not (org.start <= t.i < org.end) and t.lower_ not in ("the", "'s", "’s")]
        if not rest or (len(rest) == 1 and rest[0].i == core.end - 1 and rest[0].lower_ in ("rebels", "militia",
                                                                                             "fighters", "group")):
            return Source(_clean(re.sub(r"^the\s+", "", org.text, flags=re.I)), "organization")
    if words and words[-1] in ORGANIZATION_HEADS:
        return Source(text, "organization")
    if any(e.label_ in ("ORG", "NORP", "GPE") for e in core.ents):
        return Source(text, "organization")
    head = core.root
    return Source(text, "person" if head.pos_ == "PROPN" else "organization")


def _possessor(ent) -> bool:
    """ "Mali's transitional government": Mali names the owner, not the speaker."""
    doc = ent.doc
    return ent.end < len(doc) and doc[ent.end].lower_ in ("'s", "’s", "'")


def _name_after_title(span) -> tuple[int, str] | None:
    """ "army spokesman Colonel Guillaume Ndjike" → Guillaume Ndjike: the capitalised words after the
    last title word, when the model found no person."""
    tokens = list(span)
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i].lower_ in OFFICIAL_WORDS:
            name = tokens[i + 1:]
            if 1 <= len(name) <= 4 and all(t.text[:1].isupper() for t in name):
                return name[0].i, _clean(" ".join(t.text for t in name))
            return None
    return None


def _describes_outlet(text: str, outlet: Outlet) -> bool:
    """ "the London-based Arabic daily" describes Asharq al-Awsat; "the UN agency" is not Reuters."""
    generic = {"the", "this", "news", "state", "official", "private", "local", "media", "same", "outlet"}
    words = set(re.findall(r"[a-z-]+", text.lower())) - generic
    known = set(" ".join(outlet.descriptors).lower().split()) | set(outlet.name.lower().split())
    return words <= known


class _Memory:
    """What the document has named so far, for resolving "the daily", "the source", "he", "Kanyuka"."""

    def __init__(self, doc) -> None:
        self.outlets: list[tuple[Source, ...]] = []
        self.last_anonymous: tuple[Source, ...] | None = None
        self.last_speaker: tuple[Source, ...] | None = None
        self.last_document: tuple[Source, ...] | None = None
        self.last_organization: tuple[Source, ...] | None = None
        self.last_chain: tuple[Source, ...] | None = None
        self.people: dict[str, Source] = {}
        self.doc = doc

    def _person_by_surname(self, text: str, before: int) -> Source | None:
        if not re.fullmatch(r"[A-Z][\w'’.-]+( [A-Z][\w'’.-]+)?", text):
            return None
        for name, source in reversed(self.people.items()):
            if name != text and name.endswith(" " + text):
                return source
        for ent in self.doc.ents:  # named earlier outside any claim ("regional governor Oleh Syniehubov")
            if ent.end_char > before:
                break
            if ent.label_ == "PERSON" and ent.text != text and ent.text.endswith(" " + text):
                window = self.doc[max(ent.start - 4, 0): ent.start].text.lower()
                official = any(w in OFFICIAL_WORDS for w in re.findall(r"[a-z.]+", window))
                return Source(_clean(ent.text), "official" if official else "person")
        return None

    def with_office(self, source: Source, before: int) -> Source:
        """A person named with an office earlier ("the EU's foreign policy chief Kaja Kallas") is
        an official when named again without it."""
        if source.kind != "person":
            return source
        for ent in self.doc.ents:
            if ent.end_char > before:
                break
            if ent.label_ == "PERSON" and _clean(ent.text) == source.name:
                window = self.doc[max(ent.start - 4, 0): ent.start].text
                if any(w in OFFICIAL_WORDS for w in re.findall(r"[a-z.]+", window.lower())):
                    return Source(source.name, "official", _clean(window.split(",")[-1]) or None)
        return source

    def _organization_before(self, before: int) -> tuple[Source, ...] | None:
        if self.last_organization is not None:
            return self.last_organization
        orgs = [e for e in self.doc.ents if e.label_ == "ORG" and e.end_char <= before]
        return (Source(_clean(re.sub(r"^the\s+", "", orgs[-1].text, flags=re.I)), "organization"),) if orgs else None

    def resolve(self, span) -> tuple[Source, ...] | None:
        text = _clean(_core(span).text)
        low = text.lower()
        words = low.split()
        if low.startswith(("the ", "this ")) and words[-1] in ("report", "reports", "statement", "document",
                                                                "letter", "communique", "communiqué", "study"):
            return self.last_document or (self.outlets[-1] if self.outlets else None)
        if find_outlet(text) or find_outlet_in(text):
            return None  # "the Xinhua news agency" names its outlet; it does not point back
        if is_outlet_description(text) or low in ("the newspaper", "the paper"):
            for chain in reversed(self.outlets):
                outlet = find_outlet(chain[-1].name)
                if outlet is None or _describes_outlet(low, outlet):
                    return chain
            if words[-1] not in ("agency", "network"):
                return self.outlets[-1] if self.outlets else None
        if re.match(r"^the (same |security |military |local |senior |)(source|sources|official|officials|witness|"
                    r"resident|diplomat|coordinator|insider)$", low):
            return self.last_anonymous or self.last_speaker
        if low.startswith("the ") and words[-1] in ANAPHORIC_ORGANIZATIONS and (
                len(words) == 2 or (len(words) == 3 and any(t.ent_type_ for t in span[1:-1]))):
            return self._organization_before(span.start_char)  # "the group", "the UN agency"
        if low in ("he", "she", "i"):
            return self.last_speaker
        if low in ("they", "it", "we"):
            return self.last_chain if low != "they" else (self.last_anonymous or self.last_chain)
        person = self._person_by_surname(text, span.start_char)
        return (person,) if person is not None else None

    def remember(self, chain: tuple[Source, ...]) -> None:
        if not chain:
            return
        last = chain[-1]
        for i, source in enumerate(chain):
            if source.kind == "outlet":
                self.outlets.append(chain[: i + 1])
        if last.kind == "anonymous":
            self.last_anonymous = chain
            if re.match(r"^(a|an|one)\b", last.name, re.I):
                self.last_speaker = chain
        elif last.kind in ("official", "person"):
            self.last_speaker = chain
            self.people[last.name] = last
        elif last.kind == "document":
            self.last_document = chain
        elif last.kind == "organization":
            self.last_organization = chain
        self.last_chain = chain


def _antecedent(span):
    """ "Mr. Kamin, who emphasized …", "a letter … that says …": the noun phrase the relative
    pronoun stands for (its clause's head), without the clause."""
    if len(span) != 1 or span[0].tag_ not in ("WDT", "WP", "WP$"):
        return span
    clause = span[0].head
    if clause.dep_ != "relcl":
        return span
    head = clause.head
    return span.doc[head.left_edge.i: head.i + 1]


def _own_chain(relation: Relation, memory: _Memory) -> tuple[Source, ...] | None:
    span = _antecedent(relation.source)
    text = _clean(span.text)
    if not text or len(text) > MAX_SOURCE_CHARS:
        return None
    chain = memory.resolve(span)
    if chain is None:
        if text.lower() in PRONOUNS or text.lower() in ("the report", "the source", "the group"):
            return None
        chain = (memory.with_office(describe(span), span.start_char),)
    told = relation.told
    if told is not None:  # "a source told the news outlet": the source speaks through the outlet
        outer = memory.resolve(told) if is_outlet_description(told.text) else None
        if outer is None and (find_outlet(_clean(told.text)) or find_outlet_in(_clean(told.text))):
            outer = (describe(told),)
        if outer:
            chain = outer + tuple(s for s in chain if s not in outer)
    return chain


# ---------------------------------------------------------------------------------------------
# Claims and events


def _direct_quote(text: str, start: int) -> Span | None:
    match = re.search(r"[“\"]([^”\"]{3,})[”\"]", text)
    if not match:
        return None
    return Span(match.group(1), start + match.start(1), start + match.end(1))


@lru_cache(maxsize=4096)
def _names_outlet(text: str) -> bool:
    return bool(find_outlet(_clean(text)) or find_outlet_in(text))


def _parenthetical(relation: Relation) -> bool:
    """", the British military's UKMTO agency said, after …": a reporter set off by commas speaks for
    the clause before it and is said inside no other relation of the sentence."""
    if relation.cue_i < 0 or relation.source is None or relation.lemma == "according to":
        return False
    doc = relation.unit.doc
    cue = doc[relation.cue_i]
    return (cue.dep_ == "parataxis" and relation.source.end == cue.i and relation.source.start > 0
            and doc[relation.source.start - 1].text == "," and cue.i + 1 < len(doc) and doc[cue.i + 1].text == ",")


def _holds(outer: Relation, inner: Relation) -> bool:
    """Whether ``inner`` is said inside ``outer`` (its chain continues ``outer``'s)."""
    if outer is inner or not outer.content or inner.parent_i == outer.cue_i or _parenthetical(inner):
        return False
    if not (_nests(outer) or outer.lemma == "according to"):
        return False  # only a speaker holds a speaker ("Diplomats said France could ask …" holds "ask")
    if (inner.lemma == "according to") != (outer.lemma == "according to"):
        return outer.lemma == "according to"  # "according to X" attributes the whole sentence
    outlets = [_names_outlet(r.source.text) for r in (outer, inner)]
    if outlets[0] != outlets[1] and _nests(inner):
        return outlets[0]  # "X said …, Al-Masirah reported": the outlet carries the speaker
    if not (outer.content[0] <= inner.cue[0] < outer.content[1]):
        return False
    mutual = inner.content and inner.content[0] <= outer.cue[0] < inner.content[1]
    if not mutual:
        return True
    doc = outer.unit.doc
    if outer.cue_i >= 0 and inner.cue_i >= 0:
        if doc[outer.cue_i].is_ancestor(doc[inner.cue_i]):
            return True
        if doc[inner.cue_i].is_ancestor(doc[outer.cue_i]):
            return False
    return outer.cue[0] > inner.cue[0]  # "X said …, Y reported": the trailing reporter is outer


def _parent(relation: Relation, among: list[Relation]) -> Relation | None:
    """The relation this one speaks inside: the reporter of "citing X", else the relation with the
    smallest content that holds this one's cue."""
    if relation.parent_i is not None:
        direct = next((r for r in among if r.cue_i == relation.parent_i), None)
        if direct is not None:
            return direct
    holders = [r for r in among if _holds(r, relation)]
    return min(holders, key=lambda r: r.content[1] - r.content[0]) if holders else None


def _nests(relation: Relation) -> bool:
    """Whether a relation inside another's content continues the chain (else it is content)."""
    if relation.lemma not in NESTING_LEMMAS or relation.cue_i < 0:
        return False
    token = relation.unit.doc[relation.cue_i]
    return not any(c.dep_ == "aux" and c.lower_ in MODALS for c in token.children)


def extract_claims(parsed, *, actors=()) -> list[Claim]:
    memory = _Memory(parsed.doc)
    text = doc_text(parsed.doc)
    claims: list[Claim] = []
    for unit in units(parsed.doc):
        relations = [r for r in relations_in(unit) if r.makes_claim]
        if not relations:
            continue
        chains: dict[int, tuple[Source, ...] | None] = {}
        parent_of = {id(r): _parent(r, relations) for r in relations}

        def chain_of(relation: Relation, depth: int = 0) -> tuple[Source, ...] | None:
            key = id(relation)
            if key not in chains:
                own = _own_chain(relation, memory)
                parent = parent_of[key] if depth < 4 else None
                outer = chain_of(parent, depth + 1) if parent is not None else None
                if own is not None and outer:
                    own = outer + tuple(s for s in own if s not in outer)
                chains[key] = own if own is not None else outer
            return chains[key]

        parents = {id(p) for p in parent_of.values() if p is not None}
        for relation in relations:
            if id(relation) in parents:
                continue  # its chain continues in the relation it holds
            chain = chain_of(relation)
            if not chain:
                continue
            memory.remember(chain)
            words = [t for t in unit if not t.is_space]
            sentence = (words[0].idx, words[-1].idx + len(words[-1]))
            content = Span(text[slice(*relation.content)], *relation.content) if relation.content else None
            quote = _direct_quote(unit.text, unit.start_char)
            claims.append(Claim(text=text[slice(*sentence)], start=sentence[0], end=sentence[1],
                                cue=relation.cue_text, direct=quote is not None, sources=chain, quote=quote,
                                content=content, disputes=_disputed(relation, chain, claims)))
    return claims


def _disputed(relation: Relation, chain, earlier: list[Claim]) -> int | None:
    """A denial records the latest earlier claim from another source."""
    if relation.lemma not in DISPUTE_LEMMAS:
        return None
    for index in range(len(earlier) - 1, -1, -1):
        if earlier[index].sources[-1] != chain[-1]:
            return index
    return None


def attribute_events(parsed, events, *, claims) -> list[Event]:
    """An event takes the chain of the claim whose content holds it; an event that is itself the act
    of speaking ("Hezbollah denied …") takes the chain of those who report the act; none: the
    outlet's own voice."""
    out = []
    for event in events:
        at = event.trigger_start if event.trigger_start is not None else event.evidence.start
        sources: tuple[Source, ...] = ()
        holding = [c for c in claims if c.start <= at < c.end]
        inside = [c for c in holding if c.content is None or c.content.start <= at < c.content.end]
        if inside:
            sources = inside[0].sources
        elif holding:
            sources = holding[0].sources[:-1]
        out.append(replace(event, sources=sources))
    return out
