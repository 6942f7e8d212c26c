"""The bounded gunzip stream: members and their offsets, damage, padding, the ratio and line caps."""

from __future__ import annotations

import gzip
import io
import os
import zlib

import pytest

from storyworld.ingest.decompress import WINDOW, BoundedStream, StreamStopped


def read_all(stream: BoundedStream, size: int = 100_000) -> bytes:
    out = bytearray()
    while chunk := stream.read(size):
        out += chunk
    return bytes(out)


def test_decompress_members_are_read_in_turn_and_located_in_the_file():
    parts = [b"first record\n" * 50, b"second\n" * 70, b"third\n"]
    members = [gzip.compress(p) for p in parts]
    stream = BoundedStream(io.BytesIO(b"".join(members)), gunzip=True)
    assert read_all(stream, 7) == b"".join(parts) and stream.error is None
    starts_out = [0, len(parts[0]), len(parts[0]) + len(parts[1])]
    starts_in = [0, len(members[0]), len(members[0]) + len(members[1])]
    assert [stream.file_offset(o) for o in starts_out] == starts_in
    assert stream.file_offset(starts_out[1] + 5) == starts_in[1]  # inside a member: where it starts


def test_decompress_zero_padding_is_ignored_and_other_trailing_bytes_are_damage():
    data = gzip.compress(b"text\n" * 10)
    assert read_all(BoundedStream(io.BytesIO(data + bytes(512)), gunzip=True)) == b"text\n" * 10
    stream = BoundedStream(io.BytesIO(data + b"not gzip at all"), gunzip=True)
    assert read_all(stream) == b"text\n" * 10  # what came before the damage is kept
    assert stream.error is not None and "E010" in stream.error.message("x.gz")


def test_decompress_a_truncated_member_gives_what_it_holds_then_names_the_damage():
    text = os.urandom(3000).hex().encode()
    data = gzip.compress(text)
    stream = BoundedStream(io.BytesIO(data[:-30]), gunzip=True)
    out = read_all(stream)
    assert text.startswith(out) and len(out) > 0
    assert stream.error.message("x.gz").startswith("[E010] x.gz: broken gzip stream (the compressed data ends")


def test_decompress_the_ratio_is_checked_per_window_so_a_bomb_behind_honest_data_is_caught():
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    honest = os.urandom(3 * WINDOW)  # incompressible: far more compressed bytes than any bomb needs
    data = compressor.compress(honest) + compressor.compress(bytes(256 << 20)) + compressor.flush()
    stream = BoundedStream(io.BytesIO(data), gunzip=True)
    with pytest.raises(StreamStopped) as info:
        read_all(stream)
    assert info.value.message("b.gz").startswith("[E021] b.gz: decompression stopped (it expands more than 100")
    assert stream.produced <= len(honest) + 2 * WINDOW  # a whole-file ratio would have let 256 MB through


def test_decompress_a_line_without_end_is_stopped_and_plain_input_passes_through():
    plain = BoundedStream(io.BytesIO(b"line one\nline two\n"), gunzip=False, max_line=100)
    assert read_all(plain) == b"line one\nline two\n" and plain.file_offset(12) == 12
    endless = BoundedStream(io.BytesIO(b"WARC/1.0\r\n" + b"x" * 5000), gunzip=False, max_line=1000)
    with pytest.raises(StreamStopped, match="more than 1000 bytes without a line break"):
        read_all(endless)
