"""WARC files (.warc, .warc.gz) → one RawInput per HTML or text `response` record (warcio).

Records are streamed: a multi-gigabyte crawl is never read whole. Other records (request,
metadata, revisit, …), non-2xx responses and payloads that are not HTML or text are skipped without
a word. A broken record or a truncated gzip member ends the file with one InputError (E011/E010)
that names the record's offset; the records before it have been yielded already.

The name of each input is ``file.warc.gz#OFFSET`` (the record's byte offset in the file, as
``warcio extract`` takes it). A gzipped WARC reaches this module already unpacked by
``decompress.BoundedStream`` (which stops a decompression bomb and knows where each gzip member
starts in the file); warcio is never given gzip to inflate on its own. A response record without
``WARC-Target-URI`` is read like any other (warcio 1.8.1 raises AttributeError on it), and what
warcio writes to stderr about damaged records goes to our log (shown with ``-v``). ``WARC-Date`` is when the page was *crawled*, not published: it is
used as the publication date (``published_source="warc-date"``) only when the page shows no date
of its own (no date meta tag, <time datetime>, JSON-LD datePublished, or date in its URL), since the
body stage reads the page's own date only when none is given.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import zlib
from typing import Any, BinaryIO, Callable, Iterator

from ..errors import Errors, InputError, first_line, printable, unexpected
from ..types import RawInput
from .decompress import StreamStopped
from .raw import as_utf8, merge_hints, read_bytes_input

log = logging.getLogger(__name__)

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


def _content_type(headers) -> tuple[str, str | None]:
    value = (headers.get_header("Content-Type") if headers else None) or ""
    kind, _, params = value.partition(";")
    match = re.search(r"charset\s*=\s*\"?([\w.:-]+)", params, re.I)
    return kind.strip().lower(), match.group(1) if match else None


def _status_ok(headers) -> bool:
    code = headers.get_statuscode() if headers else None
    return code is None or str(code).startswith("2")


class _StderrToLog(io.TextIOBase):
    """What warcio writes to stderr (a damaged record's first line, raw bytes and all), as log lines."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        for line in str(text).splitlines():
            if line.strip():
                log.info("warcio: %s", printable(line)[:300])
        return len(text)


def _quiet_warcio():
    """Around warcio calls only (never across a ``yield``: the consumer's own stderr is its own)."""
    return contextlib.redirect_stderr(_StderrToLog())


def _loader():
    """warcio's record loader, but a record without WARC-Target-URI is not an AttributeError."""
    from warcio.recordloader import ArcWarcRecordLoader

    class Loader(ArcWarcRecordLoader):
        def load_http_headers(self, rec_type, uri, stream, length):
            return super().load_http_headers(rec_type, uri or "", stream, length)

    return Loader()


def _http_in_payload(payload: bytes):
    """(headers, body) of a payload that still starts with its HTTP status line (warcio leaves it
    there when the record names no target URI); (None, payload) otherwise."""
    if not payload.startswith(b"HTTP/"):
        return None, payload
    from warcio.statusandheaders import StatusAndHeadersParser, StatusAndHeadersParserException

    body = io.BytesIO(payload)
    try:
        headers = StatusAndHeadersParser(["HTTP/1.0", "HTTP/1.1"], verify=False).parse(body)
    except (StatusAndHeadersParserException, ValueError, EOFError):
        return None, payload
    return headers, body.read()


def _next_start(records) -> int:
    """Where the record after the current one starts, past the blank lines between them (warcio's
    record length leaves those out of an uncompressed file, so offset + length falls short)."""
    records.get_record_length()  # reads the current record to its end and the blank lines after it
    return records.offset


def iter_warc(stream: BinaryIO, *, name: str, max_bytes: int, max_entries: int,
              hints: dict[str, Any] | None = None,
              file_offset: Callable[[int], int] | None = None) -> Iterator[RawInput | InputError]:
    """One RawInput per HTML/text response record in ``stream``; stops at the first broken record.

    ``file_offset`` maps an offset in ``stream`` to the file's (a gzipped WARC arrives unpacked).
    """
    from warcio.archiveiterator import ArchiveIterator

    where = file_offset or (lambda offset: offset)
    with _quiet_warcio():
        records = ArchiveIterator(stream, ensure_http_headers=False)
    records.loader = _loader()
    count = 0
    offset = 0  # of the current record, as soon as it is known
    following = 0  # where the record after the last complete one starts: where a broken one starts
    while True:
        try:
            offset = following
            with _quiet_warcio():
                record = next(records)
                headers = record.http_headers
                if record.rec_type != "response" or not _status_ok(headers):
                    following = _next_start(records)
                    continue
                payload = record.content_stream().read(max_bytes + 1)
                if len(payload) <= max_bytes and getattr(record.raw_stream, "limit", 0) > 0:
                    raise EOFError(f"record ends {record.raw_stream.limit} bytes short of its Content-Length")
                offset = records.get_record_offset()  # warcio reads the record to its end first
                following = _next_start(records)
        except StopIteration:
            return
        except StreamStopped as exc:
            record_name = f"{name}#{where(offset)}"
            yield InputError(exc.message(record_name) + "; the rest of the file is not read", source=record_name)
            return
        except (zlib.error, EOFError) as exc:
            record_name = f"{name}#{where(offset)}"
            code = Errors.E010 if name.lower().endswith(".gz") or isinstance(exc, zlib.error) else Errors.E011
            yield InputError(code.format(name=record_name, detail=_detail(exc) + "; the rest of the file is "
                                         "not read"), source=record_name)
            return
        except Exception as exc:  # warcio's own errors and its bugs on odd records: the record is broken
            record_name = f"{name}#{where(offset)}"
            log.info("warcio failed on %s", record_name, exc_info=exc)
            yield InputError(Errors.E011.format(name=record_name, detail=_detail(exc) + "; the rest of the file is "
                                                "not read"), source=record_name)
            return
        record_name = f"{name}#{where(offset)}"
        try:
            item = _record_input(record, headers, payload, name=name, record_name=record_name, max_bytes=max_bytes,
                                 hints=hints or {})
        except InputError as exc:
            item = exc
        except Exception as exc:  # our own handling of one odd record: that record only
            item = unexpected(exc, name=record_name, step="reading the WARC record")
        if item is None:
            continue
        count += 1
        if count > max_entries:
            yield InputError(Errors.E019.format(name=name, limit=max_entries), source=name)
            return
        yield item


def _record_input(record, headers, payload: bytes, *, name: str, record_name: str, max_bytes: int,
                  hints: dict[str, Any]) -> RawInput | InputError | None:
    """The article in one response record; None for a payload that is not HTML or text."""
    if headers is None:
        headers, payload = _http_in_payload(payload)
        if not _status_ok(headers):
            return None
    kind, charset = _content_type(headers)
    media_type = PAYLOAD_TYPES.get(kind)
    if media_type is None and not kind:  # no Content-Type: keep it if it looks like a page
        media_type = "text/html" if re.match(rb"\s*(<!doctype html|<html)", payload[:512], re.I) else None
    if media_type is None:
        return None
    if len(payload) > max_bytes:
        return InputError(Errors.E005.format(name=record_name, size=f"more than {max_bytes}", limit=max_bytes),
                          source=record_name)
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    own: dict[str, Any] = {"url": url}
    warc_date = (record.rec_headers.get_header("WARC-Date") or "")[:10]
    if re.fullmatch(r"\d{4}-\d\d-\d\d", warc_date) and not has_own_date(payload, url):
        own.update(published=warc_date, published_source="warc-date")
    return read_bytes_input(as_utf8(payload, charset), name=record_name, origin="warc", max_bytes=max_bytes,
                            media_type=media_type, **merge_hints(own, hints))


def _detail(exc: BaseException) -> str:
    text = first_line(exc) if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
