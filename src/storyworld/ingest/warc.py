"""WARC files (.warc, .warc.gz) → one RawInput per HTML or text `response` record (warcio).

Records are streamed: a multi-gigabyte crawl is never read whole. Other records (request,
metadata, revisit, …), non-2xx responses and payloads that are not HTML or text are skipped without
a word. A broken record or a truncated gzip member ends the file with one InputError (E011/E010)
that names the record's offset; the records before it have been yielded already.

The name of each input is ``file.warc.gz#OFFSET`` (the record's byte offset in the file, as
``warcio extract`` takes it). ``WARC-Date`` is when the page was *crawled*, not published: it is
used as the publication date (``published_source="warc-date"``) only when the page shows no date
of its own (no date meta tag, <time datetime>, JSON-LD datePublished, or date in its URL), since the
body stage reads the page's own date only when none is given.
"""

from __future__ import annotations

import re
import zlib
from typing import Any, BinaryIO, Iterator

from ..errors import Errors, InputError
from ..types import RawInput
from .raw import as_utf8, merge_hints, read_bytes_input

WARC_SUFFIXES = (".warc", ".warc.gz")
PAYLOAD_TYPES = {"text/html": "text/html", "application/xhtml+xml": "text/html", "text/plain": "text/plain"}
_PAGE_DATE = re.compile(
    rb"article:published_time|datePublished|dateCreated|pubdate|publishdate|publish-date|parsely-pub-date"
    rb"|sailthru\.date|dc\.date|dcterms\.(?:created|issued|date)|<time[^>]*datetime=", re.I)
_URL_DATE = re.compile(r"/(?:19|20)\d\d[/-][01]?\d(?:[/-][0-3]?\d)?(?:/|\b)")


def looks_like_warc(head: bytes) -> bool:
    if head.startswith(b"WARC/"):
        return True
    if head.startswith(b"\x1f\x8b"):
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16).startswith(b"WARC/")
        except zlib.error:
            return False
    return False


def has_own_date(payload: bytes, url: str | None) -> bool:
    return bool(_PAGE_DATE.search(payload[:262144]) or (url and _URL_DATE.search(url)))


def _content_type(record) -> tuple[str, str | None]:
    headers = record.http_headers
    value = (headers.get_header("Content-Type") if headers else None) or ""
    kind, _, params = value.partition(";")
    match = re.search(r"charset\s*=\s*\"?([\w.:-]+)", params, re.I)
    return kind.strip().lower(), match.group(1) if match else None


def _status_ok(record) -> bool:
    code = record.http_headers.get_statuscode() if record.http_headers else None
    return code is None or str(code).startswith("2")


def iter_warc(stream: BinaryIO, *, name: str, max_bytes: int, max_entries: int,
              hints: dict[str, Any] | None = None) -> Iterator[RawInput | InputError]:
    """One RawInput per HTML/text response record in ``stream``; stops at the first broken record."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records = ArchiveIterator(stream, ensure_http_headers=False)
    count = 0
    offset = 0  # of the current record, as soon as it is known
    following = 0  # where the record after the last complete one starts: where a broken one starts
    while True:
        try:
            offset = following
            record = next(records)
            if record.rec_type != "response" or not _status_ok(record):
                following = records.get_record_offset() + records.get_record_length()
                continue
            kind, charset = _content_type(record)
            payload = record.content_stream().read(max_bytes + 1)
            if len(payload) <= max_bytes and getattr(record.raw_stream, "limit", 0) > 0:
                raise EOFError(f"record ends {record.raw_stream.limit} bytes short of its Content-Length")
            offset = records.get_record_offset()  # warcio reads the record to its end first
            following = offset + records.get_record_length()
        except StopIteration:
            return
        except (zlib.error, EOFError) as exc:
            record_name = f"{name}#{offset}"
            code = Errors.E010 if name.lower().endswith(".gz") or isinstance(exc, zlib.error) else Errors.E011
            yield InputError(code.format(name=record_name, detail=_detail(exc) + "; the rest of the file is "
                                         "not read"), source=record_name)
            return
        except (ArchiveLoadFailed, ValueError, OSError, IndexError, KeyError) as exc:
            record_name = f"{name}#{offset}"
            yield InputError(Errors.E011.format(name=record_name, detail=_detail(exc) + "; the rest of the file is "
                                                "not read"), source=record_name)
            return
        media_type = PAYLOAD_TYPES.get(kind)
        if media_type is None and not kind:  # no Content-Type: keep it if it looks like a page
            media_type = "text/html" if re.match(rb"\s*(<!doctype html|<html)", payload[:512], re.I) else None
        if media_type is None:
            continue
        count += 1
        record_name = f"{name}#{offset}"
        if count > max_entries:
            yield InputError(Errors.E019.format(name=name, limit=max_entries), source=name)
            return
        if len(payload) > max_bytes:
            yield InputError(Errors.E005.format(name=record_name, size=f"more than {max_bytes}", limit=max_bytes),
                             source=record_name)
            continue
        url = record.rec_headers.get_header("WARC-Target-URI") or None
        own: dict[str, Any] = {"url": url}
        warc_date = (record.rec_headers.get_header("WARC-Date") or "")[:10]
        if re.fullmatch(r"\d{4}-\d\d-\d\d", warc_date) and not has_own_date(payload, url):
            own.update(published=warc_date, published_source="warc-date")
        try:
            yield read_bytes_input(as_utf8(payload, charset), name=record_name, origin="warc", max_bytes=max_bytes,
                                   media_type=media_type, **merge_hints(own, hints or {}))
        except InputError as exc:
            yield exc


def _detail(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
