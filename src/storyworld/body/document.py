"""Build a Document from a RawInput: decode, extract the main text, drop boilerplate, detect language.

A document's identity is its text *and* where it was published. The first copy of a text is stored
under ``document_id(text)``; the same text at another URL or from another outlet is another
report (a syndicated copy), stored under ``copy_id(text, url=, outlet=)``, which is stable, so
ingesting that copy again finds it. The same text with the same URL (or, URLs unknown, the same
outlet), or with neither, is the same report.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit, urlunsplit

from ..errors import Errors, InputError
from ..types import Document, RawInput
from .boilerplate import split_boilerplate
from .language import detect_language
from .text import decode_bytes, normalize_text, paragraphs


def document_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normal_url(url: str | None) -> str | None:
    """A URL as compared for identity: scheme and host lower-cased, no fragment, no "www.", no
    trailing slash ("HTTPS://www.Example.org/a/#x" = "https://example.org/a")."""
    if not url or not url.strip():
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    host = (parts.hostname or "").removeprefix("www.")
    path = parts.path.rstrip("/")
    return urlunsplit(("https" if parts.scheme in ("http", "https") else parts.scheme.lower(), host, path,
                       parts.query, "")) or url.strip()


def normal_outlet(outlet: str | None) -> str | None:
    """An outlet's name as compared for identity: its canonical name when it is a known outlet
    ("the AP" = "Associated Press"), case and spacing aside."""
    if not outlet or not outlet.strip():
        return None
    from ..resources.outlets import find_outlet

    known = find_outlet(outlet)
    return re.sub(r"\s+", " ", (known.name if known else outlet).strip()).casefold()


def is_same_report(url: str | None, outlet: str | None, *, stored_url: str | None,
                   stored_outlet: str | None) -> bool:
    """Whether a text published at ``url`` by ``outlet`` is the report already stored with the same
    text at ``stored_url`` by ``stored_outlet``: the same URL; else, URLs unknown, the same outlet;
    and always when nothing says where the new one was published."""
    url, outlet = normal_url(url), normal_outlet(outlet)
    if url is None and outlet is None:
        return True
    stored_url, stored_outlet = normal_url(stored_url), normal_outlet(stored_outlet)
    if url is not None and stored_url is not None:
        return url == stored_url
    if outlet is not None and stored_outlet is not None:
        return outlet == stored_outlet
    return False


def copy_id(text: str, *, url: str | None, outlet: str | None) -> str:
    """The id of an exact copy of a stored text at another URL or from another outlet: derived from
    the text and its URL (else its outlet), so the same copy ingested again has the same id."""
    where = normal_url(url) or "outlet:" + (normal_outlet(outlet) or "")
    return hashlib.sha256((text + "\x00" + where).encode("utf-8")).hexdigest()


def extract_document(raw: RawInput) -> Document:
    text = decode_bytes(raw.raw, name=raw.name)
    title, outlet, author, published, url = raw.title, raw.outlet, None, raw.published, raw.url
    published_source = raw.published_source or ("input" if raw.published else None)
    if raw.media_type == "text/html":
        from .html import extract_html

        page = extract_html(text, url=raw.url, name=raw.name)
        text = page.text
        title = title or page.title
        outlet = outlet or page.sitename
        author = page.author
        url = url or page.url
        if not published and page.date:
            published, published_source = page.date, "html"
    text = normalize_text(text)
    kept, removed = split_boilerplate(paragraphs(text), mode="html" if raw.media_type == "text/html" else "text")
    body = "\n\n".join(kept)
    if not body.strip():
        raise InputError(Errors.E006.format(name=raw.name), source=raw.name)
    return Document(
        id=document_id(body),
        text=body,
        title=title,
        url=url,
        outlet=outlet,
        author=author,
        published=published,
        published_source=published_source,
        language=detect_language(body),
        removed=tuple(removed),
        origin=raw.name,
    )
