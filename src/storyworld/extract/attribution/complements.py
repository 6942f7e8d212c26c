"""What a cue verb says: its cue span, whether it has the complement its table row needs, and its content.

A cue counts only with a complement of the kind ``data/attribution-cues.tsv`` asks for ("found that
…", not "found the bodies"): a clause, a quotation after it or closing the sentence before it, an
object; some verbs attribute nothing in idioms ("a program called EB-5"). The content is the cue's
complement, else the rest of the sentence outside the cue's own clause.
"""

from __future__ import annotations

from ...resources.cues import Cue, find_cue
from ...resources.tables import word_set
from ...rules import rule
from .speakers import reattached
from .units import in_unit, subtree, trim

CUE_LEFT = ("aux", "auxpass", "neg", "advmod")  # "has also said", "did not say"
CLAUSE = frozenset({"ccomp", "parataxis"})
OBJECTS = frozenset({"dobj", "xcomp", "prep", "oprd", "attr", "dative", "acomp", "prt"})
COMPLEMENTS = ("ccomp", "parataxis", "xcomp", "dobj", "oprd")  # in the order the content is looked for
OPENING = (":", "“", '"', "«")
AS_PUT_IT = Cue("put it", "speech", "any", "verb")


@rule("claims", "cue-auxiliaries", source="PolNeAR dev and demo corpus", off=False, examples=[
    ("The ministry has also said that six people died.", {"cue": "has also said"}),
])
def _cue_left(child) -> bool:
    """Auxiliaries, negation and adverbs right before the verb are part of the cue ("has also said")."""
    return child.dep_ in CUE_LEFT


@rule("claims", "phrasal-cue", source="PolNeAR dev and demo corpus", off=False, examples=[
    ("The council called for talks between the two parties.", {"cue": "called for"}),
    ("The rebels pointed to the damage as evidence of the shelling.", {"cue": "pointed to"}),
])
def _cue_right(token, child) -> bool:
    """Particles, the preposition of "call for" / "point to" and the "it" of "put it" belong to the cue."""
    return child.dep_ == "prt" or (child.dep_ == "prep" and child.lower_ in word_set("claims.phrasal_cue_prepositions")
                                   and token.lemma_ in word_set("claims.phrasal_cue_verbs")) \
        or (token.lemma_ == "put" and child.lower_ == "it")


def cue_span(token) -> tuple[int, int]:
    """The cue as annotators mark it: the verb with the words before and after it that belong to it."""
    start, end = token.i, token.i + 1
    for child in sorted(token.lefts, key=lambda t: -t.i):
        if child.i == start - 1 and _cue_left(child):
            start = child.i
    for child in token.rights:
        if child.i == end and _cue_right(token, child):
            end = child.i + 1
    doc = token.doc
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


@rule("claims", "lemma-repair", source="PolNeAR dev", off=None, examples=[
    ("The senator hopes that the bill will pass.", {"cue": "hopes"}),
])
def _repaired_lemma(token) -> str | None:
    """The small model lemmatises "hopes", "hoped" and "hoping" as "hop": the word's own form, less
    its ending, when that is a cue."""
    for suffix in ("s", "d"):
        if token.lower_.endswith(suffix) and find_cue(token.lower_[:-1]):
            return token.lower_[:-1]
    if token.lower_.endswith("ing") and find_cue(token.lower_[:-3] + "e"):
        return token.lower_[:-3] + "e"
    return None


def verb_cue(token) -> tuple[str, Cue | None]:
    """(lemma, cue) of a verb token, or (its lemma, None)."""
    lemma = token.lemma_.lower()
    cue = find_cue(lemma)
    if cue is None:
        repaired = _repaired_lemma(token)
        if repaired is not None:
            lemma, cue = repaired, find_cue(repaired)
    return lemma, cue


@rule("claims", "quotation-after-cue", source="PolNeAR dev and demo corpus", off=False, examples=[
    ("The minister continued: “We will rebuild the port.”", {"cue": "continued"}),
])
def _followed_by_colon_or_quote(token) -> bool:
    """A colon or an opening quotation mark right after the cue: the quotation is its complement."""
    doc = token.doc
    for nxt in doc[token.i + 1: token.i + 4]:
        if nxt.is_space or nxt.dep_ in ("advmod", "npadvmod") or nxt.text == ",":
            continue
        return nxt.text in OPENING
    return False


@rule("claims", "quotation-before-final-cue", source="PolNeAR dev", off=False, examples=[
    ("“We will rebuild the port,” the minister continued.", {"cue": "continued", "source": "the minister"}),
])
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


def quotes(token) -> bool:
    """Whether a quotation is the cue's complement: after it ("said: “…”") or before it, closing the
    sentence ("“…,” she added.")."""
    return _followed_by_colon_or_quote(token) or _closes_quotation(token)


@rule("claims", "passive-with-agent", source="PolNeAR dev", off=False, examples=[
    ("The plan was first reported by the Daily Courier.", {"cue": "was first reported"}),
])
def _passive_with_agent(deps: set[str], needs: str) -> bool:
    """"first reported by The Washington Post", "endorsed by dozens of papers": a passive cue with its
    agent needs no other complement."""
    return "nsubjpass" in deps and "agent" in deps and needs != "colon"


@rule("claims", "clause-proform", source="PolNeAR dev", off=False, examples=[
    ("The envoy doesn't think so.", {"cue": "doesn't think", "source": "The envoy"}),
])
def _proform_clause(token) -> bool:
    """"He doesn't think so", "I hope not": the clause is the one before."""
    return token.lemma_.lower() in word_set("claims.proform_verbs") and any(
        c.dep_ in ("advmod", "neg") and c.lower_ in word_set("claims.clause_proforms") and c.i > token.i
        for c in token.children)


