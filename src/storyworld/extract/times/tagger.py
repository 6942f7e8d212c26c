"""Find TIMEX3-style time expressions in text and normalize them against a reference date.

Rules, not a model: news time expressions are a small closed grammar (months, weekdays, "last
week", "two days ago", quarters, years), and the hard part is the reference-time logic in
``resolve``, which no pattern library does the way news needs. spaCy's DATE entities are
not used for spans here: they include the preposition ("on Friday"), merge neighbours and miss
"now", "recently", "third-quarter". Spans follow TimeML: no leading preposition, but determiners
and modifiers ("the last week", "early this year", "late last July") are inside.

``tag_times(text, reference, tense_at=None) -> list[Timex]``; ``tense_at(start, end)`` gives the
tense ("past"/"future"/None) of the verb that governs a span, when a parse is available.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Callable

from . import resolve as tr

MAX_TEXT_CHARS = 2_000_000  # longer input is cut: a bound, not a feature

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "hundred": 100,
}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
            "4th": 4}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
UNIT_CODES = {"second": "TS", "minute": "TM", "hour": "TH", "day": "D", "week": "W", "month": "M",
              "year": "Y", "decade": "DE", "century": "CE"}

MONTH = (r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|"
         r"July?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
NUM = (r"(?P<num>\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
       r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
       r"forty|fifty|sixty|hundred|several|a\s+few|few|a\s+couple\s+of|couple\s+of|many|some)")
UNIT = r"(?P<unit>second|minute|hour|day|week|month|year|decade|centur(?:y|ie))s?"
EDGE = r"(?:(?P<edge>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)[\s-]+)?"
DET = r"(?:(?P<mod>last|this|next|past|coming|previous|current)\s+)"
ORD = r"(?:st|nd|rd|th)"

Tense = Callable[[int, int], "str | None"]


@dataclass(frozen=True)
class Timex:
    """One time expression: its span, TIMEX3 type and TimeML value (None when unresolved)."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str | None


@dataclass
class _Context:
    ref: date | None
    tense_at: Tense | None
    text: str
    last_value: str | None = None

    def tense(self, start: int, end: int) -> str | None:
        return self.tense_at(start, end) if self.tense_at else None


def _month_number(word: str) -> int | None:
    if not word or not word[0].isupper():
        return None  # "may", "march" in lower case are verbs
    return MONTHS.get(word[:3].lower())


def _count(word: str | None) -> int | None:
    if not word:
        return None
    word = " ".join(word.lower().split())
    if word in NUMBERS:
        return NUMBERS[word]
    try:
        return int(float(word)) if float(word) == int(float(word)) else None
    except ValueError:
        return None  # several, few, many: vague


def _unit(word: str) -> str:
    word = word.lower()
    return "century" if word.startswith("centur") else word


# ---- handlers: (match, context) -> (type, value) or None to reject the match -------------------


def _full_date(m: re.Match, ctx: _Context):
    month = _month_number(m["month"])
    day = tr.safe_date(int(m["year"]), month, int(m["day"])) if month else None
    return ("DATE", day.isoformat()) if day else None


def _iso_date(m: re.Match, ctx: _Context):
    day = tr.safe_date(int(m["year"]), int(m["mm"]), int(m["day"]))
    return ("DATE", day.isoformat()) if day else None


def _slash_date(m: re.Match, ctx: _Context):
    year = int(m["year"])
    year = year + (2000 if year < 50 else 1900) if year < 100 else year
    day = tr.safe_date(year, int(m["mm"]), int(m["day"]))
    return ("DATE", day.isoformat()) if day else None


def _month_day(m: re.Match, ctx: _Context):
    month = _month_number(m["month"])
    if not month:
        return None
    if ctx.ref is None:
        return ("DATE", f"XXXX-{month:02d}-{int(m['day']):02d}")
    day = tr.month_day(month, int(m["day"]), ctx.ref, ctx.tense(m.start(), m.end()))
    return ("DATE", day.isoformat()) if day else None


def _month_year(m: re.Match, ctx: _Context):
    month = _month_number(m["month"])
    return ("DATE", tr.month_value(int(m["year"]), month)) if month else None


_MONTH_CUES = re.compile(r"(?:\b(?:in|since|until|till|by|of|from|to|through|before|after|"
                         r"during|between|and|early|late|mid|last|this|next|past)[\s-]+)$", re.I)


