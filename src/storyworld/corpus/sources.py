"""Source resolution across documents, for counting origins: each name a report gives its source is
replaced by the canonical name of the body it means, so that one body written three ways is one
origin ("the Council", "the Council of the European Union", "the Council of the EU").

A name is resolved, in this order, by

1. the document's own definitions: "the Council of the European Union (the Council)", "the Israel
   Defense Forces (IDF)", "IDF (Israel Defense Forces)";
2. a one-word name ("the Council", "the army", "the ministry") as the one longer name the same
   document gives with that head ("the Council of the EU", "the Israeli army"), when it gives one;
3. a spokesperson or press office that the name ties to a body ("an IDF spokesman") as that body,
   and a named person whom the text ties to a body by a title ("navy spokesman Commander Nirad
   Sinha", "Troy Police Chief Gerry Scherlinck", "Robert Sznewajs, the bank's chief executive",
   "Police Lt. Jeffrey Silva", "Prosecutor Aaron Strojny" for the prosecuting office the text names)
   as that body, under his full name or his surname; the police of a story written without their
   name ("city police", "Officers told the paper") as the one police force the document names, else
   "police"; a shorter name at the tail of the one longer body name the document gives ("the DA's
   office", "DA" → "the Bristol County District Attorney's office");
4. the source registry (``resources/sources.py``: ``sources.tsv`` and the actor knowledge base's
   organisations): "the IDF", "the Israeli military" → Israel Defense Forces; also a registered
   name after its owner ("the British military's UKMTO agency", "Yemen's Houthi movement"), and a
   registered movement's armed wing ("the Houthi military").

A name none of these knows stays as written. Anonymous sources stay themselves: an unnamed person
is not the body he works for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable, Sequence

from ..resources.actors import country_of
from ..resources.sources import find_source, fold_name
from ..resources.tables import word_map, word_set
from ..types import Source
from .origins import Report

_CONNECTORS = ("of", "the", "for", "and", "on", "de", "du")
_WORD = r"[A-Z][\w'’.&-]*"
# "Full Name (Short)": a run of capitalised words (with of/the/for/and between) before a bracket
_DEFINED = re.compile(rf"((?:{_WORD})(?:\s+(?:{_WORD}|{'|'.join(_CONNECTORS)}))*)\s*\(\s*(?:the\s+)?"
                      rf"({_WORD}(?:\s+{_WORD}){{0,3}})\s*\)")
# "SHORT (Full Name)": an acronym before a bracketed name
_ACRONYM_FIRST = re.compile(rf"\b([A-Z][A-Z.&-]{{1,9}})\s*\(\s*(?:the\s+)?({_WORD}(?:\s+(?:{_WORD}|"
                            rf"{'|'.join(_CONNECTORS)})){{1,9}})\s*\)")
_SPOKESPERSON = re.compile(r"^(?:(?:an?|the)\s+)?(.+?)(?:'s|’s)?\s+(?:spokesman|spokeswoman|spokesperson|spokespeople|"
                           r"press office|press service|press secretary)$", re.I)
_HEAD_KINDS = ("organization", "document")
# "Indian naval officials said", "police officials said": the body speaks through them (unlike "a
# navy official who asked not to be named", or "officials" alone, who stay anonymous)
_NAMED_POLICE = re.compile(r"^(?:the\s+)?(?P<body>(?:[A-Z][\w.'’-]*\s+){1,3}police)$")
# a spokesman of one of these speaks for it even when no registry or text names it further
_BODY_WORD = re.compile(r"\b(?:police|army|navy|military|ministry|government|fire service|coast guard|"
                        r"prosecutors?|department|agency|office|command)$", re.I)
_BODY_OFFICIALS = re.compile(r"^(?:the\s+)?(?P<body>(?:[A-Z][\w.'’-]*\s+){0,2}(?:naval|navy|army|military|police|"
                             r"coast guard|fire service|fire department))\s+officials$", re.I)


def _initials(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper() and w.casefold() not in _CONNECTORS)


def definitions(text: str) -> dict[str, str]:
    """folded short form → full name, for each short form the text defines in brackets."""
    out: dict[str, str] = {}
    for match in _DEFINED.finditer(text):
        words, short = match.group(1).split(), match.group(2)
        bare = short.replace(".", "")
        full: list[str] | None = None
        if bare.isupper() and len(bare) >= 2:  # an acronym: the shortest tail of the run whose initials spell it
            for start in range(len(words) - 1, -1, -1):
                if _initials(words[start:]) == bare:
                    full = words[start:]
                    break
        else:  # "the Council": the run from that word on
            first = short.split()[0].casefold()
            starts = [i for i, w in enumerate(words) if w.casefold() == first]
            if starts and len(words) - starts[0] > len(short.split()):
                full = words[starts[0]:]
        if full:
            out.setdefault(fold_name(short), " ".join(full))
    for match in _ACRONYM_FIRST.finditer(text):
        short, words = match.group(1), match.group(2).split()
        if _initials(words) == short.replace(".", ""):
            out.setdefault(fold_name(short), " ".join(words))
    return out


def _head(name: str) -> str | None:
    """The head word of a name: the last word before "of", else its last word ("Council of the EU" →
    council, "the Israeli army" → army)."""
    words = fold_name(name).replace("'s", "").split()
    if "of" in words[1:]:
        words = words[:words.index("of", 1)]
    return words[-1] if words else None


# Titles by which a text ties a named person to the body he speaks for: its spokespeople, and the
# heads and officers who speak for it on the record ("Troy Police Chief Gerry Scherlinck", "the
# bank's chief executive, Robert Sznewajs"). An unnamed official stays himself (corpus/origins.py).
_TITLES = ("spokesman|spokeswoman|spokesperson|press officer|chief executive|chief|commissioner|director|"
           "superintendent|sheriff|lieutenant|sergeant|captain|commander|president")
_RANKS = r"(?:(?:Lt|Lieut|Capt|Cmdr|Cdr|Commander|Sgt|Sergeant|Lieutenant|Captain|Col|Colonel|Gen|General|Maj|" \
         r"Major|Insp|Inspector|Det|Detective|Officer|Dr|Mr|Ms|Mrs|Adm|Admiral|Brig|Rear Admiral)\.?\s+)*"
_PERSON = r"[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][\w'’-]+){0,3}"
# the space after a word of a body's name: no line break, and no full stop of a sentence ("… near
# Sake.\n\nM23 spokesman Lawrence Kanyuka" names M23, not "Sake. M23"; "U.S." and "Gov." are words)
_IN_NAME = r"(?<![a-z]{3}\.)[ \t]+"
_BODY_WORDS = r"(?:(?:[A-Z][\w.'’&-]*|state|federal|city|county|navy|naval|army|military|police|defence|defense|" \
              rf"interior|foreign|health|fire|highway|coast|border|prison|transport){_IN_NAME}){{1,6}}"
# "Oregon State Police spokesman Gregg Hastings", "navy spokesman Commander Nirad Sinha"
_TITLE_BEFORE = re.compile(rf"(?:(?:the|a|an)\s+)?(?P<body>{_BODY_WORDS})(?i:(?P<title>{_TITLES})),?\s+{_RANKS}"
                           rf"(?P<name>{_PERSON})")
# "Lt. Gerry Scherlinck of the Troy Police Department": a body by its organisation word
_ORG_WORDS = ("Department|Police|Ministry|Office|Service|Agency|Army|Navy|Force|Forces|Patrol|Bureau|Command|"
              "Council|Commission|Committee|Authority|Company|Bank|Corporation|Corp|Group|Association|Union|"
              "Organisation|Organization|Institute|Hospital|Party|Government|Administration|Guard|Marshals|"
              "Coast Guard|Red Cross|Red Crescent|Brigade|Fire Service|Prosecutor's Office")
_NAME_OF_BODY = re.compile(rf"{_RANKS}(?P<name>{_PERSON})\s+(?:of|from|with)\s+(?:the\s+)?"
                           rf"(?P<body>(?:[A-Z][\w.'’&-]*{_IN_NAME}){{0,5}}(?:{_ORG_WORDS}))\b")
# "a Troy police sergeant" … "Sgt. Barry Whiteside": the rank abbreviated before the name
_RANK_DESCRIBED = re.compile(rf"\b(?:[Aa]|[Aa]n|[Tt]he)\s+(?P<body>(?:[A-Z][\w.'’&-]*{_IN_NAME})+"
                             r"(?:police\s+|army\s+|navy\s+)?)(?P<rank>sergeant|lieutenant|captain|detective|"
                             r"commander|inspector)\b")
_RANK_ABBREVIATIONS = {"sergeant": "Sgt", "lieutenant": "Lt", "captain": "Capt", "detective": "Det",
                       "commander": "Cmdr", "inspector": "Insp"}
# "Brad Baehr, a CHP spokesman", "Robert Sznewajs, the bank's chief executive", "X, a spokesman for the navy"
_TITLE_AFTER = re.compile(rf"(?P<name>{_PERSON}),\s+(?:a|an|the)\s+(?:(?P<body>[^,.;]{{2,60}}?)(?:'s|’s)?\s+)?"
                          rf"(?P<title>{_TITLES})(?:\s+(?:for|of|at)\s+(?P<body2>(?:the\s+)?[^,.;]{{2,60}}))?(?=[,.;])")
# "the bank's chief executive, Robert Sznewajs"
_POSSESSOR_TITLE = re.compile(rf"(?P<body>(?:the\s+)?[\w.'’&-]+(?:\s+[\w.'’&-]+){{0,4}})(?:'s|’s)\s+(?P<title>{_TITLES}),?"
                              rf"\s+{_RANKS}(?P<name>{_PERSON})")


# "Police Lt. Jeffrey Silva", "Navy Capt. Ravi Mehta": a body's word, then a rank, then the name
_BODY_RANK = re.compile(rf"\b(?P<body>(?:[A-Z][\w.'’&-]*{_IN_NAME}){{0,3}}"
                        r"(?:Police|Navy|Army|Fire|Sheriff's|Coast Guard))\s+"
                        r"(?:Lt|Lieut|Sgt|Capt|Cpl|Det|Insp|Cmdr|Officer|Detective|Sergeant|Lieutenant|Captain|"
                        rf"Inspector|Commander|Corporal)\.?\s+(?P<name>{_PERSON})")
# "the Bristol County District Attorney's office", "the Palermo prosecutor's office"
_PROSECUTING_OFFICE = re.compile(r"\b(?:the\s+)?(?P<office>(?:[A-Z][\w.'’&-]*\s+){0,4}(?:[Dd]istrict [Aa]ttorney|"
                                 r"[Pp]rosecutor|[Aa]ttorney [Gg]eneral|[Ss]tate's [Aa]ttorney|"
                                 r"[Cc]ommonwealth's [Aa]ttorney|[Cc]ounty [Aa]ttorney)(?:'s|’s|s')\s+[Oo]ffice)")


def prosecuting_offices(text: str) -> list[str]:
    """The prosecuting offices the text names, as written, in text order."""
    return [m.group("office") for m in _PROSECUTING_OFFICE.finditer(text)]


@lru_cache(maxsize=1)
def _prosecutor_named() -> re.Pattern[str]:
    """A prosecutor's title and his name ("Prosecutor Aaron Strojny"), longest title first."""
    titles = "|".join(re.escape(t) for t in sorted(word_set("incidents.prosecuting_titles"), key=len, reverse=True))
    return re.compile(rf"(?i:\b(?:{titles}))\s+{_RANKS}(?P<name>{_PERSON})")


