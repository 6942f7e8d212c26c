"""Each event's date: the time expression that governs its trigger, else one in its sentence.

ACLED's time_precision is the model: the precision says how sure. In order:
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

from ...resources.tables import word_set
from ...rules import rule
from ...types import Event, TimeMention
from . import resolve as tr
from .mentions import span_of
from .tense import governing_verb

SOURCE = "seed article and the demo corpus's gold event dates (issue 7)"


def _trigger_token(doc, event: Event):
    if event.trigger_start is None:
        return None
    span = span_of(doc, event.trigger_start, event.trigger_start + max(1, len(event.trigger or "")))
    return span.root if span is not None and len(span) else None


@rule("event-dates", "actual-not-after-publication", source=SOURCE, off=False, examples=[
    ("Rebels attacked the base ahead of talks next month.", {"type": "ASSAULT", "date": None}),
])
def after_publication(mention: TimeMention, event: Event, reference: date | None) -> bool:
    """An event that happened cannot be dated after the publication date: such a date belongs to
    something else in the sentence."""
    if event.modality != "actual" or reference is None:
        return False
    start = tr.value_start(mention.value)
    return start is None or start > reference


def _allowed(mention: TimeMention, event: Event, reference: date | None) -> bool:
    return mention.value is not None and not after_publication(mention, event, reference)


@rule("event-dates", "attached-first", source=SOURCE, off=False, examples=[
    ("Troops that arrived on Monday shelled the town near the border on Wednesday.",
     {"type": "ASSAULT", "date": "2025-06-11"}),
])
def governs_the_event(verb, trigger) -> bool:
    """An expression whose governing verb is the trigger dates the event before any other in the
    sentence, however near."""
    return verb == trigger


@rule("event-dates", "report-date-is-not-the-event", source=SOURCE, off=False, examples=[
    ("Rebels attacked the base near Goma, the army said on Tuesday.", {"type": "ASSAULT", "date": None}),
])
def dates_a_report(verb) -> bool:
    """An expression governed by a verb of reporting dates the report ("the army said on
    Tuesday"), not the event reported."""
    return verb.lemma_ in word_set("times.report_verbs")


@rule("event-dates", "sentence-date", source=SOURCE, off=(), examples=[
    ("Troops that arrived on Monday shelled the town.", {"type": "ASSAULT", "date": "2025-06-09"}),
])
def sentence_dates(free: list[TimeMention], trigger) -> list[TimeMention]:
    """An expression elsewhere in the event's sentence dates it when none is attached to the trigger:
    the nearest first."""
    return sorted(free, key=lambda m: abs(m.start - trigger.idx))


def _candidates(doc, event: Event, mentions: list[TimeMention]) -> list[TimeMention]:
    """The mentions that may date an event, best first (attached to the trigger, then sentence)."""
    trigger = _trigger_token(doc, event)
    sentence = [m for m in mentions
                if event.evidence.start <= m.start and m.end <= event.evidence.end]
    if trigger is None:
        return sentence
    attached, free = [], []
    for mention in sentence:
        span = span_of(doc, mention.start, mention.end)
        if span is None or len(span) == 0:
            continue
        verb = governing_verb(span.root)
        if governs_the_event(verb, trigger):
            attached.append(mention)
        elif not dates_a_report(verb):
            free.append(mention)
    return sorted(attached, key=lambda m: abs(m.start - trigger.idx)) + list(sentence_dates(free, trigger))


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
