"""REST API over the Store (FastAPI), read-only unless started with --allow-ingest."""

from .app import create_app

__all__ = ["create_app"]
