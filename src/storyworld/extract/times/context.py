"""What a time-expression handler reads besides its match (shared by the tagger and the handlers)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

Tense = Callable[[int, int], "str | None"]
Found = tuple[str, "str | None"] | None  # a handler's answer: (TIMEX3 type, value), or None to reject the match


@dataclass
class Context:
    """What a handler may read besides its match: the reference date, the tense of the verb that
    governs a span, the text, and the last date resolved before the match ("a year earlier")."""

    ref: date | None
    tense_at: Tense | None
    text: str
    last_value: str | None = None

    def tense(self, start: int, end: int) -> str | None:
        return self.tense_at(start, end) if self.tense_at else None
