"""Reading relations off the parse: cue, source and content, several per unit.

The shapes: a cue verb with a subject ("X said that …", "…, X said", "X has called for …"), a
participle or conjunct that takes its subject from the verb it hangs off ("…, saying …"), a passive
with an agent ("endorsed by X"), "according to X", "citing X", a possessed cue noun ("X's claim that
…") and the headline and speaker-label shapes of ``headlines``. A cue inside a speaker's content that
does not continue the chain is part of what is said, not a relation of its own.
"""

from __future__ import annotations

from dataclasses import replace

from ...parse.model import doc_text
from ...resources.cues import find_cue
from ...resources.tables import word_set
from ...rules import IDENTITY, Example, rule
from .complements import (AS_PUT_IT, as_put_it, content, cue_span, finding, has_complement, idiom,
                          speaking_without_content, verb_cue)
from .headlines import headline_relation, mistagged_verb_relation, speaker_relation
from .nesting import holds, nests
from .sources import is_official_word, names_outlet
from .speakers import inverted_subject, name_before, speaker
from .units import Relation, in_unit, quoted_ranges, subtree, trim, units

MAX_UNIT_TOKENS = 400  # a unit longer than this is not read for relations
CLAUSE_OR_OBJECT = ("ccomp", "parataxis", "xcomp", "dobj")  # a cue with one of these: its content is that
NAMED = ("PERSON", "ORG")


@rule("claims", "citing-is-no-verb-cue", source="PolNeAR dev and demo corpus", off=False, examples=[
    ("Reuters reported that the dam had burst, citing two local officials.",
     {"not": {"cue": "citing", "sources": "Reuters"}}),
])
def _citing_gerund(token, lemma: str) -> bool:
    """"citing X" is read by the citing relations (X is the source), not as the citer's cue verb."""
    return lemma in word_set("claims.citing_verbs") and token.tag_ == "VBG"


@rule("claims", "which-cited", source="gold-real dev", off=None, examples=[
    ("The port authority, which cited two witnesses, said rebels attacked a tanker.",
     {"cue": "cited", "sources": "The port authority > two witnesses", "content": "rebels attacked a tanker"}),
    Example("The port authority, which cited two witnesses, said rebels attacked a tanker.",
            {"type": "ASSAULT", "sources": "The port authority > two witnesses"}, view="events"),
    Example("Gunmen killed five soldiers on Tuesday, according to Reuters, which cited a military source.",
            {"type": "ASSAULT", "sources": "Reuters > a military source"}, view="events"),
])
def _relative_citer(token):
    """"X, which cited Y, said …", "X, who quoted Y, reported …": the cue verb whose subject cites Y
    (Y speaks inside that relation), or None."""
    if token.dep_ != "relcl" or token.lemma_ not in word_set("claims.citing_verbs"):
        return None
    noun, verb = token.head, token.head.head
    if noun.dep_ == "pobj" and verb.lower_ == "to" and verb.head.lower_ == "according":
        return verb.head  # "…, according to Reuters, which cited a military source"
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.i == noun.i or not verb.tag_.startswith("VB"):
        return None
    return verb if verb_cue(verb)[1] is not None else None


@rule("claims", "accusation-is-a-claim", source="gold-real dev", off=None, examples=[
    ("The army accused the rebels of shelling the market.",
     {"cue": "accused", "source": "The army", "content": "shelling the market"}),
    Example("The army accused the rebels of shelling the market.",
            {"type": "ASSAULT", "sources": "The army"}, view="events"),
    ("The army blamed the rebels for the attack on the convoy.", {"cue": "blamed", "content": "the attack on the convoy"}),
    ("The army accused the rebels.", {"not": {"cue": "accused"}}),
])
def _accused_act(token, lemma: str):
    """"X accuses Y of shelling …", "X blamed Y for the attack": the act is X's claim (the verb is a
    stance, and a claim only with the act it names). The token of the act, or None."""
    if lemma not in word_set("claims.accusing_verbs"):
        return None
    holders = [token, *(c for c in token.children if c.dep_ == "dobj")]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "for"):
                act = next((c for c in prep.children if c.dep_ in ("pcomp", "pobj")), None)
                if act is not None:
                    return act
    return None


