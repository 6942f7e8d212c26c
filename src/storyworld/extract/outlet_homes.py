"""An outlet's home division, learnt from the places its own documents name.

A local paper's "Paris" is the Paris of its own state: a paper in Paris, Texas, writes "Paris"
without naming Texas. This is the "local lexicon" of Lieberman, Samet & Sankaranarayanan (2010):
the first-order division (a US state, a Canadian province, a governorate) that most of an outlet's
documents name places in is where its readers live, and place resolution weighs it as if the
document had named that division once. An outlet with fewer than ``MIN_DOCUMENTS`` documents, or
whose documents spread over many divisions (a national or international outlet), has no home.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable
from urllib.parse import urlsplit

from ..resources.gazetteer import gazetteer
from ..types import Document, Place

MIN_DOCUMENTS = 3
MAJORITY = 0.5  # the home division is named in more than half of the outlet's documents
VOTING_FEATURES = ("city", "admin2", "admin1")


def outlet_key(document: Document) -> str | None:
    """The outlet a document comes from: its URL's host (less "www."), else its outlet's name."""
    if document.url:
        host = (urlsplit(document.url).hostname or "").lower()
        if host:
            return host[4:] if host.startswith("www.") else host
    return document.outlet.strip().casefold() if document.outlet and document.outlet.strip() else None


class OutletHomes:
    """Counts, per outlet, the documents that name a place in each first-order division."""

    def __init__(self) -> None:
        self._documents: Counter[str] = Counter()
        self._naming: dict[str, Counter[str]] = defaultdict(Counter)

    def observe(self, document: Document, places: Iterable[Place]) -> None:
        key = outlet_key(document)
        if key is None:
            return
        self._documents[key] += 1
        gaz = gazetteer()
        divisions = set()
        for place in places:  # a site or a town's admin word still votes through the town it names
            if place.geonameid is None:
                continue
            entry = gaz.place(place.geonameid)
            if entry is not None and entry.admin1 and entry.feature in VOTING_FEATURES:
                divisions.add(entry.admin1)
        for division in divisions:  # one vote per document, however often it names the division
            self._naming[key][division] += 1

    def home(self, document: Document) -> str | None:
        """The outlet's home division code ("US.TX"), or None."""
        return self._home_of(outlet_key(document))

    def known(self) -> dict[str, str]:
        """Every outlet that has a home, with it (what a worker process needs to know)."""
        return {key: home for key in self._documents if (home := self._home_of(key)) is not None}

    def _home_of(self, key: str | None) -> str | None:
        documents = self._documents.get(key, 0) if key else 0
        if documents < MIN_DOCUMENTS:
            return None
        division, naming = self._naming[key].most_common(1)[0] if self._naming[key] else (None, 0)
        return division if naming > MAJORITY * documents else None
