"""Reference-time arithmetic: which Friday, which Aug. 31, which "last week".

News is written relative to its publication date (the reference). These functions turn the parts
a pattern found (a weekday, a month and day, a shift of N units) into a TimeML-style value:
``2023-08-31`` (day), ``2023-W35`` (week), ``2023-08`` (month), ``2023`` (year), ``2023-Q3``,
``2023-SU`` (season). dateparser is not used for this step on purpose (STACK.md): it never moves
"Dec. 31" back a year, its ``PREFER_DATES_FROM`` setting breaks scheduled future dates, and
"last month" copies the day of month; the rules below choose the occurrence nearest the
reference, bent by the tense of the governing verb.

``tense`` is ``"past"``, ``"future"`` or ``None`` (unknown / present).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ...resources.tables import word_map
from ...rules import IDENTITY, rule

SOURCE = "TempEval-3 and the demo corpus's gold times (issue 7)"
# the month in which each season ends (northern hemisphere; winter ends in February)
_SEASON_END = {"SP": 5, "SU": 8, "FA": 11, "WI": 2}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
WEEK = re.compile(r"^(\d{4})-W(\d{2})")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
YEAR = re.compile(r"^(\d{4})$")
QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")


def parse_reference(published: str | None) -> date | None:
    """The publication date as a date, from ``YYYY-MM-DD`` (a longer ISO timestamp is cut)."""
    if not published:
        return None
    match = DAY.match(published.strip())
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def day_value(day: date) -> str:
    return day.isoformat()


def week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


@rule("times", "month-day-tense", source=SOURCE, off=IDENTITY, examples=[
    ("Rebels seized the town on Aug. 31.", {"text": "Aug. 31", "value": "2024-08-31"}),
    ("The vote will be held on Jan. 5.", {"text": "Jan. 5", "value": "2026-01-05"}),
])
def tensed_days(options: list[date], ref: date, tense: str | None) -> list[date]:
    """A past verb never gets a month and day after the reference, a future verb none before it:
    "seized the town on Aug. 31" in June is last year's."""
    if tense == "past":
        past = [d for d in options if d <= ref]
        return past or options
    if tense == "future":
        future = [d for d in options if d >= ref]
        return future or options
    return options


def month_day(month: int, day: int, ref: date, tense: str | None) -> date | None:
    """The occurrence of month/day nearest the reference, among those the tense allows."""
    options = [d for d in (safe_date(ref.year + k, month, day) for k in (-1, 0, 1)) if d]
    if not options:
        return None
    return min(tensed_days(options, ref, tense), key=lambda d: abs((d - ref).days))


@rule("times", "bare-month-tense", source=SOURCE, off=None, examples=[
    ("Prices rose sharply in August.", {"text": "August", "value": "2024-08"}),
    ("The new parliament will sit in April.", {"text": "April", "value": "2026-04"}),
])
def tensed_month_year(month: int, ref: date, tense: str | None) -> int | None:
    """The year of a month named alone under a past verb (the last one up to the reference) or a
    future verb (the next one from it); None when the tense does not say."""
    if tense == "future":
        return ref.year if month >= ref.month else ref.year + 1
    if tense == "past":
        return ref.year if month <= ref.month else ref.year - 1
    return None


def bare_month(month: int, ref: date, tense: str | None) -> str:
    """"August" alone: a past verb looks back, a future verb forward, else the nearest one."""
    year = tensed_month_year(month, ref, tense)
    if year is None:
        # tense unknown ("in June", a present or modal verb): the nearest occurrence, a tie going
        # to the past, since news mostly reports what happened
        here = ref.year * 12 + ref.month
        year = min((ref.year - 1, ref.year, ref.year + 1),
                   key=lambda y: (abs(y * 12 + month - here), y * 12 + month > here))
    return month_value(year, month)


@rule("times", "last-weekday", source=SOURCE, off=False, examples=[
    ("Troops left the city last Friday.", {"text": "last Friday", "value": "2025-06-06"}),
])
def strictly_before(modifier: str | None) -> bool:
    """"last Friday" is strictly before the reference: a week back when published on a Friday."""
    return modifier == "last"


