"""Parameter types shared by the routes: every value is checked here, before it reaches SQLite.

SQLite's integers stop at 2**63 - 1 (a larger one raised OverflowError, a plain-text 500), FTS5
reads a NUL as the end of a string (a syntax error), and a date that only looks like one
('2023-13-45') used to filter silently. A refusal is a 400 with the envelope naming the parameter.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from fastapi import Path, Query
from pydantic import AfterValidator

from ..types import MODALITIES, SOURCE_KINDS

MAX_ID = 2**63 - 1  # SQLite's largest integer
MAX_OFFSET = 10_000_000  # past this, narrow the filter instead of paging
MAX_REPORTS = 1_000_000
DATE = r"^\d{4}-\d{2}-\d{2}$"
MODALITY = f"^({'|'.join(MODALITIES)})$"
SOURCE_KIND = f"^({'|'.join(SOURCE_KINDS)})$"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def real_date(value: str | None) -> str | None:
    """A YYYY-MM-DD that names a day of the calendar."""
    if value is not None:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"'{value}' is not a date of the calendar (YYYY-MM-DD)") from None
    return value


def printable(value: str | None) -> str | None:
    """Text without control characters (a NUL ended FTS5's string; ESC would reach a log or terminal)."""
    if value is not None and _CONTROL.search(value):
        raise ValueError("control characters are not allowed")
    return value


def changed_time(value: str | None) -> str | None:
    """A date or ISO time → the changes log's form (UTC, to the microsecond)."""
    if value is None:
        return None
    from ..store.changes import normalise_time

    try:
        return normalise_time(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a date or time (YYYY-MM-DD or an ISO 8601 time)") from None


Day = Annotated[str | None, Query(pattern=DATE, description="YYYY-MM-DD"), AfterValidator(real_date)]
PloverType = Annotated[str | None, Query(max_length=20, description="PLOVER type"), AfterValidator(printable)]
Name = Annotated[str | None, Query(max_length=200), AfterValidator(printable)]
Search = Annotated[str | None, Query(max_length=500, description="full-text search in the article"),
                   AfterValidator(printable)]
Cue = Annotated[str | None, Query(max_length=50), AfterValidator(printable)]
Url = Annotated[str | None, Query(max_length=2000), AfterValidator(printable)]
Modality = Annotated[str | None, Query(pattern=MODALITY)]
SourceKind = Annotated[str | None, Query(pattern=SOURCE_KIND, description=", ".join(SOURCE_KINDS))]
Since = Annotated[str | None, Query(max_length=40, description="a date or ISO 8601 time (UTC unless it has an offset)"),
                  AfterValidator(printable), AfterValidator(changed_time)]
State = Annotated[str, Query(pattern="^(current|superseded|retracted|merged|all)$",
                             description="which versions: current (default), superseded, retracted, merged (incidents) or all")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]
