"""The public output contract `storyworld.analysis/1`."""

from .serialize import SCHEMA_ID, from_json, to_json, validate

__all__ = ["SCHEMA_ID", "from_json", "to_json", "validate"]
