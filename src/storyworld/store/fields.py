"""The export columns of an event, aligned with the field's conventions (ACLED, GDELT): what
``export.csv_row`` and ``export.geojson_feature`` write, computed here once from a ``queries.events``
row. docs/exports.md maps each column to its ACLED and GDELT counterpart.

Nothing here decides about a text: the columns are read off the stored event, its incident, the
gazetteer and the crosswalk tables (``resources.ontology``).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from ..resources import ontology
from ..resources.countries import country_name

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def period(value: str | None, precision: str | None, published: str | None) -> tuple[str | None, str | None, str | None]:
    """(date_start, date_end, precision) as full ISO days for a date of any precision: a day is
    itself, an ISO week runs Monday to Sunday, a month and a year their first to last day; an event
    the text does not date takes its report's publication day, with precision ``reported`` (ACLED
    codes an event on the day it is reported when no other is known). (None, None, None) when there
    is neither."""
    if value:
        try:
            if m := _DAY.match(value):
                day = date(int(m[1]), int(m[2]), int(m[3]))
                return day.isoformat(), day.isoformat(), precision or "day"
            if m := _WEEK.match(value):
                monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
                return monday.isoformat(), (monday + timedelta(days=6)).isoformat(), precision or "week"
            if m := _MONTH.match(value):
                year, month = int(m[1]), int(m[2])
                last = calendar.monthrange(year, month)[1]
                return date(year, month, 1).isoformat(), date(year, month, last).isoformat(), precision or "month"
            if m := _YEAR.match(value):
                return f"{m[1]}-01-01", f"{m[1]}-12-31", precision or "year"
        except ValueError:  # "2023-W54", "2023-13": no such period
            pass
    if published and _DAY.match(published):
        return published, published, "reported"
    return None, None, None


def ascii_name(name: str | None) -> str | None:
    """A GeoNames name without its transliteration marks ("Ţarţūs" → "Tartus", "Ḩamāh" → "Hamah")."""
    if not name:
        return name
    from unidecode import unidecode

    return unidecode(name).replace("`", "'")


_ARTICLE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
# a division word after a name ("Hama province", "Idlib governorate"): the name alone is the place's
_DIVISION_WORD = re.compile(r"\s+(?:province|governorate|region|district|state|county|prefecture|oblast|department)$",
                            re.IGNORECASE)


def _named(gaz, text: str, geonameid: int) -> str | None:
    """The article's own spelling of this very place, if ``text`` (or ``text`` without a division
    word) names it and is written in plain letters, not shouted as a dateline is ("BAMAKO —")."""
    for name in (text, _DIVISION_WORD.sub("", text)):
        if name and name.isascii() and not name.isupper() and any(
                c.geonameid == geonameid for c in gaz.candidates(name)):
            return name
    return None


@lru_cache(maxsize=8192)
def place_columns(geonameid: int | None, location_text: str | None, location_name: str | None,
                  precision: str | None) -> dict[str, str | None]:
    """place_name (English: the article's own spelling when it names this very place, else the
    GeoNames name without transliteration marks), admin1 and admin2 (the divisions' names, ASCII;
    admin2 only when the place is itself a second-order division or lies in one the gazetteer knows)."""
    out: dict[str, str | None] = {"place_name": None, "admin1": None, "admin2": None}
    if geonameid is None:
        out["place_name"] = _ARTICLE.sub("", location_text) if location_text else None
        return out
    from ..resources.gazetteer.lookup import gazetteer

    gaz = gazetteer()
    entry = gaz.place(int(geonameid))
    text = _ARTICLE.sub("", location_text or "").strip()
    named = _named(gaz, text, int(geonameid))
    out["place_name"] = named or ascii_name(location_name or (entry.name if entry else None))
    if entry is None:
        return out
    if entry.feature == "admin2":
        out["admin2"] = ascii_name(entry.name)
    if entry.feature == "admin1":
        out["admin1"] = out["place_name"]
    elif entry.admin1 and (division := gaz.division(entry.admin1)) is not None:
        # a division named as its town (GeoNames' Ḩamāh in Ḩamāh) takes the town's English name
        same = named and division.name == entry.name and entry.feature == "city"
        out["admin1"] = named if same else ascii_name(division.name)
    return out


def source_chain(sources: list[dict[str, Any]]) -> str:
    """The attribution chain as one readable string, outermost first: "Ynet > a source (anonymous)";
    "" for a statement in the article's own voice."""
    return " > ".join(f"{s['name']} ({s['kind']})" if s.get("kind") in ("anonymous", "document") else s["name"]
                      for s in sources)


# ACLED event types whose events can target civilians (its civilian_targeting column)
_VIOLENT_TYPES = ("Violence against civilians", "Explosions/Remote violence", "Riots", "Battles")


def civilian_targeting(event_type: str | None, target_text: str | None, target_role: str | None) -> str | None:
    """ACLED's civilian_targeting: "Civilian targeting" when a violent event's target is civilians (its
    words or role in acled-parties.tsv's civilian class: "farmers", "a camp for displaced people",
    CVL), else None."""
    if event_type not in _VIOLENT_TYPES:
        return None
    if "civilian" in ontology.party_classes(target_text, target_role):
        return "Civilian targeting"
    return "Civilian targeting" if event_type == "Violence against civilians" else None


def event_columns(event: dict[str, Any]) -> dict[str, Any]:
    """The field-aligned columns of one event (a ``queries.events`` row with its incident columns)."""
    cameo = event.get("cameo")
    sub_event = event.get("acled")
    start, end, date_precision = period(event.get("date"), event.get("date_precision"), event.get("published"))
    country = event.get("location_country")
    columns = {
        "event_id": event["id"],
        "event_date": start if date_precision in ("day", "reported") else None,
        "date_start": start,
        "date_end": end,
        "time_precision": date_precision,
        "disorder_type": ontology.acled_disorder_type(sub_event),
        "event_type": ontology.acled_event_type(sub_event),
        "sub_event_type": sub_event,
        "civilian_targeting": civilian_targeting(ontology.acled_event_type(sub_event), event.get("target_text"),
                                                 event.get("target_role")),
        "plover_type": event.get("type"),
        "plover_mode": event.get("mode"),
        "cameo_code": cameo,
        "cameo_root": ontology.cameo_root(cameo),
        "quad_class": ontology.quad_class(cameo),
        "goldstein": ontology.goldstein(cameo),
        "fatalities": event.get("fatalities"),
        "fatalities_source": event.get("fatalities_text"),
        "country": country,
        "country_name": country_name(country),
        **place_columns(event.get("geonameid"), event.get("location_text"), event.get("location_name"),
                        event.get("location_precision")),
        "geonames_name": event.get("location_name"),
        "geo_precision": event.get("location_precision"),
        "incident_id": event.get("incident_id"),
        "num_reports": event.get("num_reports"),
        "num_sources": event.get("num_sources"),
        "independent_origins": event.get("independent_origins"),
        "source_chain": source_chain(event.get("sources") or []),
        "evidence_sentence": event.get("evidence"),
    }
    return columns
