"""Independent origins of an incident, by the rule of issue 10 (implemented exactly):

1. Each report of the incident has its attribution chain (``sources``, outermost first, publisher
   excluded) after merging aliases; a report in the outlet's own voice has the chain
   ``[publisher]``; a copy (another outlet's exact copy, or a near-duplicate) takes the chain of its
   original (the caller passes it). A document's unattributed sentences of the happening, when its
   first sentence of it names its sources ("…, state police said. The two men killed were …"),
   retell what those sources said: they add no chain of the publisher's own (reports come in
   text order within a document). The caller first names each source by the body it means
   (``corpus/sources.py``: the document's own definitions, the source registry), so "the IDF" and
   "the Israeli army" are one key.
2. A chain's *origin key* is its innermost element; an anonymous element ("a source",
   "residents", an unnamed official: "a navy official") is keyed together with the element before it, or with the publisher when it
   stands first (``Asharq al-Awsat > a source``): two outlets' anonymous sources cannot be
   assumed to be the same person.
3. The incident's independent origins are the distinct keys that do not also appear as a
   non-innermost element of another chain of the incident.

Aliases merged in step 1 include a document's own introductions: a lead that says "a medical
group said" and a later paragraph that names "the Sudan Doctors Network" speak of one
organisation. Within the reports of one document (``Report.document``), a source written as an
indefinite description ("a medical group", "an army statement"; anonymous sources excepted, they
are unnamed on purpose) is the named source of the same document's reports that shares a content
word with it ("army" → "the Democratic Republic of Congo's army"), else, for a description whose
head can only be an organisation or its paper ("group", "agency", "statement"), the one named
organisation there when there is exactly one.

So "JNS: Asharq al-Awsat reported, a source told it" + "Ynet: Asharq al-Awsat reported" = 1
origin (Asharq al-Awsat > a source); "Reuters, citing the ministry" + "the ministry said" = 1;
"Reuters, citing the ministry" + "Reuters, citing a witness" = 2; "C citing B citing A" +
"B citing A" + "A (own voice)" = 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Sequence

from ..resources.tables import words
from ..types import Source

KEY_SEPARATOR = " > "


@dataclass(frozen=True)
class Report:
    """One report of an incident: who published it and through whom it says what it says."""

    publisher: str
    sources: tuple[Source, ...]  # outermost first, publisher excluded
    document: str | None = None  # the document (a copy's original) the report comes from


@dataclass(frozen=True)
class Origin:
    key: str
    name: str
    kind: str
    reports: int  # how many reports trace back to this key
    independent: bool


def _canonical(name: str, alias_of: Callable[[str], str] | None) -> str:
    name = " ".join(name.split())
    return alias_of(name) if alias_of else name


def full_chain(report: Report, *, alias_of: Callable[[str], str] | None = None) -> tuple[Source, ...]:
    """The chain with aliases merged; the publisher stands in for the article's own voice."""
    chain = tuple(Source(_canonical(s.name, alias_of), s.kind) for s in report.sources)
    return chain or (Source(_canonical(report.publisher, alias_of), "outlet"),)


_UNNAMED_PERSON = re.compile(
    rf"^(?:{'|'.join(words('claims.anonymous_determiners'))})\b.*\b(?:{'|'.join(words('claims.anonymous_heads'))})s?$",
    re.I)


def unnamed(source: Source) -> bool:
    """An anonymous source, or a person the text does not name ("a navy official", "two police
    officers", "a senior defence official"): two outlets' unnamed officials cannot be assumed to be
    one person, nor the official to speak for his body (a spokesman does; ``corpus/sources.py``)."""
    return source.kind == "anonymous" or (source.kind in ("official", "person")
                                          and bool(_UNNAMED_PERSON.match(source.name.strip())))


def origin_key(report: Report, *, alias_of: Callable[[str], str] | None = None) -> tuple[str, Source]:
    """(key, innermost source) of one report."""
    chain = full_chain(report, alias_of=alias_of)
    inner = chain[-1]
    # an unnamed source that the incident's aliases identify as a body ("police" in a story whose
    # other reports name "Greek police") is that body
    identified = bool(report.sources) and inner.name != " ".join(report.sources[-1].name.split())
    if identified or not unnamed(inner):
        return _fold(inner.name), inner
    before = chain[-2].name if len(chain) > 1 else _canonical(report.publisher, alias_of)
    return _fold(before) + KEY_SEPARATOR + _fold(inner.name), Source(before + KEY_SEPARATOR + inner.name, inner.kind)