@rule("claims", "quoted-y-as-saying", source="gold-real dev", off=None, examples=[
    ("Xinhua quoted the harbour master as saying that the port would reopen.",
     {"cue": "saying", "sources": "Xinhua > the harbour master"}),
    Example("Xinhua quoted the harbour master as saying that rebels shelled the port.",
            {"type": "ASSAULT", "sources": "Xinhua > the harbour master"}, view="events"),
])
def _quoted_as(token):
    """"X quoted Y as saying …", "X cited Y as saying …": Y says it, inside X's report. The quoting
    verb, or None."""
    prep = token.head
    if token.dep_ != "pcomp" or prep.lower_ != "as" or prep.head.i == prep.i:
        return None
    verb = prep.head
    if verb.lemma_.lower() not in word_set("claims.citing_verbs") or not any(c.dep_ == "dobj" for c in verb.children):
        return None
    return verb


@rule("claims", "call-needs-complement", source="PolNeAR dev and demo corpus", off=False, examples=[
    ("The envoy called the ministry about the shipment.", {"not": {"cue": "called"}}),
    ("The envoy called the deal a scandal.", {"cue": "called"}),
])
def _bare_call(token, lemma: str) -> bool:
    """"called the office" is not a cue; "called for", "called on", "called it a scandal" are."""
    return lemma == "call" and not any(c.dep_ in ("oprd", "ccomp", "xcomp") or (
        c.dep_ == "prep" and c.lower_ in word_set("claims.call_prepositions")) for c in token.children)


@rule("claims", "declined-to-comment", source="gold-real dev", off=False, examples=[
    ("The harbour police declined to comment on the arrests.", {"not": {"cue": "to comment"}}),
    ("The ministry refused to confirm that the port was closed.", {"not": {"source": "The ministry"}}),
    ("Police have yet to confirm the identity of the man charged with the murder.", {"not": {"source": "Police"}}),
    ("The ministry confirmed that the port was closed.", {"cue": "confirmed", "source": "The ministry"}),
])
def _not_used(token) -> bool:
    """"declined to comment", "refused to confirm …", "have yet to confirm …": a cue that was not used
    makes no claim."""
    head = token.head
    if token.dep_ != "xcomp" or head.i == token.i:
        return False
    return head.lemma_.lower() in word_set("claims.declining_verbs") or any(
        c.dep_ == "advmod" and c.lower_ == "yet" for c in head.children)


OPEN_QUESTION_WORDS = ("whether", "if", "how", "when", "why", "what", "who", "which", "where")


@rule("claims", "nobody-said", source="own house-style probe (\"neither side has said whether it will attend\")",
      off=False, examples=[
    ("Talks resume next week, but neither side has said whether it will attend.", {"not": {"source": "neither side"}}),
    ("The army has not said how many soldiers were killed.", {"not": {"source": "The army"}}),
    ("The army said two soldiers were killed.", {"cue": "said", "source": "The army"}),
])
def _nobody_said(token) -> bool:
    """"neither side has said whether …", "no one has claimed …", "the army has not said how many …": a
    cue whose subject names no one, or a negated cue with an open question for content, makes no claim
    ("the envoy doesn't think so" still says something)."""
    if any(c.dep_ == "neg" for c in token.children) and any(
            c.dep_ in ("ccomp", "xcomp") and any(w.lower_ in OPEN_QUESTION_WORDS for w in c.doc[c.left_edge.i: c.i])
            for c in token.children):
        return True
    return any(c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in ("nobody", "none", "neither")
                                                      or any(d.dep_ == "det" and d.lower_ in ("no", "neither")
                                                             for d in c.children))
               for c in token.children)


def _listener(token, lemma: str, unit):
    """"a source told the news outlet": whom a source tells, which may be the outlet it speaks through."""
    if lemma != "tell":
        return None
    listener = next((c for c in token.children if c.dep_ in ("dobj", "dative")), None)
    return subtree(listener, unit) if listener is not None else None


