"""Issue 26, the CLI: values checked with a one-line error that lists what is accepted, country
names resolved to codes, no traceback for a user error, a missing path refused before the model
loads, -q and --format json summaries, non-English articles named on one line, an example in every
command's --help."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from storyworld.cli import cli

FRENCH = ("Le gouvernement français a annoncé mardi de nouvelles mesures pour soutenir les agriculteurs "
          "touchés par la sécheresse. Le ministre de l'Agriculture a déclaré que les aides seraient versées "
          "avant la fin du mois, selon un communiqué publié à Paris. Les syndicats agricoles ont salué cette "
          "décision mais demandent davantage de moyens pour faire face à la crise.\n")


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture()
def no_model(monkeypatch):
    """Fails the test if anything loads the spaCy model."""
    import storyworld.parse.model as model

    calls = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(model, "load_nlp", refuse)
    return calls


def run(runner, *args, input=None):
    return runner.invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def one_line(result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture()
def db(fresh_store, make_analysis):
    fresh_store.save(make_analysis("Israel struck a site near Masyaf on Aug. 25."))
    return fresh_store.path


# values


@pytest.mark.parametrize("args, says", [
    (["--type", "FOO"], ["E401", "'FOO' is not a PLOVER type", "ASSAULT", "COERCE", "AGREE"]),
    (["--country", "Syrai"], ["E402", "Syria (SYR)", "ISO3"]),
    (["--country", "Narnia"], ["E402", "'Narnia' is no country we know"]),
    (["--modality", "maybe"], ["'maybe' is not one of", "actual", "hypothetical"]),
    (["--since", "2023-13-01"], ["E016", "YYYY-MM-DD"]),
    (["--until", "01/09/2023"], ["E016", "YYYY-MM-DD"]),
    (["--since", "2023-09-01", "--until", "2023-01-01"], ["E404", "swap them"]),
])
@pytest.mark.parametrize("command", ["events", "incidents", "export"])
def test_issue_26_bad_values_are_one_line_listing_what_is_accepted(runner, db, command, args, says):
    result = run(runner, command, "--db", db, *args)
    assert result.exit_code == 2
    line = one_line(result)
    assert line.startswith("error: ") and all(s in line for s in says), line
    assert result.stdout == ""


@pytest.mark.parametrize("country", ["SYR", "syr", "SY", "Syria", "syria", "Syrian Arab Republic"])
def test_issue_26_country_names_and_codes_resolve_to_iso3(runner, db, country):
    out = json.loads(run(runner, "events", "--db", db, "--country", country, "--format", "json").stdout)
    assert out["total"] == 1


@pytest.mark.parametrize("type_, modality", [("assault", "ACTUAL"), ("Assault", "actual")])
def test_issue_26_type_and_modality_in_any_case(runner, db, type_, modality):
    out = json.loads(run(runner, "events", "--db", db, "--type", type_, "--modality", modality,
                         "--format", "json").stdout)
    assert out["total"] == 1


def test_issue_26_resources_country_code_and_close_names():
    from storyworld.resources.countries import close_countries, country_code

    assert [country_code(t) for t in ("Syria", "SY", "syr", "Ivory Coast", "UK", "DRC", "", "Narnia")] == [
        "SYR", "SYR", "SYR", "CIV", "GBR", "COD", None, None]
    assert close_countries("Frnace")[0] == ("France", "FRA")
    assert close_countries("zzzzzz") == []


# no traceback for a user error


def test_issue_26_export_to_a_missing_folder_is_one_line(runner, db, tmp_path):
    target = tmp_path / "missing" / "dir" / "x.csv"
    result = run(runner, "export", "--db", db, "--format", "csv", "-o", target)
    assert result.exit_code == 2
    line = one_line(result)
    assert "E403" in line and str(target) in line and "create the folder" in line
    assert not target.parent.exists()


@pytest.mark.parametrize("command", ["events", "stats", "claims", "sources", "incidents", "export"])
def test_issue_26_unreadable_store_is_one_line(runner, tmp_path, command):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database" * 100)
    result = run(runner, command, "--db", bad)
    assert result.exit_code == 1
    assert "E101" in one_line(result)
    folder = run(runner, command, "--db", tmp_path)
    assert folder.exit_code == 2 and "is a directory" in one_line(folder)


@pytest.mark.parametrize("content, says", [
    (None, "does not exist"),
    ("x = [\n", "E202"),
    ("no_such_setting = 1\n", "E201"),
])
def test_issue_26_bad_config_is_one_line(runner, db, tmp_path, content, says):
    config = tmp_path / "my.toml"
    if content is not None:
        config.write_text(content)
    result = run(runner, "--config", config, "stats", "--db", db)
    assert result.exit_code == 2
    assert says in one_line(result)


@pytest.mark.parametrize("args, says", [
    (["nosuch"], "No such command 'nosuch'"),
    (["ingest"], "Missing argument 'PATH...'"),
    (["events", "--tpye", "X"], "No such option"),
])
def test_issue_26_usage_errors_are_one_line_with_the_help_to_read(runner, args, says):
    result = run(runner, *args)
    assert result.exit_code == 2
    line = one_line(result)
    assert says in line and "--help`" in line


def test_issue_26_an_unexpected_error_is_one_coded_line(runner, db, monkeypatch):
    import storyworld.service as service

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(service, "summarize", broken)
    result = run(runner, "stats", "--db", db)
    assert result.exit_code == 1
    line = one_line(result)
    assert "E405" in line and "storyworld stats" in line and "RuntimeError: a bug" in line and "-v" in line


def test_issue_26_serve_refuses_a_missing_store_and_names_a_busy_port(runner, tmp_path, db, monkeypatch):
    import sys

    import uvicorn

    runs = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: runs.append(options) or sys.exit(3))
    missing = run(runner, "serve", "--db", tmp_path / "typo.db")
    assert missing.exit_code == 1 and "E103" in one_line(missing) and runs == []
    busy = run(runner, "serve", "--db", db, "--port", "8765")
    assert busy.exit_code == 1 and "E406" in busy.stderr and "--port" in busy.stderr and "Traceback" not in busy.output
    assert runs and runs[0]["port"] == 8765


# fail fast


def test_issue_26_missing_path_and_empty_folder_refused_before_the_model(runner, tmp_path, no_model):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.pdf").write_bytes(b"%PDF")
    db = tmp_path / "s.db"
    result = run(runner, "ingest", tmp_path / "absent", tmp_path / "empty", "--db", db, "--format", "json")
    assert result.exit_code == 3
    assert "E001" in result.stderr and "E027" in result.stderr
    summary = json.loads(result.stdout)
    assert [f["code"] for f in summary["failed"]] == ["E001", "E027"]
    assert not db.exists() and no_model == []
    for path in (tmp_path / "absent", tmp_path / "empty"):
        result = run(runner, "analyze", path)
        assert result.exit_code == 1 and ("E001" in one_line(result) or "E027" in one_line(result))
    assert no_model == []


# summaries, -q, non-English input


def test_issue_26_non_english_is_named_on_one_line_and_counted(runner, tmp_path, no_model):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "fr.txt").write_text(FRENCH, encoding="utf-8")
    db = tmp_path / "s.db"
    result = run(runner, "ingest", tmp_path / "in", tmp_path / "absent.txt", "--db", db)
    assert result.exit_code == 1
    assert "fr.txt: stored, not analysed: language fr" in result.stderr
    assert "1 stored but not analysed (language fr 1)" in result.stdout and "1 failed" in result.stdout

    again = run(runner, "ingest", tmp_path / "in", "--db", tmp_path / "t.db", "--format", "json")
    assert again.exit_code == 0
    summary = json.loads(again.stdout)
    assert summary["not_analysed"] == 1 and summary["not_analysed_languages"] == {"fr": 1}
    assert summary["skipped"][0]["language"] == "fr" and summary["skipped"][0]["input"].endswith("fr.txt")
    assert {"inputs", "stored", "duplicates", "already_stored", "failed", "seconds", "timings"} <= set(summary)
    assert no_model == []


def test_issue_26_analyze_names_the_language_of_a_non_english_article(runner, tmp_path, no_model):
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    result = run(runner, "analyze", tmp_path / "fr.txt")
    assert result.exit_code == 1 and result.stdout == ""
    line = one_line(result)
    assert "E008" in line and "fr.txt" in line and "'fr'" in line and no_model == []


def test_issue_26_quiet_prints_only_errors(runner, tmp_path, no_model, db):
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    result = run(runner, "ingest", tmp_path / "fr.txt", tmp_path / "absent.txt", "-q", "--db", tmp_path / "s.db")
    assert result.exit_code == 1 and result.stdout == ""
    assert "E001" in one_line(result)
    export = run(runner, "export", "--db", db, "--format", "csv", "-o", tmp_path / "x.csv", "-q")
    assert export.exit_code == 0 and export.output == ""
    check = run(runner, "check", "--db", db, "--repair", "-q")  # saved without incidents: mended, silently
    assert check.exit_code == 0 and check.output == ""


def test_issue_26_verbose_logs_each_article_and_the_timing(runner, tmp_path, no_model):
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    result = run(runner, "-v", "ingest", tmp_path / "fr.txt", tmp_path / "fr.txt", "-q", "--db", tmp_path / "s.db")
    assert "fr.txt: stored, not analysed" in result.stderr
    assert "fr.txt: already stored" in result.stderr
    assert "timing: body" in result.stderr and "s in all" in result.stderr


def test_issue_26_settings_and_check_speak_json(runner, db):
    settings = json.loads(run(runner, "settings", "--format", "json").stdout)["settings"]
    assert {"name", "value", "default", "help"} <= set(settings[0])
    assert json.loads(run(runner, "check", "--db", db, "--format", "json").stdout)


# help


def test_issue_26_every_command_has_an_example_in_its_help(runner):
    for name in cli.commands:
        result = run(runner, name, "--help")
        assert "Examples:" in result.output, f"`storyworld {name} --help` has no example"
        assert f"storyworld {name}" in result.output.split("Examples:")[1]


def test_issue_26_make_demo_ends_with_the_commands_worth_trying():
    from pathlib import Path

    makefile = (Path(__file__).parents[2] / "Makefile").read_text()
    hints = makefile[makefile.index("Explore further"):makefile.index("## test:")]
    for command in ("serve", "incidents", "claims", "sources", "check", "export", "events", "analyze"):
        assert f"storyworld {command}" in hints, command
