"""Build a Document from a RawInput: decode, extract the main text, drop boilerplate, detect language."""

from __future__ import annotations

import hashlib

from ..errors import Errors, InputError
from ..types import Document, RawInput
from .boilerplate import split_boilerplate
from .language import detect_language
from .text import decode_bytes, normalize_text, paragraphs


def document_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
