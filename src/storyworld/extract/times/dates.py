"""Handlers of calendar expressions: dates, months, weekdays, seasons, quarters, years.

Each handler takes a pattern's match and the tagging context and returns (TIMEX3 type, value), or
None to reject the candidate (a verb "may", "a quarter of the budget") so that a shorter pattern
may try the same words. A name that needs the publication date ("Aug. 31", "Friday") is resolved
by ``resolve``, bent by the tense of the governing verb.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ...resources.tables import numbers, word_map, words
from ...rules import IDENTITY, rule
from . import resolve as tr
from .resolve import SOURCE

if TYPE_CHECKING:
    from .context import Context, Found

NOT_YEARS = ("$", "£", "€", "#", "-", "/")  # a number after these is an amount or a code


@lru_cache(maxsize=1)
def month_cues() -> re.Pattern:
    """A word just before a bare month that makes it one ("in May", "late March")."""
    cues = "|".join(r"\s+".join(word.split()) for word in words("times.month_cues"))
    return re.compile(rf"(?:\b(?:{cues})[\s-]+)$", re.I)


def month_number(word: str) -> int:
    """1-12 for a month as the patterns find it ("Sept." → 9): by its first three letters."""
    return int(numbers("times.months")[word[:3].lower()])


@rule("times", "full-date", source=SOURCE, off=None, examples=[
    ("The treaty was signed on March 3, 2021, in Vienna.", {"text": "March 3, 2021", "value": "2021-03-03"}),
    ("The treaty was signed on 3 March 2021.", {"text": "3 March 2021", "value": "2021-03-03"}),
])
def full_date(m: re.Match, ctx: Context) -> Found:
    """A month, day and year name one day, whatever the publication date."""
    day = tr.safe_date(int(m["year"]), month_number(m["month"]), int(m["day"]))
    return ("DATE", day.isoformat()) if day else None


@rule("times", "iso-date", source=SOURCE, off=None, examples=[
    ("The report is dated 2024-11-05 and was leaked.", {"text": "2024-11-05", "value": "2024-11-05"}),
])
def iso_date(m: re.Match, ctx: Context) -> Found:
    """A year-month-day date names that day."""
    day = tr.safe_date(int(m["year"]), int(m["mm"]), int(m["day"]))
    return ("DATE", day.isoformat()) if day else None


@rule("times", "two-digit-year", source=SOURCE, off=IDENTITY, examples=[
    ("The form was filed on 4/7/21 at the registry.", {"text": "4/7/21", "value": "2021-04-07"}),
])
def full_year(year: int) -> int:
    """A two-digit year below 50 is in this century, any other in the last: "4/7/21" is 2021."""
    return year + (2000 if year < 50 else 1900) if year < 100 else year


@rule("times", "slash-date", source=SOURCE, off=None, examples=[
    ("The form was filed on 11/30/2019 at the registry.", {"text": "11/30/2019", "value": "2019-11-30"}),
])
def slash_date(m: re.Match, ctx: Context) -> Found:
    """A month/day/year date (the American order of the wire services) names that day."""
    day = tr.safe_date(full_year(int(m["year"])), int(m["mm"]), int(m["day"]))
    return ("DATE", day.isoformat()) if day else None


@rule("times", "month-day", source=SOURCE, off=None, examples=[
    ("The ministers met on June 2 in Cairo.", {"text": "June 2", "value": "2025-06-02"}),
    ("The ministers met on 2 June in Cairo.", {"text": "2 June", "value": "2025-06-02"}),
])
def month_day(m: re.Match, ctx: Context) -> Found:
    """A month and day without a year: the occurrence nearest the publication date that the tense
    allows."""
    month = month_number(m["month"])
    if ctx.ref is None:
        return ("DATE", f"XXXX-{month:02d}-{int(m['day']):02d}")
    day = tr.month_day(month, int(m["day"]), ctx.ref, ctx.tense(m.start(), m.end()))
    return ("DATE", day.isoformat()) if day else None


@rule("times", "month-year", source=SOURCE, off=None, examples=[
    ("The camp opened in May 2010 near the border.", {"text": "May 2010", "value": "2010-05"}),
])
def month_year(m: re.Match, ctx: Context) -> Found:
    """A month and year name that month."""
    return ("DATE", tr.month_value(int(m["year"]), month_number(m["month"])))


@rule("times", "abbreviated-month-alone", source=SOURCE, off=False, examples=[
    ("Fighting resumed on Aug.31 in the north.", {"not": {"text": "Aug."}}),
])
def lone_abbreviation(m: re.Match) -> bool:
    """An abbreviated month with its period ("Aug." run into "31") and neither a day the patterns
    read nor a modifier is no date: the agencies abbreviate a month only before a day."""
    return m["month"].endswith(".") and len(m["month"]) <= 4 and not m["mod"]


@rule("times", "may-march-need-a-cue", source=SOURCE, off=False, examples=[
    ("May the talks succeed, the envoy said.", {"not": {"text": "May"}}),
    ("March organisers expect thousands.", {"not": {"text": "March"}}),
])
def uncued_verb_month(m: re.Match, month: int, ctx: Context) -> bool:
    """"May" and "March" alone are a modal verb, a verb or a name unless a modifier, an edge word or
    a preposition before them makes them months ("in May", "late March")."""
    cue = m["mod"] or m["edge"] or month_cues().search(ctx.text[max(0, m.start() - 12):m.start()])
    return month in (3, 5) and not cue


@rule("times", "month-modifier", source=SOURCE, off=None, examples=[
    ("The vote is next March, officials say.", {"text": "next March", "value": "2026-03"}),
    ("Prices are rising this December.", {"text": "this December", "value": "2025-12"}),
])
def modified_month(month: int, mod: str | None, ref) -> str | None:
    """"last July" is the latest July before the reference month, "next March" the first after it,
    "this December" the reference year's; None without a modifier."""
    offset = numbers("times.modifiers").get((mod or "").lower())
    if offset is None:
        return None
    if offset < 0:
        return tr.month_value(ref.year if month < ref.month else ref.year - 1, month)
    if offset > 0:
        return tr.month_value(ref.year if month > ref.month else ref.year + 1, month)
    return tr.month_value(ref.year, month)


