"""Provenance: attributed claims with their source chains, and the chain of each event.

Entry points: ``extract_claims(parsed, *, actors) -> list[Claim]`` and
``attribute_events(parsed, events, *, claims) -> list[Event]``. (Not built yet.)
"""

from __future__ import annotations

from ..types import Claim, Event


def extract_claims(parsed, *, actors) -> list[Claim]:
    return []


def attribute_events(parsed, events, *, claims) -> list[Event]:
    return list(events)
