"""HTML pages → main text and metadata. The only module that imports trafilatura/htmldate."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Errors, InputError


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None = None
    sitename: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None


def extract_html(html: str, *, url: str | None = None, name: str = "<html>") -> Page:
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            html, url=url, include_comments=False, include_tables=True, favor_precision=False,
            with_metadata=True, deduplicate=False,
        )
    except Exception as exc:  # trafilatura raises a range of lxml/parser errors on broken pages
        raise InputError(Errors.E007.format(name=name, detail=f"HTML could not be parsed: {exc}"), source=name) from exc
    if result is None:
        raise InputError(Errors.E006.format(name=name), source=name)
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text") or ""
    date = data.get("date")
    return Page(
        text=text,
        title=data.get("title"),
        sitename=data.get("sitename"),
        author=data.get("author"),
        date=date[:10] if date else None,
        url=data.get("url") or url,
    )