@rule("times", "bare-month", source=SOURCE, off=None, examples=[
    ("Fighting resumed in October after a long truce.", {"text": "October", "value": "2024-10"}),
])
def bare_month(m: re.Match, ctx: Context) -> Found:
    """A month named alone: its modifier, else the tense, else the nearest one decides which."""
    month = month_number(m["month"])
    if lone_abbreviation(m) or uncued_verb_month(m, month, ctx):
        return None
    if ctx.ref is None:
        return ("DATE", f"XXXX-{month:02d}")
    modified = modified_month(month, m["mod"], ctx.ref)
    if modified is not None:
        return ("DATE", modified)
    return ("DATE", tr.bare_month(month, ctx.ref, ctx.tense(m.start(), m.end())))


@rule("times", "weekday", source=SOURCE, off=None, examples=[
    ("Talks collapsed on Tuesday in Geneva.", {"text": "Tuesday", "value": "2025-06-10"}),
    ("Shelling resumed on Wednesday night.", {"text": "Wednesday night", "value": "2025-06-11"}),
])
def weekday(m: re.Match, ctx: Context) -> Found:
    """A weekday is a day of the week around the publication date (``resolve.weekday`` says which);
    with a part of day ("Friday night") it is a time on that day."""
    target = int(numbers("times.weekdays")[m["weekday"].lower()])
    if ctx.ref is None:
        return ("DATE", None)
    mod = (m["mod"] or "").lower()
    modifier = word_map("times.weekday_modifiers").get(mod, mod or None)
    day = tr.weekday(target, ctx.ref, ctx.tense(m.start(), m.end()), modifier)
    part = m["part"]
    if part:
        return ("TIME", f"{day.isoformat()}T{word_map('times.parts_of_day')[part.lower()]}")
    return ("DATE", day.isoformat())


@rule("times", "bare-season-is-a-verb", source=SOURCE, off=False, examples=[
    ("Prices could fall sharply, traders warned.", {"not": {"text": "fall"}}),
])
def unmarked_season(m: re.Match) -> bool:
    """A season with no year, no "the" and no modifier is no date: "fall" is mostly a verb."""
    return not m["year"] and not m["mod"] and not m["the"]


@rule("times", "season", source=SOURCE, off=None, examples=[
    ("Fighting resumed last summer in the north.", {"text": "last summer", "value": "2024"}),
    ("The dam was finished in the spring of 2019.", {"text": "the spring of 2019", "value": "2019"}),
])
def season(m: re.Match, ctx: Context) -> Found:
    """A season with a year is that year's; with a modifier or "the" it is placed around the
    publication date (``resolve.season``)."""
    name = m["season"].lower()
    if m["year"]:
        return ("DATE", f"{m['year']}-{word_map('times.seasons')[name]}")
    if unmarked_season(m):
        return None
    if ctx.ref is None:
        return ("DATE", None)
    mod = (m["mod"] or "").lower() or None
    modifier = word_map("times.season_modifiers").get(mod, mod)
    return ("DATE", tr.season(name, ctx.ref, modifier, ctx.tense(m.start(), m.end())))


