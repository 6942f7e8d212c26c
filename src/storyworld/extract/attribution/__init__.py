"""Provenance: attribution relations, claims with their source chains, and the chain of each event.

Entry points: ``find_relations(parsed)``, ``extract_claims(parsed, *, actors) -> list[Claim]`` and
``attribute_events(parsed, events, *, claims) -> list[Event]``.

A relation is a cue (data/attribution-cues.tsv), its source and its content, read from the
dependency parse (``relations``, ``speakers``, ``complements``, ``headlines``). A sentence may hold
several; one inside another's content nests (``nesting``): "Hezbollah denied …, according to
Al-Manar" gives the chain Al-Manar → Hezbollah. Relations of the speech, cognition and evidence
classes become claims (``chains``). Their sources are typed and named (``sources``) and resolved
against what the document named before (``memory``, our own coreference). Chains are outermost first
and never contain the publisher.

The word lists are ``data/words/claims.toml``; each decision is a rule (``storyworld rules claims``).
"""

from __future__ import annotations

from .chains import attribute_events, extract_claims
from .relations import find_relations, relation_spans, relations_in
from .sources import describe
from .units import Relation, units

__all__ = ["Relation", "attribute_events", "describe", "extract_claims", "find_relations", "relation_spans",
           "relations_in", "units"]
