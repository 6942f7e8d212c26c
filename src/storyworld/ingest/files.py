"""Files, folders, stdin and URLs → RawInput; size bounds; routing by input kind.

``iter_inputs`` decides each input's kind and hands containers to their module: RSS/Atom feeds
(``feeds.py``), WARC files (``warc.py``), JSON Lines (``jsonl.py``), http(s) URLs (``fetch.py``).
Everything else is one article (.txt/.html or any file that sniffs as text or HTML), checked by
``raw.py`` as every reader's articles are.

Bounds: every article — a file, a feed entry, a WARC payload, a JSON line, a fetched page — is
refused above ``max_bytes`` (E005); a feed file is read whole and so is bounded by ``max_bytes``
too; WARC and JSONL files are streamed and may be of any size, but at most ``MAX_ENTRIES``
articles are read from one container (E019 for the rest).

Any input may be gzipped (``.txt.gz``, ``.html.gz``, ``.jsonl.gz``, ``.xml.gz``, ``.warc.gz``, or
gzip bytes under any name, stdin included): it is unpacked as a stream under a ratio cap
(``decompress.py``, E021 for a bomb) and routed by its inner name and unpacked bytes. From a
folder only regular files are read: a FIFO, a device or a socket there is named and skipped
(E022) without being opened for reading, so it can neither block the walk nor stream forever. A
FIFO named on the command line is read (``ingest <(zcat x.gz)``).

Isolation: whatever a reader raises for one input, it becomes that input's one-line error
(E007 for the system's read errors, E020 for anything unexpected, traceback in the log) and the
next input goes on; a container's entries yielded before it are kept. Names are made printable
(``errors.printable``) where they are made, so a newline or an escape sequence in a file name
never reaches a terminal or a log line raw.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator

from ..errors import Errors, InputError, printable, unexpected
from ..types import RawInput
from .decompress import GZIP_SUFFIXES, BoundedStream, StreamStopped, inner_name, is_gzip
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
    name = printable(str(path))
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
    """A file a folder walk reads: an article or container suffix, or any gzip file."""
    lower = name.lower()
    return not name.startswith(".") and (Path(lower).suffix in ARTICLE_SUFFIXES | CONTAINER_SUFFIXES
                                         or lower.endswith(GZIP_SUFFIXES))


def _walk(folder: Path) -> Iterator[Path | InputError]:
    """The input files under ``folder`` in sorted order; a folder that cannot be listed is named."""
    failures: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=failures.append):
        while failures:
            exc = failures.pop(0)
            where = printable(str(exc.filename or root))
            yield InputError(Errors.E007.format(name=where, detail=exc.strerror or exc), source=where)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if _is_input_file(f):
                yield Path(root) / f
    for exc in failures:
        where = printable(str(exc.filename or folder))
        yield InputError(Errors.E007.format(name=where, detail=exc.strerror or exc), source=where)


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def _file_kind(mode: int) -> str:
    return next((kind for test, kind in _KINDS if test(mode)), "not a regular file")


def _open_input(path: Path, *, named: bool) -> tuple[BinaryIO, int | None]:
    """(stream, size) of a regular file, or of a FIFO the user ``named`` on the command line.

    Opened without blocking first (opening a FIFO blocks until a writer comes), then checked with
    fstat on what was opened, so nothing can be swapped in between the check and the read.
    """
    name = printable(str(path))
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISREG(mode):
            os.set_blocking(fd, True)
            size = os.fstat(fd).st_size
            return os.fdopen(fd, "rb"), size
    except BaseException:
        os.close(fd)
        raise
    os.close(fd)
    if named and stat.S_ISFIFO(mode):
        return open(path, "rb"), None  # the user asked for this pipe: wait for its writer
    raise InputError(Errors.E022.format(name=name, kind=_file_kind(mode)), source=name)


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
    """Route one opened input (a file or stdin) by its kind, unpacking it first if it is gzip."""
    head = _read_head(stream)
    source: io.RawIOBase = _Prefixed(head, stream)
    kind_name, bounded = name, None
    if is_gzip(head):
        bounded = BoundedStream(source, gunzip=True)
        kind_name, size = inner_name(name), None  # the file's size says nothing of what it unpacks to
        head = _read_head(bounded)
        source = _Prefixed(head, bounded)
    kind = input_kind(kind_name, head)
    if kind == "article" and origin == "stdin" and head.lstrip().startswith(b"{"):
        kind = "jsonl"
    if kind == "warc":
        if bounded is None:
            bounded = source = BoundedStream(source, gunzip=False)
        bounded.max_line = max_bytes  # warcio reads header lines without a limit
        last = None
        for last in iter_warc(io.BufferedReader(source), name=name, max_bytes=max_bytes, max_entries=MAX_ENTRIES,
                              hints=hints, file_offset=bounded.file_offset):
            yield last
        if bounded.error is not None and not isinstance(last, InputError):  # else the reader has named it
            yield InputError(bounded.error.message(name) + "; the rest of the file is not read", source=name)
        return
    body = io.BufferedReader(source)
    if kind == "jsonl":
        yield from iter_jsonl(body, name=name, max_bytes=max_bytes, max_entries=MAX_ENTRIES, hints=hints)
        if bounded is not None and bounded.error is not None:
            yield InputError(bounded.error.message(name) + "; the rest of the file is not read", source=name)
        return
    if size is not None and size > max_bytes:  # refuse before reading a huge file into memory
        yield InputError(Errors.E005.format(name=name, size=size, limit=max_bytes), source=name)
        return
    try:
        raw = _read_bounded(body, name, max_bytes)
    except InputError as exc:
        yield exc
        return
    if bounded is not None and bounded.error is not None:
        yield InputError(bounded.error.message(name), source=name)
        return
    if kind == "feed":
        yield from iter_feed(raw, name=name, max_bytes=max_bytes, max_entries=MAX_ENTRIES, hints=hints)
        return
    try:
        yield read_bytes_input(raw, name=name, origin=origin, max_bytes=max_bytes, **hints)
    except InputError as exc:
        yield exc


def _guarded(items: Iterator[RawInput | InputError], *, name: str) -> Iterator[RawInput | InputError]:
    """A reader's items, and whatever it raises as the input's last one: a stopped stream as its
    code (E010/E011/E021), a system read error as E007, anything else as E020."""
    try:
        yield from items
    except InputError as exc:
        yield exc
    except StreamStopped as exc:
        yield InputError(exc.message(name), source=name)
    except OSError as exc:
        yield InputError(Errors.E007.format(name=name, detail=exc.strerror or exc), source=name)
    except Exception as exc:  # a reader's bug or a library's on an odd input: this input only
        yield unexpected(exc, name=name, step="reading")


def _iter_path(path: Path, *, max_bytes: int, hints: dict[str, Any], named: bool) -> Iterator[RawInput | InputError]:
    name = printable(str(path))
    try:
        stream, size = _open_input(path, named=named)
    except InputError as exc:
        yield exc
        return
    except FileNotFoundError:
        yield InputError(Errors.E001.format(name=name), source=name)
        return
    except OSError as exc:
        yield InputError(Errors.E007.format(name=name, detail=exc.strerror or exc), source=name)
        return
    with stream:
        yield from _guarded(_iter_stream(stream, name=name, origin="path", max_bytes=max_bytes, hints=hints,
                                         size=size), name=name)


def _iter_url(url: str, *, max_bytes: int, hints: dict[str, Any], policy) -> Iterator[RawInput | InputError]:
    name = printable(url)
    try:
        page = fetch_url(url, max_bytes=max_bytes, policy=policy)
    except InputError as exc:
        yield exc
        return
    if page.content_type not in HTML_TYPES | TEXT_TYPES or looks_like_feed(page.raw[:HEAD_BYTES]):
        if looks_like_feed(page.raw[:HEAD_BYTES]):
            yield from iter_feed(page.raw, name=name, max_bytes=max_bytes, max_entries=MAX_ENTRIES, hints=hints,
                                 base_url=page.url)
            return
        page_type = "text/html"  # XML that is not a feed: XHTML, or a page served with an odd type
    else:
        page_type = "text/plain" if page.content_type in TEXT_TYPES else "text/html"
    try:
        yield read_bytes_input(as_utf8(page.raw, page.charset), name=name, origin="url", max_bytes=max_bytes,
                               media_type=page_type, **merge_hints({"url": page.url}, hints))
    except InputError as exc:
        yield exc


def _iter_one(p: str | Path, *, max_bytes: int, hints_for, policy, on_file=None) -> Iterator[RawInput | InputError]:
    """The articles of one command-line argument: a URL, ``-``, a folder or a file."""
    if on_file is not None and (is_url(p) or str(p) == "-" or not Path(p).is_dir()):
        on_file(p)
    if is_url(p):
        yield from _iter_url(str(p), max_bytes=max_bytes, hints=hints_for(p) if hints_for else {}, policy=policy)
        return
    path = Path(p)
    if str(p) == "-":
        yield from _guarded(_iter_stream(sys.stdin.buffer, name="<stdin>", origin="stdin", max_bytes=max_bytes,
                                         hints=hints_for(path) if hints_for else {}), name="<stdin>")
        return
    if path.is_dir():
        for f in _walk(path):
            if isinstance(f, InputError):
                yield f
            else:
                if on_file is not None:
                    on_file(f)
                yield from _iter_path(f, max_bytes=max_bytes, hints=hints_for(f) if hints_for else {}, named=False)
    elif path.exists() or path.is_symlink():
        yield from _iter_path(path, max_bytes=max_bytes, hints=hints_for(path) if hints_for else {}, named=True)
    else:
        name = printable(str(path))
        yield InputError(Errors.E001.format(name=name), source=name)


def iter_inputs(
    paths: Iterable[str | Path], *, max_bytes: int = MAX_INPUT_BYTES, hints_for=None, policy=None, on_file=None
) -> Iterator[RawInput | InputError]:
    """Yield a RawInput per article, or its InputError; the batch always goes on.

    Each of ``paths`` is a file, a folder (walked in sorted order; hidden entries and anything
    but regular files skipped), ``-`` for stdin, or an http(s) URL (fetched under ``policy``, else
    the context's ``fetch_policy``). Feeds, WARC and JSONL files yield one RawInput per article
    they hold; any of them may be gzipped. ``hints_for(path) -> dict`` may supply
    url/outlet/title/published for a file (e.g. from a metadata table); a container entry's own
    values win over them. ``on_file(path)`` is called as each file, URL or ``-`` starts to be read
    (``count_files`` counts them beforehand).
    """
    for p in paths:
        yield from _guarded(_iter_one(p, max_bytes=max_bytes, hints_for=hints_for, policy=policy, on_file=on_file),
                            name=printable(str(p)))


def iter_bytes(data: bytes, *, name: str, max_bytes: int = MAX_INPUT_BYTES,
               hints: dict[str, Any] | None = None) -> Iterator[RawInput | InputError]:
    """The articles of one file's bytes, read as ``iter_inputs`` reads that file (routed by ``name``
    and its bytes, gzip unpacked, containers opened): for an engine that hands out file contents
    (Spark's binaryFile source) rather than paths."""
    yield from _guarded(_iter_stream(io.BytesIO(data), name=printable(name), origin="path", max_bytes=max_bytes,
                                     hints=hints or {}, size=len(data)), name=printable(name))


def list_files(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """The files ``iter_inputs(paths)`` would read, in its order (folders walked sorted, hidden
    entries skipped), each as the path it would name; a path that is missing is its E001."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield path
        else:
            name = printable(str(path))
            yield InputError(Errors.E001.format(name=name), source=name)


def count_files(paths: Iterable[str | Path]) -> int:
    """How many files, URLs and ``-`` ``iter_inputs(paths)`` reads (folders walked as it walks
    them): a progress bar's total, known before any article is read."""
    count = 0
    for p in paths:
        if not is_url(p) and str(p) != "-" and Path(p).is_dir():
            count += sum(isinstance(f, Path) for f in _walk(Path(p)))
        else:
            count += 1
    return count


def check_paths(paths: Iterable[str | Path]) -> tuple[list[str | Path], list[InputError]]:
    """(the paths worth reading, an error for each of the others), without reading any article:
    a path that does not exist (E001) and a folder with no input file under it (E027) are refused
    at once, so that a typo costs no model load. URLs and ``-`` are always worth reading."""
    usable: list[str | Path] = []
    refused: list[InputError] = []
    for p in paths:
        path = Path(p)
        name = printable(str(p))
        if is_url(p) or str(p) == "-":
            usable.append(p)
        elif not (path.exists() or path.is_symlink()):
            refused.append(InputError(Errors.E001.format(name=name), source=name))
        elif path.is_dir() and not any(isinstance(f, Path) for f in _walk(path)):
            kinds = " ".join(sorted(ARTICLE_SUFFIXES | CONTAINER_SUFFIXES | {".warc.gz", ".gz"}))
            refused.append(InputError(Errors.E027.format(name=name, kinds=kinds), source=name))
        else:
            usable.append(p)
    return usable, refused
