"""Time expressions normalized against the publication date, and each event's date.

Entry points: ``extract_times(parsed) -> list[TimeMention]`` and
``date_events(parsed, events, *, times) -> list[Event]``. (Not built yet.)
"""

from __future__ import annotations

from ..types import Event, TimeMention


def extract_times(parsed) -> list[TimeMention]:
    return []


def date_events(parsed, events, *, times) -> list[Event]:
    return list(events)
