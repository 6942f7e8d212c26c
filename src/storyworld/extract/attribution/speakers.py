"""Who speaks: the source phrase of a cue verb.

Mostly the verb's subject, or its passive agent ("endorsed by X"); a participle or conjunct takes the
subject of the verb it hangs off ("…, saying …"; "X says … and said …"). Where the small model hangs
the speaker elsewhere, the phrase is read off the surface: speakers stranded before a cue that ends
the sentence ("…, residents and a human rights group said"), the name after a closing quotation mark
("“…,” Flynn, a top Trump surrogate, said"), the name right before a subjectless speech verb, and
the speaker after an inverted cue ("'…,' said Rep. Elijah E. Cummings").
"""

from __future__ import annotations

from ...resources.cues import find_cue
from ...resources.tables import word_set
from ...rules import IDENTITY, rule
from .units import QUOTES, in_unit, quoted_ranges, subtree

MAX_STRANDED_WORDS = 10
SUBJECTS = ("nsubj", "csubj")
WH_PRONOUNS = ("WDT", "WP", "WP$")
FINITE = ("VBD", "VBZ", "VBP")
CONTROLLED = ("advcl", "xcomp", "conj", "pcomp")  # clauses that take their subject from the verb above
CLOSING_QUOTES = ("”", '"', "''")
INVERTED = ("nsubj", "dobj", "attr", "npadvmod", "appos", "oprd")  # where the parser puts an inverted speaker


def tense_aux() -> frozenset[str]:
    """Auxiliaries that put a clause in another tense than the verb reporting it ("said he would")."""
    return word_set("claims.modals") | word_set("claims.perfect_aux")


@rule("claims", "subject-outside-quotation", source="PolNeAR dev", off=IDENTITY, examples=[
    ("“We were never asked. There's a real gap between this Town Hall and frankly the mayor and our military,” "
     "Flores, a top Lopez surrogate, said this morning on Harbour TV’s “Fox and Neighbours.”",
     {"cue": "said", "source": "Flores"}),
])
def _speaking_subjects(subjects: list, node, unit) -> list:
    """Of two subjects (the parser makes a fronted quotation one too: "“My reaction …,” the strategist
    said"), those outside quotation marks; a title in quotation marks after the verb is no speaker
    ("said on “Fox and Friends”")."""
    quoted = quoted_ranges(unit)
    inside = [c for c in subjects if any(s <= c.idx < e for s, e in quoted)]
    subjects = [c for c in subjects if not (c in inside and c.i > node.i)]
    return [c for c in subjects if c not in inside] or subjects


def _nearest_subject(node, unit):
    """The verb's subject; of two, the speaking one nearest the verb."""
    subjects = [c for c in node.children if c.dep_ in SUBJECTS and in_unit(c, unit)]
    if not subjects:
        return None
    if len(subjects) == 1 and subjects[0].i < node.i:
        return subjects[0]  # the common case: no quotation to read
    outside = _speaking_subjects(_not_after_a_mark(subjects, node), node, unit)
    return min(outside, key=lambda c: abs(node.i - c.i)) if outside else None


@rule("claims", "subject-of-a-stray-clause", source="gold-incidents dev2 (\"an official who was not authorized to "
      "discuss the case before a scheduled news conference told The AP\")", off=IDENTITY, examples=[
    ("Police arrested a woman on Friday, a law enforcement official who was not authorized to discuss the case "
     "before a scheduled news conference told The Associated Press.",
     {"cue": "told", "sources": "Associated Press > a law enforcement official"}),
])
def _not_after_a_mark(subjects: list, node) -> list:
    """Of two subjects, not one that a conjunction of the verb opens ("… before a scheduled news
    conference told AP": the small model makes "before a … conference" a clause of "told", and the
    conference its second subject)."""
    if len(subjects) < 2:
        return subjects
    marks = {c.i for c in node.children if c.dep_ == "mark"}
    kept = [c for c in subjects if c.left_edge.i - 1 not in marks]
    return kept or subjects