@rule("claims", "cue-needs-complement", source="PolNeAR dev and demo corpus", off=True, examples=[
    ("Police found the bodies near the river.", {"not": {"cue": "found"}}),
    ("Investigators found that the fire was set deliberately.", {"cue": "found"}),
])
def has_complement(token, needs: str) -> bool:
    """A cue counts only with the complement its table row needs: a clause ("found that …", a
    quotation), an object, a colon or quotation, or nothing at all ("any")."""
    if needs == "any":
        return True
    deps = {c.dep_ for c in token.children}
    if _passive_with_agent(deps, needs):
        return True
    quotation = quotes(token)
    if needs == "colon":
        return quotation
    if _proform_clause(token):
        return True
    clause = bool(deps & CLAUSE) or token.dep_ == "parataxis" or quotation
    if needs == "clause":
        return clause
    if needs == "object":
        return clause or bool(deps & OBJECTS)
    return True


@rule("claims", "speaking-without-content", source="PolNeAR dev", off=False, examples=[
    ("The minister spoke to reporters for five minutes.", {"not": {"cue": "spoke"}}),
    ("The minister spoke about the budget on Friday.", {"cue": "spoke"}),
])
def speaking_without_content(token, lemma: str) -> bool:
    """"spoke to reporters", "spoke for five minutes": speaking, but nothing is said; "spoke about the
    budget", "spoke out against", a clause or a quotation say something."""
    if lemma not in word_set("claims.speaking_verbs"):
        return False

    def topic(c) -> bool:
        return c.dep_ in ("prep", "prt") and c.lower_ in word_set("claims.topic_words") \
            and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children)  # "on Friday" is no topic
    return not (any(c.dep_ in ("ccomp", "parataxis") or topic(c) for c in token.children) or quotes(token))


@rule("claims", "idiom", source="PolNeAR dev", off=False, examples=[
    ("The scheme, called Safe Harbour, allows fishermen to borrow money.", {"not": {"cue": "called"}}),
    ("Let's say the talks fail, the mayor said.", {"not": {"cue": "say"}}),
    ("It goes without saying that the port matters.", {"not": {"cue": "saying"}}),
])
def idiom(token, lemma: str) -> bool:
    """Cue verbs that attribute nothing: "a program called EB-5" (a name), "it goes without
    saying", "let's say you …" (a supposition)."""
    head = token.head
    if lemma == "call" and token.dep_ == "acl" and token.tag_ == "VBN":
        return True
    if lemma == "say" and head.lower_ == "without" and head.head.lemma_ == "go":
        return True
    return lemma == "say" and head.lemma_ == "let" and head.i < token.i


@rule("claims", "as-x-put-it", source="PolNeAR dev", off=False, examples=[
    ("As the mayor put it, the city cannot wait any longer.", {"cue": "put it", "source": "the mayor"}),
])
def as_put_it(token) -> bool:
    """"As Ms. Simonyan put it, …": the idiom attributes the sentence's main clause."""
    return any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children) \
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children)


@rule("claims", "finding-object", source="PolNeAR dev", off=False, examples=[
    ("A 2019 study found 31 incidents at the plant.", {"cue": "found", "kind": "document"}),
])
def finding(token, cue: Cue) -> bool:
    """"A 2014 study found 31 incidents", "a judge found the law unconstitutional": a study or a
    court finds an object, not only a clause (a person who "found the bodies" reports nothing)."""
    if cue.cls != "evidence" or not any(c.dep_ in ("dobj", "oprd") for c in token.children):
        return False
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    return subject is not None and (subject.lower_ in word_set("claims.document_heads")
                                    or subject.lower_ in word_set("claims.finders"))


@rule("claims", "complement-is-content", source="PolNeAR dev and demo corpus", off=None, examples=[
    ("The minister announced new sanctions on Friday.", {"cue": "announced", "content": "new sanctions"}),
])
def _complement(token, unit):
    """The cue's complement (a clause, a quotation the parser made a clause, an object) is what it
    attributes."""
    for dep in COMPLEMENTS:
        child = next((c for c in token.children if c.dep_ == dep and in_unit(c, unit)), None)
        if child is not None:
            return child
    return None


@rule("claims", "rest-of-sentence-content", source="PolNeAR dev and demo corpus", off=None, examples=[
    ("The port will stay closed until Monday, according to the harbour authority.",
     {"content": "The port will stay closed until Monday"}),
])
def _rest_of_sentence(doc, unit, exclude: tuple[int, int]):
    """Without a complement, the longer side of the sentence outside the cue's own clause."""
    before = trim(doc, unit.start, exclude[0])
    after = trim(doc, exclude[1], unit.end)
    if before and after:
        return before if before[1] - before[0] >= after[1] - after[0] else after
    return before or after


def content(token, unit, exclude):
    """The attributed content: the cue's complement, else the rest of the sentence outside the
    cue's own clause (``exclude``, a token range)."""
    doc = token.doc
    child = _complement(token, unit)
    if child is not None:
        span = subtree(child, unit)
        second = next((c for c in child.children if c.i > child.i and reattached(c) is not None), None)
        if second is not None:  # the reporter's second act is not part of what he reported
            cc = next((c for c in child.children if c.dep_ == "cc" and child.i < c.i < second.i), second)
            span = doc[span.start: cc.i]
        return trim(doc, span.start, span.end)
    return _rest_of_sentence(doc, unit, exclude)
