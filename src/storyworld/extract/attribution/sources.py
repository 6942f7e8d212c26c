"""Naming and typing a source phrase that does not refer back to an earlier one.

A source is an outlet, an official, a person, an organisation, an anonymous source or a document,
named by the person or organisation the phrase mentions ("WFP spokeswoman Leni Kinzli" → Leni
Kinzli, official, office "WFP spokeswoman"). ``describe`` asks the rules below in order; the first
that recognises the phrase names it. The word lists are ``data/words/claims.toml``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...resources.actors import alias_entry
from ...resources.outlets import find_outlet, find_outlet_in, is_outlet_description
from ...resources.tables import word_set, words
from ...rules import IDENTITY, rule
from ...types import Source
from .units import QUOTES

CLAUSES_OF_A_PHRASE = ("relcl", "appos", "acl")
COUNTED = ("det", "poss", "nummod")  # a plural with one of these is counted or owned, not bare
POSSESSIVE = ("'s", "’s", "'")


def clean(text: str) -> str:
    """A phrase's text on one line, without edge punctuation, a possessive ending or quotation marks."""
    text = re.sub(r"\s+", " ", text).strip().strip(",;:").strip()
    text = re.sub(r"(’s|'s)$", "", text).strip()
    return text.strip(QUOTES).strip()


@lru_cache(maxsize=4096)
def names_outlet(text: str) -> bool:
    return bool(find_outlet(clean(text)) or find_outlet_in(text))


def is_official_word(word: str) -> bool:
    return word in word_set("claims.official_words")


def has_office(text: str) -> bool:
    """Whether a title or office is among the words of ``text`` ("regional governor")."""
    return any(is_official_word(w) for w in re.findall(r"[a-z.]+", text.lower()))


@lru_cache(maxsize=1)
def _anonymous() -> re.Pattern:
    determiners, heads = "|".join(words("claims.anonymous_determiners")), "|".join(words("claims.anonymous_heads"))
    plurals = "|".join(words("claims.anonymous_plurals"))
    return re.compile(rf"^({determiners})\b.*\b({heads})s?\b|^({plurals})\b", re.I)


@rule("claims", "source-core", source="PolNeAR dev and demo corpus", off=IDENTITY, examples=[
    ("A farmer who lost his herd said the river had flooded the valley.", {"source": "A farmer"}),
])
def core(span):
    """The source phrase without relative clauses and appositions ("a resident who fled …")."""
    doc = span.doc
    cut = span.end
    for token in span:
        if token.dep_ in CLAUSES_OF_A_PHRASE and token.head.i >= span.start:
            cut = min(cut, token.left_edge.i)
    while cut > span.start and (doc[cut - 1].is_punct or doc[cut - 1].is_space):
        cut -= 1
    return doc[span.start: cut] if cut > span.start else span


@rule("claims", "outlet-source", source="PolNeAR dev and demo corpus", off=None, examples=[
    ("Four sailors were hurt in the blast, the AP reported.", {"source": "Associated Press", "kind": "outlet"}),
])
def _outlet(text: str) -> Source | None:
    """A phrase that names an outlet is that outlet ("the AP" → Associated Press)."""
    outlet = find_outlet(text) or find_outlet_in(text)
    return Source(outlet.name, "outlet") if outlet is not None else None


@rule("claims", "outlet-named-after-its-description", source="gold-real dev2", off=None, examples=[
    ("The blast was heard across Shiraz, the official news agency IRNA reported.",
     {"cue": "reported", "source": "IRNA", "kind": "outlet"}),
])
def _outlet_named_after(text: str, span) -> Source | None:
    """"the official news agency IRNA": a description of an outlet followed by its name is that outlet
    (the name hangs off the description as an apposition, which the source's core leaves out)."""
    whole = clean(span.text)
    if whole == text or not is_outlet_description(text):
        return None
    return _outlet(whole)


@rule("claims", "unnamed-source", source="demo corpus", off=False, examples=[
    ("Two witnesses said the soldiers fired into the air.", {"source": "Two witnesses", "kind": "anonymous"}),
    ("Aid groups said the bridge to the island was shut.", {"source": "Aid groups", "kind": "anonymous"}),
])
def _unnamed(core_span, text: str) -> bool:
    """"a source close to the ministry", "two witnesses" and bare plurals ("aid groups") name nobody."""
    root = core_span.root
    bare_plural = root.tag_ == "NNS" and not any(c.dep_ in COUNTED for c in root.children) \
        and not any(t.pos_ == "PROPN" for t in core_span)
    return bool(_anonymous().search(text)) or bare_plural