def _prosecutors(text: str, offices: list[str]) -> dict[str, str]:
    """folded prosecutor's name → the prosecuting office the text names (``offices``: "Prosecutor
    Aaron Strojny", "Commonwealth's Attorney Raymond C. Robertson"), or "prosecutors" when it names
    none or several: a prosecutor speaks for the office that prosecutes, as a spokesman for his body."""
    distinct = {fold_name(office): office for office in offices}
    body = next(iter(distinct.values())) if len(distinct) == 1 else "prosecutors"
    found = {}
    for match in _prosecutor_named().finditer(text):
        name = match.group("name").strip()
        if len(name.split()) >= 2:
            found[fold_name(name)] = body
            found.setdefault(fold_name(name.split()[-1]), body)
    return found


def people_bodies(text: str, offices: list[str] | None = None) -> dict[str, str]:
    """folded person name (in full, and the surname when no other person has it) → the body the
    text says he speaks for, as written ("navy", "the bank", "Oregon State Police"); ``offices``:
    the text's ``prosecuting_offices`` when the caller has them."""
    found: dict[str, str] = {}
    surnames: dict[str, set[str]] = {}
    ranks: dict[str, set[str]] = {}
    for match in _RANK_DESCRIBED.finditer(text):
        ranks.setdefault(match.group("rank").lower(), set()).add(match.group("body").strip())
    rank_named = []
    for rank, bodies in ranks.items():
        if len(bodies) == 1:
            abbreviation = re.escape(_RANK_ABBREVIATIONS[rank])
            rank_named.append((re.compile(rf"\b(?:{abbreviation}\.?|{rank.capitalize()})\s+(?P<name>{_PERSON})"),
                               next(iter(bodies))))
    for pattern, body in rank_named:
        for match in pattern.finditer(text):
            if len(match.group("name").split()) >= 2:
                found.setdefault(fold_name(match.group("name")), body)
                surnames.setdefault(fold_name(match.group("name").split()[-1]), set()).add(body)
    offices = prosecuting_offices(text) if offices is None else offices
    for name, body in _prosecutors(text, offices).items():
        found.setdefault(name, body)
        if len(name.split()) == 1:
            surnames.setdefault(name, set()).add(body)
    for pattern in (_TITLE_BEFORE, _TITLE_AFTER, _POSSESSOR_TITLE, _NAME_OF_BODY, _BODY_RANK):
        for match in pattern.finditer(text):
            body = (match.groupdict().get("body2") or match.group("body") or "").strip()
            name = match.group("name").strip()
            if len(body) < 2 or not re.search(r"[A-Za-z]", body) or len(name.split()) < 2:
                continue
            found.setdefault(fold_name(name), body)
            surnames.setdefault(fold_name(name.split()[-1]), set()).add(body)
    for surname, bodies in surnames.items():
        if len(bodies) == 1:
            found.setdefault(surname, next(iter(bodies)))
    return found