@rule("times", "next-weekday", source=SOURCE, off=False, examples=[
    ("The envoys meet next Friday.", {"text": "next Friday", "value": "2025-06-20"}),
])
def strictly_after(modifier: str | None) -> bool:
    """"next Friday" is strictly after the reference: a week ahead when published on a Friday."""
    return modifier == "next"


@rule("times", "weekday-ahead", source=SOURCE, off=False, examples=[
    ("The ministers will meet on Monday.", {"text": "Monday", "value": "2025-06-16"}),
    ("Voters go to the polls this Sunday.", {"text": "this Sunday", "value": "2025-06-15"}),
])
def looks_ahead(modifier: str | None, tense: str | None) -> bool:
    """"this Sunday" and a weekday under a future verb are the next such day (the reference day
    itself when it is one); any other weekday is the latest one on or before the reference."""
    return modifier == "this" or tense == "future"


def weekday(target: int, ref: date, tense: str | None, modifier: str | None = None) -> date:
    """Which Friday: the latest one on or before the reference, unless the context looks ahead.
    ``target`` is Monday=0."""
    back = (ref.weekday() - target) % 7
    ahead = (target - ref.weekday()) % 7
    if strictly_before(modifier):
        return ref - timedelta(days=back or 7)
    if strictly_after(modifier):
        return ref + timedelta(days=ahead or 7)
    if looks_ahead(modifier, tense):
        return ref + timedelta(days=ahead)
    return ref - timedelta(days=back)


def relative_unit(unit: str, offset: int, ref: date) -> str | None:
    """"last week" (offset -1), "this month" (0), "next year" (+1), as a value of that unit."""
    if unit == "day":
        return day_value(ref + timedelta(days=offset))
    if unit in ("week", "weekend"):
        value = week_value(ref + timedelta(weeks=offset))
        return value + "-WE" if unit == "weekend" else value
    if unit == "month":
        return month_value(*shift_month(ref.year, ref.month, offset))
    if unit == "year":
        return f"{ref.year + offset:04d}"
    if unit == "quarter":
        quarter = (ref.month - 1) // 3 + offset
        year = ref.year + quarter // 4
        return f"{year:04d}-Q{quarter % 4 + 1}"
    if unit == "decade":
        return f"{(ref.year // 10 + offset):03d}"
    if unit == "century":
        return f"{(ref.year // 100 + offset):02d}"
    return None


def ago(count: int, unit: str, ref: date) -> str | None:
    """"two days ago", "three weeks ago", "six years ago": the value at the unit's precision."""
    if count < 0 or count > 5000:
        return None
    try:
        if unit == "day":
            return day_value(ref - timedelta(days=count))
        if unit == "week":
            return week_value(ref - timedelta(weeks=count))
        if unit == "month":
            return month_value(*shift_month(ref.year, ref.month, -count))
        if unit == "year":
            return f"{ref.year - count:04d}"
        if unit == "decade":
            return f"{ref.year - 10 * count:04d}"
    except OverflowError:
        return None
    return None


@rule("times", "season-ahead", source=SOURCE, off=False, examples=[
    ("The talks will resume in the summer.", {"text": "the summer", "value": "2026"}),
    ("Exports should recover next spring.", {"text": "next spring", "value": "2026"}),
])
def season_ahead(modifier: str | None, tense: str | None) -> bool:
    """"next spring", and a season under a future verb, is the next one to begin; any other is the
    last one that has ended."""
    return modifier == "next" or (modifier is None and tense == "future")


def season(name: str, ref: date, modifier: str | None, tense: str | None) -> str:
    """"last summer", "this winter", "next spring", "the summer"."""
    code = word_map("times.seasons")[name]
    start, end = _SEASON_START[code], _SEASON_END[code]
    if modifier == "this":
        return f"{ref.year}-{code}"
    if season_ahead(modifier, tense):
        year = ref.year if ref.month < start else ref.year + 1
        return f"{year}-{code}"
    # last / past: the most recent occurrence that has ended (or began) before the reference
    if code == "WI":
        # winter YYYY runs from December YYYY into the next year
        return f"{ref.year - 1 if ref.month >= 3 else ref.year - 2}-{code}"
    year = ref.year if ref.month > end else ref.year - 1
    return f"{year}-{code}"


