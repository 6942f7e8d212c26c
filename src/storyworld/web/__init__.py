"""The web page: static files (our HTML/CSS/JS and vendored npm libraries) served by the API app."""

from pathlib import Path

STATIC_DIR = Path(__file__).parent / "static"
