"""STAGE 3: Document → ParsedDocument (a spaCy Doc over the body text)."""

from .model import DEFAULT_MODEL, MAX_CHARS, default_model, ParsedDocument, doc_text, load_nlp, parse_documents

__all__ = ["DEFAULT_MODEL", "MAX_CHARS", "default_model", "ParsedDocument", "doc_text", "load_nlp", "parse_documents"]
