"""Handlers of relative expressions: "last week", "two days ago", "yesterday", clock times, spans.

Like ``dates``, each handler returns (TIMEX3 type, value) or None to reject its candidate. These
expressions mean something only against a reference: the publication date ("last week",
"yesterday") or the last date the text named ("a year earlier"). Durations and sets are found so
that their words are not read as dates ("the past two weeks" is no "the past"); they are no points
on the timeline and the times stage leaves them out.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from ...resources.tables import numbers, read_table, word_map, words
from ...rules import rule
from . import resolve as tr
from .resolve import SOURCE

if TYPE_CHECKING:
    from .context import Context, Found

BACKWARD = ("earlier", "ago", "before")  # directions of "N units ago/earlier/before"


def _count(word: str | None) -> int | None:
    """The number a count names ("two", "12", "a"), or None for a vague one ("several")."""
    if not word:
        return None
    word = " ".join(word.lower().split())
    counts = numbers("times.numbers")
    if word in counts:
        return int(counts[word])
    try:
        return int(float(word)) if float(word) == int(float(word)) else None
    except ValueError:
        return None  # several, few, many: vague


def _unit(word: str) -> str:
    word = word.lower()
    return "century" if word.startswith("centur") else word


@rule("times", "this-weekend-just-gone", source=SOURCE, off=False, examples=[
    ("Protests spread across the city this weekend.", {"text": "this weekend", "value": "2025-W24"},
     None, "2025-06-16"),
])
def weekend_just_gone(ref) -> bool:
    """"this weekend" in an article published early in the week (Monday to Wednesday) is the one
    just gone; from Thursday on it is the one ahead."""
    return ref.weekday() < 3


@rule("times", "relative-unit", source=SOURCE, off=None, examples=[
    ("Talks broke down last week in Doha.", {"text": "last week", "value": "2025-W23", "precision": "week"}),
    ("Earlier this month, rebels took the town.", {"text": "Earlier this month", "value": "2025-06"}),
])
def relative_unit(m: re.Match, ctx: Context) -> Found:
    """"last week", "this month", "next year": the period the modifier shifts the reference's by."""
    unit = m["unit"].lower()
    mod = m["mod"].lower()
    offset = int(numbers("times.modifiers")[mod])
    if ctx.ref is None:
        return ("DATE", None)
    if unit == "weekend" and mod == "this":
        offset = -1 if weekend_just_gone(ctx.ref) else 0
    return ("DATE", tr.relative_unit(unit, offset, ctx.ref))


@rule("times", "the-weekend", source=SOURCE, off=None, examples=[
    ("Protesters gathered over the weekend in the capital.", {"text": "the weekend", "value": "2025-W23"}),
    ("Crowds will gather over the weekend.", {"text": "the weekend", "value": "2025-W24"}),
])
def the_weekend(m: re.Match, ctx: Context) -> Found:
    """"the weekend" is the one just gone, unless the verb is future or the article appears on a
    weekend."""
    if ctx.ref is None:
        return ("DATE", None)
    ahead = ctx.tense(m.start(), m.end()) == "future" or ctx.ref.weekday() >= 5
    return ("DATE", tr.relative_unit("weekend", 0 if ahead else -1, ctx.ref))


@rule("times", "year-earlier-anchor", source=SOURCE, off=None, examples=[
    ("Exports grew in March 2022, twice as fast as a year earlier.", {"text": "a year earlier", "value": "2021-03"}),
    ("Profits rose in the fourth quarter, up from a year ago.", {"text": "a year ago", "value": "2023"}),
])
def year_earlier_anchor(direction: str, last_value: str | None) -> str | None:
    """"a year earlier" shifts the last date the text named ("March 2022 … a year earlier": March
    2021); "a year ago" only a reported quarter (results compared year on year), else it counts
    from the publication date."""
    return last_value if direction != "ago" or _is_period(last_value) else None


@rule("times", "later-is-unresolved", source=SOURCE, off=False, examples=[
    ("Two days later, the rebels withdrew from the town.", {"text": "Two days later", "value": None}),
])
def anchored_elsewhere(direction: str) -> bool:
    """"two days later" (and "earlier", "before") counts from another event, not from the
    publication date: found, but left unresolved."""
    return direction != "ago"


@rule("times", "ago", source=SOURCE, off=None, examples=[
    ("The convoy was hit two days ago near Kherson.", {"text": "two days ago", "value": "2025-06-11"}),
    ("Several days ago, the border reopened.", {"text": "Several days ago", "value": None}),
])
def ago(m: re.Match, ctx: Context) -> Found:
    """"N units ago" counts back from the publication date (a vague count is only "in the past")."""
    unit, count = _unit(m["unit"]), _count(m["num"])
    direction = m["dir"].lower()
    if ctx.ref is None:
        return ("DATE", None)
    if direction in BACKWARD and unit == "year" and count == 1:
        return ("DATE", tr.year_earlier(year_earlier_anchor(direction, ctx.last_value), ctx.ref))
    if anchored_elsewhere(direction):
        return ("DATE", None)
    if count is None:
        return ("DATE", "PAST_REF")
    return ("DATE", tr.ago(count, unit, ctx.ref))


