"""The field-aligned export columns (docs/exports.md): ACLED and GDELT names, real dates from any
precision, codes that stay strings, GeoJSON that RFC 7946 readers accept."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import pytest

from storyworld.corpus.update import update_incidents
from storyworld.resources import ontology
from storyworld.store.export import (CSV_DATES, CSV_DTYPES, CSV_FIELDS, export_csv, export_geojson,
                                     export_parquet)
from storyworld.store.fields import period, source_chain
from storyworld.types import Source, Span


def rfc7946_problems(obj) -> list[str]:
    """What keeps a GeoJSON text from being an RFC 7946 FeatureCollection of points (or null
    geometries) with unique ids: the checks ogr2ogr and QGIS rely on."""
    problems = []
    if obj.get("type") != "FeatureCollection" or not isinstance(obj.get("features"), list):
        return ["not a FeatureCollection with a features array"]
    if "crs" in obj:
        problems.append("a crs member (RFC 7946 §4: WGS 84 only, no crs)")
    ids = set()
    for i, feature in enumerate(obj["features"]):
        if feature.get("type") != "Feature" or "geometry" not in feature or "properties" not in feature:
            problems.append(f"feature {i}: needs type Feature, geometry and properties")
            continue
        if "crs" in feature:
            problems.append(f"feature {i}: crs member")
        fid = feature.get("id")
        if not isinstance(fid, (str, int)) or isinstance(fid, bool):
            problems.append(f"feature {i}: id must be a string or a number (§3.2)")
        elif fid in ids:
            problems.append(f"feature {i}: id {fid} repeated")
        ids.add(fid)
        if not (feature["properties"] is None or isinstance(feature["properties"], dict)):
            problems.append(f"feature {i}: properties must be an object or null")
        geometry = feature["geometry"]
        if geometry is None:
            continue
        coords = geometry.get("coordinates")
        if geometry.get("type") != "Point" or not isinstance(coords, list) or len(coords) not in (2, 3):
            problems.append(f"feature {i}: geometry must be a Point with [lon, lat]")
            continue
        lon, lat = coords[0], coords[1]
        if not all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coords):
            problems.append(f"feature {i}: coordinates must be numbers")
        elif not (-180 <= lon <= 180 and -90 <= lat <= 90):
            problems.append(f"feature {i}: [lon, lat] = {coords} out of range (§3.1.1: longitude first)")
    return problems


@pytest.fixture()
def varied_store(fresh_store, make_analysis):
    """Events of every date precision, one without coordinates, two reports of one incident."""
    base = make_analysis("Israel struck a site near Masyaf on Aug. 25.")

    def save(text, *, outlet="JNS", published="2023-09-01", **event_fields):
        analysis = make_analysis(text)
        document = replace(analysis.document, outlet=outlet, published=published,
                           url=f"https://{outlet.lower()}.example/{len(text)}")
        event = replace(base.events[0], evidence=Span(text, 0, len(text)), **event_fields)
        analysis = replace(analysis, document=document, events=(event,))
        fresh_store.save(analysis)
        return analysis.document.id

    ids = [
        save("Israel struck a site near Masyaf on Aug. 25, JNS said.", outlet="JNS",
             sources=(Source("Asharq al-Awsat", "outlet"), Source("a source", "anonymous"))),
        save("Israeli jets hit a site near Masyaf on Friday.", outlet="Ynet", published="2023-08-26"),
        save("Police detained protesters in Cairo in week 34.", date="2023-W34", date_precision="week",
             type="COERCE", cameo="173", acled="Arrests", mode=None,
             location=replace(base.events[0].location, name="Cairo", text="Cairo", geonameid=360630,
                              lat=30.06263, lon=31.24967, country="EGY")),
        save("Talks were held in September.", date="2023-09", date_precision="month", type="CONSULT",
             cameo="043", acled=None, mode=None, location=None),
        save("The year saw many strikes.", date="2023", date_precision="year", cameo="010", acled=None,
             type="PROTEST"),
        save("Shelling was reported somewhere.", date=None, date_precision=None, location=None, cameo="10"),
    ]
    update_incidents(fresh_store, ids)
    return fresh_store


def test_fields_period_gives_real_days_for_every_precision():
    assert period("2023-08-25", "day", None) == ("2023-08-25", "2023-08-25", "day")
    assert period("2023-W34", "week", None) == ("2023-08-21", "2023-08-27", "week")
    assert period("2024-02", "month", None) == ("2024-02-01", "2024-02-29", "month")
    assert period("2023", "year", None) == ("2023-01-01", "2023-12-31", "year")
    assert period(None, None, "2023-09-01") == ("2023-09-01", "2023-09-01", "reported")
    assert period("2023-W60", "week", "2023-09-01") == ("2023-09-01", "2023-09-01", "reported")
    assert period(None, None, None) == (None, None, None)


def test_ontology_crosswalks_follow_acled_and_gdelt():
    assert ontology.cameo_root("043") == "04" and ontology.cameo_root("1823") == "18"
    assert ontology.cameo_root("10") == "10" and ontology.cameo_root(None) is None
    assert [ontology.quad_class(c) for c in ("043", "073", "10", "190")] == [1, 2, 3, 4]
    assert ontology.goldstein("043") == 2.8 and ontology.goldstein("190") == -10.0
    assert ontology.goldstein("0256") == -0.3 and ontology.goldstein("1829") == -9.5  # nearest listed parent
    assert ontology.acled_event_type("Air/drone strike") == "Explosions/Remote violence"
    assert ontology.acled_disorder_type("Peaceful protest") == "Demonstrations"


def test_ontology_every_acled_sub_event_we_assign_has_an_event_type():
    from storyworld.resources.tables import read_table

    assigned = {row["acled"] for row in read_table("acled-subevents.tsv") if row["acled"]}
    assigned |= {row["acled"] for row in read_table("event-lexicon.tsv") if row["acled"]}
    assert {s for s in assigned if ontology.acled_event_type(s) is None} == set()


def test_fields_place_names_are_english():
    from storyworld.store.fields import place_columns

    # the article's "Hama" for GeoNames' Ḩamāh, its governorate of the same name too
    assert place_columns(170017, "Hama", "Ḩamāh", "city") == {"place_name": "Hama", "admin1": "Hama", "admin2": None}
    # a dateline's capitals and a name the article does not give: GeoNames' name without its marks
    assert place_columns(163345, "TARTUS", "Ţarţūs", "city")["place_name"] == "Tartus"
    assert place_columns(170015, "Hama province", "Ḩamāh", "admin1")["place_name"] == "Hama"
    assert place_columns(5368381, "Los Angeles County", "Los Angeles County", "admin2")["admin2"] == \
        "Los Angeles County"
    assert place_columns(None, "Umm Batna", None, None)["place_name"] == "Umm Batna"  # placed nowhere


def test_fields_civilian_targeting_follows_the_target():
    from storyworld.store.fields import civilian_targeting

    assert civilian_targeting("Explosions/Remote violence", "civilians", None) == "Civilian targeting"
    assert civilian_targeting("Battles", "three farmers", "CVL") == "Civilian targeting"
    assert civilian_targeting("Battles", "an army post", "MIL") is None
    assert civilian_targeting("Violence against civilians", None, None) == "Civilian targeting"
    assert civilian_targeting("Protests", "civilians", None) is None


def test_fields_source_chain_is_readable():
    assert source_chain([{"name": "Ynet", "kind": "outlet"}, {"name": "a source", "kind": "anonymous"}]) == \
        "Ynet > a source (anonymous)"
    assert source_chain([]) == ""


def test_export_csv_columns_follow_acled_and_gdelt(varied_store):
    import csv

    out = io.StringIO()
    assert export_csv(varied_store, out) == 6
    rows = {r["evidence"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    strike = rows["Israel struck a site near Masyaf on Aug. 25, JNS said."]
    assert strike["event_type"] == "Explosions/Remote violence" and strike["sub_event_type"] == "Air/drone strike"
    assert (strike["cameo_code"], strike["cameo_root"], strike["quad_class"], strike["goldstein"]) == \
        ("195", "19", "4", "-10.0")
    assert (strike["country"], strike["country_name"], strike["place_name"]) == ("SYR", "Syria", "Masyaf")
    assert strike["admin1"] == "Hamah"  # GeoNames' Ḩamāh without its transliteration marks
    assert strike["source_chain"] == "Asharq al-Awsat > a source (anonymous)"
    assert strike["incident_id"] and strike["num_reports"] == "2" and strike["num_sources"] == "2"
    assert strike["fatalities"] == ""  # the text gives none
    assert strike["civilian_targeting"] == ""  # its target is no civilian
    talks = rows["Talks were held in September."]
    assert (talks["cameo_code"], talks["date_start"], talks["date_end"]) == ("043", "2023-09-01", "2023-09-30")
    assert talks["lat"] == "" and talks["geo_precision"] == ""


def test_export_csv_loads_in_pandas_with_typed_columns(varied_store):
    pd = pytest.importorskip("pandas")
    out = io.StringIO()
    export_csv(varied_store, out)
    # unhinted: numbers are numbers, the dates parse, nothing else needs telling
    frame = pd.read_csv(io.StringIO(out.getvalue()))
    assert list(frame.columns) == list(CSV_FIELDS)
    for column in ("lat", "lon", "goldstein"):
        assert pd.api.types.is_float_dtype(frame[column])
    for column in ("id", "quad_class", "evidence_start"):
        assert pd.api.types.is_integer_dtype(frame[column])
    for column in CSV_DATES:
        parsed = pd.to_datetime(frame[column])  # raises on "2023-W34" or "2023-09"
        assert pd.api.types.is_datetime64_any_dtype(parsed)
    assert pd.to_datetime(frame["date_start"]).notna().all()  # every event dated (undated: its report's day)
    # CAMEO codes keep their leading zeros with the documented hints
    frame = pd.read_csv(io.StringIO(out.getvalue()), dtype=CSV_DTYPES, parse_dates=CSV_DATES)
    assert set(frame["cameo_code"]) >= {"043", "010", "10", "195"}
    assert set(frame["cameo_root"].dropna()) >= {"04", "01", "10", "19"}
    assert pd.api.types.is_datetime64_any_dtype(frame["date_end"])
    assert str(frame["fatalities"].dtype) == "Int64" and str(frame["num_reports"].dtype) == "Int64"


def test_export_parquet_types_the_new_columns(varied_store):
    import datetime

    import pyarrow.parquet as pq

    out = io.BytesIO()
    assert export_parquet(varied_store, out) == 6
    table = pq.read_table(io.BytesIO(out.getvalue()))
    assert str(table.schema.field("date_start").type) == "date32[day]"
    assert str(table.schema.field("cameo_code").type) == "string"
    assert str(table.schema.field("goldstein").type) == "double"
    rows = {r["evidence"]: r for r in table.to_pylist()}
    assert rows["Police detained protesters in Cairo in week 34."]["date_start"] == datetime.date(2023, 8, 21)
    assert rows["Talks were held in September."]["cameo_code"] == "043"


def test_export_geojson_is_rfc7946_and_keeps_unplaced_events(varied_store):
    out = io.StringIO()
    assert export_geojson(varied_store, out) == 6
    collection = json.loads(out.getvalue())
    assert rfc7946_problems(collection) == []
    unplaced = [f for f in collection["features"] if f["geometry"] is None]
    assert len(unplaced) == 2  # written with geometry null, never dropped
    cairo = next(f for f in collection["features"] if f["properties"]["place_name"] == "Cairo")
    assert cairo["geometry"]["coordinates"] == [31.24967, 30.06263]  # [lon, lat]
    assert cairo["id"] == cairo["properties"]["id"]
    assert cairo["properties"]["event_type"] == "Strategic developments"
    assert cairo["properties"]["date_end"] == "2023-08-27"


def test_export_geojson_loads_in_geopandas(varied_store, tmp_path):
    gpd = pytest.importorskip("geopandas")
    out = io.StringIO()
    export_geojson(varied_store, out)
    path = tmp_path / "events.geojson"
    path.write_text(out.getvalue(), encoding="utf-8")
    frame = gpd.read_file(path)
    assert len(frame) == 6 and frame.geometry.isna().sum() == 2


def test_rfc7946_checker_finds_what_readers_refuse():
    bad = {"type": "FeatureCollection", "crs": {}, "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [35.0, 200.0]}, "properties": {}},
        {"type": "Feature", "id": 1, "geometry": {"type": "Point", "coordinates": ["36", 35]}, "properties": {}},
    ]}
    problems = rfc7946_problems(bad)
    assert any("crs" in p for p in problems) and any("id must be" in p for p in problems)
    assert any("out of range" in p for p in problems) and any("numbers" in p for p in problems)


def test_export_incidents_as_csv_and_geojson(varied_store):
    import csv

    from storyworld.store.export import INCIDENT_FIELDS, export_incidents_csv, export_incidents_geojson

    out = io.StringIO()
    n = export_incidents_csv(varied_store, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert n == len(rows) and list(rows[0]) == list(INCIDENT_FIELDS)
    masyaf = next(r for r in rows if r["num_reports"] == "2")
    assert (masyaf["event_type"], masyaf["sub_event_type"], masyaf["cameo_code"]) == \
        ("Explosions/Remote violence", "Air/drone strike", "195")
    assert masyaf["num_sources"] == "2" and masyaf["first_outlet"] == "Ynet"
    assert masyaf["date_start"] == "2023-08-25" and masyaf["country_name"] == "Syria"

    out = io.StringIO()
    assert export_incidents_geojson(varied_store, out) == n
    collection = json.loads(out.getvalue())
    assert rfc7946_problems(collection) == []
    ids = {f["id"] for f in collection["features"]}
    assert str(masyaf["incident_id"]) in {str(i) for i in ids}


def test_export_incidents_load_in_pandas(varied_store):
    pd = pytest.importorskip("pandas")
    from storyworld.store.export import export_incidents_csv

    out = io.StringIO()
    export_incidents_csv(varied_store, out)
    frame = pd.read_csv(io.StringIO(out.getvalue()), dtype=CSV_DTYPES)
    assert pd.api.types.is_integer_dtype(frame["incident_id"]) and pd.api.types.is_integer_dtype(frame["num_reports"])
    assert pd.to_datetime(frame["date_start"]).notna().all()
    assert frame["cameo_code"].dropna().map(type).eq(str).all()


def test_cli_and_api_export_incidents_with_the_same_builders(varied_store, api_client):
    from click.testing import CliRunner

    from storyworld.cli import cli

    result = CliRunner().invoke(cli, ["export", "--what", "incidents", "--format", "csv", "--db", str(varied_store.path)])
    assert result.exit_code == 0, result.output
    client = api_client(varied_store.path)
    served = client.get("/api/incidents", params={"format": "csv", "limit": 1000}).text
    assert sorted(served.splitlines()) == sorted(result.stdout.splitlines()[:len(served.splitlines())])
    geo = client.get("/api/incidents", params={"format": "geojson"}).json()
    assert rfc7946_problems(geo) == [] and geo["features"]
    refused = CliRunner().invoke(cli, ["export", "--what", "incidents", "--format", "parquet", "--db",
                                       str(varied_store.path), "-o", "x.parquet"])
    assert refused.exit_code == 2 and "incidents export as" in refused.output


def test_export_geojson_reads_in_gdal(varied_store, tmp_path):
    """What QGIS and ogr2ogr see (GDAL's GeoJSON driver), where GDAL is installed."""
    import shutil
    import subprocess

    ogrinfo = shutil.which("ogrinfo")
    if ogrinfo is None:
        pytest.skip("GDAL's ogrinfo is not installed (apt-get install gdal-bin)")
    path = tmp_path / "events.geojson"
    with path.open("w", encoding="utf-8") as out:
        export_geojson(varied_store, out)
    info = subprocess.run([ogrinfo, "-ro", "-so", "-al", str(path)], capture_output=True, text=True,
                          timeout=60).stdout
    assert "Feature Count: 6" in info and "Geometry: Point" in info
    assert "cameo_code: String" in info and "date_start: Date" in info and "goldstein: Real" in info


def test_to_pandas_types_the_columns_and_agrees_with_the_csv(varied_store):
    import pandas as pd

    import storyworld

    frame = storyworld.to_pandas(varied_store)
    assert list(frame.columns) == list(CSV_FIELDS) and len(frame) == 6
    assert set(frame["cameo_code"]) >= {"043", "010", "10", "195"}  # codes stay strings, zeros kept
    assert str(frame["cameo_code"].dtype) == "string" and str(frame["fatalities"].dtype) == "Int64"
    for column in CSV_DATES:
        assert pd.api.types.is_datetime64_any_dtype(frame[column])
    assert frame.loc[frame["cameo_code"] == "043", "date_end"].iloc[0] == pd.Timestamp("2023-09-30")
    assert str(frame["updated_at"].dtype).startswith("datetime64") and frame["updated_at"].dt.tz is not None
    assert pd.api.types.is_float_dtype(frame["lat"]) and frame["lat"].isna().sum() == 2  # unplaced kept
    out = io.StringIO()
    export_csv(varied_store, out)
    csv = pd.read_csv(io.StringIO(out.getvalue()), dtype=CSV_DTYPES, parse_dates=CSV_DATES)
    assert list(csv["id"]) == list(frame["id"]) and list(csv["cameo_code"]) == list(frame["cameo_code"])
    # filters as the CLI's, checked as the CLI checks them; a path is opened, never created
    syrian = storyworld.to_pandas(varied_store.path, type="assault", country="Syria")
    assert len(syrian) and set(syrian["type"]) == {"ASSAULT"}
    incidents = storyworld.to_pandas(varied_store, "incidents")
    assert list(incidents.columns) == list(storyworld.store.export.INCIDENT_FIELDS)
    assert str(incidents["incident_id"].dtype) == "Int64" and incidents["date_start"].notna().all()


@pytest.mark.parametrize("kwargs, code", [
    ({"type": "BOMBING"}, "E401"), ({"country": "Atlantis"}, "E402"), ({"colour": "red"}, "E409"),
    ({"state": "deleted"}, "E409"), ({"records": "claims"}, "E409"),
])
def test_to_pandas_refuses_what_it_does_not_know(varied_store, kwargs, code):
    import storyworld

    with pytest.raises(storyworld.ConfigError, match=code):
        storyworld.to_pandas(varied_store, **kwargs)


def test_to_pandas_of_a_missing_store_says_so(tmp_path):
    import storyworld

    with pytest.raises(storyworld.StoreError, match="E103"):
        storyworld.to_pandas(tmp_path / "none.db")
    assert not (tmp_path / "none.db").exists()
