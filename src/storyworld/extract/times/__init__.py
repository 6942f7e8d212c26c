"""Time expressions normalized against the publication date, and each event's date.

Entry points: ``extract_times(parsed) -> list[TimeMention]`` and
``date_events(parsed, events, *, times) -> list[Event]``.

Expressions come from ``tagger`` (rules) and are resolved against
``parsed.document.published``; the parse supplies the tense of the governing verb, so "on
Friday" in "will meet on Friday" looks forward and "Dec. 31" in a January article that "struck"
looks back. DATE and TIME expressions become TimeMentions (durations and sets are not points on
a timeline); an expression that cannot be placed ("recently", "two days later", no publication
date) keeps its text with ``value=None``.

Event dates, in order (ACLED's time_precision is the model: the precision says how sure):
1. an expression syntactically attached to the trigger (the trigger is the first verb above it);
2. else an expression in the event's sentence that is not attached to a reporting verb
   ("reported on Friday" dates the report, not the event);
3. else no date. Decision: a thin event does NOT inherit the publication date. News routinely
   reports on Friday what happened on Thursday or last week (the seed article reports on
   2023-09-01 a demand made on Aug. 31), so the reference time would be a confident wrong day;
   ``date=None`` is honest and the contract allows it.
An actual (past) event never gets a date that begins after the publication date: such a
candidate is skipped.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ...parse.model import doc_text
from ...types import Event, TimeMention
from . import resolve as tr
from .tagger import Timex, tag_times

POINT_TYPES = ("DATE", "TIME")
REPORTING_LEMMAS = frozenset({
    "say", "report", "tell", "state", "add", "announce", "write", "claim", "confirm", "note",
    "accord", "quote", "publish", "cite", "explain", "insist", "deny",
})
FUTURE_LEMMAS = frozenset({"plan", "schedule", "expect", "intend", "aim", "due", "set"})
MAX_HEAD_HOPS = 8


def _governing_verb(token):
    """The nearest verb (or auxiliary, or root) above a token, or the token itself."""
    hops = 0
    while hops < MAX_HEAD_HOPS and token.pos_ not in ("VERB", "AUX") and token.head is not token:
        token = token.head
        hops += 1
    return token


def verb_tense(verb) -> str | None:
    """"past", "future" or None for a verb token, from its tag and auxiliaries."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lemmas = {a.lower_ for a in aux}
    if lemmas & {"will", "shall", "'ll", "wo"} or verb.lemma_ in FUTURE_LEMMAS and verb.tag_ != "VBD":
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux):
        return "past"
    if verb.tag_ == "VBN" and (lemmas & {"has", "have", "had"} or not aux):
        return "past"
    if verb.tag_ == "VB" and any(a.lower_ == "to" for a in aux):
        head = verb.head
        if head is not verb and head.lemma_ in FUTURE_LEMMAS | {"go", "want", "hope", "seek"}:
            return "future"
    return None


def _span(doc, start: int, end: int):
    return doc.char_span(start, end, alignment_mode="expand")


def tag_parsed(doc, published: str | date | None) -> list[Timex]:
    """All TIMEX3 expressions of a parsed text, with tense from the parse (used by the scorer)."""

    def tense_at(start: int, end: int) -> str | None:
        span = _span(doc, start, end)
        if span is None or len(span) == 0:
            return None
        return verb_tense(_governing_verb(span.root))

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


def _trigger_token(doc, event: Event):
    if event.trigger_start is None:
        return None
    span = _span(doc, event.trigger_start, event.trigger_start + max(1, len(event.trigger or "")))
    return span.root if span is not None and len(span) else None


def _allowed(mention: TimeMention, event: Event, reference: date | None) -> bool:
    if mention.value is None:
        return False
    if event.modality == "actual" and reference is not None:
        start = tr.value_start(mention.value)
        if start is None or start > reference:
            return False
    return True


def _candidates(doc, event: Event, mentions: list[TimeMention]) -> list[TimeMention]:
    """The mentions that may date an event, best first (attached to the trigger, then sentence)."""
    trigger = _trigger_token(doc, event)
    sentence = [m for m in mentions
                if event.evidence.start <= m.start and m.end <= event.evidence.end]
    if trigger is None:
        return sentence
    attached, free = [], []
    for mention in sentence:
        span = _span(doc, mention.start, mention.end)
        if span is None or len(span) == 0:
            continue
        verb = _governing_verb(span.root)
        if verb == trigger:
            attached.append(mention)
        elif verb.lemma_ not in REPORTING_LEMMAS:
            free.append(mention)
    by_distance = lambda m: abs(m.start - trigger.idx)  # noqa: E731
    return sorted(attached, key=by_distance) + sorted(free, key=by_distance)


def date_events(parsed, events, *, times) -> list[Event]:
    """The events with ``date`` and ``date_precision`` from the expression that governs each."""
    reference = tr.parse_reference(parsed.document.published)
    mentions = [t for t in times if t.value is not None]
    out = []
    for event in events:
        chosen = next((m for m in _candidates(parsed.doc, event, mentions)
                       if _allowed(m, event, reference)), None)
        if chosen is None:
            out.append(replace(event, date=None, date_precision=None))
        else:
            out.append(replace(event, date=chosen.value, date_precision=chosen.precision))
    return out