_BODY_SUFFIX = re.compile(r"\b(police)\s+(?:department|dept\.?|service|force)$")
_OWNER = re.compile(r"^(?:the\s+)?([A-Z][\w.-]+)(['’]s)?\s+([A-Za-z][\w\s'-]*)$")
_DEMONYM = re.compile(r"(?:an|ese|i|ish|ch|ic|ek)$")


def _fold(name: str) -> str:
    """A key's form: case and a leading "the" aside ("the Carabinieri" and "Carabinieri" are one)."""
    return re.sub(r"^the\s+", "", " ".join(name.casefold().split()))


def body_form(name: str) -> str:
    """One form for the ways a body is written: "the Troy Police Department" and "Troy police"; a
    body named after its country either way ("India's navy", "the Indian Navy"). Only a country's
    own name with "'s" or a demonym counts ("Oregon State Police" stays itself; "Moscow police"
    is no Russian police)."""
    name = name.strip()
    owner = _OWNER.match(name)
    if owner and (owner.group(2) or _DEMONYM.search(owner.group(1))):
        from ..resources.actors import capital_code, country_of

        country = country_of(owner.group(1))
        if country and capital_code(owner.group(1)) is None:
            name = f"{country} {owner.group(3)}"
    name = re.sub(r"^the\s+", "", name.casefold())
    return _BODY_SUFFIX.sub(r"\1", name)


_INDEFINITE = re.compile(r"^(a|an)\s+", re.I)
_GENERIC = frozenset(
    "a an the of for in on at to and local group groups statement statements report reports communique communiqué "
    "official officials source sources spokesman spokeswoman spokesperson organisation organization agency body "
    "its their his her new".split()
)
_RESOLVABLE = ("organization", "document", "official", "person")
# heads of a description that can only mean an organisation (or its paper) of the document
_ORG_HEADS = frozenset(
    "group organisation organization agency network committee body association union charity ministry "
    "statement report communique communiqué".split()
)


def _content(name: str) -> set[str]:
    return {w for w in re.findall(r"[\w'-]+", name.casefold().replace("'s", "")) if w not in _GENERIC}


def resolve_descriptions(reports: Sequence[Report]) -> list[Report]:
    """Each report with its indefinite-description sources replaced by the named source of its own
    document's reports that they introduce (see the module docstring); others unchanged."""
    named: dict[str | None, list[Source]] = {}
    for r in reports:
        if r.document is None:
            continue
        for src in r.sources:
            if src.kind in _RESOLVABLE and not _INDEFINITE.match(src.name) and src not in named.setdefault(r.document, []):
                named[r.document].append(src)
    out = []
    for r in reports:
        candidates = named.get(r.document, []) if r.document is not None else []
        chain = []
        for src in r.sources:
            if src.kind in _RESOLVABLE and _INDEFINITE.match(src.name) and candidates and not unnamed(src):
                words = _content(src.name)
                sharing = [c for c in candidates if words & _content(c.name)]
                orgs = [c for c in candidates if c.kind == "organization"]
                if len(sharing) == 1:
                    src = sharing[0]
                elif (not sharing and src.kind in ("organization", "document") and len(orgs) == 1
                      and src.name.split()[-1].casefold() in _ORG_HEADS):
                    src = orgs[0]
            chain.append(src)
        out.append(replace(r, sources=tuple(chain)))
    return out


_CAPITALISED = re.compile(r"[A-Z][\w'-]*")
_INITIAL_SKIP = frozenset("of and for the on in".split())
_PEOPLE = ("official", "person")


def _acronym(name: str) -> str:
    """Initials of a name's capitalised words: "United Kingdom Maritime Trade Operations" → "UKMTO"."""
    return "".join(w[0] for w in _CAPITALISED.findall(name) if w.casefold() not in _INITIAL_SKIP)


def _same_source(short: Source, long: Source) -> bool:
    """Whether two differently written sources of one incident name the same one: an acronym and
    its expansion ("UKMTO", "the United Kingdom Maritime Trade Operations agency"), an acronym
    inside a longer name ("the British military's UKMTO agency"), a person's surname alone
    ("Saree", "Yahya Saree"). Kept narrow on purpose: a merge removes an origin."""
    words = short.name.split()
    if len(words) != 1 or short.kind == "anonymous" or long.kind == "anonymous":
        return False
    word = words[0].strip(".,'’").removesuffix("'s")
    if word.isupper() and len(word) >= 3:
        # an organisation's acronym names the organisation, not one of its people ("ISIS" is not
        # "ISIS commander Abu Omar": two origins; a spokesman the text ties to his body by his
        # title is that body, but that is corpus/sources.py's reading of the text, not a name's)
        same_kind = short.kind == long.kind or {short.kind, long.kind} <= {"organization", "outlet", "document"}
        return same_kind and (word in long.name.split() or _acronym(long.name) == word)
    if word[:1].isupper() and short.kind in _PEOPLE and long.kind in _PEOPLE:
        return len(long.name.split()) > 1 and long.name.split()[-1] == word
    return False


