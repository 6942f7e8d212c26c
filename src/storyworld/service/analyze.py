"""Analyse one article, given as text or as a path, the same way whoever asks.

The library (``storyworld.analyze_text``, ``storyworld.analyze``), the CLI's ``analyze`` and the
API's ``POST /api/analyze`` all come here, so an article meets the same checks everywhere: the
size limit (``max_input_bytes``), the binary and emptiness checks, the language check (E008), and
the settings' model, stage list and batch size.
"""

from __future__ import annotations

import logging
from typing import Any, Mapping

from .. import settings as settings_table
from ..errors import Errors, InputError
from ..ingest import iter_inputs, read_bytes_input
from ..pipeline import Pipeline
from ..types import Analysis, RawInput

Settings = Mapping[str, Any]
log = logging.getLogger("storyworld.analyze")


def resolve_settings(settings: Settings | None = None) -> Settings:
    """The settings a call runs under: those given, else the shipped defaults."""
    return settings if settings is not None else settings_table.load()


def make_pipeline(settings: Settings | None = None) -> Pipeline:
    """A Pipeline with the settings' model, stage list and batch size."""
    return Pipeline(**settings_table.pipeline_kwargs(dict(resolve_settings(settings))))


def article_hints(*, published: str | None = None, url: str | None = None, outlet: str | None = None,
                  title: str | None = None) -> dict[str, Any]:
    """What a caller says about an article; a date it gives is the user's (``published_source``)."""
    hints: dict[str, Any] = {k: v for k, v in {"published": published, "url": url, "outlet": outlet,
                                                "title": title}.items() if v}
    if published:
        hints["published_source"] = "user"
    return hints


def text_input(text: str, *, html: bool = False, max_bytes: int, **hints: Any) -> RawInput:
    """A string as one article: the checks every reader's articles pass (InputError otherwise)."""
    return read_bytes_input(text.encode("utf-8"), name="<text>", origin="text", max_bytes=max_bytes,
                            media_type="text/html" if html else "text/plain", **article_hints(**hints))


def analyze_text(text: str, *, published: str | None = None, url: str | None = None, outlet: str | None = None,
                 title: str | None = None, html: bool = False, settings: Settings | None = None,
                 pipeline: Pipeline | None = None) -> Analysis:
    """Analyse one article given as a string (plain text, or HTML with ``html=True``)."""
    values = resolve_settings(settings)
    raw = text_input(text, html=html, max_bytes=values["max_input_bytes"], published=published, url=url,
                     outlet=outlet, title=title)
    return analyze_input(raw, name=raw.name, pipeline=pipeline or make_pipeline(values))


def analyze_path(path: str, *, published: str | None = None, url: str | None = None, outlet: str | None = None,
                 title: str | None = None, settings: Settings | None = None,
                 pipeline: Pipeline | None = None) -> Analysis:
    """Analyse the first article of PATH ('-' for stdin); raise InputError when it cannot be read."""
    values = resolve_settings(settings)
    hints = article_hints(published=published, url=url, outlet=outlet, title=title)
    item = next(iter(iter_inputs([path], hints_for=lambda _p: hints, max_bytes=values["max_input_bytes"])), None)
    if item is None:
        raise InputError(Errors.E002.format(name=path), source=path)
    if isinstance(item, InputError):
        raise item
    return analyze_input(item, name=path, pipeline=pipeline or make_pipeline(values))


def analyze_input(raw: RawInput, *, name: str, pipeline: Pipeline) -> Analysis:
    """One RawInput through the pipeline's own path (body, language check, parse, stages); its
    error raised, and another language refused with E008 naming ``name``."""
    before = dict(pipeline.timings)
    (outcome,) = pipeline.run([raw])
    log.info("timing: %s", ", ".join(f"{step} {seconds - before.get(step, 0.0):.2f} s"
                                     for step, seconds in pipeline.timings.items()))
    if outcome.error is not None:
        raise outcome.error
    if outcome.analysis is None:  # skipped: another language
        language = outcome.document.language if outcome.document else None
        raise InputError(Errors.E008.format(name=name, language=language), source=name)
    return outcome.analysis
