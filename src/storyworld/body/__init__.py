"""STAGE 2: RawInput → Document (main text, metadata, removed passages with reasons)."""

from .document import extract_document

__all__ = ["extract_document"]
