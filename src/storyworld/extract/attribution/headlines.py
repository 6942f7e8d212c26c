"""Relations the parse does not give as a cue verb with a subject: headlines and speaker labels.

A headline states what its actor says in the present tense ("Obama Sees 'Personal Insult' if …"), and
the small model often tags its verb as a plural noun ("Sanders Vows To …"); a transcript or a headline
names its speaker before a colon ("PENCE: Well, …", "Medics: RSF shelling kills 21"); a quotation may
be signed with a dash ("… ” ― Jane Doe"). At most one of each per unit.
"""

from __future__ import annotations

from ...parse.model import doc_text
from ...resources.cues import find_cue
from ...resources.tables import word_set
from ...rules import rule
from .complements import cue_span, verb_cue
from .units import QUOTES, Relation, subtree, trim

DASHES = ("―", "—")
LABEL_GLUE = ("'s", "’s", ".", "-")  # tokens a capitalised speaker label may contain ("Sen. Smith's")


def _capitalised(token) -> bool:
    return token.text[:1].isupper() or token.is_punct


@rule("claims", "mistagged-headline-verb", source="PolNeAR dev", off=None, examples=[
    ("Varga Charges That Port Was Sold\n\nThe mayor spoke on Friday.", {"cue": "Charges", "source": "Varga"}),
])
def mistagged_verb_relation(unit):
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
        if not before or len(before) > 5 or not all(_capitalised(t) for t in before):
            continue
        cue = find_cue(lemma)
        source = doc[before[0].i: before[-1].i + 1]
        return Relation(cue=(token.idx, token.idx + len(token)), cue_text=token.text, lemma=lemma, cls=cue.cls,
                        source=source, content=trim(doc, token.i + 1, unit.end), unit=unit, cue_i=token.i)
    return None


@rule("claims", "headline-cue", source="PolNeAR dev", off=None, examples=[
    ("Senator Ruiz Sees Insult in Harbour Plan\n\nThe senator visited the valley on Friday.",
     {"cue": "Sees", "source": "Ruiz"}),
])
def headline_relation(unit):
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
    lemma, cue = verb_cue(root)
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if cue is None or subject is None:
        return None
    source = subtree(subject, unit)
    if not any(t.pos_ == "PROPN" for t in source):
        return None
    span = cue_span(root)
    return Relation(cue=span, cue_text=doc_text(doc)[slice(*span)], lemma=lemma, cls=cue.cls, source=source,
                    content=trim(doc, root.i + 1, unit.end), unit=unit, cue_i=root.i)


def _after_quotation(token) -> bool:
    """A dash opening its unit signs a quotation only when one closes right before it (a dateline's
    dash, "WOODBURN — Two lawmen died …", signs nothing)."""
    before = next((t for t in reversed(token.doc[:token.i]) if not t.is_space), None)
    return before is not None and before.text[-1:] in QUOTES


@rule("claims", "dash-signature", source="PolNeAR dev", off=None, examples=[
    ("“The sea gives and the sea takes.” ― Mara Lindqvist", {"cue": "―", "source": "Mara Lindqvist"}),
    ("Gunmen raided a bank\n\nWOODBURN — Two officers died on Friday when a bomb exploded.",
     {"not": {"source": "Two"}}),
])
def _signed_quotation(unit):
    """A quotation signed with a dash ("… ” ― Jane Doe"): the name after the dash speaks it."""
    doc = unit.doc
    tokens = [t for t in unit if not t.is_space]
    for k, token in enumerate(tokens):
        # the tokenizer keeps a closing quote and a dash written together ("…”― Jane Doe") as one token
        signed = token.text in DASHES and (tokens[k - 1].text in QUOTES if k else _after_quotation(token)) \
            or (len(token.text) == 2 and token.text[0] in QUOTES and token.text[1] in "―—")
        after = tokens[k + 1:]
        if signed and not after:  # the parser ended the sentence at the dash: the name opens the next one
            for t in doc[unit.end: unit.end + 5]:
                if t.is_space or not _capitalised(t):
                    break
                after.append(t)
        if signed and 1 <= len(after) <= 4 and all(_capitalised(t) for t in after):
            name = [t for t in after if not t.is_punct]
            if not name:
                return None
            source = doc[name[0].i: name[-1].i + 1]
            dash = token.idx + len(token.text) - 1
            return Relation(cue=(dash, dash + 1), cue_text=token.text[-1], lemma=":", cls="speech",
                            source=source, content=trim(doc, unit.start, token.i), unit=unit, cue_i=token.i)
    return None


@rule("claims", "page-label-is-no-speaker", source="PolNeAR dev and demo corpus", off=False, examples=[
    ("The harbour was busy on Monday.\n\nUpdate: the vote was delayed.", {"not": {"source": "Update"}}),
])
def _page_label(head: list) -> bool:
    """"Note:", "Photo:", "Read more:", "The latest:", a number: page furniture before a colon, not a speaker."""
    return head[0].lower_ in word_set("claims.speaker_labels") or any(t.like_num for t in head) \
        or (len(head) == 2 and head[0].lower_ == "the" and head[1].lower_ in word_set("claims.speaker_labels"))


@rule("claims", "said-x-label", source="PolNeAR dev", off=False, examples=[
    ("Said Okafor: “We will not leave the docks.”", {"cue": "Said", "source": "Okafor"}),
])
def _verb_opens_label(head: list) -> bool:
    """"Said Ellis: “…”": the verb is the cue, the name after it the speaker."""
    return head[0].lower_ in word_set("claims.label_verbs") and len(head) > 1


@rule("claims", "speaker-label", source="PolNeAR dev and demo corpus", off=None, examples=[
    ("VARGA: Well, the harbour has been closed for a week.", {"cue": ":", "source": "VARGA"}),
    ("Medics: Shelling kills 21 in the market", {"cue": ":", "source": "Medics"}),
])
def _labelled_speaker(unit):
    """ "PENCE: Well, …" and headline shapes such as "Medics: RSF shelling kills 21": up to four
    capitalised words before a colon name the speaker, whose turn runs to the paragraph's end."""
    doc = unit.doc
    tokens = [t for t in unit if not t.is_space]
    first = 1 if tokens and tokens[0].text in QUOTES else 0
    for j in range(first + 1, min(first + 5, len(tokens))):
        if tokens[j].text != ":":
            continue
        head = tokens[first:j]
        if _page_label(head) or not all(t.text[:1].isupper() or t.text in LABEL_GLUE for t in head):
            return None
        cue = tokens[j]
        if _verb_opens_label(head):
            cue, head = head[0], head[1:]
        source = doc[head[0].i: head[-1].i + 1]
        end = next((t.i for t in doc[tokens[j].i + 1:] if t.is_space and "\n" in t.text), len(doc))
        return Relation(cue=(cue.idx, cue.idx + len(cue)), cue_text=cue.text, lemma=":", cls="speech",
                        source=source, content=trim(doc, tokens[j].i + 1, end), unit=unit, cue_i=cue.i)
    return None


def speaker_relation(unit):
    """A dash signature, else a speaker label."""
    return _signed_quotation(unit) or _labelled_speaker(unit)
