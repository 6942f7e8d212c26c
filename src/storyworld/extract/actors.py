"""Actors: entity and noun-phrase mentions resolved to country (ISO3) and role.

Entry point: ``extract_actors(parsed) -> list[Actor]``. (Not built yet: returns no actors.)
"""

from __future__ import annotations

from ..types import Actor


def extract_actors(parsed) -> list[Actor]:
    return []
