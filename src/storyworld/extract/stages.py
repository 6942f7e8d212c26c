"""The built-in stages, registered under versioned names.

Each wraps one module's entry point. ``parts`` holds what earlier stages assigned; a stage returns
a tuple for its ``assigns`` key. Enrichment stages (``events.*``) return the events again with one
more field filled: location, date, sources.
"""

from __future__ import annotations

from ..registry import stage
from ..resources import actors as knowledge
from ..resources.gazetteer import gazetteer
from . import actors, attribution, casualties, events, places, times


def _load_knowledge() -> None:
    """The gazetteer (built on first use: about a minute), the capitals read from it, and the actor
    tables (countrynames' and pycountry's load on their first lookup)."""
    gazetteer()
    knowledge.capitals()
    knowledge.aliases()
    knowledge.role_words()
    knowledge.country_abbreviations()
    knowledge.country_of("France")


@stage("actors.v1", requires=("doc.ents", "doc.deps"), assigns="actors", warm=_load_knowledge)
def _actors(parsed, parts):
    return tuple(actors.extract_actors(parsed))


@stage("places.v1", requires=("doc.ents",), assigns="places", warm=_load_knowledge)
def _places(parsed, parts):
    return tuple(places.extract_places(parsed))


@stage("times.v1", requires=("doc.ents", "document.published"), assigns="times")
def _times(parsed, parts):
    return tuple(times.extract_times(parsed))


@stage("claims.v1", requires=("doc.deps", "actors"), assigns="claims")
def _claims(parsed, parts):
    return tuple(attribution.extract_claims(parsed, actors=parts["actors"]))


@stage("events.v1", requires=("doc.deps", "actors", "places"), assigns="events")
def _events(parsed, parts):
    return tuple(events.extract_events(parsed, actors=parts["actors"], places=parts["places"]))


@stage("events.location.v1", requires=("events", "places"), assigns="events")
def _event_locations(parsed, parts):
    # the place also tells the country of home-bound actors that name none ("the police"), and the
    # country of an actor named after a division that the places stage read ("Georgia lawmakers")
    located = places.locate_events(parsed, parts["events"], places=parts["places"])
    return tuple(actors.with_local_countries(actors.with_place_countries(located, parts["places"]),
                                             home=actors.story_country(parts["places"])))


@stage("events.date.v1", requires=("events", "times"), assigns="events")
def _event_dates(parsed, parts):
    return tuple(times.date_events(parsed, parts["events"], times=parts["times"]))


@stage("events.sources.v1", requires=("events", "claims"), assigns="events")
def _event_sources(parsed, parts):
    return tuple(attribution.attribute_events(parsed, parts["events"], claims=parts["claims"]))



@stage("casualties.v1", requires=("doc.sents", "events"), assigns="casualties")
def _casualties(parsed, parts):
    return tuple(casualties.extract_casualties(parsed, events=parts["events"]))
