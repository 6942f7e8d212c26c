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

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
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


def month_day(month: int, day: int, ref: date, tense: str | None) -> date | None:
    """The occurrence of month/day nearest the reference; a past verb never gets a later one."""
    options = [d for d in (safe_date(ref.year + k, month, day) for k in (-1, 0, 1)) if d]
    if not options:
        return None
    if tense == "past":
        past = [d for d in options if d <= ref]
        options = past or options
    elif tense == "future":
        future = [d for d in options if d >= ref]
        options = future or options
    return min(options, key=lambda d: abs((d - ref).days))


def bare_month(month: int, ref: date, tense: str | None) -> str:
    """"August" alone: a past verb looks back, a future verb forward, else the nearest one."""
    if tense == "future":
        year = ref.year if month >= ref.month else ref.year + 1
    elif tense == "past":
        year = ref.year if month <= ref.month else ref.year - 1
    else:
        # tense unknown ("in June", a present or modal verb): the nearest occurrence, a tie going
        # to the past, since news mostly reports what happened
        here = ref.year * 12 + ref.month
        year = min((ref.year - 1, ref.year, ref.year + 1),
                   key=lambda y: (abs(y * 12 + month - here), y * 12 + month > here))
    return month_value(year, month)


def weekday(target: int, ref: date, tense: str | None, modifier: str | None = None) -> date:
    """Which Friday: the latest one on or before the reference, unless the context looks ahead.

    ``target`` is Monday=0. "last Friday" is strictly before the reference; "next Friday" and a
    future verb look forward (the reference day itself when it is that weekday and no "next").
    """
    back = (ref.weekday() - target) % 7
    ahead = (target - ref.weekday()) % 7
    if modifier == "last":
        return ref - timedelta(days=back or 7)
    if modifier == "next":
        return ref + timedelta(days=ahead or 7)
    if modifier == "this" or tense == "future":
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


def season(name: str, ref: date, modifier: str | None, tense: str | None) -> str:
    """"last summer", "this winter", "next spring", "the summer"."""
    code = SEASONS[name]
    start, end = _SEASON_START[code], _SEASON_END[code]
    if modifier == "this":
        return f"{ref.year}-{code}"
    if modifier == "next" or (modifier is None and tense == "future"):
        year = ref.year if ref.month < start else ref.year + 1
        return f"{year}-{code}"
    # last / past: the most recent occurrence that has ended (or began) before the reference
    if code == "WI":
        # winter YYYY runs from December YYYY into the next year
        return f"{ref.year - 1 if ref.month >= 3 else ref.year - 2}-{code}"
    year = ref.year if ref.month > end else ref.year - 1
    return f"{year}-{code}"


def quarter_of(ordinal: int | None, ref: date) -> str:
    """"the third quarter": that quarter in the reference year if it has begun, else last year's;
    "the quarter"/"the latest quarter" (ordinal None): the last completed quarter."""
    current = (ref.month - 1) // 3 + 1
    if ordinal is None:
        return relative_unit("quarter", -1, ref) or f"{ref.year}-Q{current}"
    year = ref.year if ordinal <= current else ref.year - 1
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
    if QUARTER.match(value) or SEASON.match(value):
        return value[:4], "year"
    return None, None


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
    match = MONTH.match(value)
    if match:
        return date(int(match[1]), int(match[2]), 1)
    match = YEAR.match(value)
    if match:
        return date(int(match[1]), 1, 1)
    return None
