"""The CLI end to end: commands, their output, and the one-line errors of a batch."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyworld.cli import cli
from storyworld.contract import validate

ARTICLES = Path(__file__).parents[1] / "articles"


@pytest.fixture()
def runner():
    return CliRunner()


def run(runner, *args, input=None):
    return runner.invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def test_cli_every_command_has_help(runner):
    for name, command in cli.commands.items():
        assert command.help, f"{name} has no help"
        result = run(runner, name, "--help")
        assert result.exit_code == 0 and "Usage" in result.output


@pytest.mark.slow  # runs the spaCy model
def test_cli_analyze_prints_valid_contract_json(runner):
    result = run(runner, "analyze", ARTICLES / "harbour-strike.txt", "--published", "2025-01-14", "--outlet", "Red Sea Wire")
    assert result.exit_code == 0, result.output
    obj = json.loads(result.stdout)
    validate(obj)
    assert obj["document"]["published"] == "2025-01-14"
    assert obj["document"]["outlet"] == "Red Sea Wire"
    assert "inbox" not in obj["document"]["text"]
    assert obj["document"]["removed"][0]["reason"] == "newsletter"


@pytest.mark.slow  # runs the spaCy model
def test_cli_analyze_html_takes_page_metadata(runner):
    result = run(runner, "analyze", ARTICLES / "ministry-talks.html")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)["document"]
    assert doc["title"].startswith("Foreign ministers meet in Doha")
    assert doc["published"] == "2025-03-14"
    assert "Home | World" not in doc["text"] and "All rights reserved" not in doc["text"]
    assert "become a member" not in doc["text"]
    assert "ceasefire proposal" in doc["text"]


@pytest.mark.slow  # runs the spaCy model
def test_cli_analyze_reads_stdin(runner):
    text = (ARTICLES / "harbour-strike.txt").read_text()
    result = run(runner, "analyze", "-", "--published", "2025-01-14", input=text)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["document"]["text"].startswith("Yemen's Houthi movement")


@pytest.mark.slow  # runs the spaCy model
def test_cli_analyze_text_format(runner):
    result = run(runner, "analyze", ARTICLES / "harbour-strike.txt", "--format", "text")
    assert result.exit_code == 0
    assert "passage(s) removed as boilerplate" in result.stdout


@pytest.mark.parametrize("content, code", [
    (b"", "E002"),
    (b"   \n\n  ", "E002"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "E003"),
])
def test_cli_analyze_bad_input_is_one_line(runner, tmp_path, content, code):
    path = tmp_path / "bad.html"
    path.write_bytes(content)
    result = run(runner, "analyze", path)
    assert result.exit_code == 1
    assert code in result.stderr and str(path) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_analyze_missing_file(runner, tmp_path):
    result = run(runner, "analyze", tmp_path / "nope.txt")
    assert result.exit_code == 1 and "E001" in result.stderr


@pytest.mark.slow  # runs the spaCy model
def test_cli_analyze_decodes_legacy_encodings(runner, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("The ministry's café talks resumed in Genève after the delegation's arrival on Monday, "
                     "officials in Zürich said, and the envoy from Besançon confirmed the schedule.".encode("cp1252"))
    result = run(runner, "analyze", path)
    assert result.exit_code == 0, result.stderr
    assert "Genève" in json.loads(result.stdout)["document"]["text"]


def test_cli_analyze_rejects_bad_dates(runner):
    result = run(runner, "analyze", ARTICLES / "harbour-strike.txt", "--published", "01/09/2023")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


@pytest.mark.slow  # runs the spaCy model
def test_cli_ingest_batch_goes_on_past_bad_files(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("harbour-strike.txt", "ministry-talks.html"):
        (folder / name).write_bytes((ARTICLES / name).read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.html").write_bytes(b"\x00\x01\x02" * 100)
    db = tmp_path / "s.db"
    result = run(runner, "ingest", folder, "--db", db, "-q")
    assert result.exit_code == 1, result.output
    assert "E002" in result.stderr and "E003" in result.stderr
    assert result.stdout == ""  # -q: errors only
    again = run(runner, "ingest", folder, "--db", db)
    assert "0 added" in again.stdout and "2 already stored" in again.stdout
    stats = json.loads(run(runner, "stats", "--db", db, "--format", "json").stdout)
    assert stats["documents"] == 2


def test_cli_ingest_all_failed_exits_3(runner, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run(runner, "ingest", tmp_path / "empty.txt", tmp_path / "absent.txt", "--db", tmp_path / "s.db", "-q")
    assert result.exit_code == 3


def test_cli_events_and_export(runner, tmp_path, fresh_store, make_analysis):
    fresh_store.save(make_analysis("Israel struck a site near Masyaf on Aug. 25."))
    fresh_store.save(make_analysis("Israel struck another site near Homs on Aug. 26."))
    db = fresh_store.path
    out = json.loads(run(runner, "events", "--db", db, "--format", "json", "--text", "Homs").stdout)
    assert out["total"] == 1 and "Homs" in out["events"][0]["evidence"]
    out = json.loads(run(runner, "events", "--db", db, "--format", "json", "--country", "SYR", "--limit", "1").stdout)
    assert out["total"] == 2 and len(out["events"]) == 1
    table = run(runner, "events", "--db", db, "--type", "ASSAULT")
    assert "2 of 2 event(s)" in table.stdout
    rows = list(csv.DictReader(io.StringIO(run(runner, "export", "--db", db, "--format", "csv").stdout)))
    assert len(rows) == 2
    lines = run(runner, "export", "--db", db, "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line)["schema"] for line in lines] == ["storyworld.analysis/1"] * 2
    target = tmp_path / "events.geojson"
    run(runner, "export", "--db", db, "--format", "geojson", "-o", target)
    assert len(json.loads(target.read_text())["features"]) == 2
    import pyarrow.parquet as pq

    target = tmp_path / "events.parquet"
    run(runner, "export", "--db", db, "--format", "parquet", "--text", "Homs", "-o", target)
    assert [r["evidence"][:30] for r in pq.read_table(target).to_pylist()] == ["Israel struck another site nea"]


def test_cli_events_on_missing_store(runner, tmp_path):
    result = run(runner, "events", "--db", tmp_path / "none.db")
    assert result.exit_code == 1 and "E103" in result.stderr


def test_cli_hostile_text_prints_literally(runner, tmp_path, fresh_store, make_analysis):
    fresh_store.save(make_analysis("[bold red]Israel[/bold red] struck a site near Masyaf on Aug. 25."))
    result = runner.invoke(cli, ["events", "--db", fresh_store.path], env={"COLUMNS": "400"})
    assert "[bold red]Israel[/bold red]" in result.stdout


def test_cli_claims_and_sources(runner, fresh_store, make_analysis):
    fresh_store.save(make_analysis("Israel struck a site near Masyaf on Aug. 25, Ynet reported."))
    db = fresh_store.path
    out = json.loads(run(runner, "claims", "--db", db, "--source", "Ynet", "--format", "json").stdout)
    assert out["claims"][0]["sources"] == [{"name": "Ynet", "kind": "outlet"}]
    assert json.loads(run(runner, "claims", "--db", db, "--only", "anonymous", "--format", "json").stdout)["claims"] == []
    src = json.loads(run(runner, "sources", "--db", db, "--format", "json").stdout)["sources"]
    assert {s["name"] for s in src} == {"Ynet", "a source"}


def test_eval_parses_with_the_model_setting_for_a_model_trial(runner, monkeypatch):
    import storyworld.eval.scorers as scorers
    from storyworld.eval.metrics import EvalReport
    from storyworld.parse import model

    seen = []

    def fake_run_eval(stage, data, *, split=None, limit=None):
        seen.append(model._DEFAULT_IN_CONTEXT.get())  # what a load of the default model would load
        return EvalReport(stage=stage, dataset="fake")

    monkeypatch.setattr(scorers, "run_eval", fake_run_eval)
    assert run(runner, "--setting", "model", "/models/trial", "eval", "events").exit_code == 0
    assert run(runner, "eval", "events").exit_code == 0
    assert seen == ["/models/trial", None]
    assert model._DEFAULT_IN_CONTEXT.get() is None  # and nothing outlives the command