@rule("claims", "unnamed-official", source="demo corpus", off=False, examples=[
    ("A senior defence official said the convoy was hit by a drone.",
     {"source": "A senior defence official", "kind": "official"}),
])
def _unnamed_official(root) -> bool:
    """An unnamed office-holder ("a State Department official") is an official, not anonymous."""
    return root.tag_ == "NN" and is_official_word(root.lower_)


@rule("claims", "unnamed-organization", source="demo corpus", off=False, examples=[
    ("A group of residents said the bridge to the island was shut.",
     {"source": "A group of residents", "kind": "organization"}),
])
def _unnamed_organization(root) -> bool:
    """"a local aid group", "a farmers' association": an organisation, unnamed but not anonymous."""
    return root.tag_ == "NN" and (root.lower_ in word_set("claims.organization_heads") or root.lower_ == "association")


@rule("claims", "known-organization", source="demo corpus", off=None, examples=[
    ("The Houthis said they had fired a missile at the ship.", {"source": "Houthis", "kind": "organization"}),
])
def _known_organization(text: str) -> Source | None:
    """A phrase the actor table knows as a group, organisation or country is an organisation
    ("Houthis", "the Kremlin")."""
    known = alias_entry(text)
    if known is not None and known.kind in ("group", "organization", "country"):
        return Source(clean(re.sub(r"^the\s+", "", text, flags=re.I)), "organization")
    return None


@rule("claims", "possessor-is-no-speaker", source="PolNeAR dev and demo corpus", off=False, examples=[
    ("Mali's transitional government said the vote would be delayed.", {"not": {"source": "Mali"}}),
])
def _possessor(ent) -> bool:
    """ "Mali's transitional government": Mali names the owner, not the speaker."""
    doc = ent.doc
    return ent.end < len(doc) and doc[ent.end].lower_ in POSSESSIVE


@rule("claims", "name-after-title", source="PolNeAR dev and demo corpus", off=None, examples=[
    ("Army spokesman Lieutenant Colonel Obi Nnamdi said the border post was attacked.",
     {"source": "Obi Nnamdi", "kind": "official"}),
])
def _name_after_title(span) -> tuple[int, str] | None:
    """ "army spokesman Colonel Guillaume Ndjike" → Guillaume Ndjike: the capitalised words after the
    last title word, when the model found no person."""
    tokens = list(span)
    for i in range(len(tokens) - 1, -1, -1):
        if is_official_word(tokens[i].lower_):
            name = tokens[i + 1:]
            if 1 <= len(name) <= 4 and all(t.text[:1].isupper() for t in name):
                return name[0].i, clean(" ".join(t.text for t in name))
            return None
    return None


@rule("claims", "titled-official", source="PolNeAR dev and demo corpus", off=False, examples=[
    ("Regional governor Petro Marchenko said drones hit a school.", {"source": "Petro Marchenko", "kind": "official"}),
])
def _titled(before: str) -> bool:
    """A person named after an office ("regional governor Oleh Syniehubov") is an official."""
    return has_office(before)


@rule("claims", "name-in-a-relative-clause", source="own house-style probe (\"Hungary, which has blocked EU aid to "
      "Kyiv, said …\": Kyiv, tagged a person, taken for the speaker)", off=False, examples=[
    ("Hungary, which has blocked EU aid to Kyiv, said it would not veto the next sanctions package.",
     {"cue": "said", "source": "Hungary"}),
])
def _in_relative_clause(ent, span) -> bool:
    """A name inside a relative clause of the source phrase ("Hungary, which has blocked aid to Kyiv")
    names someone the clause is about, not the speaker."""
    token = ent.root
    while token.head.i != token.i and span.start <= token.head.i < span.end:
        if token.dep_ in ("relcl", "acl"):
            return True
        token = token.head
    return token.dep_ in ("relcl", "acl")