@dataclass
class DocumentNames:
    """What one document says its sources are: its definitions, for a one-word name the one longer
    name it gives with that head, and the bodies its named spokespeople and officers speak for."""

    defined: dict[str, str] = field(default_factory=dict)
    by_head: dict[str, str] = field(default_factory=dict)
    speaks_for: dict[str, str] = field(default_factory=dict)
    # the names of bodies it gives, by their ``_title_key``: for a shorter name at their tail
    offices: dict[tuple[str, ...], str] = field(default_factory=dict)
    police: str | None = None  # the one police force it names ("New Bedford police"), if one


def document_names(text: str, names: Iterable[str]) -> DocumentNames:
    """The source names of a document (``text`` and the names it uses: its actors, its sources)."""
    defined = definitions(text)
    prosecuting = prosecuting_offices(text)
    speaks_for = people_bodies(text, prosecuting)
    heads: dict[str, set[str]] = {}
    for name in [*names, *defined.values()]:
        if len(fold_name(name).split()) < 2 or not re.search(r"[A-Z]", name):
            continue  # a proper name only ("the Israeli army", not "three officials")
        head = _head(name)
        if head:
            heads.setdefault(head, set()).add(canonical_name(name, defined=defined))
    by_head = {head: next(iter(names)) for head, names in heads.items() if len(names) == 1}
    bodies = set(speaks_for.values())
    if len(bodies) == 1:  # "the spokesman said": the one body whose spokesman the text names
        for word in ("spokesman", "spokeswoman", "spokesperson"):
            speaks_for.setdefault(fold_name(f"the {word}"), next(iter(bodies)))
    offices: dict[tuple[str, ...], str] = {}
    for name in [*names, *prosecuting]:
        key = _title_key(name)
        if len(key) >= 2 and re.search(r"[A-Z]", name):
            offices[key] = name
    forces = {_police_force_name(n) for n in names if _POLICE_FORCE.match(n.strip())}
    return DocumentNames(defined=defined, by_head=by_head, speaks_for=speaks_for, offices=offices,
                         police=next(iter(forces)) if len(forces) == 1 else None)


