"""STAGE 5: Analysis → one SQLite file; named reads and exports."""

from .db import DEFAULT_DB, SaveResult, Store

__all__ = ["DEFAULT_DB", "SaveResult", "Store"]
