"""The source registry: the bodies reports cite, each under one canonical name (``data/sources.tsv``),
joined with the organisations and armed groups of the actor knowledge base (``actor-aliases.tsv``),
so that "the IDF", "the Israeli army" and "the Israeli military" are one source.

``find_source(name)`` answers for a name as any article may write it; names that mean a body only
where an article has named it ("the Council", "the army") are resolved per document, by
``corpus/sources.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .actors import aliases as actor_aliases
from .tables import read_table

ACTOR_KINDS = ("organization", "group")  # actor-aliases rows that can be a source (not capitals, countries)


@dataclass(frozen=True)
class KnownSource:
    name: str  # canonical
    kind: str
    parent: str | None = None  # the body it belongs to ("European Union" for its Council)
    aliases: tuple[str, ...] = ()


def fold_name(name: str) -> str:
    """A name as looked up: case, dots, curly quotes, spacing and a leading "the" aside."""
    text = name.replace("’", "'").replace(".", "").strip().casefold()
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"^the ", "", text)


@lru_cache(maxsize=1)
def registry() -> dict[str, KnownSource]:
    """folded name or alias → its KnownSource: sources.tsv first, then the actor knowledge base's
    organisations and armed groups (an actor name a registry row also lists is that row's)."""
    table: dict[str, KnownSource] = {}
    rows = read_table("sources.tsv")
    for row in rows:
        entry = KnownSource(row["name"], row["kind"], row["parent"] or None,
                            tuple(a for a in row["aliases"].split("|") if a))
        for alias in (entry.name, *entry.aliases):
            table.setdefault(fold_name(alias), entry)
    by_actor_name: dict[str, KnownSource] = {}
    for alias, actor in actor_aliases().items():
        if actor.kind in ACTOR_KINDS and fold_name(alias) in table:
            by_actor_name.setdefault(actor.name, table[fold_name(alias)])
    for alias, actor in actor_aliases().items():
        if actor.kind not in ACTOR_KINDS:
            continue
        entry = by_actor_name.get(actor.name) or table.get(fold_name(actor.name)) \
            or KnownSource(actor.name, "organization")
        table.setdefault(fold_name(alias), entry)
        table.setdefault(fold_name(actor.name), entry)
    return table


def find_source(name: str) -> KnownSource | None:
    """The registered source a name means wherever it is written ("the IDF" → Israel Defense Forces)."""
    return registry().get(fold_name(name))