@rule("claims", "verb-cue", source="PolNeAR dev and demo corpus", off=(), examples=[
    ("The ministry said six people died in the fire.", {"cue": "said", "source": "The ministry"}),
])
def _verb_relations(unit):
    """A verb of the cue table with its source and complement."""
    doc = unit.doc
    for token in unit:
        if token.pos_ not in ("VERB", "AUX") and not token.tag_.startswith("VB"):
            continue
        lemma, cue = verb_cue(token)
        act = _accused_act(token, lemma) if cue is not None else None
        if act is not None:
            cue = replace(cue, cls="speech")
        if cue is None and lemma == "put" and as_put_it(token):
            lemma, cue = "put it", AS_PUT_IT
        if cue is None or idiom(token, lemma) or _citing_gerund(token, lemma) or _relative_citer(token) is not None:
            continue
        if not (has_complement(token, cue.needs) or finding(token, cue)):
            continue
        if _bare_call(token, lemma) or speaking_without_content(token, lemma) or _not_used(token) \
                or _nobody_said(token):
            continue
        quoting = _quoted_as(token)
        if quoting is not None:
            quoted = next(c for c in quoting.children if c.dep_ == "dobj")
            span = cue_span(token)
            # what Y says: its own complement, else the quotation the quoting verb reports
            said = token if any(c.dep_ in CLAUSE_OR_OBJECT for c in token.children) else quoting
            yield Relation(cue=span, cue_text=doc_text(doc)[slice(*span)], lemma=lemma, cls=cue.cls,
                           source=subtree(quoted, unit), content=content(said, unit, (said.i, said.i + 1)),
                           unit=unit, cue_i=token.i, parent_i=quoting.i)
            continue
        source = speaker(token, unit)
        if source is None or (source.root.pos_ not in ("PROPN", "PRON")
                              and not any(e.label_ in NAMED for e in source.ents)):
            source = inverted_subject(token, unit) or source
        if source is None and cue.cls == "speech":
            source = name_before(token, unit)
        if source is None or not source.text.strip():
            continue
        clause = subtree(token, unit)
        exclude = (min(clause.start, source.start), max(clause.end, source.end)) \
            if not any(c.dep_ in CLAUSE_OR_OBJECT for c in token.children) else (token.i, token.i + 1)
        span = cue_span(token)
        said = None
        if act is not None:
            said = trim(doc, max(act.left_edge.i, unit.start), min(act.right_edge.i + 1, unit.end))
        yield Relation(cue=span, cue_text=doc_text(doc)[slice(*span)], lemma=lemma, cls=cue.cls, source=source,
                       content=said or content(token, unit, exclude), unit=unit, told=_listener(token, lemma, unit),
                       cue_i=token.i)