def _bare_month(m: re.Match, ctx: _Context):
    month = _month_number(m["month"])
    if not month or m["month"].endswith(".") and len(m["month"]) <= 4 and not m["mod"]:
        return None
    cue = m["mod"] or m["edge"] or _MONTH_CUES.search(ctx.text[max(0, m.start() - 12):m.start()])
    if month in (3, 5) and not cue:
        return None  # "May" and "March" need a cue: modal verb, verb, name
    if ctx.ref is None:
        return ("DATE", f"XXXX-{month:02d}")
    mod = (m["mod"] or "").lower()
    if mod in ("last", "past", "previous"):
        year = ctx.ref.year if month < ctx.ref.month else ctx.ref.year - 1
        return ("DATE", tr.month_value(year, month))
    if mod in ("next", "coming"):
        year = ctx.ref.year if month > ctx.ref.month else ctx.ref.year + 1
        return ("DATE", tr.month_value(year, month))
    if mod in ("this", "current"):
        return ("DATE", tr.month_value(ctx.ref.year, month))
    return ("DATE", tr.bare_month(month, ctx.ref, ctx.tense(m.start(), m.end())))


def _weekday(m: re.Match, ctx: _Context):
    target = WEEKDAYS[m["weekday"].lower()]
    if ctx.ref is None:
        return ("DATE", None)
    mod = (m["mod"] or "").lower()
    modifier = {"past": "last", "previous": "last", "coming": "next"}.get(mod, mod or None)
    day = tr.weekday(target, ctx.ref, ctx.tense(m.start(), m.end()), modifier)
    part = m["part"]
    if part:
        return ("TIME", f"{day.isoformat()}T{PARTS_OF_DAY[part.lower()]}")
    return ("DATE", day.isoformat())


def _relative(m: re.Match, ctx: _Context):
    unit = m["unit"].lower()
    mod = m["mod"].lower()
    offset = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1,
              "coming": 1}[mod]
    if ctx.ref is None:
        return ("DATE", None)
    if unit == "weekend" and mod == "this":
        # this weekend: the one ahead, or the one just gone when published early in the week
        offset = 0 if ctx.ref.weekday() >= 3 else -1
    return ("DATE", tr.relative_unit(unit, offset, ctx.ref))


def _the_weekend(m: re.Match, ctx: _Context):
    if ctx.ref is None:
        return ("DATE", None)
    ahead = ctx.tense(m.start(), m.end()) == "future" or ctx.ref.weekday() >= 5
    return ("DATE", tr.relative_unit("weekend", 0 if ahead else -1, ctx.ref))


def _ago(m: re.Match, ctx: _Context):
    unit, count = _unit(m["unit"]), _count(m["num"])
    direction = m["dir"].lower()
    if ctx.ref is None:
        return ("DATE", None)
    if direction in ("earlier", "ago", "before") and unit == "year" and count == 1:
        # "a year earlier" shifts the last date mentioned; "a year ago" only a reported quarter
        anchor = ctx.last_value if direction != "ago" or _is_period(ctx.last_value) else None
        return ("DATE", tr.year_earlier(anchor, ctx.ref))
    if direction != "ago":
        return ("DATE", None)  # "two days later": anchored on another event, not resolved
    if count is None:
        return ("DATE", "PAST_REF")
    return ("DATE", tr.ago(count, unit, ctx.ref))


def _is_period(value: str | None) -> bool:
    return bool(value) and bool(tr.QUARTER.match(value))


def _season(m: re.Match, ctx: _Context):
    name = m["season"].lower()
    if m["year"]:
        return ("DATE", f"{m['year']}-{tr.SEASONS[name]}")
    mod = (m["mod"] or "").lower() or None
    if mod is None and not m["the"]:
        return None  # "fall" is also a verb
    if ctx.ref is None:
        return ("DATE", None)
    modifier = {"past": "last", "previous": "last", "coming": "next", "current": "this"}.get(mod, mod)
    return ("DATE", tr.season(name, ctx.ref, modifier, ctx.tense(m.start(), m.end())))


def _quarter(m: re.Match, ctx: _Context):
    which = (m["which"] or "").lower()
    if not which and not m["the"]:
        return None  # "a quarter of the budget"
    if ctx.ref is None:
        return ("DATE", None)
    if which in ORDINALS:
        return ("DATE", tr.quarter_of(ORDINALS[which], ctx.ref))
    if which in ("current", "this"):
        return ("DATE", tr.relative_unit("quarter", 0, ctx.ref))
    if which == "same":
        return None
    return ("DATE", tr.quarter_of(None, ctx.ref))


