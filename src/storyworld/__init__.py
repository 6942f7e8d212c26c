"""storyworld: news articles → a sourced, mapped, dated record of events.

>>> import storyworld
>>> analysis = storyworld.analyze_text("Israel struck a site near Masyaf on Friday.", published="2023-09-01")
>>> storyworld.to_json(analysis)  # storyworld.analysis/1
>>> events = storyworld.to_pandas("storyworld.db", type="ASSAULT", country="Syria")  # a typed DataFrame
"""

from __future__ import annotations

import logging

from .contract import SCHEMA_ID, from_json, to_json, validate
from .errors import ConfigError, ContractError, InputError, StageError, StoreError, StoryworldError
from .pipeline import Pipeline
from .service import analyze_path as _analyze_path
from .service import analyze_text
from .store import Store
from .store.frames import to_pandas
from .types import (
    Actor, ActorRef, Analysis, Claim, Document, Event, Location, Place, RawInput, Removed, Source, Span,
    TimeMention,
)

logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"


def analyze(path: str, **hints) -> Analysis:
    """Analyse the article in a file (``-`` for stdin); hints: published, url, outlet, title, settings."""
    return _analyze_path(path, **hints)


__all__ = [
    "Actor", "ActorRef", "Analysis", "Claim", "ConfigError", "ContractError", "Document", "Event", "InputError",
    "Location", "Pipeline", "Place", "RawInput", "Removed", "SCHEMA_ID", "Source", "Span", "StageError", "Store",
    "StoreError", "StoryworldError", "TimeMention", "__version__", "analyze", "analyze_text", "from_json",
    "to_json", "to_pandas", "validate",
]
