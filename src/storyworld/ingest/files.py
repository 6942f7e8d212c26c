"""Files and folders of .txt/.html articles; content sniffing; size bounds."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import Errors, InputError
from ..types import RawInput

MAX_INPUT_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES


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
    raw: bytes, *, name: str, origin: str = "path", max_bytes: int = MAX_INPUT_BYTES, **hints
) -> RawInput:
    if len(raw) > max_bytes:
        raise InputError(Errors.E005.format(name=name, size=len(raw), limit=max_bytes), source=name)
    if not raw.strip():
        raise InputError(Errors.E002.format(name=name), source=name)
    check_not_binary(raw, name)
    return RawInput(origin=origin, name=name, raw=raw, media_type=sniff_media_type(raw, name=name), **hints)


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


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            p = Path(root) / f
            if p.suffix.lower() in ARTICLE_SUFFIXES and not f.startswith("."):
                yield p


def iter_inputs(
    paths: Iterable[str | Path], *, max_bytes: int = MAX_INPUT_BYTES, hints_for=None
) -> Iterator[RawInput | InputError]:
    """Yield a RawInput per article file (folders are walked in sorted order), or its InputError.

    ``hints_for(path) -> dict`` may supply url/outlet/title/published for a file (e.g. from a
    metadata table).
    """
    for p in paths:
        path = Path(p)
        if str(p) == "-":
            import sys

            try:
                yield read_bytes_input(sys.stdin.buffer.read(), name="<stdin>", origin="stdin",
                                       max_bytes=max_bytes, **(hints_for(path) if hints_for else {}))
            except InputError as exc:
                yield exc
            continue
        if path.is_dir():
            files = list(_walk(path))
        elif path.exists() or path.is_symlink():
            files = [path]
        else:
            yield InputError(Errors.E001.format(name=str(path)), source=str(path))
            continue
        for f in files:
            try:
                yield read_path(f, max_bytes=max_bytes, **(hints_for(f) if hints_for else {}))
            except InputError as exc:
                yield exc
