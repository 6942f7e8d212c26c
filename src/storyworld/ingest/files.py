"""Files, folders, stdin and URLs → RawInput; size bounds; routing by input kind.

``iter_inputs`` decides each input's kind and hands containers to their module: RSS/Atom feeds
(``feeds.py``), WARC files (``warc.py``), JSON Lines (``jsonl.py``), http(s) URLs (``fetch.py``).
Everything else is one article (.txt/.html or any file that sniffs as text or HTML), checked by
``raw.py`` as every reader's articles are.

Bounds: every article — a file, a feed entry, a WARC payload, a JSON line, a fetched page — is
refused above ``max_bytes`` (E005); a feed file is read whole and so is bounded by ``max_bytes``
too; WARC and JSONL files are streamed and may be of any size, but at most ``MAX_ENTRIES``
articles are read from one container (E019 for the rest).
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator

from ..errors import Errors, InputError
from ..types import RawInput
from .feeds import iter_feed, looks_like_feed
from .fetch import HTML_TYPES, TEXT_TYPES, fetch_url, is_url
from .jsonl import iter_jsonl
from .raw import HTML_SUFFIXES, MAX_INPUT_BYTES, as_utf8, merge_hints, read_bytes_input
from .warc import iter_warc, looks_like_warc

MAX_ENTRIES = 100_000  # articles read from one feed, WARC or JSONL file
TEXT_SUFFIXES = {".txt", ".text", ".md"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
CONTAINER_SUFFIXES = FEED_SUFFIXES | {".warc", ".jsonl"}  # and .warc.gz, matched on the full name
HEAD_BYTES = 4096


def read_path(path: Path, *, max_bytes: int = MAX_INPUT_BYTES, **hints) -> RawInput:
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(Errors.E001.format(name=name), source=name) from None
    if size > max_bytes:  # refuse before reading a huge file into memory
        raise InputError(Errors.E005.format(name=name, size=size, limit=max_bytes), source=name)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(Errors.E007.format(name=name, detail=exc.strerror or exc), source=name) from exc
    return read_bytes_input(raw, name=name, max_bytes=max_bytes, **hints)


def input_kind(name: str, head: bytes = b"") -> str:
    """'warc' | 'jsonl' | 'feed' | 'article', from the name first, then the first bytes."""
    lower = name.lower()
    if lower.endswith((".warc", ".warc.gz")) or looks_like_warc(head):
        return "warc"
    if lower.endswith(".jsonl"):
        return "jsonl"
    if Path(lower).suffix in FEED_SUFFIXES or looks_like_feed(head):
        return "feed"
    return "article"


def _is_input_file(name: str) -> bool:
    lower = name.lower()
    return not name.startswith(".") and (Path(lower).suffix in ARTICLE_SUFFIXES | CONTAINER_SUFFIXES
                                         or lower.endswith(".warc.gz"))


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if _is_input_file(f):
                yield Path(root) / f


class _Prefixed(io.RawIOBase):
    """A stream whose first bytes were read already (to sniff stdin) and are given back first."""

    def __init__(self, head: bytes, rest: BinaryIO):
        self._head, self._rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._head[: len(buffer)] if self._head else self._rest.read(len(buffer))
        self._head = self._head[len(data):] if self._head else b""
        buffer[: len(data)] = data
        return len(data)


def _read_head(stream: BinaryIO) -> bytes:
    head = b""
    while len(head) < HEAD_BYTES:
        chunk = stream.read(HEAD_BYTES - len(head))
        if not chunk:
            break
        head += chunk
    return head


def _read_bounded(stream: BinaryIO, name: str, max_bytes: int) -> bytes:
    raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise InputError(Errors.E005.format(name=name, size=f"more than {max_bytes}", limit=max_bytes), source=name)
    return raw


def _iter_stream(stream: BinaryIO, *, name: str, origin: str, max_bytes: int, hints: dict[str, Any],
                 size: int | None = None) -> Iterator[RawInput | InputError]:
    """Route one opened input (a file or stdin) by its kind."""
    head = _read_head(stream)
    kind = input_kind(name, head)
    if kind == "article" and origin == "stdin" and head.lstrip().startswith(b"{"):
        kind = "jsonl"
    body = io.BufferedReader(_Prefixed(head, stream))
    if kind == "warc":
        yield from iter_warc(body, name=name, max_bytes=max_bytes, max_entries=MAX_ENTRIES, hints=hints)
        return
    if kind == "jsonl":
        yield from iter_jsonl(body, name=name, max_bytes=max_bytes, max_entries=MAX_ENTRIES, hints=hints)
        return
    if size is not None and size > max_bytes:  # refuse before reading a huge file into memory
        yield InputError(Errors.E005.format(name=name, size=size, limit=max_bytes), source=name)
        return
    try:
        raw = _read_bounded(body, name, max_bytes)
    except InputError as exc:
        yield exc
        return
    if kind == "feed":
        yield from iter_feed(raw, name=name, max_bytes=max_bytes, max_entries=MAX_ENTRIES, hints=hints)
        return
    try:
        yield read_bytes_input(raw, name=name, origin=origin, max_bytes=max_bytes, **hints)
    except InputError as exc:
        yield exc


def _iter_path(path: Path, *, max_bytes: int, hints: dict[str, Any]) -> Iterator[RawInput | InputError]:
    name = str(path)
    try:
        size = path.stat().st_size
        stream = path.open("rb")
    except FileNotFoundError:
        yield InputError(Errors.E001.format(name=name), source=name)
        return
    except OSError as exc:
        yield InputError(Errors.E007.format(name=name, detail=exc.strerror or exc), source=name)
        return
    with stream:
        try:
            yield from _iter_stream(stream, name=name, origin="path", max_bytes=max_bytes, hints=hints, size=size)
        except OSError as exc:
            yield InputError(Errors.E007.format(name=name, detail=exc.strerror or exc), source=name)


def _iter_url(url: str, *, max_bytes: int, hints: dict[str, Any], policy) -> Iterator[RawInput | InputError]:
    try:
        page = fetch_url(url, max_bytes=max_bytes, policy=policy)
    except InputError as exc:
        yield exc
        return
    if page.content_type not in HTML_TYPES | TEXT_TYPES or looks_like_feed(page.raw[:HEAD_BYTES]):
        if looks_like_feed(page.raw[:HEAD_BYTES]):
            yield from iter_feed(page.raw, name=url, max_bytes=max_bytes, max_entries=MAX_ENTRIES, hints=hints,
                                 base_url=page.url)
            return
        page_type = "text/html"  # XML that is not a feed: XHTML, or a page served with an odd type
    else:
        page_type = "text/plain" if page.content_type in TEXT_TYPES else "text/html"
    try:
        yield read_bytes_input(as_utf8(page.raw, page.charset), name=url, origin="url", max_bytes=max_bytes,
                               media_type=page_type, **merge_hints({"url": page.url}, hints))
    except InputError as exc:
        yield exc


def iter_inputs(
    paths: Iterable[str | Path], *, max_bytes: int = MAX_INPUT_BYTES, hints_for=None, policy=None
) -> Iterator[RawInput | InputError]:
    """Yield a RawInput per article, or its InputError; the batch always goes on.

    Each of ``paths`` is a file, a folder (walked in sorted order; hidden entries skipped), ``-``
    for stdin, or an http(s) URL (fetched under ``policy``, else the context's ``fetch_policy``).
    Feeds, WARC and JSONL files yield one RawInput per article they hold. ``hints_for(path) ->
    dict`` may supply url/outlet/title/published for a file (e.g. from a metadata table); a
    container entry's own values win over them.
    """
    for p in paths:
        if is_url(p):
            yield from _iter_url(str(p), max_bytes=max_bytes, hints=hints_for(p) if hints_for else {}, policy=policy)
            continue
        path = Path(p)
        if str(p) == "-":
            stream = sys.stdin.buffer
            yield from _iter_stream(stream, name="<stdin>", origin="stdin", max_bytes=max_bytes,
                                    hints=hints_for(path) if hints_for else {})
            continue
        if path.is_dir():
            files = list(_walk(path))
        elif path.exists() or path.is_symlink():
            files = [path]
        else:
            yield InputError(Errors.E001.format(name=str(path)), source=str(path))
            continue
        for f in files:
            yield from _iter_path(f, max_bytes=max_bytes, hints=hints_for(f) if hints_for else {})
