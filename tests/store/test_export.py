from __future__ import annotations

import csv
import io
import json

from storyworld.contract import validate
from storyworld.store.export import export_csv, export_geojson, export_jsonl, export_parquet



def test_export_round_trips_through_csv_and_json(fresh_store, make_analysis):
    fresh_store.save(make_analysis("Israel struck a site near Masyaf on Aug. 25."))
    fresh_store.save(make_analysis("=HYPERLINK(\"http://x\") Israel struck near Homs."))
    out = io.StringIO()
    assert export_csv(fresh_store, out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {r["type"] for r in rows} == {"ASSAULT"}
    assert rows[0]["source_chain"] == "Ynet > a source (anonymous)"
    assert all(not r["evidence"].startswith("=") for r in rows)  # formula neutralised

    out = io.StringIO()
    assert export_jsonl(fresh_store, out) == 2
    objs = [json.loads(line) for line in out.getvalue().splitlines()]
    for obj in objs:
        validate(obj)
    assert objs[0]["events"][0]["location"]["geonameid"] == 170017

    out = io.StringIO()
    assert export_geojson(fresh_store, out) == 2
    geo = json.loads(out.getvalue())
    assert geo["features"][0]["geometry"]["coordinates"] == [36.3421, 35.0653]


def test_export_parquet_keeps_types_and_the_chain(fresh_store, make_analysis, monkeypatch):
    import pyarrow.parquet as pq

    from storyworld.store import export

    fresh_store.save(make_analysis("Israel struck a site near Masyaf on Aug. 25."))
    fresh_store.save(make_analysis("Israel struck another site near Homs on Aug. 26."))
    monkeypatch.setattr(export, "PARQUET_BATCH_ROWS", 1)  # one row group per event: the batching path
    out = io.BytesIO()
    assert export_parquet(fresh_store, out) == 2
    table = pq.read_table(io.BytesIO(out.getvalue()))
    assert pq.ParquetFile(io.BytesIO(out.getvalue())).num_row_groups == 2
    assert table.schema.field("lat").type == "double" and table.schema.field("geonameid").type == "int64"
    rows = table.to_pylist()
    assert rows[0]["geonameid"] == 170017 and rows[0]["lon"] == 36.3421
    assert rows[0]["sources"] == [{"name": "Ynet", "kind": "outlet"}, {"name": "a source", "kind": "anonymous"}]
    assert rows[0]["evidence"].startswith("Israel struck")  # text kept as written: no spreadsheet to defuse


def test_export_parquet_of_an_empty_store_is_a_readable_file(fresh_store):
    import pyarrow.parquet as pq

    out = io.BytesIO()
    assert export_parquet(fresh_store, out) == 0
    table = pq.read_table(io.BytesIO(out.getvalue()))
    assert table.num_rows == 0 and "sources" in table.schema.names