@rule("claims", "according-to", source="PolNeAR dev and demo corpus", off=(), examples=[
    ("The port will stay closed until Monday, according to the harbour authority.",
     {"cue": "according to", "source": "the harbour authority"}),
])
def _according_relations(unit):
    """"according to X": X is the source of the rest of the sentence."""
    doc = unit.doc
    for token in unit:
        if token.lower_ != "according" or token.i + 1 >= unit.end or doc[token.i + 1].lower_ != "to":
            continue
        to = doc[token.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None) \
            or next((c for c in token.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        source = subtree(pobj, unit)
        phrase = (token.i, max(source.end, to.i + 1))
        yield Relation(cue=(token.idx, to.idx + len(to)), cue_text=doc_text(doc)[token.idx: to.idx + len(to)],
                       lemma="according to", cls="speech", source=source,
                       content=content(token, unit, phrase), unit=unit, cue_i=token.i)


@rule("claims", "release-of-is-an-act", source="PolNeAR dev", off=False, examples=[
    ("The families protested, citing the release of the guards.", {"not": {"source": "the release of the guards"}}),
])
def _act_release(root) -> bool:
    """"the release of political prisoners" is an act, not a press release."""
    return root.lower_ == "release" and any(c.dep_ == "prep" and c.lower_ == "of" for c in root.children)


@rule("claims", "cited-reason", source="PolNeAR dev", off=True, examples=[
    ("The council praised the mayor, citing her work on the harbour.",
     {"cue": "citing", "source": "The council", "content": "her work on the harbour"}),
])
def _speaks(span) -> bool:
    """Whether a cited phrase names someone or something that can speak ("a source", "the Pentagon", "a
    report"), not a reason ("her work", "the strategic importance of …"): citing a reason makes the
    citer the source."""
    root = span.root
    if root.pos_ in ("PROPN", "PRON") or root.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    if _act_release(root):
        return False
    low = root.lower_
    return low in word_set("claims.speaking_heads") or low in word_set("claims.document_heads") \
        or is_official_word(low) or low in word_set("claims.organization_heads") or names_outlet(span.text)


@rule("claims", "analysts-cite", source="PolNeAR dev", off=False, examples=[
    ("Analysts said the factors have driven prices up, citing the drought.",
     {"cue": "citing", "source": "Analysts"}),
])
def _reporter_cites(head, token, unit) -> bool:
    """"Analysts said the factors have contributed …, citing X": the reporter of the clause cites, not
    the clause's own subject."""
    return head.dep_ == "ccomp" and head.head.pos_ == "VERB" and in_unit(head.head, unit) \
        and find_cue(head.head.lemma_.lower()) is not None and head.i < token.i


@rule("claims", "cited-testimony-by", source="gold-incidents dev", off=None, examples=[
    ("A gunman shot two men, according to the Free Press, citing testimony by a police sergeant.",
     {"cue": "citing", "sources": "Free Press > a police sergeant"}),
])
def _testimony_giver(obj):
    """"citing testimony by a police sergeant", "citing a statement from the army": who gave it."""
    if obj.lemma_.lower() not in word_set("claims.given_nouns"):
        return None
    for prep in obj.children:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "from"):
            giver = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if giver is not None:
                return giver
    return None


@rule("claims", "citing", source="PolNeAR dev and demo corpus", off=(), examples=[
    ("Reuters reported that the dam had burst, citing two local officials.",
     {"cue": "citing", "source": "two local officials"}),
])
def _citing_relations(unit):
    """ "X reported, citing a source": the source speaks through X's report."""
    doc = unit.doc
    for token in unit:
        relative = _relative_citer(token)
        if token.lemma_ not in word_set("claims.citing_verbs") or (token.tag_ != "VBG" and relative is None):
            continue
        obj = next((c for c in token.children if c.dep_ == "dobj"), None)
        if obj is None:
            continue
        obj = _testimony_giver(obj) or obj
        source = subtree(obj, unit)
        head = relative if relative is not None else token.head if token.head is not token else None
        if head is not None and _reporter_cites(head, token, unit):
            head = head.head
        if not _speaks(source):  # "…, citing her work": the one who cites gives a reason, not a source
            citer = speaker(head, unit) if head is not None and head.pos_ == "VERB" else speaker(token, unit)
            if citer is None:
                continue
            yield Relation(cue=(token.idx, token.idx + len(token)), cue_text=token.text, lemma=token.lemma_,
                           cls="speech", source=citer, content=trim(doc, source.start, source.end), unit=unit,
                           cue_i=token.i)
            continue
        # what the source says is what the citer reports ("X reported that …, citing Y"), not the
        # cited name itself (the object of "citing")
        said = content(head, unit, (token.i, source.end)) if head is not None else trim(doc, unit.start, token.i)
        yield Relation(cue=(token.idx, token.idx + len(token)), cue_text=token.text, lemma=token.lemma_,
                       cls="speech", source=source, content=said,
                       unit=unit, cue_i=token.i, parent_i=head.i if head is not None else None)


def _that_clause(noun) -> bool:
    """"a report that Trump lost …" states content; "a report released last year" does not."""
    return any(c.dep_ == "ccomp" or (c.dep_ in ("acl", "relcl") and any(
        g.dep_ == "mark" and g.lower_ == "that" for g in c.children)) for c in noun.children)


@rule("claims", "name-before-cue-noun", source="PolNeAR dev", off=None, examples=[
    ("A Daily Courier report that the mayor resigned was denied.", {"cue": "report", "source": "Daily Courier"}),
])
def _named_before_noun(token, cue, unit):
    """"a New York Times report that …", "a Pentagon statement that …": a name before a speech or
    evidence noun with a that-clause is its source."""
    names = [c for c in token.lefts if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"]
    if not names or cue.cls not in ("speech", "evidence") or not _that_clause(token):
        return None
    return token.doc[max(names[0].left_edge.i, unit.start): names[-1].i + 1]


@rule("claims", "cue-noun", source="PolNeAR dev and demo corpus", off=(), examples=[
    ("The mayor's claim that the bridge was safe angered residents.", {"cue": "claim", "source": "The mayor"}),
])
def _noun_relations(unit):
    """A cue noun with its owner ("X's claim that …") and a complement ("her statement" alone mentions
    what was said, it does not say it)."""
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
            source = _named_before_noun(token, cue, unit)
            if source is None:
                continue
        complement = next((c for c in token.children if c.dep_ in ("acl", "ccomp", "relcl")), None)
        if complement is None:
            continue  # "her statement", "his proposals": a mention of what was said, not the saying
        clause = subtree(complement, unit)
        yield Relation(cue=(token.idx, token.idx + len(token)), cue_text=token.text, lemma=token.lemma_.lower(),
                       cls=cue.cls, source=source, content=trim(doc, clause.start, clause.end), unit=unit,
                       cue_i=token.i)


@rule("claims", "quoted-first-person", source="PolNeAR dev and demo corpus", off=False, examples=[
    ("Officer Dana Whitfield said the road was closed. We believe it will reopen on Monday.",
     {"not": {"cue": "believe"}}),
])
def _quoted_speaker(relation: Relation) -> bool:
    """"… I think …", "if anyone says …": a first person or anyone as source is a quoted speaker's own
    words, not a new relation."""
    return relation.source.text.strip().lower() in word_set("claims.speakers_in_quotes")


@rule("claims", "cue-inside-quotation", source="PolNeAR dev and demo corpus", off=False, examples=[
    ("“If the council says no, we will strike,” the union leader said.", {"not": {"cue": "says"}}),
])
def _inside_quotation(relation: Relation, quoted: list[tuple[int, int]]) -> bool:
    """A cue inside quotation marks is part of the quotation, the content of its speaker's relation."""
    return any(s < relation.cue[0] < e for s, e in quoted)


@rule("claims", "content-cue", source="PolNeAR dev", off=IDENTITY, examples=[
    ("Officials said the army called the attack a crime.", {"not": {"cue": "called"}}),
])
def _without_content_cues(found: list[Relation]) -> list[Relation]:
    """A cue inside a speaker's content that does not continue the chain is part of what is said
    ("Diplomats said France could ask …", "… what he called a breach"), not a relation of its own."""
    return [r for r in found if nests(r) or r.lemma == "according to" or not any(holds(o, r) for o in found)]


@rule("claims", "a-charge-x-denies", source="gold-real dev", off=None, examples=[
    ("The rebels shelled the market, a charge the rebels deny.",
     {"cue": "deny", "source": "the rebels", "content": "The rebels shelled the market"}),
    ("Moscow accused Kyiv of shelling the plant, an accusation Ukraine rejected.",
     {"cue": "rejected", "sources": "Ukraine", "disputes": True}),
    ("Moscow accused Kyiv of shelling the plant, a charge Ukraine denies.", {"cue": "accused", "sources": "Moscow"}),
])
def _denied_charge(unit) -> Relation | None:
    """"…, a charge Kyiv denies", "…, an accusation the group rejected": the subject of the denial
    disputes the clause before the charge, beside (not inside) any relation that clause has."""
    doc = unit.doc
    for token in unit:
        if token.lemma_.lower() not in word_set("claims.dispute_verbs"):
            continue
        charges = [token.head] if token.dep_ == "relcl" else [c for c in token.children if c.dep_ in ("dobj", "nsubj")]
        charge = next((c for c in charges if c.lemma_.lower() in word_set("claims.charge_nouns")), None)
        if charge is None or charge.left_edge.i <= unit.start or doc[charge.left_edge.i - 1].text != ",":
            continue
        # the small model may read "a charge Kyiv denies" as a subject "a charge" with "Kyiv" beside it
        subject = next((c for c in token.children if c.dep_ == "nsubj" and c.i != charge.i), None) \
            or next((c for c in charge.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        said = trim(doc, unit.start, charge.left_edge.i - 1)
        if subject is None or said is None:
            continue
        return Relation(cue=(token.idx, token.idx + len(token)), cue_text=token.text, lemma=token.lemma_.lower(),
                        cls="speech", source=subtree(subject, unit), content=said, unit=unit, cue_i=token.i,
                        beside=True)
    return None


def relations_in(unit) -> list[Relation]:
    """The unit's relations, without those a quoted speaker makes inside the quotation ("… I think
    …", "If he thinks …"): the quotation is the content of its speaker's relation, not a new one."""
    if len(unit) > MAX_UNIT_TOKENS:
        return []
    quoted = quoted_ranges(unit)
    found = [r for r in (*_according_relations(unit), *_citing_relations(unit), *_verb_relations(unit),
                         *_noun_relations(unit))
             if not _quoted_speaker(r) and not _inside_quotation(r, quoted)]
    denied = _denied_charge(unit)
    if denied is not None:
        found = [r for r in found if r.cue_i != denied.cue_i and not (
            r.lemma in word_set("claims.dispute_verbs") and r.source.start >= denied.cue_i - 4
            and r.cue[0] >= denied.content[1])] + [denied]
    for extra in (speaker_relation(unit), mistagged_verb_relation(unit), headline_relation(unit)):
        if extra is not None and not any(r.cue_i == extra.cue_i for r in found):
            found.append(extra)
    return sorted(_without_content_cues(found), key=lambda r: r.cue)


def find_relations(parsed) -> list[Relation]:
    """Every attribution relation in the document, in reading order."""
    return [r for unit in units(parsed.doc) for r in relations_in(unit)]


def relation_spans(parsed):
    """(cue, source, content, class) character spans of each relation, for span-level scoring."""
    return [(r.cue, (r.source.start_char, r.source.end_char), r.content, r.cls) for r in find_relations(parsed)]