def _fiscal(m: re.Match, ctx: _Context):
    return ("DATE", m["year"])


def _year(m: re.Match, ctx: _Context):
    before = ctx.text[max(0, m.start() - 1):m.start()]
    if before in ("$", "£", "€", "#", "-", "/") or before.isalnum():
        return None
    return ("DATE", m["year"])


def _decade(m: re.Match, ctx: _Context):
    return ("DATE", m["dec"] + "X" if len(m["dec"]) == 3 else None)


def _century(m: re.Match, ctx: _Context):
    return ("DATE", f"{int(m['cent']) - 1:02d}")


def _clock(m: re.Match, ctx: _Context):
    hour = int(m["hour"])
    minute = int(m["minute"] or 0)
    meridiem = (m["ampm"] or "").lower().replace(".", "")
    if hour > 12 or minute > 59:
        return None
    hour = hour % 12 + (12 if meridiem == "pm" else 0)
    day = ctx.ref.isoformat() if ctx.ref else "XXXX-XX-XX"
    return ("TIME", f"{day}T{hour:02d}:{minute:02d}")


def _noon(m: re.Match, ctx: _Context):
    day = ctx.ref.isoformat() if ctx.ref else "XXXX-XX-XX"
    return ("TIME", f"{day}T{'12:00' if m[0].lower().endswith('noon') else '24:00'}")


def _duration(m: re.Match, ctx: _Context):
    unit, count = _unit(m["unit"]), _count(m["num"])
    if unit == "second" and m["num"].lower() in ("a", "an"):
        return None  # "a second site"
    code = UNIT_CODES[unit]
    amount = "X" if count is None else str(count)
    if code.startswith("T"):
        return ("DURATION", f"PT{amount}{code[1]}")
    if code == "DE" and count is not None:
        return ("DURATION", f"P{count * 10}Y")
    return ("DURATION", f"P{amount}{code}")


def _vague_plural(m: re.Match, ctx: _Context):
    if m["recent"]:
        return ("DATE", "PAST_REF")
    unit = UNIT_CODES[_unit(m["unit"])]
    return ("DURATION", f"PX{unit}" if not unit.startswith("T") else f"PTX{unit[1]}")