@rule("claims", "reporter-second-act", source="PolNeAR dev", off=None, examples=[
    ("The minister said the talks had failed and warned that the border would close.",
     {"cue": "warned", "source": "The minister"}),
    ("The minister said the army would withdraw and announced new sanctions.",
     {"cue": "announced", "sources": "The minister"}),
])
def reattached(token):
    """"X said he would order a review and warned …": the small model hangs the second cue on the
    reported clause, but a cue of the reporter's own tense beside a clause of another tense is the
    reporter's second act (without a subject of its own, the reporter says it). Returns the
    reporter's cue token, or None."""
    if token.dep_ != "conj" or token.tag_ not in FINITE:
        return None
    clause = token.head
    if clause.dep_ != "ccomp" or clause.head.tag_ != token.tag_ or find_cue(clause.head.lemma_.lower()) is None:
        return None
    if find_cue(token.lemma_.lower()) is None:
        return None
    other_tense = clause.tag_ != token.tag_ or any(c.dep_ == "aux" and c.lower_ in tense_aux()
                                                    for c in clause.children)
    return clause.head if other_tense else None


@rule("claims", "relative-pronoun-subject", source="PolNeAR dev", off=False, examples=[
    ("The ministry released a letter that says the port will close.", {"cue": "says", "kind": "document"}),
])
def _relative_pronoun(subject, node, unit) -> bool:
    """"Mr. Kamin, who said …", "a letter that says …": the pronoun stands for its antecedent, which
    names the source (``chains.antecedent``)."""
    return subject.tag_ in WH_PRONOUNS and node.dep_ == "relcl" and in_unit(node.head, unit)


@rule("claims", "non-speaker-subject", source="PolNeAR dev and demo corpus", off=False, examples=[
    ("This shows that the port is closed.", {"not": {"source": "This"}}),
])
def _no_speaker(subject) -> bool:
    """"that shows …", "there are reports": a subject that is no speaker gives no source."""
    return subject.lower_ in word_set("claims.non_speaker_subjects")


@rule("claims", "passive-agent", source="PolNeAR dev and demo corpus", off=None, examples=[
    ("The strike was confirmed by the ministry.", {"cue": "was confirmed", "source": "the ministry"}),
])
def _agent(children: list, unit):
    """"endorsed by X", "first reported by The Washington Post": the passive's agent speaks."""
    agent = next((c for c in children if c.dep_ == "agent"), None)
    pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    return subtree(pobj, unit) if pobj is not None else None


@rule("claims", "gerund-speaker-through-passive", source="PolNeAR dev", off=False, examples=[
    ("After saying that the vote was rigged, the mayor was escorted from the hall.",
     {"cue": "saying", "source": "the mayor"}),
])
def _passive_speaker(token, node, passive, controlled: bool) -> bool:
    """"After saying …, she was whisked off": a gerund's speaker is the passive subject of the
    clause it hangs off."""
    return node is not token and controlled and passive.pos_ in ("PRON", "PROPN", "NOUN")


@rule("claims", "subject-of-governing-verb", source="PolNeAR dev and demo corpus", off=False, examples=[
    ("The minister spoke in Cairo on Friday, saying the talks would resume.",
     {"cue": "saying", "source": "The minister"}),
])
def _governing_verb_speaks(node, unit) -> bool:
    """"…, saying …", "X says … and said …": a participle, complement or conjunct takes its subject
    from the verb it hangs off."""
    return node.dep_ in CONTROLLED and node.head is not node and node.head.pos_ in ("VERB", "AUX") \
        and in_unit(node.head, unit)


@rule("claims", "subject-through-preposition", source="commit f8cf499 (names no data)", off=False, examples=[
    ("The minister ended the meeting by saying that the talks would resume.",
     {"cue": "saying", "source": "The minister"}),
])
def _modified_verb_speaks(node, unit) -> bool:
    """"… before asking", "… by saying": the subject of the verb the prepositional clause modifies."""
    return node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head.pos_ in ("VERB", "AUX") \
        and in_unit(node.head.head, unit)


