"""The ACLED sub-event type of an event, decided once the happening has all its arguments.

The first row of ``data/acled-subevents.tsv`` that fits the event's PLOVER type, trigger lemma, the
words of its sentence and the party classes of its actor and target (``data/acled-parties.tsv``: state,
nonstate, armed, civilian, crowd, protesters) wins, in the codebook's order: disrupted weapons use, then
the weapon (chemical, suicide, grenade, air/drone, shelling, remote explosive), sexual violence,
abduction, territory (without a fight; else by who takes it), bases, riots and protests (violent
demonstrators riot; peaceful ones met with lethal force suffer excessive force, with lesser force an
intervention), looting, and last armed clash (an armed target) against attack (a civilian target); else
the trigger's own crosswalk (``resources.ontology.acled_subevent``).
"""

from __future__ import annotations

from dataclasses import replace

from ...resources.ontology import acled_subevent, party_classes
from ...rules import IDENTITY, rule
from ...types import Event


def event_key(event: Event) -> tuple:
    """What identifies an event before its ACLED type is chosen: its sentence, trigger and type."""
    return event.evidence.start, event.trigger_start, event.type


@rule("events", "acled-subevent", source="CASE 2021 and acled-dev rounds 1-5", off=IDENTITY, examples=[
    ("Army units clashed with the rebels outside Bentiu on Monday.", {"type": "ASSAULT", "acled": "Armed clash"}),
    ("Militants seized control of the district offices in Marka after a night assault.",
     {"acled": "Non-state actor overtakes territory"}),
])
def with_acled(event: Event, lemma: str, default: str | None) -> Event:
    """The event with its ACLED sub-event type (acled-subevents.tsv): from its type, trigger, sentence and
    the classes of its actor and target, else ``default`` (the lexicon's crosswalk)."""
    actor = party_classes(event.actor.text, event.actor.role) if event.actor else frozenset()
    target = party_classes(event.target.text, event.target.role) if event.target else frozenset()
    acled = acled_subevent(event.type, lemma, event.evidence.text, actor, target, default)
    return event if acled == event.acled else replace(event, acled=acled)