def _set(m: re.Match, ctx: _Context):
    word = (m["every"] or "").lower()
    unit = (m["setunit"] or "").lower()
    if word in ("annually", "yearly"):
        return ("SET", "P1Y")
    return ("SET", {"day": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y"}.get(unit, "XXXX"))


@lru_cache(maxsize=1)
def time_words() -> dict[str, tuple[str, str]]:
    """phrase -> (TIMEX3 type, rule) from resources/data/time-words.tsv."""
    path = resources.files("storyworld.resources").joinpath("data/time-words.tsv")
    lines = [line for line in path.read_text("utf-8").splitlines() if line and not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t")
    return {row["phrase"]: (row["type"], row["rule"]) for row in rows}


def _word(m: re.Match, ctx: _Context):
    kind, rule = time_words()[" ".join(m[0].lower().split())]
    head, _, rest = rule.partition(":")
    if head == "ref":
        return (kind, rest)
    if ctx.ref is None:
        return (kind, None)
    if head == "day":
        return (kind, (ctx.ref + timedelta(days=int(rest))).isoformat())
    offset, _, part = rest.partition(":")
    return (kind, f"{(ctx.ref + timedelta(days=int(offset))).isoformat()}T{part}")


def _words_pattern() -> str:
    phrases = sorted(time_words(), key=len, reverse=True)
    return r"\b(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases) + r")\b"


def _patterns() -> list[tuple[re.Pattern, Callable]]:
    i = re.IGNORECASE
    rules = [
        (rf"\b(?:{WEEKDAY},?\s+)?{MONTH}\s+(?P<day>\d{{1,2}}){ORD}?,?\s+(?P<year>\d{{4}})\b", _full_date, 0),
        (rf"\b(?:{WEEKDAY},?\s+)?(?P<day>\d{{1,2}}){ORD}?\s+(?:of\s+)?{MONTH},?\s+(?P<year>\d{{4}})\b", _full_date, 0),
        (r"\b(?P<year>\d{4})-(?P<mm>\d{2})-(?P<day>\d{2})\b", _iso_date, 0),
        (r"\b(?P<mm>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4}|\d{2})\b", _slash_date, 0),
        (rf"\b(?:{WEEKDAY},?\s+)?{MONTH}\s+(?P<day>\d{{1,2}}){ORD}?\b(?!\s*[,:]?\s*\d)", _month_day, 0),
        (rf"\b(?:{WEEKDAY},?\s+)?(?P<day>\d{{1,2}}){ORD}?\s+(?:of\s+)?{MONTH}\b", _month_day, 0),
        (rf"\b{EDGE}{MONTH},?\s+(?:of\s+)?(?P<year>\d{{4}})\b", _month_year, 0),
        (rf"\b{EDGE}{DET}?{MONTH}\b", _bare_month, 0),
        (rf"\b{DET}?{WEEKDAY}(?:\s+(?P<part>morning|afternoon|evening|night))?\b", _weekday, 0),
        (rf"\b(?:the\s+)?{EDGE}(?:(?:earlier|later)\s+)?{DET}"
         r"(?P<unit>week|weekend|month|year|quarter|decade|century)\b", _relative, i),
        (r"\bthe\s+weekend\b", _the_weekend, i),
        (rf"\b{NUM}\s+{UNIT}\s+(?P<dir>ago|earlier|before|later)\b", _ago, i),
        (r"\b(?P<the>the\s+)?(?:(?:early|late)\s+)?(?:(?P<mod>last|this|next|past|coming|previous|current)\s+)?"
         r"(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<year>\d{4}))?\b", _season, i),
        (r"\b(?P<the>the\s+)?(?:(?P<which>first|second|third|fourth|1st|2nd|3rd|4th|latest|last|previous|"
         r"current|this|same|fiscal)[\s-]+)?(?:fiscal[\s-]+)?quarter\b", _quarter, i),
        (r"\bfiscal(?:\s+year)?\s+(?P<year>\d{4})\b", _fiscal, i),
        (r"\b(?:(?:early|mid|late)[\s-]+)?(?P<year>1[6-9]\d\d|20\d\d)\b(?!\s*(?:%|percent)|[.,:]\d|\d)", _year, 0),
        (r"\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<dec>1[6-9]\d|20\d)0s\b", _decade, 0),
        (r"\b(?:the\s+)?(?P<cent>\d{1,2})(?:st|nd|rd|th)\s+century\b", _century, i),
        (r"\b(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)", _clock, i),
        (r"\b(?:noon|midnight)\b", _noon, i),
        (rf"\b(?:(?:the|a|an)\s+)?(?:(?:past|last|next|previous|coming|first|final|following)\s+)?"
         rf"(?:(?:more\s+than|less\s+than|about|nearly|almost|over|only|just|at\s+least)\s+)?{NUM}[\s-]+(?:more\s+)?"
         rf"{UNIT}(?:[\s-]+long)?\b", _duration, i),
        (r"\b(?P<recent>recent\s+)?(?P<unit>second|minute|hour|day|week|month|year|decade)s\b"
         r"(?<=\w)(?=\s+(?:ago|of|to|before|after|later|earlier|\.|,)|[.,;])", _vague_plural, i),
        (r"\b(?:(?P<every>every|each)\s+(?P<setunit>day|week|month|year|morning|night|evening|season)|"
         r"(?P<every2>annually|yearly))\b", _set, i),
        (_words_pattern(), _word, i),
    ]
    return [(re.compile(pattern, flags), handler) for pattern, handler, flags in rules]


_COMPILED: list[tuple[re.Pattern, Callable]] | None = None


def tag_times(text: str, reference: str | date | None, tense_at: Tense | None = None) -> list[Timex]:
    """Every time expression in ``text``, in text order, non-overlapping, longest first."""
    global _COMPILED
    if _COMPILED is None:
        _COMPILED = _patterns()
    text = (text or "")[:MAX_TEXT_CHARS]
    ref = reference if isinstance(reference, date) else tr.parse_reference(reference)
    found: list[tuple[int, int, int, re.Match, Callable]] = []
    for rank, (pattern, handler) in enumerate(_COMPILED):
        for match in pattern.finditer(text):
            if match.end() > match.start():
                found.append((match.start(), match.end(), rank, match, handler))
    # longest match wins; between equal lengths the earlier rule
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    taken: list[tuple[int, int, re.Match, Callable]] = []
    occupied = bytearray(len(text) + 1)
    ctx = _Context(ref=ref, tense_at=tense_at, text=text)
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
