"""Independent origins of an incident, by the rule of issue 10 (implemented exactly):

1. Each report of the incident has its attribution chain (``sources``, outermost first, publisher
   excluded) after merging aliases; a report in the outlet's own voice has the chain
   ``[publisher]``; a near-duplicate copy takes the chain of its original (the caller passes it).
2. A chain's *origin key* is its innermost element; an anonymous element ("a source",
   "residents") is keyed together with the element before it, or with the publisher when it
   stands first (``Asharq al-Awsat > a source``): two outlets' anonymous sources cannot be
   assumed to be the same person.
3. The incident's independent origins are the distinct keys that do not also appear as a
   non-innermost element of another chain of the incident.

So "JNS: Asharq al-Awsat reported, a source told it" + "Ynet: Asharq al-Awsat reported" = 1
origin (Asharq al-Awsat > a source); "Reuters, citing the ministry" + "the ministry said" = 1;
"Reuters, citing the ministry" + "Reuters, citing a witness" = 2; "C citing B citing A" +
"B citing A" + "A (own voice)" = 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from ..types import Source

KEY_SEPARATOR = " > "


@dataclass(frozen=True)
class Report:
    """One report of an incident: who published it and through whom it says what it says."""

    publisher: str
    sources: tuple[Source, ...]  # outermost first, publisher excluded


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


def origin_key(report: Report, *, alias_of: Callable[[str], str] | None = None) -> tuple[str, Source]:
    """(key, innermost source) of one report."""
    chain = full_chain(report, alias_of=alias_of)
    inner = chain[-1]
    if inner.kind != "anonymous":
        return _fold(inner.name), inner
    before = chain[-2].name if len(chain) > 1 else _canonical(report.publisher, alias_of)
    return _fold(before) + KEY_SEPARATOR + _fold(inner.name), Source(before + KEY_SEPARATOR + inner.name, inner.kind)


def _fold(name: str) -> str:
    return name.casefold()


def origins(reports: Sequence[Report], *, alias_of: Callable[[str], str] | None = None) -> list[Origin]:
    """Every origin key of the incident, independent or not, in first-seen order."""
    keyed = [origin_key(r, alias_of=alias_of) for r in reports]
    chains = [full_chain(r, alias_of=alias_of) for r in reports]
    relayed = {_fold(s.name) for chain in chains for s in chain[:-1]}
    counts: dict[str, int] = {}
    first: dict[str, Source] = {}
    for key, inner in keyed:
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, inner)
    return [
        Origin(key=key, name=first[key].name, kind=first[key].kind, reports=counts[key],
               independent=key not in relayed)
        for key in counts
    ]


def count_independent(reports: Iterable[Report], *, alias_of: Callable[[str], str] | None = None) -> int:
    return sum(o.independent for o in origins(list(reports), alias_of=alias_of))
