"""The tagger's patterns: one regular expression per kind of time expression, and its handler.

The calendar words in them (months, weekdays, number words, units, modifiers) are the lists of
``data/words/times.toml``; the patterns are built from those lists once, in their file order. A
pattern finds candidates; its handler (``dates``, ``relative``) decides whether a candidate is a
time expression and what it means. Patterns are tried in this order, which breaks ties between
equally long candidates.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from ...resources.tables import numbers, word_map, words
from . import dates, relative

ORD = r"(?:st|nd|rd|th)"


def alternatives(key: str) -> str:
    """A word list as regular-expression alternatives; a space in a phrase matches any whitespace."""
    return "|".join(r"\s+".join(word.split()) for word in words(key))


@lru_cache(maxsize=1)
def compiled() -> tuple[tuple[re.Pattern, Callable], ...]:
    """(pattern, handler) for every kind of expression, in the order that breaks ties."""
    month = f"(?P<month>{'|'.join(words('times.month_spellings'))})"
    weekday = f"(?P<weekday>{'|'.join(day.capitalize() for day in numbers('times.weekdays'))})"
    num = rf"(?P<num>\d+(?:\.\d+)?|{'|'.join(numbers('times.numbers'))}|{alternatives('times.vague_counts')})"
    unit = f"(?P<unit>{'|'.join(words('times.unit_spellings'))})s?"
    edge = rf"(?:(?P<edge>{alternatives('times.edges')})[\s-]+)?"
    modifiers = "|".join(numbers("times.modifiers"))
    det = rf"(?:(?P<mod>{modifiers})\s+)"
    parts = "|".join(word_map("times.parts_of_day"))
    periods = "|".join(words("times.calendar_units"))
    seasons = "|".join(word_map("times.seasons"))
    which = f"{'|'.join(numbers('times.ordinals'))}|{alternatives('times.quarter_words')}"
    spans = alternatives("times.duration_modifiers")
    hedges = alternatives("times.approximators")
    vague = "|".join(words("times.vague_units"))
    repeated = "|".join(words("times.set_units"))
    yearly = "|".join(words("times.yearly"))
    i = re.IGNORECASE
    table = [
        # "March 01 , 2008": tokenised text (MEANTIME, ECB+) spaces the comma off
        (rf"\b(?:{weekday}\s?,?\s+)?{month}\s+(?P<day>\d{{1,2}}){ORD}?\s?,?\s+(?P<year>\d{{4}})\b", dates.full_date, 0),
        (rf"\b(?:{weekday}\s?,?\s+)?(?P<day>\d{{1,2}}){ORD}?\s+(?:of\s+)?{month}\s?,?\s+(?P<year>\d{{4}})\b",
         dates.full_date, 0),
        (r"\b(?P<year>\d{4})-(?P<mm>\d{2})-(?P<day>\d{2})\b", dates.iso_date, 0),
        (r"\b(?P<mm>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4}|\d{2})\b", dates.slash_date, 0),
        (rf"\b(?:{weekday},?\s+)?{month}\s+(?P<day>\d{{1,2}}){ORD}?\b(?!\s*[,:]?\s*\d)", dates.month_day, 0),
        (rf"\b(?:{weekday},?\s+)?(?P<day>\d{{1,2}}){ORD}?\s+(?:of\s+)?{month}\b", dates.month_day, 0),
        (rf"\b{edge}{month},?\s+(?:of\s+)?(?P<year>\d{{4}})\b", dates.month_year, 0),
        (rf"\b{edge}{det}?{month}\b", dates.bare_month, 0),
        (rf"\b{det}?{weekday}(?:\s+(?P<part>{parts}))?\b", dates.weekday, 0),
        (rf"\b(?:the\s+)?{edge}(?:(?:earlier|later)\s+)?{det}(?P<unit>{periods})\b", relative.relative_unit, i),
        (r"\bthe\s+weekend\b", relative.the_weekend, i),
        (rf"\b{num}\s+{unit}\s+(?P<dir>ago|earlier|before|later)\b", relative.ago, i),
        (rf"\b(?P<the>the\s+)?(?:(?:early|late)\s+)?(?:(?P<mod>{modifiers})\s+)?"
         rf"(?P<season>{seasons})(?:\s+(?:of\s+)?(?P<year>\d{{4}}))?\b", dates.season, i),
        (rf"\b(?P<the>the\s+)?(?:(?P<which>{which})[\s-]+)?(?:fiscal[\s-]+)?quarter\b", dates.quarter, i),
        (r"\bfiscal(?:\s+year)?\s+(?P<year>\d{4})\b", dates.fiscal_year, i),
        (r"\b(?:(?:early|mid|late)[\s-]+)?(?P<year>1[6-9]\d\d|20\d\d)\b(?!\s*(?:%|percent)|[.,:]\d|\d)", dates.year, 0),
        (r"\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<dec>1[6-9]\d|20\d)0s\b", dates.decade, 0),
        (r"\b(?:the\s+)?(?P<cent>\d{1,2})(?:st|nd|rd|th)\s+century\b", dates.century, i),
        (r"\b(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)", relative.clock, i),
        (r"\b(?:noon|midnight)\b", relative.noon, i),
        (rf"\b(?:(?:the|a|an)\s+)?(?:(?:{spans})\s+)?"
         rf"(?:(?:{hedges})\s+)?{num}[\s-]+(?:more\s+)?"
         rf"{unit}(?:[\s-]+long)?\b", relative.duration, i),
        (rf"\b(?P<recent>recent\s+)?(?P<unit>{vague})s\b"
         r"(?<=\w)(?=\s+(?:ago|of|to|before|after|later|earlier|\.|,)|[.,;])", relative.vague_plural, i),
        (rf"\b(?:(?P<every>every|each)\s+(?P<setunit>{repeated})|"
         rf"(?P<every2>{yearly}))\b", relative.recurring, i),
        (_deictic_pattern(), relative.deictic_word, i),
    ]
    return tuple((re.compile(pattern, flags), handler) for pattern, handler, flags in table)


def _deictic_pattern() -> str:
    """The phrases of time-words.tsv, longest first."""
    phrases = sorted(relative.time_words(), key=len, reverse=True)
    return r"\b(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases) + r")\b"
