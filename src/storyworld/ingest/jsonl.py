"""JSON Lines (.jsonl) → one RawInput per line.

Each line is an object with ``text`` (plain text) or ``html`` (a page or fragment), and optionally
``url``, ``title``, ``published`` (YYYY-MM-DD, or an ISO date-time whose date is kept) and
``outlet``. Blank lines are skipped. A bad line yields one InputError named ``file.jsonl:LINE``
and the other lines go on. Lines are streamed; one over the size limit is skipped (E005) without
being held in memory.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, BinaryIO, Iterator

from ..errors import Errors, InputError
from ..types import RawInput
from .raw import merge_hints, read_bytes_input

JSONL_SUFFIXES = (".jsonl",)
_OPTIONAL = ("url", "title", "outlet")


def _lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) per line; bytes is None for a line longer than ``max_bytes``."""
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the long line
                line = stream.readline(1 << 20)
            yield number, None
            continue
        yield number, line


def _date(value: Any) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10]).isoformat() if len(value) == 10 or value[10:11] in "T " else None
        except ValueError:
            return None
    return None


def iter_jsonl(stream: BinaryIO, *, name: str, max_bytes: int, max_entries: int,
               hints: dict[str, Any] | None = None) -> Iterator[RawInput | InputError]:
    count = 0
    for number, line in _lines(stream, max_bytes):
        line_name = f"{name}:{number}"
        if line is None:
            yield InputError(Errors.E005.format(name=line_name, size=f"more than {max_bytes}", limit=max_bytes),
                             source=line_name)
            continue
        if not line.strip():
            continue
        count += 1
        if count > max_entries:
            yield InputError(Errors.E019.format(name=name, limit=max_entries), source=name)
            return
        try:
            obj = json.loads(line)
        except (UnicodeDecodeError, ValueError) as exc:
            detail = str(exc).splitlines()[0]
            yield InputError(Errors.E012.format(name=name, line=number, detail=detail), source=line_name)
            continue
        if not isinstance(obj, dict):
            yield InputError(Errors.E012.format(name=name, line=number, detail=f"a JSON {type(obj).__name__}, not an "
                                                "object"), source=line_name)
            continue
        body, media_type = obj.get("html"), "text/html"
        if not isinstance(body, str) or not body.strip():
            body, media_type = obj.get("text"), "text/plain"
        if not isinstance(body, str):
            yield InputError(Errors.E018.format(name=name, line=number), source=line_name)
            continue
        own: dict[str, Any] = {k: obj[k].strip() or None if isinstance(obj.get(k), str) else None for k in _OPTIONAL}
        if obj.get("published") not in (None, ""):
            published = _date(obj["published"])
            if published is None:
                yield InputError(Errors.E016.format(name=line_name, value=obj["published"]), source=line_name)
                continue
            own.update(published=published, published_source="jsonl")
        try:
            yield read_bytes_input(body.encode("utf-8"), name=line_name, origin="jsonl", max_bytes=max_bytes,
                                   media_type=media_type, **merge_hints(own, hints or {}))
        except InputError as exc:
            yield exc
