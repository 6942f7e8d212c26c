"""`storyworld check`: its lines, its JSON and its exit codes (0 sound, 1 problems, 3 uncheckable)."""

from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner

from storyworld.cli import cli
from storyworld.store import Store


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def store_with_a_lost_incident(path, make_analysis):
    """A store as a crash left it under the old ingest: a document whose events are in no incident."""
    with Store.open(path) as store:
        store.save(make_analysis())


def test_cli_check_exit_codes_and_repair(tmp_path, make_analysis):
    db = tmp_path / "s.db"
    store_with_a_lost_incident(db, make_analysis)
    found = run("check", "--db", db)
    assert found.exit_code == 1
    assert "problem: [unplaced-events] 1: documents with reported events in no incident" in found.output
    assert "problem: [signatures] 1" in found.output
    mended = run("check", "--db", db, "--repair")
    assert mended.exit_code == 0, mended.output
    assert "repaired: placed the events of 1 document(s) in incidents (1 incident(s) touched)" in mended.output
    assert mended.output.rstrip().endswith("sound")
    again = run("check", "--db", db, "--format", "json")
    assert again.exit_code == 0 and json.loads(again.output)["ok"] is True


def test_cli_check_json_names_each_problem(tmp_path, make_analysis):
    db = tmp_path / "s.db"
    store_with_a_lost_incident(db, make_analysis)
    result = run("check", "--db", db, "--format", "json")
    report = json.loads(result.output)
    assert result.exit_code == 1 and report["ok"] is False
    assert {f["check"] for f in report["findings"]} == {"unplaced-events", "signatures"}
    assert all(f["mendable"] for f in report["findings"])


def test_cli_check_cannot_check_a_missing_or_foreign_file(tmp_path):
    missing = run("check", "--db", tmp_path / "absent.db")
    assert missing.exit_code == 3 and "E103" in missing.output
    notes = tmp_path / "notes.db"
    notes.write_text("not a database " * 100)
    assert run("check", "--db", notes).exit_code == 3
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    assert run("check", "--db", plain).exit_code == 3  # no documents table: not a storyworld store
    assert not (tmp_path / "absent.db").exists()


def test_cli_check_repair_leaves_a_foreign_sqlite_file_alone(tmp_path):
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    assert run("check", "--db", plain, "--repair").exit_code == 3
    tables = sqlite3.connect(plain).execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    assert tables == [("t",)]
