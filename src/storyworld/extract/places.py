"""Places: toponyms resolved to GeoNames, and where each event happened.

Entry points: ``extract_places(parsed) -> list[Place]`` and
``locate_events(parsed, events, *, places) -> list[Event]``. (Not built yet.)
"""

from __future__ import annotations

from ..types import Event, Place


def extract_places(parsed) -> list[Place]:
    return []


def locate_events(parsed, events, *, places) -> list[Event]:
    return list(events)