@rule("times", "bare-quarter", source=SOURCE, off=False, examples=[
    ("A quarter of the budget went to defence.", {"not": {"text~": "quarter"}}),
])
def unmarked_quarter(m: re.Match) -> bool:
    """"quarter" with neither "the" nor an ordinal is a fourth of something, not of the year."""
    return not m["which"] and not m["the"]


@rule("times", "same-quarter", source=SOURCE, off=False, examples=[
    ("Sales rose in the same quarter last year.", {"not": {"text~": "quarter"}}),
])
def same_quarter(which: str) -> bool:
    """"the same quarter" refers to another year's quarter named elsewhere: no date of its own."""
    return which == "same"


@rule("times", "quarter", source=SOURCE, off=None, examples=[
    ("Profits fell in the fourth quarter, the firm said.", {"text": "the fourth quarter", "value": "2024"}),
    ("Growth slowed in the quarter.", {"text": "the quarter", "value": "2025"}),
])
def quarter(m: re.Match, ctx: Context) -> Found:
    """A quarter of the year by its ordinal, "this quarter", or the last completed one ("the
    quarter", "the latest quarter")."""
    which = (m["which"] or "").lower()
    if unmarked_quarter(m):
        return None
    if ctx.ref is None:
        return ("DATE", None)
    ordinals = numbers("times.ordinals")
    if which in ordinals:
        return ("DATE", tr.quarter_of(int(ordinals[which]), ctx.ref))
    if which in ("current", "this"):
        return ("DATE", tr.relative_unit("quarter", 0, ctx.ref))
    if same_quarter(which):
        return None
    return ("DATE", tr.quarter_of(None, ctx.ref))


@rule("times", "fiscal-year", source=SOURCE, off=None, examples=[
    ("Spending will rise in fiscal 2024, the ministry said.", {"text": "fiscal 2024", "value": "2024"}),
])
def fiscal_year(m: re.Match, ctx: Context) -> Found:
    """"fiscal 2024" and "fiscal year 2024" are that year (the span keeps "fiscal")."""
    return ("DATE", m["year"])


@rule("times", "year-not-an-amount", source=SOURCE, off=False, examples=[
    ("The fine was $2020 per day.", {"not": {"text": "2020"}}),
    ("Flight #2019 landed safely in Lagos.", {"not": {"text": "2019"}}),
])
def amount_or_code(before: str) -> bool:
    """A four-digit number after a currency sign, "#", a dash or a slash is an amount or a code, not
    a year."""
    return before in NOT_YEARS


@lru_cache(maxsize=1)
def _quantified() -> re.Pattern:
    phrases = "|".join(r"\s+".join(map(re.escape, p.split())) for p in words("times.count_quantifiers"))
    return re.compile(rf"\b(?:{phrases})\s+$", re.IGNORECASE)


@rule("times", "year-not-a-count", source="gold-real dev (issue 24)", off=False, examples=[
    ("The offensive has killed more than 1600 civilians, rescuers said.", {"not": {"text": "1600"}}),
    ("At least 2000 troops crossed the river.", {"not": {"text": "2000"}}),
])
def counted(before: str) -> bool:
    """A four-digit number after "more than", "at least", "nearly" is a count ("more than 1600
    civilians"), not a year."""
    return bool(_quantified().search(before))


@rule("times", "year", source=SOURCE, off=None, examples=[
    ("The war began in 2011 in the south.", {"text": "2011", "value": "2011"}),
])
def year(m: re.Match, ctx: Context) -> Found:
    """A four-digit number from 1600 to 2099 that is no percentage or decimal is a year."""
    if amount_or_code(ctx.text[max(0, m.start() - 1):m.start()]) or counted(ctx.text[max(0, m.start() - 24):m.start()]):
        return None
    return ("DATE", m["year"])


@rule("times", "decade", source=SOURCE, off=None, examples=[
    ("The dam was built in the 1990s.", {"text": "the 1990s", "value": None}),
])
def decade(m: re.Match, ctx: Context) -> Found:
    """"the 1990s" is a decade (199X: no point of the contract's timeline)."""
    return ("DATE", m["dec"] + "X")


@rule("times", "century", source=SOURCE, off=None, examples=[
    ("The bridge dates from the 19th century.", {"text": "the 19th century", "value": None}),
])
def century(m: re.Match, ctx: Context) -> Found:
    """"the 19th century" is a century (18: no point of the contract's timeline)."""
    return ("DATE", f"{int(m['cent']) - 1:02d}")
