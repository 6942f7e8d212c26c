"""A store's events or incidents as a pandas DataFrame: ``storyworld.to_pandas(store)``.

The columns are the CSV export's (``export.CSV_FIELDS`` / ``INCIDENT_FIELDS``, mapped to ACLED and
GDELT in docs/exports.md), typed as a researcher would type them by hand: CAMEO codes stay strings
("043" is not 43), counts are nullable integers, ``event_date``/``date_start``/``date_end`` are
dates, ``updated_at`` a UTC timestamp. The rows are built by the same functions as every export,
so a frame and a CSV of the same store agree cell for cell. Text is kept as written: no
spreadsheet-formula defusing, which only a CSV opened in a spreadsheet needs.
"""

from __future__ import annotations

from os import PathLike
from typing import Any

from ..errors import ConfigError, Errors, require_extra
from .db import Store
from .export import (CSV_DATES, CSV_DTYPES, CSV_FIELDS, INCIDENT_FIELDS, event_record, incident_record,
                     incidents_with_events)
from .queries import STATES, EventFilter, checked_country, checked_type, iter_events, states_of

RECORDS = ("events", "incidents")
FILTERS = ("type", "country", "actor", "since", "until", "source", "outlet", "modality", "text", "state",
           "changed_since")


def event_filter(**filters: Any) -> EventFilter:
    """The filters of ``storyworld events`` as keyword arguments, checked as the CLI checks them
    (``queries.checked_type``, ``checked_country``); ``state`` current (the default), superseded,
    retracted or all."""
    unknown = sorted(set(filters) - set(FILTERS))
    if unknown:
        raise ConfigError(Errors.E409.format(name=", ".join(unknown), options=", ".join(FILTERS)))
    state = filters.get("state") or "current"
    if state != "all" and state not in STATES:
        raise ConfigError(Errors.E409.format(name=f"state={state}", options=", ".join((*STATES, "all"))))
    type_, country = filters.get("type"), filters.get("country")
    return EventFilter(type=checked_type(type_) if type_ is not None else None,
                       country=checked_country(country) if country is not None else None,
                       actor=filters.get("actor"), since=filters.get("since"), until=filters.get("until"),
                       source=filters.get("source"), outlet=filters.get("outlet"), modality=filters.get("modality"),
                       text=filters.get("text"), states=states_of(state), changed_since=filters.get("changed_since"))


def to_pandas(store: Store | str | PathLike, records: str = "events", **filters: Any):
    """The store's events (one row per event) or incidents (one row per incident) as a DataFrame with
    typed columns; ``store`` is an open Store or the path of one. Keyword filters as ``event_filter``."""
    require_extra("pandas", "to_pandas", "pandas")
    import pandas as pd

    if records not in RECORDS:
        raise ConfigError(Errors.E409.format(name=f"records={records}", options=", ".join(RECORDS)))
    f = event_filter(**filters)
    own = not isinstance(store, Store)
    opened = Store.open(store, create=False) if own else store
    try:
        if records == "events":
            rows = [event_record(event) for event in iter_events(opened, f)]
            columns = CSV_FIELDS
        else:
            rows = [incident_record(summary, events) for summary, events in incidents_with_events(opened, f)]
            columns = INCIDENT_FIELDS
    finally:
        if own:
            opened.close()
    frame = pd.DataFrame.from_records([{k: row.get(k) for k in columns} for row in rows], columns=list(columns))
    return _typed(frame, pd)


def _typed(frame, pd):
    for column, dtype in CSV_DTYPES.items():
        if column in frame:
            frame[column] = frame[column].astype(dtype)
    for column in ("lat", "lon", "goldstein"):
        if column in frame:
            frame[column] = frame[column].astype("Float64")
    for column in CSV_DATES:
        if column in frame:
            frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d")
    if "updated_at" in frame:
        frame["updated_at"] = pd.to_datetime(frame["updated_at"], format="ISO8601", utc=True)
    return frame