# "New Bedford police", "the Troy Police Department": a police force named by its town or country
_POLICE_FORCE = re.compile(r"^(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){1,3}(?:[Pp]olice)"
                           r"(?:\s+[Dd]epartment|\s+[Ss]ervice|\s+[Ff]orce)?$")


def _police_force_name(name: str) -> str:
    """"the Troy Police Department" and "Troy police" as one name: "Troy police"."""
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    return re.sub(r"\s+(?:[Dd]epartment|[Ss]ervice|[Ff]orce)$", "", re.sub(r"[Pp]olice", "police", name))


def _title_key(name: str) -> tuple[str, ...]:
    """A body's name as compared at its tail: folded, abbreviations of titles written out, without a
    possessive or a closing "office" ("the DA's office" → district attorney; "the Bristol County
    District Attorney's office" → bristol county district attorney)."""
    expand = word_map("incidents.source_abbreviations")
    out: list[str] = []
    for word in fold_name(name).replace("'s", "").replace("s'", "s").split():
        out.extend(expand.get(word, word).split())
    while out and out[-1] == "office":
        out.pop()
    return tuple(out)


def canonical_name(name: str, *, defined: dict[str, str] | None = None) -> str:
    """A name through the document's definitions, then the registry; else as written."""
    full = (defined or {}).get(fold_name(name))
    if full:
        name = full
    entry = find_source(name)
    return entry.name if entry else name