def _person(core_span, span) -> Source | None:
    """A source that names a person: the last person the phrase names, typed by the words before it."""
    persons = [e for e in core_span.ents if e.label_ == "PERSON" and not _possessor(e)] \
        or [e for e in span.ents if e.label_ == "PERSON" and not _possessor(e) and not _in_relative_clause(e, span)]
    titled = _name_after_title(core_span) or _name_after_title(span)
    if not (persons or titled):
        return None
    start, name = (persons[-1].start, clean(persons[-1].text)) if persons else titled
    before = clean(span.doc[span.start: start].text.split(",")[-1])
    if _titled(before):
        return Source(name, "official", re.sub(r"^(the|a|an)\s+", "", before, flags=re.I) or None)
    return Source(name, "person")


@rule("claims", "document-source", source="seed article", off=False, examples=[
    ("A ministry statement said six people had died.", {"source": "A ministry statement", "kind": "document"}),
])
def _document(phrase_words: list[str]) -> bool:
    """A phrase that ends in a document's head ("a ministry statement") is a document."""
    return bool(phrase_words) and phrase_words[-1] in word_set("claims.document_heads")


@rule("claims", "office-source", source="seed article", off=False, examples=[
    ("The defence minister said the talks would resume.", {"source": "The defence minister", "kind": "official"}),
])
def _office(phrase_words: list[str]) -> bool:
    """A phrase with a title or office and no name ("the defence minister") is an official."""
    return any(is_official_word(w) for w in phrase_words)


@rule("claims", "named-organization", source="PolNeAR dev and demo corpus", off=None, examples=[
    ("The Lake Chad Fishers Cooperative said the convoy reached the town.",
     {"source": "Lake Chad Fishers Cooperative", "kind": "organization"}),
])
def _named_organization(core_span) -> Source | None:
    """A phrase that is an organisation's name ("the Red Crescent", "the Houthi rebels") is named by it."""
    orgs = [e for e in core_span.ents if e.label_ == "ORG"]
    if not orgs:
        return None
    org = orgs[-1]
    rest = [t for t in core_span if not (org.start <= t.i < org.end) and t.lower_ not in ("the", "'s", "’s")]
    if not rest or (len(rest) == 1 and rest[0].i == core_span.end - 1
                    and rest[0].lower_ in word_set("claims.armed_group_words")):
        return Source(clean(re.sub(r"^the\s+", "", org.text, flags=re.I)), "organization")
    return None


@rule("claims", "organization-head", source="seed article", off=False, examples=[
    ("The Ministry said the harbour was closed.", {"source": "The Ministry", "kind": "organization"}),
])
def _organization_head(phrase_words: list[str]) -> bool:
    """A phrase that ends in an organisation's head ("the defence ministry") is an organisation."""
    return bool(phrase_words) and phrase_words[-1] in word_set("claims.organization_heads")


@rule("claims", "entity-organization", source="PolNeAR dev and demo corpus", off=False, examples=[
    ("Texans said the storm was the worst in years.", {"source": "Texans", "kind": "organization"}),
])
def _names_entity(core_span) -> bool:
    """A phrase that names an organisation, a nationality or a country speaks for it."""
    return any(e.label_ in ("ORG", "NORP", "GPE") for e in core_span.ents)


@rule("claims", "proper-noun-person", source="demo corpus", off=False, examples=[
    ("Thandiwe said the dock was quiet.", {"source": "Thandiwe", "kind": "person"}),
])
def _proper_noun(head) -> bool:
    """What is left is a person when its head is a proper noun, else an organisation."""
    return head.pos_ == "PROPN"


def describe(span) -> Source:
    """Type and name a source phrase that does not refer back to an earlier one."""
    core_span = core(span)
    text = clean(core_span.text)
    outlet = _outlet(text) or _outlet_named_after(text, span)
    if outlet is not None:
        return outlet
    phrase_words = re.findall(r"[a-zé.]+", text.lower())
    root = core_span.root
    if _unnamed(core_span, text):
        if _unnamed_official(root):
            return Source(text, "official")  # "a State Department official": unnamed, but an office
        if _unnamed_organization(root):
            return Source(text, "organization")
        return Source(text, "anonymous")  # "a source close to the ministry", "aid groups", "witnesses"
    known = _known_organization(text)
    if known is not None:
        return known
    person = _person(core_span, span)
    if person is not None:
        return person
    if _document(phrase_words):
        return Source(text, "document")
    if _office(phrase_words):
        return Source(text, "official")
    named = _named_organization(core_span)
    if named is not None:
        return named
    if _organization_head(phrase_words) or _names_entity(core_span):
        return Source(text, "organization")
    return Source(text, "person" if _proper_noun(core_span.root) else "organization")
