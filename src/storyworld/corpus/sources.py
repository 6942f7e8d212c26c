"""Source resolution across documents, for counting origins: each name a report gives its source is
replaced by the canonical name of the body it means, so that one body written three ways is one
origin ("the Council", "the Council of the European Union", "the Council of the EU").

A name is resolved, in this order, by

1. the document's own definitions: "the Council of the European Union (the Council)", "the Israel
   Defense Forces (IDF)", "IDF (Israel Defense Forces)";
2. a one-word name ("the Council", "the army", "the ministry") as the one longer name the same
   document gives with that head ("the Council of the EU", "the Israeli army"), when it gives one;
3. a spokesperson or press office that the name ties to a body ("an IDF spokesman") as that body;
4. the source registry (``resources/sources.py``: ``sources.tsv`` and the actor knowledge base's
   organisations): "the IDF", "the Israeli military" → Israel Defense Forces; also a registered
   name after its owner ("the British military's UKMTO agency", "Yemen's Houthi movement").

A name none of these knows stays as written. Anonymous sources stay themselves: an unnamed person
is not the body he works for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Iterable, Sequence

from ..resources.sources import find_source, fold_name
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


@dataclass
class DocumentNames:
    """What one document says its sources are: its definitions and, for a one-word name, the one
    longer name it gives with that head."""

    defined: dict[str, str] = field(default_factory=dict)
    by_head: dict[str, str] = field(default_factory=dict)


def document_names(text: str, names: Iterable[str]) -> DocumentNames:
    """The source names of a document (``text`` and the names it uses: its actors, its sources)."""
    defined = definitions(text)
    heads: dict[str, set[str]] = {}
    for name in [*names, *defined.values()]:
        if len(fold_name(name).split()) < 2 or not re.search(r"[A-Z]", name):
            continue  # a proper name only ("the Israeli army", not "three officials")
        head = _head(name)
        if head:
            heads.setdefault(head, set()).add(canonical_name(name, defined=defined))
    by_head = {head: next(iter(names)) for head, names in heads.items() if len(names) == 1}
    return DocumentNames(defined=defined, by_head=by_head)


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
    spoken = _SPOKESPERSON.match(source.name.strip())
    if spoken:
        body, why = explain_source(Source(spoken.group(1), "organization"), names)
        if body.name != spoken.group(1) or find_source(body.name):
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
    return source, None


_POSSESSIVE = re.compile(r"^.+?(?:'s|’s)\s+(.+)$")


def _owned(name: str):
    """A registered body named with its owner: "the British military's UKMTO agency" → UKMTO,
    "Yemen's Houthi movement" → the Houthi movement."""
    match = _POSSESSIVE.match(name.strip())
    return find_source(match.group(1)) if match else None


def resolve_reports(reports: Sequence[Report], names_of: dict[str, DocumentNames] | None = None) -> list[Report]:
    """Each report with its chain's names resolved, by its own document's names (``names_of``:
    document id → DocumentNames) and the registry."""
    names_of = names_of or {}
    return [replace(r, sources=tuple(resolve_source(s, names_of.get(r.document or "")) for s in r.sources))
            for r in reports]
