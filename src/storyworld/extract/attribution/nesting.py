"""Which relation of a sentence is said inside which: the nesting that makes chains.

"Hezbollah denied …, according to Al-Manar" gives the chain Al-Manar → Hezbollah: the inner
relation's cue lies in the outer one's content, and the inner cue is one that continues a chain (a
speaker reporting a speaker). Other cues inside a claim are part of what is claimed ("Diplomats said
France could ask …"). "According to X" holds the whole sentence, an outlet carries the speaker it
reports, and a reporter set off by commas is said inside no other relation.
"""

from __future__ import annotations

from ...resources.tables import word_set
from ...rules import rule
from .sources import names_outlet
from .units import Relation



def nesting_cues() -> frozenset[str]:
    """Cues that continue a chain inside another relation's content (their own list, not
    ``cues.reporting_verbs()``: see its ``about`` in claims.toml)."""
    return word_set("claims.nesting_cues")


@rule("claims", "modal-cue-is-content", source="PolNeAR dev and demo corpus", off=False, examples=[
    ("The minister said the rebels could deny the strike.", {"not": {"cue": "could deny"}}),
])
def _modal(token) -> bool:
    """A cue with a modal ("could say", "would announce") is part of what is claimed, not a new speaker."""
    return any(c.dep_ == "aux" and c.lower_ in word_set("claims.modals") for c in token.children)


@rule("claims", "nesting-cue", source="PolNeAR dev and demo corpus", off=False, examples=[
    ("The minister said a source told him that the port was closed.",
     {"cue": "told", "sources": "The minister > a source"}),
])
def nests(relation: Relation) -> bool:
    """Whether a relation inside another's content continues the chain (else it is content)."""
    if relation.lemma not in nesting_cues() or relation.cue_i < 0:
        return False
    return not _modal(relation.unit.doc[relation.cue_i])


@rule("claims", "parenthetical-reporter", source="demo corpus", off=False, examples=[
    ("A fishing boat reported gunfire near the island on Monday, the coast guard said, after pirates claimed to "
     "have seized a trawler.", {"cue": "said", "sources": "coast guard"}),
])
def _parenthetical(relation: Relation) -> bool:
    """", the British military's UKMTO agency said, after …": a reporter set off by commas speaks for
    the clause before it and is said inside no other relation of the sentence."""
    if relation.cue_i < 0 or relation.source is None or relation.lemma == "according to":
        return False
    doc = relation.unit.doc
    cue = doc[relation.cue_i]
    return (cue.dep_ == "parataxis" and relation.source.end == cue.i and relation.source.start > 0
            and doc[relation.source.start - 1].text == "," and cue.i + 1 < len(doc) and doc[cue.i + 1].text == ",")


@rule("claims", "according-to-holds-the-sentence", source="demo corpus", off=None, examples=[
    ("The minister told reporters the port would close, according to state media.",
     {"cue": "told", "sources": "state media > The minister"}),
])
def _according_holds(outer: Relation, inner: Relation) -> bool | None:
    """"according to X" attributes the whole sentence: it holds every other relation, and no other
    relation holds it."""
    if (inner.lemma == "according to") != (outer.lemma == "according to"):
        return outer.lemma == "according to"
    return None


@rule("claims", "outlet-carries-speaker", source="demo corpus", off=None, examples=[
    ("Police chief Omar Farah said the border post was attacked, the BBC reported.",
     {"cue": "said", "sources": "BBC > Omar Farah"}),
])
def _outlet_carries(outer: Relation, inner: Relation) -> bool | None:
    """"X said …, Al-Masirah reported": of a speaker and an outlet in one sentence, the outlet carries
    the speaker, wherever their cues stand."""
    outlets = [names_outlet(r.source.text) for r in (outer, inner)]
    if outlets[0] != outlets[1] and nests(inner):
        return outlets[0]
    return None


@rule("claims", "trailing-reporter-is-outer", source="PolNeAR dev and demo corpus", off=True, examples=[
    ("Instead, the mayor said, she sees the gains coming from the new port.", {"cue": "sees", "source": "the mayor"}),
])
def _mutual_outer(outer: Relation, inner: Relation) -> bool:
    """Two relations each in the other's content: the one whose cue governs the other's is outer, else
    the trailing reporter ("X said …, Y reported")."""
    doc = outer.unit.doc
    if outer.cue_i >= 0 and inner.cue_i >= 0:
        if doc[outer.cue_i].is_ancestor(doc[inner.cue_i]):
            return True
        if doc[inner.cue_i].is_ancestor(doc[outer.cue_i]):
            return False
    return outer.cue[0] > inner.cue[0]


@rule("claims", "relative-clause-reporter", source="gold-real dev", off=False, examples=[
    ("The army denied that civilians died in strikes that residents say destroyed the market.",
     {"cue": "say", "sources": "residents"}),
    ("The army said residents say the market was destroyed.", {"cue": "say", "sources": "The army > residents"}),
])
def _relative_clause(inner: Relation) -> bool:
    """"… in strikes that residents say destroyed the market": a reporter in a relative clause speaks
    to the writer of the sentence, not inside the claim whose content holds the noun it describes (a
    cue there that is no reporter stays part of the content: "… what he called a crime")."""
    if inner.cue_i < 0:
        return False
    return inner.unit.doc[inner.cue_i].dep_ == "relcl"


def holds(outer: Relation, inner: Relation) -> bool:
    """Whether ``inner`` is said inside ``outer`` (its chain continues ``outer``'s)."""
    if outer is inner or not outer.content or inner.parent_i == outer.cue_i or _parenthetical(inner) \
            or outer.beside or inner.beside:
        return False
    if nests(inner) and _relative_clause(inner):
        return False
    if not (nests(outer) or outer.lemma == "according to"):
        return False  # only a speaker holds a speaker ("Diplomats said France could ask …" holds "ask")
    according = _according_holds(outer, inner)
    if according is not None:
        return according
    carried = _outlet_carries(outer, inner)
    if carried is not None:
        return carried
    if not (outer.content[0] <= inner.cue[0] < outer.content[1]):
        return False
    mutual = inner.content and inner.content[0] <= outer.cue[0] < inner.content[1]
    if not mutual:
        return True
    return _mutual_outer(outer, inner)


@rule("claims", "citing-parent", source="PolNeAR dev and demo corpus", off=None, examples=[
    ("Reuters reported that the dam had burst, citing two local officials.",
     {"cue": "citing", "sources": "Reuters > two local officials"}),
])
def _cited_by(relation: Relation, among: list[Relation]) -> Relation | None:
    """"X reported …, citing Y": Y speaks inside the relation whose source cites it."""
    if relation.parent_i is None:
        return None
    return next((r for r in among if r.cue_i == relation.parent_i), None)


def parent(relation: Relation, among: list[Relation]) -> Relation | None:
    """The relation this one speaks inside: the reporter of "citing X", else the relation with the
    smallest content that holds this one's cue."""
    direct = _cited_by(relation, among)
    if direct is not None:
        return direct
    holders = [r for r in among if holds(r, relation)]
    return min(holders, key=lambda r: r.content[1] - r.content[0]) if holders else None
