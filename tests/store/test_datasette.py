"""Datasette's metadata.json for a store: every table and column described, facets and units that
exist, search on documents, bookkeeping hidden."""

from __future__ import annotations

import json

from click.testing import CliRunner

from storyworld.cli import cli
from storyworld.store.datasette import HIDDEN, datasette_metadata


def test_datasette_metadata_describes_every_table_and_column(fresh_store):
    metadata = datasette_metadata(fresh_store)
    (name, database), = metadata["databases"].items()
    assert name == "test"  # Datasette names a database after its file: test.db
    tables = database["tables"]
    for table, columns in fresh_store.table_columns().items():
        if table in HIDDEN or table == "documents_fts":
            continue
        assert table in tables, f"{table} has no description in store/datasette.py"
        assert tables[table]["description"]
        undescribed = [c for c in columns if c not in tables[table]["columns"]]
        assert not undescribed, f"{table}: columns without a description: {undescribed}"
        for facet in tables[table].get("facets", []) + list(tables[table].get("units", {})):
            assert facet in columns
    assert tables["documents"]["fts_table"] == "documents_fts"
    assert tables["events"]["units"] == {"lat": "degree", "lon": "degree"}
    assert {"type", "modality", "location_country"} <= set(tables["events"]["facets"])
    assert all(tables[t] == {"hidden": True} for t in HIDDEN)


def test_datasette_metadata_cli_writes_beside_the_store(fresh_store, tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["datasette-metadata", "--db", str(fresh_store.path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    written = json.loads((tmp_path / "metadata.json").read_text("utf-8"))
    assert written == datasette_metadata(fresh_store)
    assert "datasette" in result.stdout and "--metadata" in result.stdout
    printed = runner.invoke(cli, ["datasette-metadata", "--db", str(fresh_store.path), "-o", "-"])
    assert json.loads(printed.stdout) == written
    missing = runner.invoke(cli, ["datasette-metadata", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "E103" in missing.stderr


def test_datasette_offers_search_on_documents_and_the_facets(fresh_store, make_analysis):
    """With Datasette installed (it is not a dependency; checked by hand with 0.65.5)."""
    import asyncio

    import pytest

    datasette_app = pytest.importorskip("datasette.app")
    fresh_store.save(make_analysis("Israel struck a site near Masyaf on Aug. 25."))
    fresh_store.save(make_analysis("Talks on a ceasefire resumed in Doha on Aug. 26."))

    async def ask():
        ds = datasette_app.Datasette([str(fresh_store.path)], metadata=datasette_metadata(fresh_store))
        found = (await ds.client.get("/test/documents.json?_search=ceasefire&_shape=objects")).json()
        events = (await ds.client.get("/test/events.json?_shape=objects")).json()
        return found, events

    found, events = asyncio.run(ask())
    assert [row["text"][:5] for row in found["rows"]] == ["Talks"]
    assert {"type", "modality"} <= set(events["facet_results"])
