"""Places: toponyms resolved to GeoNames, and where each event happened.

Entry points: ``extract_places(parsed) -> list[Place]`` and
``locate_events(parsed, events, *, places) -> list[Event]``; ``resolve_spans`` resolves given spans
(the evaluation's gold spans) with the same document context.

The steps, one module each:

- ``recognize``: the mentions (tagged entities, the dateline, untagged names after a locative,
  localities the text names as such), with their gazetteer candidates; ``cues`` holds the words
  around a name that say it is a place, ``names`` what the mention's own text says (its bare name,
  its qualifier, the place a longer name contains); ``cues.more_mentions`` takes the names the
  document's own words make places where the tag and the gazetteer alone did not (a definition, a
  list, a kind of locality, the same name read as a place elsewhere, a public body's name).
- ``resolve``: a document's mentions resolved together (one sense per name, qualifiers, the
  divisions of the mention's own sentence, the document's context); ``scoring`` weighs one
  candidate; ``namesakes`` holds the names that mean one thing whatever the context says ("China",
  "Washington", "New York", "Middle East"); ``definitions`` the names the text defines ("Lima is a
  town in Seminole County, Oklahoma").
- ``extract``: the document's ``Place`` list, its features refined by the words around each mention.
- ``locate``: where each event happened (``event_place``, ``locate_events``); ``clause`` how a
  place hangs in its sentence's parse.

Word lists and weights are ``data/words/places.toml``; each decision is a rule (``storyworld rules
places`` and ``storyworld rules event-places``).
"""

from __future__ import annotations

from .extract import extract_places, resolve_spans
from .locate import event_place, locate_events
from .names import bare_name

__all__ = ["bare_name", "event_place", "extract_places", "locate_events", "resolve_spans"]
