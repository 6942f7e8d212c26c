"""`storyworld spark` and `load-parquet`: Spark's analyses, loaded into a store, make the store that
`ingest` makes of the same files, record by record; the Parquet tables are partitioned by month."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from storyworld.errors import ConfigError, InputError
from storyworld.ingest import read_bytes_input
from storyworld.pipeline import Outcome
from storyworld.service import ingest
from storyworld.service.spark import (TABLES, _month, documents_rows, flattened, load_parquet, outcome_from_row,
                                      outcome_to_dict, raw_from_dict, raw_to_dict, run_spark)
from storyworld.store import Store
from storyworld.store.content import store_content
from storyworld.types import Document, Removed

DEMO = Path(__file__).resolve().parents[2] / "demo"


def test_spark_an_input_survives_the_trip_through_json():
    raw = read_bytes_input("Gunmen attacked a village in S\xe9gou.".encode("latin-1"), name="a.txt", origin="path",
                           published="2025-06-01", outlet="Paper")
    assert raw_from_dict(json.loads(json.dumps(raw_to_dict(raw)))) == raw


def test_spark_outcomes_without_an_analysis_survive_the_trip_through_json():
    document = Document(id="d" * 64, text="Le texte.", language="fr", removed=(Removed("Abonnez-vous", "appeal"),),
                        origin="fr.txt")
    skipped = Outcome(name="fr.txt", document=document, skipped_reason="language fr")
    row = {"name": "fr.txt", **json.loads(json.dumps(outcome_to_dict(skipped)))}
    back = outcome_from_row(row)
    assert back.document == document and back.skipped_reason == "language fr" and back.analysis is None
    failed = outcome_from_row({"name": "x.bin", **outcome_to_dict(Outcome(name="x.bin", error=InputError("[E003] x.bin: binary")))})
    assert str(failed.error) == "[E003] x.bin: binary" and failed.document is None


def test_spark_months_and_flattened_records(make_analysis):
    from storyworld.contract.serialize import to_dict

    assert (_month("2025-06-03"), _month("2025-06"), _month("2025"), _month(None)) == ("2025-06", "2025-06",
                                                                                     "unknown", "unknown")
    rows = [(table, json.loads(line)) for table, line in flattened(to_dict(make_analysis()), month="2023-09")]
    events = [r for t, r in rows if t == "events"]
    chain = [r for t, r in rows if t == "sources" and r["record"] == "event"]
    assert len(events) == 1 and events[0]["source_chain"] == "Ynet ← a source" and "sources" not in events[0]
    assert [(s["depth"], s["name"], s["kind"]) for s in chain] == [(0, "Ynet", "outlet"), (1, "a source", "anonymous")]
    assert {t for t, _ in rows} <= set(TABLES) and all(r["published_month"] == "2023-09" for _, r in rows)


def test_spark_refuses_what_it_cannot_read(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(ConfigError, match="E410"):
        run_spark([str(tmp_path / "empty")], tmp_path / "out")
    with pytest.raises(ConfigError, match="E411"):
        documents_rows(tmp_path / "empty")


def test_spark_without_java_says_what_to_install(monkeypatch):
    pytest.importorskip("pyspark", reason="the spark extra is not installed (make test installs it)")
    from storyworld.service.spark import spark_session

    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ConfigError, match="E412"):
        spark_session("local[1]")


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark", reason="the spark extra is not installed (make test installs it)")
    if not shutil.which("java"):
        pytest.skip("no Java runtime (.ci/run installs Debian's openjdk-17-jre-headless)")
    from storyworld.service.spark import spark_session

    session = spark_session("local[2]")
    yield session
    session.stop()


@pytest.mark.slow  # Spark in local mode, and the spaCy model in its executors and here
def test_spark_output_loaded_equals_the_ingested_store(tmp_path, spark):
    folder = tmp_path / "articles"
    shutil.copytree(DEMO / "articles", folder)  # a near-duplicate, an article in French, outlets with homes
    (folder / "sw-broken.html").write_bytes(b"\x00\x01\x02" * 100)  # a bad file among good ones
    local = [  # a local paper: after three of its articles name Texas, Texas is its home (outlet_homes)
        "Police in Dallas arrested five men after a shooting near Fair Park on Saturday, officials said.",
        "A fire destroyed a warehouse in Tyler on Sunday, and firefighters from Longview helped to contain it.",
        "Protesters marched in Sulphur Springs on Monday against a planned landfill, the sheriff said.",
        "Gunmen robbed a bank in Paris on Tuesday and fled north toward the Red River, police said.",
    ]
    lines = [{"text": text, "outlet": "The Paris News", "published": f"2025-07-0{i + 1}",
              "url": f"https://parisnews.example/n{i}"} for i, text in enumerate(local)]
    lines.append({"text": "Rebels shelled a market in Goma on Sunday, killing three people.", "outlet": "Wire",
                  "published": "2025-07-07", "url": "https://wire.example/b"})
    (folder / "zz-wire.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")

    with Store.open(tmp_path / "ingested.db") as store:
        ingested = ingest([folder], store=store, meta=DEMO, workers=1)
        expected = store_content(store)

    output = tmp_path / "out"
    report = run_spark([str(folder)], output, meta=DEMO, partitions=3, spark=spark)
    assert report.files == 33 and report.errors == 1 and report.documents == 37
    months = {p.name for p in (output / "events").iterdir() if p.is_dir()}
    assert "published_month=2025-07" in months and all(m.startswith("published_month=") for m in months)

    with Store.open(tmp_path / "loaded.db") as store:
        loaded = load_parquet(output, store=store)
        assert store_content(store) == expected  # record by record
        events_in_store = store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        again = load_parquet(output, store=store)
        assert store_content(store) == expected  # loading twice adds nothing
    assert loaded.counts["added"] == ingested.added and loaded.counts["duplicate"] == ingested.duplicates == 1
    assert loaded.counts["skipped"] == ingested.skipped == 1 and loaded.counts["error"] == len(ingested.failed) == 1
    assert again.counts["added"] == 0 and again.counts["exists"] == ingested.added + ingested.skipped + ingested.duplicates
    assert loaded.analysed_again >= 1  # an outlet's home learnt from the articles before, as ingest learns it
    assert report.rows["events"] >= events_in_store  # Spark analysed the near-duplicate too; the loader dropped it