def _is_period(value: str | None) -> bool:
    return bool(value) and bool(tr.QUARTER.match(value))


@rule("times", "clock-time", source=SOURCE, off=None, examples=[
    ("Shells landed at 2 p.m. near the market.", {"text": "2 p.m.", "value": "2025-06-13", "precision": "day"}),
])
def clock(m: re.Match, ctx: Context) -> Found:
    """A clock time ("2 p.m.", "10:30 am") is a time on the publication day (a day elsewhere in the
    sentence is not combined with it)."""
    hour = int(m["hour"])
    minute = int(m["minute"] or 0)
    meridiem = (m["ampm"] or "").lower().replace(".", "")
    if hour > 12 or minute > 59:
        return None
    hour = hour % 12 + (12 if meridiem == "pm" else 0)
    day = ctx.ref.isoformat() if ctx.ref else "XXXX-XX-XX"
    return ("TIME", f"{day}T{hour:02d}:{minute:02d}")


@rule("times", "noon-midnight", source=SOURCE, off=None, examples=[
    ("The curfew begins at midnight in the capital.", {"text": "midnight", "value": "2025-06-13"}),
])
def noon(m: re.Match, ctx: Context) -> Found:
    """"noon" and "midnight" are times on the publication day."""
    day = ctx.ref.isoformat() if ctx.ref else "XXXX-XX-XX"
    return ("TIME", f"{day}T{'12:00' if m[0].lower().endswith('noon') else '24:00'}")


@rule("times", "duration", source=SOURCE, off=None, examples=[
    ("Strikes went on for the past two weeks.", {"not": {"text": "the past"}}),
])
def duration(m: re.Match, ctx: Context) -> Found:
    """A count of units ("the past two weeks", "three-year-long") is a span, no point in time: its
    words date nothing ("the past" in it is no past reference)."""
    unit, count = _unit(m["unit"]), _count(m["num"])
    if unit == "second" and m["num"].lower() in ("a", "an"):
        return None  # "a second site"
    code = word_map("times.units")[unit]
    amount = "X" if count is None else str(count)
    if code.startswith("T"):
        return ("DURATION", f"PT{amount}{code[1]}")
    if code == "DE" and count is not None:
        return ("DURATION", f"P{count * 10}Y")
    return ("DURATION", f"P{amount}{code}")


@rule("times", "vague-plural", source=SOURCE, off=None, examples=[
    ("Clashes have grown in recent weeks.", {"text": "recent weeks", "value": None}),
])
def vague_plural(m: re.Match, ctx: Context) -> Found:
    """A bare plural unit ("for weeks") is a vague span; "recent weeks" is the recent past, one
    expression with "recent"."""
    if m["recent"]:
        return ("DATE", "PAST_REF")
    unit = word_map("times.units")[_unit(m["unit"])]
    return ("DURATION", f"PX{unit}" if not unit.startswith("T") else f"PTX{unit[1]}")


def recurring(m: re.Match, ctx: Context) -> Found:
    """"every week", "annually": a set (TIMEX3 SET), no point in time. Not a rule: a set is in no
    stage's output, only in the TempEval-3 score."""
    word = (m["every2"] or "").lower()  # the single-word set; "every"/"each" come with a unit
    unit = (m["setunit"] or "").lower()
    if word in words("times.yearly"):
        return ("SET", "P1Y")
    return ("SET", word_map("times.set_values").get(unit, "XXXX"))


@lru_cache(maxsize=1)
def time_words() -> dict[str, tuple[str, str]]:
    """phrase -> (TIMEX3 type, rule) from resources/data/time-words.tsv."""
    return {row["phrase"]: (row["type"], row["rule"]) for row in read_table("time-words.tsv")}


@rule("times", "deictic-word", source=SOURCE, off=None, examples=[
    ("The ceasefire collapsed yesterday.", {"text": "yesterday", "value": "2025-06-12"}),
    ("Gunfire was heard last night in the port.", {"text": "last night", "value": "2025-06-12"}),
])
def deictic_word(m: re.Match, ctx: Context) -> Found:
    """"yesterday", "tonight", "now", "recently": a day or time counted from the publication date,
    or a past, present or future reference (time-words.tsv)."""
    kind, value_rule = time_words()[" ".join(m[0].lower().split())]
    head, _, rest = value_rule.partition(":")
    if head == "ref":
        return (kind, rest)
    if ctx.ref is None:
        return (kind, None)
    if head == "day":
        return (kind, (ctx.ref + timedelta(days=int(rest))).isoformat())
    offset, _, part = rest.partition(":")
    return (kind, f"{(ctx.ref + timedelta(days=int(offset))).isoformat()}T{part}")
