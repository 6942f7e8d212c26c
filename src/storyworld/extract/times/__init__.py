"""Time expressions normalized against the publication date, and each event's date.

Entry points: ``extract_times(parsed) -> list[TimeMention]`` and
``date_events(parsed, events, *, times) -> list[Event]``.

- ``tagger``: finds TIMEX3-style expressions with the ``patterns`` (built from the calendar words of
  ``data/words/times.toml``); ``dates`` and ``relative`` decide what each candidate means.
- ``resolve``: reference-time arithmetic (which Friday, which Aug. 31), bent by the ``tense`` of the
  governing verb, so "on Friday" in "will meet on Friday" looks forward and "Dec. 31" in a January
  article that "struck" looks back.
- ``mentions``: the stage's TimeMentions (DATE and TIME expressions; durations and sets are not
  points on a timeline).
- ``event_dates``: the expression that dates each event, if any.

Each decision is a rule (``storyworld rules times``, ``storyworld rules event-dates``).
"""

from __future__ import annotations

from . import resolve
from .event_dates import date_events
from .mentions import extract_times, tag_parsed
from .tagger import Timex, tag_times
from .tense import verb_tense

__all__ = ["Timex", "date_events", "extract_times", "resolve", "tag_parsed", "tag_times", "verb_tense"]
