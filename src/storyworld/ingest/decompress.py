"""Streaming gunzip that stops a decompression bomb early: any ``.gz`` input, ``.warc.gz`` included.

A gzip header says nothing trustworthy about what follows, so nothing is read whole and nothing
is believed: the compressed stream is fed to zlib in small pieces, each call may give at most
``CHUNK`` bytes, and over every ``WINDOW`` bytes of output at least one compressed byte must have
been read per ``MAX_RATIO`` bytes given out (text and HTML compress 3 to 10 times; a run of zeros
a thousand times). A 4 MB file that would expand to 4 GB is stopped after the first window, in
well under a second and a few megabytes of memory. The ratio is checked per window, not over
the whole file, so that a bomb behind a hundred megabytes of honest records is caught as early.

The size cap is the consumer's: an article, a feed or a JSON line read from the stream is
refused above ``max_input_bytes`` like any other (E005). ``max_line`` bounds how far the output
may run without a line break, for readers (warcio) that read header lines without a limit.

Multi-member files (one gzip member per WARC record, as crawlers write them) are read member
after member; ``members`` records where each starts, in the file and in the output, so that a
record can be named by its offset in the file, as ``warcio extract`` takes it. Zero padding after
the last member is ignored, as gzip(1) does. Plain (not gzipped) input passes through with only
the line bound applied.
"""

from __future__ import annotations

import bisect
import io
import zlib
from typing import BinaryIO

from ..errors import Errors

GZIP_MAGIC = b"\x1f\x8b"
GZIP_SUFFIXES = (".gz", ".gzip")
MAX_RATIO = 100  # output bytes per compressed byte, over each window
WINDOW = 8 * 1024 * 1024  # output bytes per ratio check
CHUNK = 256 * 1024  # the most output one zlib call may give
READ = 64 * 1024  # compressed bytes read at a time


class StreamStopped(Exception):
    """Reading stopped: ``code`` is Errors.E010 (broken gzip), E021 (a bomb) or E011 (an endless
    line); the reader that meets it names the input (and the record) in the message."""

    def __init__(self, code: str, detail: str):
        super().__init__(detail)
        self.code = code
        self.detail = detail

    def message(self, name: str) -> str:
        return self.code.format(name=name, detail=self.detail)


def is_gzip(head: bytes) -> bool:
    return head.startswith(GZIP_MAGIC)


def inner_name(name: str) -> str:
    """``notes.jsonl.gz`` → ``notes.jsonl``: the name that says what the unpacked bytes are."""
    lower = name.lower()
    for suffix in GZIP_SUFFIXES:
        if lower.endswith(suffix):
            return name[: -len(suffix)]
    return name


class BoundedStream(io.RawIOBase):
    """A readable stream over ``raw`` that gunzips it (``gunzip=True``) under the ratio cap, and
    stops (StreamStopped) when the output runs ``max_line`` bytes without a line break.

    A bomb or an endless line raises at once. A broken or truncated gzip stream does not: what
    was decoded before the damage is read out, then the stream ends and ``error`` says why, so
    that the records before the damage are kept (a raise inside ``io.BufferedReader`` would drop
    the bytes it had gathered for that read)."""

    def __init__(self, raw: BinaryIO, *, gunzip: bool, max_line: int | None = None, max_ratio: int = MAX_RATIO,
                 window: int = WINDOW):
        self._raw = raw
        self._gunzip = gunzip
        self.max_line = max_line  # may be set once the unpacked head has told what the input is
        self._max_ratio, self._window = max_ratio, window
        self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS) if gunzip else None
        self._in_member = False  # the current member has been fed bytes and has not ended
        self._pending = b""  # compressed bytes read and not yet taken by zlib
        self._out = memoryview(b"")
        self._done = False
        self.error: StreamStopped | None = None  # a broken stream (E010), reported once its good part is read
        self.read_in = 0  # compressed bytes read from raw
        self.produced = 0  # bytes given out
        self.members: list[tuple[int, int]] = [(0, 0)]  # (offset in the output, offset in the file)
        self._window_end = window
        self._window_in = 0  # compressed bytes taken when the window began
        self._since_break = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._out and not self._done:
            self._fill()
        count = min(len(buffer), len(self._out))
        buffer[:count] = self._out[:count]
        self._out = self._out[count:]
        return count

    def file_offset(self, offset: int) -> int:
        """Where, in the file, the gzip member holding output byte ``offset`` starts (``offset``
        itself for plain input)."""
        if not self._gunzip:
            return offset
        starts = [start for start, _ in self.members]
        return self.members[max(0, bisect.bisect_right(starts, offset) - 1)][1]

    def _fill(self) -> None:
        if not self._pending:
            self._pending = self._raw.read(READ)
            self.read_in += len(self._pending)
            if not self._pending:
                if self._in_member:
                    self.error = StreamStopped(Errors.E010, "the compressed data ends in the middle of a member")
                self._done = True
                return
        if self._zlib is None:
            out, self._pending = self._pending, b""
        else:
            out = self._inflate()
        if out:
            self._account(out)
            self._out = memoryview(out)

    def _inflate(self) -> bytes:
        if not self._in_member:
            self._pending = self._pending.lstrip(b"\x00")  # padding after the last member
            if not self._pending:
                return b""
            self._in_member = True
        try:
            out = self._zlib.decompress(self._pending, CHUNK)
        except zlib.error as exc:
            self.error = StreamStopped(Errors.E010, f"zlib: {exc}")
            self._pending, self._done = b"", True
            return b""
        self._pending = self._zlib.unconsumed_tail
        if self._zlib.eof:  # the member ended: the rest of the input is the next member's
            self._pending = self._zlib.unused_data
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
            self._in_member = False
            self.members.append((self.produced + len(out), self.read_in - len(self._pending)))
        return out

    def _account(self, out: bytes) -> None:
        self.produced += len(out)
        last_break = out.rfind(b"\n")
        self._since_break = len(out) - last_break - 1 if last_break >= 0 else self._since_break + len(out)
        if self.max_line is not None and self._since_break > self.max_line:
            raise StreamStopped(Errors.E011, f"more than {self.max_line} bytes without a line break")
        if self._gunzip and self.produced >= self._window_end:
            taken = self.read_in - len(self._pending)
            if (self.produced - self._window_end + self._window) > self._max_ratio * max(1, taken - self._window_in):
                raise StreamStopped(Errors.E021, f"it expands more than {self._max_ratio} times; stopped after "
                                                 f"{self.produced} bytes from {taken} compressed")
            self._window_end = self.produced + self._window
            self._window_in = taken