def resolve_source(source: Source, names: DocumentNames | None = None) -> Source:
    """The source with the canonical name of the body it means (see the module docstring)."""
    return explain_source(source, names)[0]


def explain_source(source: Source, names: DocumentNames | None = None) -> tuple[Source, str | None]:
    """``resolve_source`` with the reason for a change of name (None when the name stays)."""
    names = names or DocumentNames()
    named_police = _NAMED_POLICE.match(source.name.strip())
    if named_police and source.kind == "anonymous":  # "Greek police said": a body, not unnamed people
        body, why = explain_source(Source(named_police.group("body"), "organization"), names)
        return Source(body.name, "organization", office=source.office), \
            "police named by their country or town are that police force" + (f" ({why})" if why else "")
    body_officials = _BODY_OFFICIALS.match(source.name.strip())
    if body_officials:
        written = body_officials.group("body")
        body, why = explain_source(Source(re.sub(r"\bnaval\b", "navy", written, flags=re.I), "organization"), names)
        return Source(body.name, "organization", office=source.office), \
            f"officials of {written!r} speak for it" + (f" ({why})" if why else "")
    police = _police(source, names)
    if police is not None:
        return police
    if source.kind == "anonymous" and not _SPOKESPERSON.match(source.name):
        return source, None
    folded = fold_name(source.name)
    if folded in names.defined:
        full = names.defined[folded]
        name = canonical_name(full)
        return replace(source, name=name), f"the text defines it as {full!r}" + (
            f", registered as {name!r}" if name != full else "")
    if source.kind in _HEAD_KINDS and len(folded.split()) == 1 and folded in names.by_head \
            and find_source(source.name) is None:
        return replace(source, name=names.by_head[folded]), \
            f"the one {folded!r} the document names: {names.by_head[folded]!r}"
    office = _office_at_tail(source, names)
    if office is not None:
        return office
    if source.kind in ("official", "person") and folded in names.speaks_for:
        written = names.speaks_for[folded]
        body, why = explain_source(Source(re.sub(r"^(?:the|a|an)\s+", "", written, flags=re.I), "organization"),
                                   names)
        return Source(body.name, "organization", office=source.office), \
            f"speaks for {body.name!r}: the text ties {source.name!r} to {written!r}" + (f" ({why})" if why else "")
    spoken = _SPOKESPERSON.match(source.name.strip())
    if spoken:
        body, why = explain_source(Source(spoken.group(1), "organization"), names)
        if body.name != spoken.group(1) or find_source(body.name) or _BODY_WORD.search(body.name):
            return Source(body.name, "organization", office=source.office), \
                f"speaks for {body.name!r}" + (f" ({why})" if why else "")
        return source, None
    entry = find_source(source.name)
    if entry:
        return (replace(source, name=entry.name), f"registry: {entry.name!r}") if entry.name != source.name \
            else (source, None)
    entry = _owned(source.name)
    if entry:
        return replace(source, name=entry.name), f"registry, after its owner: {entry.name!r}"
    armed = _ARMED_WING.match(source.name.strip())
    entry = find_source(armed.group("owner")) if armed else None
    if entry is not None and entry.kind == "organization" and country_of(armed.group("owner")) is None:
        return replace(source, name=entry.name), f"the forces of {entry.name!r}"
    return source, None


