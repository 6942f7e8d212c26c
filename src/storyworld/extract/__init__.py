"""STAGE 4: ParsedDocument → the parts of an Analysis (one entry point per module)."""
