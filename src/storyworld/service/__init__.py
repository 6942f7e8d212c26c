"""The service layer: what storyworld does, whoever asks — the library, the CLI, the API, a Spark job.

- ``analyze_text`` / ``analyze_path``: one article → an Analysis (nothing stored);
- ``ingest`` (many inputs under paths) / ``ingest_text`` (one article): analyse and store;
- ``check_paths``: the paths worth reading, and an error for each missing path or empty folder
  (checked before any model is loaded);
- ``list_events``, ``list_claims``, ``list_sources``, ``list_incidents``, … : read the store.

Settings (``max_input_bytes``, ``model``, ``stages``, ``batch_size``,
``fetch.allow_private_networks``) are passed as the loaded settings mapping; without one, the
shipped defaults apply. The layers above parse their options and print; they decide nothing.
"""

from .analyze import analyze_path, analyze_text, make_pipeline, resolve_settings
from .ingest import IngestReport, NotAnalysed, check_paths, ingest, ingest_text
from .read import (
    EventPage, event_days, explain_incident, get_document, get_event, get_incident, incident_events,
    incident_versions, list_claims, list_documents, list_events, list_incidents,
    list_places, list_sources, record_history, summarize,
)
from .workers import default_workers

__all__ = [
    "EventPage", "IngestReport", "NotAnalysed", "analyze_path", "analyze_text", "check_paths", "default_workers",
    "event_days",
    "explain_incident",
    "get_document",
    "get_event", "get_incident", "incident_events", "incident_versions", "ingest", "ingest_text", "list_claims", "list_documents",
    "list_events", "list_incidents", "list_places",
    "list_sources", "make_pipeline", "record_history", "resolve_settings", "summarize",
]