def incident_aliases(reports: Sequence[Report]) -> dict[str, str]:
    """name → the fullest name of the same source among the incident's reports (``_same_source``);
    names joined through a third are one source ("UKMTO" joins its expansion and "the British
    military's UKMTO agency")."""
    sources = list({s.name: s for r in reports for s in r.sources}.values())
    parent = {s.name: s.name for s in sources}

    def root(name: str) -> str:
        while parent[name] != name:
            name = parent[name]
        return name

    forms: dict[str, str] = {}
    for source in sources:  # one body written two ways ("India's navy", "the Indian Navy")
        if source.kind in ("organization", "outlet", "document") and not unnamed(source):
            form = body_form(source.name)
            if form in forms and root(forms[form]) != root(source.name):
                parent[root(source.name)] = root(forms[form])
            forms.setdefault(form, source.name)
    for short in sources:
        for long in sources:
            if long.name != short.name and _same_source(short, long):
                parent[root(short.name)] = root(long.name)
        # "the navy" in one report, "the Indian navy" in another: the one body of the incident
        # with that head (two navies named: no merge, a merge removes an origin)
        if (short.kind == "organization" or short.name.casefold() == "police") and len(short.name.split()) == 1:
            word = short.name.casefold().strip(".,")
            heads = {s.name: body_form(s.name) for s in sources if s.kind == "organization" and s.name != short.name
                     and len(s.name.split()) > 1 and s.name.casefold().split()[-1] == word}
            if len(set(heads.values())) == 1:
                parent[root(short.name)] = root(min(heads))
    groups: dict[str, list[str]] = {}
    for s in sources:
        groups.setdefault(root(s.name), []).append(s.name)
    out: dict[str, str] = {}
    for names in groups.values():
        if len(names) > 1:
            fullest = max(names, key=lambda n: (len(n), n))
            out.update({n: fullest for n in names if n != fullest})
    return out


@dataclass(frozen=True)
class KeyedReport:
    """One report as the rule reads it: its chain after every merge, its key and innermost source."""

    report: Report
    chain: tuple[Source, ...]
    key: str
    inner: Source
    retelling: bool = False  # unattributed, in a document whose other reports of the incident name their sources


def keyed_reports(reports: Sequence[Report], *, alias_of: Callable[[str], str] | None = None) -> list[KeyedReport]:
    """Steps 1 and 2 of the rule for every report of an incident, descriptions and the incident's
    own aliases merged (``origins`` counts these)."""
    reports = resolve_descriptions(reports)
    merged = incident_aliases(reports)
    if merged:
        outer = alias_of
        alias_of = lambda name: (outer(merged.get(name, name)) if outer else merged.get(name, name))  # noqa: E731
    # a document whose first report of the incident (its lead: reports come in text order) names
    # its sources: its unattributed reports retell them. A lead in the outlet's own voice stays its
    # own reporting, whatever a later paragraph attributes ("…, the AP reported that a clerk saw it")
    lead: dict[str, Report] = {}
    for r in reports:
        if r.document is not None:
            lead.setdefault(r.document, r)
    attributed = {document for document, r in lead.items() if r.sources}
    out = []
    for r in reports:
        key, inner = origin_key(r, alias_of=alias_of)
        out.append(KeyedReport(r, full_chain(r, alias_of=alias_of), key, inner,
                               retelling=not r.sources and r.document in attributed))
    return out


def relayed_keys(keyed: Sequence[KeyedReport]) -> set[str]:
    """Step 3: the keys that stand as a non-innermost element of some chain."""
    return {_fold(s.name) for k in keyed for s in k.chain[:-1]}


def origins(reports: Sequence[Report], *, alias_of: Callable[[str], str] | None = None) -> list[Origin]:
    """Every origin key of the incident, independent or not, in first-seen order."""
    keyed = keyed_reports(reports, alias_of=alias_of)
    relayed = relayed_keys(keyed)
    counts: dict[str, int] = {}
    first: dict[str, Source] = {}
    for k in keyed:
        if k.retelling:
            continue
        counts[k.key] = counts.get(k.key, 0) + 1
        first.setdefault(k.key, k.inner)
    return [
        Origin(key=key, name=first[key].name, kind=first[key].kind, reports=counts[key],
               independent=key not in relayed)
        for key in counts
    ]


def count_independent(reports: Iterable[Report], *, alias_of: Callable[[str], str] | None = None) -> int:
    return sum(o.independent for o in origins(list(reports), alias_of=alias_of))