@rule("claims", "cue-subject", source="seed article", off=None, examples=[
    ("The ministry said six people died in the fire.", {"source": "The ministry"}),
])
def _parsed_subject(token, unit):
    """The source the parse gives a cue verb: its subject or passive agent, or the subject of the verb
    it hangs off (up to four clauses up)."""
    node = token
    controlled = token.tag_ == "VBG"  # a gerund's speaker is the subject of the clause it hangs off
    for _ in range(4):
        children = list(node.children)
        subject = _nearest_subject(node, unit)
        if subject is not None:
            if _relative_pronoun(subject, node, unit):
                return token.doc[subject.i: subject.i + 1]  # "Mr. Kamin, who said …": named by its antecedent
            if _no_speaker(subject):
                return None
            return subtree(subject, unit)
        passive = next((c for c in children if c.dep_ == "nsubjpass" and in_unit(c, unit)), None)
        if passive is not None:
            agent = _agent(children, unit)
            if agent is not None:
                return agent
            if _passive_speaker(token, node, passive, controlled):
                return subtree(passive, unit)  # "After saying …, she was whisked off": who said it
            return None
        if reattached(node) is not None and in_unit(node.head.head, unit):
            node = node.head.head  # the reporter's second act: its subject is the reporter
            continue
        if _governing_verb_speaks(node, unit):
            controlled = controlled and node.dep_ != "conj"
            node = node.head
            continue
        if _modified_verb_speaks(node, unit):
            node = node.head.head
            continue
        return None
    return None


@rule("claims", "stranded-speakers", source="demo corpus", off=None, examples=[
    ("Shells hit the market, killing four people, residents and a local doctor said.",
     {"source": "residents and a local doctor"}),
])
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


@rule("claims", "speaker-after-quotation", source="PolNeAR dev", off=None, examples=[
    ("“The harbour has been left to rot by this council and frankly the mayor,” Marco Flores, a top union "
     "surrogate, said Friday on CNN’s “State of the Harbour.”", {"cue": "said", "source": "Marco Flores"}),
])
def _speaker_after_quotation(token, unit):
    """"“…,” Flynn, a top Trump surrogate, said Thursday": the words between a closing quotation
    mark and the cue, when the parser hung them elsewhere."""
    doc = token.doc
    close = next((t for t in reversed(doc[unit.start: token.i]) if t.text in CLOSING_QUOTES), None)
    if close is None or not any(e == close.idx + len(close) for _, e in quoted_ranges(unit)):
        return None
    words = [t for t in doc[close.i + 1: token.i] if not (t.is_punct and t.text in ",—–")]
    if not words or len(words) > MAX_STRANDED_WORDS or words[0].pos_ not in ("PROPN", "DET", "PRON", "NOUN", "ADJ") \
            or not any(t.pos_ in ("PROPN", "PRON", "NOUN") for t in words):
        return None
    span = doc[words[0].i: words[-1].i + 1]
    return span if span.end == token.i or doc[span.end].text == "," else None


@rule("claims", "source-without-quotation-marks", source="PolNeAR dev", off=IDENTITY, examples=[
    ("“It was never this quiet,” Okafor, a fish trader, said.", {"source": "Okafor"}),
])
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


def speaker(token, unit):
    """The source of a cue verb: its subject, its passive agent, or (for "…, saying …" and
    "… and said …") the subject of the verb it hangs off; else the speakers stranded before a
    cue that ends the sentence, or named after a closing quotation mark."""
    found = _parsed_subject(token, unit)
    if found is None:
        found = _stranded_subject(token, unit)
    if found is None:
        found = _speaker_after_quotation(token, unit)
    return _without_marks(found) if found is not None else None


@rule("claims", "name-before-cue", source="PolNeAR dev", off=None, examples=[
    ("When raiders are exposed as part of the new front of the bloody Somali piracy war, Obama and Trudeau warn "
     "that the raids will grow.", {"cue": "warn", "source": "Trudeau"}),
])
def name_before(token, unit):
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


@rule("claims", "inverted-speaker", source="PolNeAR dev", off=None, examples=[
    ("\"I have no easy answers other than hard work,\" replied campaign chairman Ivo Petrov, adding that the "
     "port must hire more dockers.", {"cue": "replied", "source": "Ivo Petrov"}),
])
def inverted_subject(token, unit):
    """"'…,' said Rep. Elijah E. Cummings": after a quotation or a comma, the speaker follows the
    cue, and the small model often takes the quotation for the subject and the speaker for an object."""
    doc = token.doc
    prev = next((t for t in reversed(doc[unit.start: token.i]) if not t.is_space), None)
    if prev is None or prev.text not in (",", "”", '"', "''", "’"):
        return None
    for child in token.rights:
        if child.dep_ in INVERTED and in_unit(child, unit) \
                and (child.pos_ == "PROPN" or child.ent_type_ in ("PERSON", "ORG")):
            return subtree(child, unit)
    return None
