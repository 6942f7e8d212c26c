"""The times stage's output: the article's DATE and TIME expressions as TimeMentions.

Expressions are tagged with the tense of their governing verb from the parse, resolved against
``parsed.document.published``, and cut to the contract's precisions (day, week, month, year).
Durations and sets are no points on a timeline and are left out; an expression that cannot be
placed ("recently", "two days later", no publication date) keeps its text with ``value=None``.
"""

from __future__ import annotations

from datetime import date

from ...parse.model import doc_text
from ...types import TimeMention
from . import resolve as tr
from .tagger import Timex, tag_times
from .tense import governing_verb, verb_tense

POINT_TYPES = ("DATE", "TIME")


def span_of(doc, start: int, end: int):
    """The tokens that cover [start, end), or None."""
    return doc.char_span(start, end, alignment_mode="expand")


def tag_parsed(doc, published: str | date | None) -> list[Timex]:
    """All TIMEX3 expressions of a parsed text, with tense from the parse (used by the scorer)."""

    def tense_at(start: int, end: int) -> str | None:
        span = span_of(doc, start, end)
        if span is None or len(span) == 0:
            return None
        return verb_tense(governing_verb(span.root))

    return tag_times(doc_text(doc), published, tense_at)


def extract_times(parsed) -> list[TimeMention]:
    """The article's DATE and TIME expressions, each with its ISO value and precision or None."""
    out = []
    for timex in tag_parsed(parsed.doc, parsed.document.published):
        if timex.type not in POINT_TYPES:
            continue
        value, precision = tr.to_mention_value(timex.value)
        out.append(TimeMention(text=timex.text, start=timex.start, end=timex.end, value=value,
                               precision=precision))
    return out
