"""Find TIMEX3-style time expressions in text and normalize them against a reference date.

Rules, not a model: news time expressions are a small closed grammar (months, weekdays, "last
week", "two days ago", quarters, years), and the hard part is the reference-time logic in
``resolve``, which no pattern library does the way news needs. spaCy's DATE entities are
not used for spans here: they include the preposition ("on Friday"), merge neighbours and miss
"now", "recently", "third-quarter". Spans follow TimeML: no leading preposition, but determiners
and modifiers ("the last week", "early this year", "late last July") are inside.

``tag_times(text, reference, tense_at=None) -> list[Timex]``; ``tense_at(start, end)`` gives the
tense ("past"/"future"/None) of the verb that governs a span, when a parse is available. The
patterns are ``patterns``; what each candidate means, ``dates`` and ``relative``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable

from . import resolve as tr
from .context import Context, Tense
from .patterns import compiled

MAX_TEXT_CHARS = 2_000_000  # longer input is cut: a bound, not a feature

@dataclass(frozen=True)
class Timex:
    """One time expression: its span, TIMEX3 type and TimeML value (None when unresolved)."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str | None


def tag_times(text: str, reference: str | date | None, tense_at: Tense | None = None) -> list[Timex]:
    """Every time expression in ``text``, in text order, non-overlapping, longest first."""
    text = (text or "")[:MAX_TEXT_CHARS]
    ref = reference if isinstance(reference, date) else tr.parse_reference(reference)
    found: list[tuple[int, int, int, re.Match, Callable]] = []
    for rank, (pattern, handler) in enumerate(compiled()):
        for match in pattern.finditer(text):
            if match.end() > match.start():
                found.append((match.start(), match.end(), rank, match, handler))
    # longest match wins; between equal lengths the earlier rule
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    taken: list[tuple[int, int, re.Match, Callable]] = []
    occupied = bytearray(len(text) + 1)
    ctx = Context(ref=ref, tense_at=tense_at, text=text)
    for start, end, _, match, handler in found:
        if any(occupied[start:end]):
            continue
        if handler(match, ctx) is None:
            continue  # rejected (a verb "may", a bare "quarter"): let a shorter rule try
        occupied[start:end] = b"\x01" * (end - start)
        taken.append((start, end, match, handler))
    out: list[Timex] = []
    for start, end, match, handler in sorted(taken, key=lambda t: t[0]):
        kind, value = handler(match, ctx)  # again, in text order, so "a year earlier" sees the last value
        out.append(Timex(start, end, text[start:end], kind, value))
        if value and kind == "DATE" and value[:1].isdigit():
            ctx.last_value = value
    return out
