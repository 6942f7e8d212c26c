"""JSON Lines (.jsonl) → one RawInput per line.

Each line is an object with ``text`` (plain text) or ``html`` (a page or fragment), and optionally
``url``, ``title``, ``published`` (YYYY-MM-DD, or an ISO date-time whose date is kept) and
``outlet``. Blank lines are skipped. A bad line yields one InputError named ``file.jsonl:LINE``
and the other lines go on: malformed JSON, nesting too deep for the parser (E012), a lone
surrogate escape (``"\\ud800"``, read as U+FFFD), or anything unexpected (E020). Lines are streamed; one over the size limit is skipped (E005) without
being held in memory.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, BinaryIO, Iterator

from ..errors import Errors, InputError, printable, unexpected
from ..types import RawInput
from .raw import merge_hints, read_bytes_input, utf8

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
            yield _line_input(line, name=name, number=number, max_bytes=max_bytes, hints=hints or {})
        except InputError as exc:
            yield exc
        except Exception as exc:  # one odd line: that line only
            yield unexpected(exc, name=line_name, step="reading the JSON line")


def _line_input(line: bytes, *, name: str, number: int, max_bytes: int, hints: dict[str, Any]) -> RawInput:
    line_name = f"{name}:{number}"
    try:
        obj = json.loads(line)
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError(Errors.E012.format(name=name, line=number, detail=printable(str(exc).splitlines()[0])),
                         source=line_name) from None
    except RecursionError:
        raise InputError(Errors.E012.format(name=name, line=number, detail="nested too deep to read"),
                         source=line_name) from None
    if not isinstance(obj, dict):
        raise InputError(Errors.E012.format(name=name, line=number, detail=f"a JSON {type(obj).__name__}, not an "
                                            "object"), source=line_name)
    body, media_type = obj.get("html"), "text/html"
    if not isinstance(body, str) or not body.strip():
        body, media_type = obj.get("text"), "text/plain"
    if not isinstance(body, str):
        raise InputError(Errors.E018.format(name=name, line=number), source=line_name)
    own: dict[str, Any] = {k: obj[k].strip() or None if isinstance(obj.get(k), str) else None for k in _OPTIONAL}
    if obj.get("published") not in (None, ""):
        published = _date(obj["published"])
        if published is None:
            raise InputError(Errors.E016.format(name=line_name, value=printable(str(obj["published"]))[:80]),
                             source=line_name)
        own.update(published=published, published_source="jsonl")
    return read_bytes_input(utf8(body), name=line_name, origin="jsonl", max_bytes=max_bytes, media_type=media_type,
                            **merge_hints(own, hints))