# "the Houthi military", "Hamas fighters": a movement's armed wing speaks for the movement (a
# country's army is a body of its own: "the Israeli military" is registered as the IDF)
_ARMED_WING = re.compile(r"^(?:the\s+)?(?P<owner>.+?)(?:'s|’s)?\s+(?:military|forces|armed forces|fighters|militia|"
                         r"military wing|armed wing)$", re.I)


def _police(source: Source, names: DocumentNames) -> tuple[Source, str] | None:
    """"city police", "Officers told the paper", "detectives said": the one police force the document
    names, else "police" (which an incident whose other reports name one force reads as that one,
    ``origins.incident_aliases``); one officer or "two officers" stays an unnamed person."""
    if source.kind not in ("organization", "official", "anonymous") or \
            fold_name(source.name) not in word_set("incidents.police_sources"):
        return None
    body = names.police or "police"
    return Source(body, "organization", office=source.office), f"the police of the story: {body!r}"


def _office_at_tail(source: Source, names: DocumentNames) -> tuple[Source, str] | None:
    """"the DA's office", "DA", "the district attorney's office": the one longer name the document
    gives with that tail ("the Bristol County District Attorney's office")."""
    if source.kind not in ("organization", "document") and not (
            source.kind == "official" and _BODY_WORD.search(source.name.strip())):
        return None  # a person's name at the tail of a longer one is his title, not his body
    if fold_name(source.name) in ("prosecutors", "prosecution", "the prosecution"):
        prosecuting = {fold_name(n): n for n in names.offices.values() if _PROSECUTING_OFFICE.fullmatch(n.strip())}
        if len(prosecuting) == 1:
            full = next(iter(prosecuting.values()))
            return Source(full, "organization", office=source.office), f"the one prosecuting office named: {full!r}"
        return None
    key = _title_key(source.name)
    if len(key) < 2:
        return None
    longer = {k: n for k, n in names.offices.items() if len(k) > len(key) and k[-len(key):] == key}
    if len(longer) != 1:
        return None
    full = next(iter(longer.values()))
    name = canonical_name(full)
    return Source(name, "organization", office=source.office), f"the one {' '.join(key)!r} the document names: {full!r}"


_POSSESSIVE = re.compile(r"^.+?(?:'s|’s)\s+(.+)$")


def _owned(name: str):
    """A registered body named with its owner: "the British military's UKMTO agency" → UKMTO,
    "Yemen's Houthi movement" → the Houthi movement."""
    match = _POSSESSIVE.match(name.strip())
    return find_source(match.group(1)) if match else None


_OUTLET_BACK = re.compile(r"^(?:the|that)\s+(?:paper|newspaper|daily|agency|news agency|wire service|broadcaster|"
                          r"station|network|channel|outlet|magazine|website|site|tabloid)$", re.I)
_OUTLET_WORDS = re.compile(r"\b(?:Journal|Times|Post|News|Herald|Tribune|Gazette|Press|Daily|Telegraph|Guardian|"
                           r"Observer|Chronicle|Courier|Ledger|Sun|Star|Mail|Express|Standard|Dispatch|Register|"
                           r"Bulletin|Sentinel|Examiner|Record|Inquirer|Globe|Age|Television|TV|Radio|Agency|Wire)\b")


def _outlet_like(source: Source) -> bool:
    return source.kind == "outlet" or (source.kind == "organization" and bool(_OUTLET_WORDS.search(source.name)))


def resolve_reports(reports: Sequence[Report], names_of: dict[str, DocumentNames] | None = None) -> list[Report]:
    """Each report with its chain's names resolved, by its own document's names (``names_of``:
    document id → DocumentNames) and the registry. "The paper", "the agency": the one outlet the
    same document's chains name ("according to the Statesman Journal … Later, according to the
    paper, …")."""
    names_of = names_of or {}
    outlets: dict[str | None, set[str]] = {}
    for r in reports:
        outlets.setdefault(r.document, set()).update(s.name for s in r.sources
                                                     if _outlet_like(s) and not _OUTLET_BACK.match(s.name))
    out = []
    for r in reports:
        named = outlets.get(r.document, set())
        chain = []
        for source in r.sources:
            if _OUTLET_BACK.match(source.name.strip()) and len(named) == 1:
                source = Source(next(iter(named)), "outlet", office=source.office)
            chain.append(resolve_source(source, names_of.get(r.document or "")))
        out.append(replace(r, sources=tuple(chain)))
    return out
