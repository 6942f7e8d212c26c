"""Datasette's ``metadata.json`` for a store: what each table and column holds, units, facets.

``storyworld datasette-metadata --db storyworld.db`` writes it beside the store; then
``datasette storyworld.db --metadata metadata.json`` shows every table with its description,
column help on hover, the facets worth clicking, search on ``documents`` (its full-text index is
external content over it) and the bookkeeping tables hidden. Only the tables and columns the store
really has are described, so a store of any schema version gets a file Datasette accepts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .db import Store

TITLE = "storyworld"
DESCRIPTION = ("News articles turned into a sourced, mapped, dated record of events: who did what to whom, where "
               "and when (PLOVER types, CAMEO and ACLED crosswalks), with the attribution chain and the sentence "
               "behind each. Dates are ISO 8601; countries ISO 3166 alpha-3; coordinates WGS 84.")
SOURCE = "storyworld"

SOURCE_CHAIN = "the attribution chain as JSON, outermost source first (the publishing outlet is not part of it)"
OFFSET = "character offset in the document's text"

TABLES: dict[str, dict[str, Any]] = {
    "documents": {
        "description": "One row per article, identified by the SHA-256 of its text. Search runs over title and "
                       "text.",
        "facets": ["outlet", "status", "language", "published_source"],
        "sort_desc": "published",
        "columns": {
            "id": "SHA-256 of the article text: the same text is stored once",
            "url": "the article's URL, when known",
            "outlet": "the publishing outlet",
            "title": "headline",
            "author": "byline, when the page gives one",
            "published": "publication date, YYYY-MM-DD (the reference for relative dates such as 'on Tuesday')",
            "published_source": "where the publication date came from: user (--published, --meta), metadata "
                                "(the page's), feed, jsonl …",
            "language": "ISO 639-1 language of the text (py3langid); only English is analysed",
            "origin": "the input it came from: a path, a URL, feed#n, file:line, file#offset",
            "status": "analysed | skipped (stored, not analysed: another language) | duplicate (a copy of "
                      "another document: the same text from another outlet or URL, or a near-duplicate)",
            "status_reason": "why it was skipped or which document it copies",
            "duplicate_of": "the document this one copies: exactly (another outlet's or URL's report of the same "
                            "text) or nearly (MinHash-LSH, Jaccard ≥ 0.7)",
            "text_sha256": "sha256 of the text: the id, except for an exact copy, whose id adds its URL or outlet",
            "text": "the article's main text, boilerplate removed",
            "stages": "the versioned stages that analysed it, comma-separated",
            "analysis_json": "the whole analysis as storyworld.analysis/1 JSON",
            "ingested_at": "when it was stored (UTC, ISO 8601)",
            "version_of": "the first stored version of its page, when this row is a later version (the same URL, "
                          "other text)",
            "version": "which version of its page this is (1 for the first)",
            "superseded_by": "the next version of its page, once stored",
            "corrects": "the earlier document of the same outlet it corrects or retracts (or its page's previous "
                        "version)",
            "correction": "update | correction | retraction: what kind of later version or notice it is",
            "correction_note": "the sentence that says so ('Correction: …', 'This story has been retracted')",
            "retracted": "why, once a later document of its outlet retracted it",
            "diff_json": "the paragraphs added and removed since its page's previous version",
            "updated_at": "when it last changed (UTC)",
        },
    },
    "changes": {
        "description": "The changes log: every version of every document, event and incident, with the report "
                       "that caused it; the changes feed (export --changes-since) is its rows since a time.",
        "facets": ["change", "record", "cause_outlet"],
        "sort_desc": "seq",
        "columns": {
            "seq": "the change's order in this store",
            "at": "when it was recorded (UTC, ISO 8601 to the microsecond)",
            "change": "created | revised | superseded | retracted | merged",
            "record": "document | event | incident",
            "record_id": "the record: a page's first version, an event's first version, an incident id",
            "version": "the record's version after this change",
            "fields_json": "the names of the fields that changed",
            "cause_document_id": "the document that caused it",
            "cause_url": "its URL",
            "cause_outlet": "its outlet",
            "cause_sources_json": "the attribution chain of the report that caused it",
            "row_id": "the stored row of this version (documents.id, events.id, incidents.id)",
            "state_json": "the record as it stood after this change",
        },
    },
    "events": {
        "description": "One row per event: who did what to whom, where and when, with the sentence that supports "
                       "it and its attribution chain.",
        "facets": ["type", "modality", "location_country", "actor_country", "acled"],
        "sort_desc": "sort_date",
        "label_column": "evidence",
        "units": {"lat": "degree", "lon": "degree"},
        "columns": {
            "id": "event id",
            "document_id": "the document it was read from",
            "seq": "its order in the document",
            "type": "PLOVER event type (ASSAULT, PROTEST, AGREE …)",
            "mode": "PLOVER mode, e.g. aerial, firearms, demonstrate",
            "cameo": "CAMEO event code (a string: '043' keeps its leading zero)",
            "acled": "ACLED sub-event type",
            "modality": "actual | requested | threatened | planned | negated | hypothetical",
            "trigger": "the word that names the event",
            "actor_text": "who acts, as written",
            "actor_name": "who acts, resolved (a country, an organisation, a person)",
            "actor_country": "the actor's country, ISO 3166 alpha-3",
            "actor_role": "the actor's CAMEO sector: GOV MIL REB OPP COP JUD …",
            "target_text": "whom it is done to, as written",
            "target_name": "whom it is done to, resolved",
            "target_country": "the target's country, ISO 3166 alpha-3",
            "target_role": "the target's CAMEO sector",
            "location_text": "where, as written",
            "location_name": "where, the gazetteer's name",
            "geonameid": "GeoNames id of the place",
            "lat": "latitude, WGS 84 degrees",
            "lon": "longitude, WGS 84 degrees",
            "location_country": "the place's country, ISO 3166 alpha-3",
            "location_precision": "how precise the place is: site | city | admin2 | admin1 | country",
            "date": "when: YYYY-MM-DD, or coarser (YYYY-MM, YYYY) as the text gives it",
            "date_precision": "day | week | month | year …",
            "evidence": "the sentence that supports the event",
            "evidence_start": OFFSET,
            "evidence_end": OFFSET,
            "sources_json": SOURCE_CHAIN,
            "sort_date": "the event's date, else its document's publication date: the order of every listing",
            "version": "its version: an event of a page's later version (or of a correction) that revises one of "
                       "an earlier version is that event's next version",
            "state": "current | superseded (a later version or correction revised it) | retracted",
            "state_reason": "why it is no longer current",
            "first_id": "the first version of this event (null: this is it)",
            "previous_id": "the version this one revises",
            "superseded_by": "the version that revises this one",
            "updated_at": "when it last changed (UTC)",
        },
    },
    "claims": {
        "description": "Attributed statements: what someone said, believes or shows, with the chain of sources.",
        "facets": ["cue", "direct"],
        "label_column": "text",
        "columns": {
            "id": "claim id",
            "document_id": "the document it was read from",
            "seq": "its order in the document",
            "text": "the sentence or passage of the claim",
            "start": OFFSET,
            "end": OFFSET,
            "cue": "the attribution cue: said, according to, denied …",
            "direct": "1 for a direct quotation",
            "quote": "the quoted words, for a direct quotation",
            "disputes": "the claim this one denies or disputes (a claims id)",
            "sources_json": SOURCE_CHAIN,
            "content": "what is attributed: the complement of the cue",
            "content_start": OFFSET,
            "content_end": OFFSET,
        },
    },
    "sources": {
        "description": "Every source named in an attribution chain, once per name and kind.",
        "facets": ["kind"],
        "label_column": "name",
        "columns": {"id": "source id", "name": "the source's name or description",
                    "kind": "outlet | official | person | organization | anonymous | document"},
    },
    "source_counts": {
        "description": "How many claims, events and documents rest on each source.",
        "facets": ["kind"],
        "sort_desc": "documents",
        "columns": {"id": "source id", "name": "the source's name", "kind": "the source's kind",
                    "claims": "claims whose chain names it", "events": "events whose chain names it",
                    "documents": "documents with a claim or an event that rests on it"},
    },
    "actors": {
        "description": "Every actor mention in a document, resolved to a name, country and role where the text "
                       "says.",
        "facets": ["country", "role", "kind"],
        "columns": {"document_id": "the document", "seq": "its order in the document", "text": "as written",
                    "start": OFFSET, "end": OFFSET, "name": "resolved name",
                    "country": "ISO 3166 alpha-3, when the text gives one", "role": "CAMEO sector",
                    "kind": "country | organization | group | person"},
    },
    "places": {
        "description": "Every place mention in a document, resolved against the GeoNames gazetteer.",
        "facets": ["country", "feature"],
        "units": {"lat": "degree", "lon": "degree"},
        "columns": {"document_id": "the document", "seq": "its order in the document", "text": "as written",
                    "start": OFFSET, "end": OFFSET, "name": "the gazetteer's name", "geonameid": "GeoNames id",
                    "lat": "latitude, WGS 84 degrees", "lon": "longitude, WGS 84 degrees",
                    "country": "ISO 3166 alpha-3",
                    "feature": "site | city | admin2 | admin1 | country | region | water"},
    },
    "times": {
        "description": "Every time expression in a document, resolved against its publication date.",
        "facets": ["precision"],
        "columns": {"document_id": "the document", "seq": "its order in the document", "text": "as written",
                    "start": OFFSET, "end": OFFSET, "value": "ISO 8601 value (a day, week, month, year …)",
                    "precision": "day | week | month | year …"},
    },
    "removed": {
        "description": "Passages removed from each article as boilerplate, with the reason.",
        "facets": ["reason"],
        "columns": {"document_id": "the document", "seq": "its order", "text": "the passage removed",
                    "reason": "why: newsletter, appeal, related, social, caption, copyright …"},
    },
    "casualties": {
        "description": "Casualty figures the articles give (\"at least 55 killed\", \"dozens detained\"), each with "
                       "its sentence and the event it counts.",
        "facets": ["kind", "qualifier"],
        "columns": {"document_id": "the document", "seq": "its order in the document", "text": "the figure as written",
                    "start": "character offset of the figure in the text", "end": "end offset of the figure",
                    "number": "how many (\"dozens\" counts 12, \"hundreds\" 100, as ACLED does)",
                    "kind": "killed, wounded, detained, missing or displaced",
                    "qualifier": "at least, more than, about, up to or vague; empty when exact",
                    "sentence": "the sentence that gives it", "sentence_start": "offset of that sentence",
                    "sentence_end": "end offset of that sentence",
                    "event_seq": "the event of the same document it counts (events.seq), empty if none"},
    },
    "incidents": {
        "description": "One happening reported by one or more articles: reports clustered across documents, with "
                       "how many independent origins they have.",
        "facets": ["type", "modality", "location_country", "location_precision"],
        "sort_desc": "independent_origins",
        "units": {"lat": "degree", "lon": "degree"},
        "columns": {
            "id": "incident id",
            "type": "PLOVER event type",
            "modality": "actual | negated",
            "date": "the incident's date, at its precision",
            "date_precision": "day | week | month | year …",
            "date_min": "earliest date among its reports (publication date when undated)",
            "date_max": "latest date among its reports",
            "lat": "latitude, WGS 84 degrees",
            "lon": "longitude, WGS 84 degrees",
            "location_country": "ISO 3166 alpha-3",
            "location_precision": "site | city | admin2 | admin1 | country",
            "reports": "how many events (in how many articles) report it",
            "independent_origins": "how many independent origins those reports have (copies and shared "
                                   "sources count once)",
            "first_published": "publication date of the first report",
            "summary_json": "the incident as storyworld.incidents/1 JSON",
            "updated_at": "when it was last updated (UTC)",
            "version": "its version: one more with each change of its summary (see changes)",
            "state": "current | superseded | retracted (every report superseded or retracted; the summary stays)",
        },
    },
    "incident_reports": {
        "description": "Which event of which document reports which incident.",
        "columns": {"incident_id": "the incident", "event_id": "the event that reports it",
                    "document_id": "the document of the report",
                    "duplicate_of": "for a near-duplicate copy: the original it copies"},
    },
    "event_countries": {
        "description": "Every country an event involves (actor, target or location), once: what --country "
                       "filters on.",
        "facets": ["country"],
        "columns": {"event_id": "the event", "country": "ISO 3166 alpha-3", "sort_date": "the event's sort date",
                    "type": "the event's PLOVER type (so that a type and a country read one index)"},
    },
    "event_sources": {
        "description": "The attribution chain of each event, one source per row.",
        "columns": {"event_id": "the event", "position": "0 = outermost source", "source_id": "the source"},
    },
    "claim_sources": {
        "description": "The attribution chain of each claim, one source per row.",
        "columns": {"claim_id": "the claim", "position": "0 = outermost source", "source_id": "the source"},
    },
}
HIDDEN = ("_migrations", "minhashes")  # bookkeeping: applied migrations, near-duplicate signatures


def datasette_metadata(store: Store) -> dict[str, Any]:
    """Datasette's metadata for ``store``: its database is named after the file (``storyworld.db``
    → ``storyworld``), as Datasette names it."""
    present = store.table_columns()
    tables: dict[str, Any] = {}
    for name, about in TABLES.items():
        if name not in present:
            continue
        columns = present[name]
        entry = {key: value for key, value in about.items() if key not in ("columns", "facets", "units")}
        entry["columns"] = {c: text for c, text in about["columns"].items() if c in columns}
        if about.get("facets"):
            entry["facets"] = [c for c in about["facets"] if c in columns]
        if about.get("units"):
            entry["units"] = {c: unit for c, unit in about["units"].items() if c in columns}
        if entry.get("sort_desc") not in columns:
            entry.pop("sort_desc", None)
        if entry.get("label_column") not in columns:
            entry.pop("label_column", None)
        if name == "documents" and "documents_fts" in present:
            entry.update(fts_table="documents_fts", fts_pk="rowid")
        tables[name] = entry
    for name in HIDDEN:
        if name in present:
            tables[name] = {"hidden": True}
    return {
        "title": TITLE, "description": DESCRIPTION, "source": SOURCE,
        "databases": {Path(store.path).stem: {"tables": tables}},
    }
