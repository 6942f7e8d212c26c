"""Events: trigger + arguments over the dependency parse, typed in PLOVER with CAMEO and ACLED.

Entry point: ``extract_events(parsed, *, actors) -> list[Event]``. (Not built yet.)
"""

from __future__ import annotations

from ..types import Event


def extract_events(parsed, *, actors) -> list[Event]:
    return []
