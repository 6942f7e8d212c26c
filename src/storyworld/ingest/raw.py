"""What every reader shares: one article's bytes → a checked RawInput, and the hints it carries.

Files, feed entries, WARC payloads, JSON lines and fetched pages all end here, so an article is
refused for the same reasons (size, emptiness, binary content) whatever container it came in.
The readers import this module and it imports none of them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import Errors, InputError
from ..settings import default
from ..types import RawInput

MAX_INPUT_BYTES: int = default("max_input_bytes")  # the setting's default; callers pass the setting
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def sniff_media_type(raw: bytes, *, name: str = "") -> str:
    """Decide text/html or text/plain from the content first, the name second."""
    head = raw[:4096].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head or b"<p>" in head or b"<div" in head:
        return "text/html"
    if Path(name).suffix.lower() in HTML_SUFFIXES and b"<" in head:
        return "text/html"
    return "text/plain"


def check_not_binary(raw: bytes, name: str) -> None:
    """Refuse NUL-bearing or control-heavy bytes (PDFs, images, executables)."""
    head = raw[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 BOM: text, decoded later
        return
    if b"\x00" in head:
        raise InputError(Errors.E003.format(name=name, detail="NUL bytes"), source=name)
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if head and controls / len(head) > 0.05:
        raise InputError(Errors.E003.format(name=name, detail=f"{controls} control bytes"), source=name)


def read_bytes_input(
    raw: bytes, *, name: str, origin: str = "path", max_bytes: int = MAX_INPUT_BYTES, media_type: str | None = None,
    **hints
) -> RawInput:
    """One article from bytes: size, emptiness and binary checks; the media type sniffed unless given."""
    if len(raw) > max_bytes:
        raise InputError(Errors.E005.format(name=name, size=len(raw), limit=max_bytes), source=name)
    if not raw.strip():
        raise InputError(Errors.E002.format(name=name), source=name)
    check_not_binary(raw, name)
    return RawInput(origin=origin, name=name, raw=raw, media_type=media_type or sniff_media_type(raw, name=name),
                    **hints)


_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` with lone surrogates (a JSON ``"\\ud800"``, a numeric character reference in a
    feed) replaced by U+FFFD, as a decoder does with bytes it cannot read: such a string cannot be
    encoded as UTF-8, stored or printed, and one bad escape should not cost the article."""
    return _SURROGATES.sub("\ufffd", text)


def utf8(text: str) -> bytes:
    """A container's string field (a JSON line's text, a feed entry's HTML) as the bytes of an article."""
    return clean_text(text).encode("utf-8")


def merge_hints(own: dict[str, Any], hints: dict[str, Any]) -> dict[str, Any]:
    """A container entry's own url/title/outlet/published win; ``hints`` (e.g. meta*.csv) fill the gaps."""
    own = {k: clean_text(v) if isinstance(v, str) else v for k, v in own.items()}
    merged = {k: v for k, v in own.items() if v is not None}
    for key, value in hints.items():
        if key == "published_source" or value is None or merged.get(key) is not None:
            continue
        merged[key] = value
        if key == "published":
            merged["published_source"] = hints.get("published_source")
    return {k: v for k, v in merged.items() if v is not None}


def as_utf8(raw: bytes, charset: str | None) -> bytes:
    """Bytes a server or archive declared in another charset, as UTF-8 (the body stage sniffs only
    UTF-8/UTF-16 and then guesses). Bytes that are valid UTF-8 already are kept: headers lie more
    often than UTF-8 does."""
    if not charset or charset.lower().replace("_", "-") in ("utf-8", "utf8", "us-ascii", "ascii"):
        return raw
    try:
        raw.decode("utf-8")
        return raw
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return raw