@rule("times", "quarter-to-come-is-last-years", source=SOURCE, off=False, examples=[
    ("Profits fell in the third quarter.", {"text": "the third quarter", "value": "2024"}),
])
def last_years_quarter(ordinal: int, current: int) -> bool:
    """A quarter named by its ordinal that has not begun in the reference year is last year's:
    news reports results, so "the third quarter" in a June article is over."""
    return ordinal > current


def quarter_of(ordinal: int | None, ref: date) -> str:
    """"the third quarter": that quarter in the reference year if it has begun, else last year's;
    "the quarter"/"the latest quarter" (ordinal None): the last completed quarter."""
    current = (ref.month - 1) // 3 + 1
    if ordinal is None:
        return relative_unit("quarter", -1, ref) or f"{ref.year}-Q{current}"
    year = ref.year - 1 if last_years_quarter(ordinal, current) else ref.year
    return f"{year}-Q{ordinal}"


def year_earlier(value: str | None, ref: date) -> str:
    """"a year earlier/ago": one year before the last resolved value (a quarter, a month), or
    before the reference when there is none."""
    if value:
        for pattern in (QUARTER, SEASON, MONTH):
            match = pattern.match(value)
            if match:
                return f"{int(match[1]) - 1:04d}" + value[4:]
    return f"{ref.year - 1:04d}"


@rule("times", "period-as-year", source=SOURCE, off=None, examples=[
    ("Sales grew in the first quarter.", {"text": "the first quarter", "value": "2025", "precision": "year"}),
    ("The harbour froze last winter.", {"text": "last winter", "value": "2024", "precision": "year"}),
])
def period_year(value: str) -> str | None:
    """A quarter or a season is true of its year: the contract's coarser precision holds it."""
    return value[:4] if QUARTER.match(value) or SEASON.match(value) else None


def to_mention_value(value: str | None) -> tuple[str | None, str | None]:
    """A TimeML value cut to what the contract holds: (ISO value, precision) or (None, None).

    Quarters and seasons become their year, weekends their week, times of day their day: each is
    true at the coarser precision. PRESENT_REF, durations, decades stay unresolved.
    """
    if not value:
        return None, None
    match = DAY.match(value)
    if match:
        return value[:10], "day"
    match = WEEK.match(value)
    if match:
        return value[:8], "week"
    if MONTH.match(value):
        return value, "month"
    if YEAR.match(value):
        return value, "year"
    year = period_year(value)
    return (year, "year") if year else (None, None)


def value_bounds(value: str) -> tuple[date, date] | None:
    """The first and last day a resolved value covers (day, ISO week, month or year)."""
    match = DAY.match(value)
    if match:
        day = safe_date(int(match[1]), int(match[2]), int(match[3]))
        return (day, day) if day else None
    match = WEEK.match(value)
    if match:
        try:
            return (date.fromisocalendar(int(match[1]), int(match[2]), 1),
                    date.fromisocalendar(int(match[1]), int(match[2]), 7))
        except ValueError:
            return None
    match = MONTH.match(value)
    if match:
        year, month = shift_month(int(match[1]), int(match[2]), 1)
        return date(int(match[1]), int(match[2]), 1), date(year, month, 1) - timedelta(days=1)
    match = YEAR.match(value)
    if match:
        return date(int(match[1]), 1, 1), date(int(match[1]), 12, 31)
    return None


def value_end(value: str) -> date | None:
    """The last day a resolved value covers (for "never after publication" checks)."""
    bounds = value_bounds(value)
    return bounds[1] if bounds else None


def value_start(value: str) -> date | None:
    """The first day a resolved value covers."""
    bounds = value_bounds(value)
    return bounds[0] if bounds else None
