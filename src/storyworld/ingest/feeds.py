"""RSS/Atom feeds → one RawInput per entry (feedparser).

An entry's body is its full content (``content:encoded``, Atom ``content``) when the feed carries
it, else its summary; both are HTML fragments, which the body stage reads like a page. The feed's
title is the outlet, the entry's date (its own calendar day, not shifted to UTC) the publication
date with ``published_source="feed"``. feedparser is only ever given bytes: given a string it would
treat it as a URL or a path and read it itself.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import time
from typing import Any, Iterator

from ..errors import Errors, InputError, first_line, unexpected
from ..types import RawInput
from .raw import merge_hints, read_bytes_input, utf8

_FEED_ROOT = re.compile(
    rb"^\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!doctype[^>]*>\s*)*<(?:rss|feed|rdf:rdf)[\s>]", re.I | re.S)


def looks_like_feed(head: bytes) -> bool:
    """The document's root element is <rss>, <feed> or <rdf:RDF> (after the XML declaration)."""
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return bool(_FEED_ROOT.match(head[:4096]))


def entry_date(entry: Any) -> str | None:
    """YYYY-MM-DD of an entry's published (else updated) date, in the feed's own time zone."""
    for key in ("published", "updated", "created"):
        text = (entry.get(key) or "").strip()
        if not text:
            continue
        try:
            return email.utils.parsedate_to_datetime(text).date().isoformat()  # RFC 822 (RSS)
        except (TypeError, ValueError, IndexError):
            pass
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()  # RFC 3339 (Atom)
        except ValueError:
            pass
        parsed = entry.get(f"{key}_parsed")  # feedparser's own reading of odder formats (UTC)
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return None


def _entry_html(entry: Any) -> tuple[str, str]:
    """(body, media type): the full content if present (HTML preferred), else the summary."""
    contents = entry.get("content") or []
    for content in sorted(contents, key=lambda c: "html" not in (c.get("type") or "")):
        if (content.get("value") or "").strip():
            kind = "text/plain" if (content.get("type") or "") == "text/plain" else "text/html"
            return content["value"], kind
    detail = entry.get("summary_detail") or {}
    kind = "text/plain" if detail.get("type") == "text/plain" else "text/html"
    return entry.get("summary") or "", kind


def iter_feed(raw: bytes, *, name: str, max_bytes: int, max_entries: int, hints: dict[str, Any] | None = None,
              base_url: str | None = None) -> Iterator[RawInput | InputError]:
    """One RawInput per entry of the feed in ``raw``, or InputErrors (E017 for the whole feed)."""
    import feedparser

    if len(raw) > max_bytes:
        yield InputError(Errors.E005.format(name=name, size=len(raw), limit=max_bytes), source=name)
        return
    if not looks_like_feed(raw) and re.search(rb"<html[\s>]", raw[:4096], re.I):
        yield InputError(Errors.E017.format(name=name, detail="it is an HTML page"), source=name)
        return
    try:
        parsed = feedparser.parse(raw, response_headers={"content-location": base_url} if base_url else None)
    except Exception as exc:  # feedparser is lenient, but a parser bug must not end the batch
        yield InputError(Errors.E017.format(name=name, detail=f"{type(exc).__name__}: {first_line(exc)}"), source=name)
        return
    if not parsed.entries:
        if parsed.get("bozo"):
            detail = first_line(parsed.get("bozo_exception") or ValueError("not well-formed"))
        else:
            detail = "no entries" if parsed.get("version") else "no RSS or Atom root element"
        yield InputError(Errors.E017.format(name=name, detail=detail), source=name)
        return
    feed_title = parsed.feed.get("title")
    outlet = feed_title.strip() or None if isinstance(feed_title, str) else None
    for number, entry in enumerate(parsed.entries, start=1):
        entry_name = f"{name}#{number}"
        if number > max_entries:
            yield InputError(Errors.E019.format(name=name, limit=max_entries), source=name)
            return
        try:
            yield _entry_input(entry, name=entry_name, outlet=outlet, max_bytes=max_bytes, hints=hints or {})
        except InputError as exc:
            yield exc
        except Exception as exc:  # one odd entry: that entry only
            yield unexpected(exc, name=entry_name, step="reading the feed entry")


def _entry_input(entry: Any, *, name: str, outlet: str | None, max_bytes: int, hints: dict[str, Any]) -> RawInput:
    body, media_type = _entry_html(entry)
    published = entry_date(entry)
    own = {"url": entry.get("link") or None, "title": (entry.get("title") or "").strip() or None,
           "outlet": outlet, "published": published, "published_source": "feed" if published else None}
    return read_bytes_input(utf8(body), name=name, origin="feed", max_bytes=max_bytes, media_type=media_type,
                            **merge_hints(own, hints))
