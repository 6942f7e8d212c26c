from __future__ import annotations

import csv
import io
import json

from storyworld.contract import validate
from storyworld.store.export import export_csv, export_geojson, export_jsonl



def test_export_round_trips_through_csv_and_json(fresh_store, make_analysis):
    fresh_store.save(make_analysis("Israel struck a site near Masyaf on Aug. 25."))
    fresh_store.save(make_analysis("=HYPERLINK(\"http://x\") Israel struck near Homs."))
    out = io.StringIO()
    assert export_csv(fresh_store, out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {r["type"] for r in rows} == {"ASSAULT"}
    assert rows[0]["sources"] == "Ynet > a source"
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
