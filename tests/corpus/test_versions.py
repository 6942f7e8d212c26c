"""Living records (issue 27): page versions, corrections, retractions, the changes log and the feed.

The articles are written here: a shelling whose toll rises on the same page, a correction notice
and a retraction from the same outlet, and a store synced from another by its changes feed."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from storyworld.corpus.corrections import find_note
from storyworld.corpus.versions import paragraph_diff
from storyworld.service import ingest_text, make_pipeline
from storyworld.store import Store
from storyworld.store.changes import history, normalise_time, now

URL = "https://dnipro.example/2025/03/04/kharkiv-shelling"
FIRST = """Shelling kills 12 in Kharkiv

KHARKIV, Ukraine (Dnipro Daily) — Russian forces shelled a residential district of Kharkiv on Tuesday, killing at least 12 people and wounding 30 others, regional governor Oleh Syniehubov said.

Rescue workers searched the rubble of a five-storey building through the night."""
SECOND = """Death toll in Kharkiv shelling rises to 21

KHARKIV, Ukraine (Dnipro Daily) — Russian forces shelled a residential district of Kharkiv on Tuesday, killing at least 21 people and wounding 45 others, regional governor Oleh Syniehubov said.

Rescue workers searched the rubble of a five-storey building through the night. More bodies were recovered on Wednesday."""
OTHER = """Rebels attack army post near Goma

GOMA, Democratic Republic of Congo (Kivu Morning Post) — M23 rebels attacked an army post near Sake on Thursday, killing four soldiers, an army spokesman said."""
NOTICE = """Correction

Correction: An article published on Thursday about an attack on an army post near Sake misstated the number of soldiers killed. M23 rebels attacked the army post near Sake on Thursday, killing six soldiers, an army spokesman said."""
RETRACTION = """Retraction

This story has been retracted. It reported that Russian forces shelled a residential district of Kharkiv on Tuesday, based on an account we could not verify."""


@pytest.fixture(scope="module")
def pipeline():
    return make_pipeline()


def put(store, pipeline, text, *, url, outlet="Dnipro Daily", published="2025-03-04"):
    return ingest_text(text, store=store, url=url, outlet=outlet, published=published, pipeline=pipeline)


def test_a_page_stored_again_is_its_next_version_and_nothing_is_overwritten(fresh_store, pipeline):
    first = put(fresh_store, pipeline, FIRST, url=URL)
    second = put(fresh_store, pipeline, SECOND, url=URL, published="2025-03-05")
    assert second.status == "added" and second.document_id != first.document_id
    q = fresh_store.conn.execute
    old, new = q("SELECT * FROM documents WHERE id = ?", (first.document_id,)).fetchone(), \
        q("SELECT * FROM documents WHERE id = ?", (second.document_id,)).fetchone()
    assert old["superseded_by"] == second.document_id and old["text"] == FIRST  # the first text stays
    assert (new["version"], new["version_of"], new["corrects"], new["correction"]) == (
        2, first.document_id, first.document_id, "update")
    diff = json.loads(new["diff_json"])
    assert any("21 people" in p for p in diff["added"]) and any("12 people" in p for p in diff["removed"])
    # the earlier version's events are superseded, never deleted; the new ones revise them
    states = {r["document_id"]: r["state"] for r in q("SELECT document_id, state FROM events")}
    assert states == {first.document_id: "superseded", second.document_id: "current"}
    revised = q("SELECT * FROM changes WHERE record = 'event' AND change = 'revised'").fetchone()
    assert "casualties" in json.loads(revised["fields_json"]) and revised["cause_document_id"] == second.document_id
    # the incident's history: created by the first report, revised (its toll) by the second
    (incident_id,) = q("SELECT id FROM incidents").fetchone()
    versions = history(fresh_store, "incident", incident_id)
    assert [v["change"] for v in versions] == ["created", "revised"]
    assert [v["cause"]["document_id"] for v in versions] == [first.document_id, second.document_id]
    assert "casualties" in versions[1]["fields"]
    killed = lambda v: {f["number"] for f in v["state"]["casualties"] if f["kind"] == "killed"}  # noqa: E731
    assert killed(versions[0]) == {12} and killed(versions[1]) == {21}  # the earlier version stays readable
    assert versions[1]["cause"]["url"] == URL and versions[1]["cause"]["outlet"] == "Dnipro Daily"
    # the same version ingested again adds nothing
    assert put(fresh_store, pipeline, SECOND, url=URL, published="2025-03-05").status == "exists"
    assert q("SELECT COUNT(*) FROM changes").fetchone()[0] == len(
        list(q("SELECT seq FROM changes")))  # sanity: one row a change


def test_a_correction_notice_revises_the_event_it_corrects(fresh_store, pipeline):
    article = put(fresh_store, pipeline, OTHER, url="https://kivu.example/sake-attack", outlet="Kivu Morning Post",
                  published="2025-05-15")
    notice = put(fresh_store, pipeline, NOTICE, url="https://kivu.example/corrections/sake", outlet="Kivu Morning Post",
                 published="2025-05-16")
    q = fresh_store.conn.execute
    row = q("SELECT corrects, correction, correction_note FROM documents WHERE id = ?", (notice.document_id,)).fetchone()
    assert row["corrects"] == article.document_id and row["correction"] == "correction"
    assert row["correction_note"].startswith("Correction:")
    old = q("SELECT state, superseded_by FROM events WHERE document_id = ? AND type = 'ASSAULT'",
            (article.document_id,)).fetchone()
    assert old["state"] == "superseded" and old["superseded_by"] is not None
    new = q("SELECT document_id, previous_id, version FROM events WHERE id = ?", (old["superseded_by"],)).fetchone()
    assert new["document_id"] == notice.document_id and new["version"] == 2
    incident = q("SELECT summary_json FROM incidents WHERE state = 'current'").fetchone()
    figures = {(f["kind"], f["number"]) for f in json.loads(incident["summary_json"])["casualties"]}
    assert ("killed", 6) in figures and ("killed", 4) not in figures


def test_an_unrelated_article_of_the_same_outlet_is_not_taken_for_a_correction(fresh_store, pipeline):
    put(fresh_store, pipeline, OTHER, url="https://kivu.example/sake-attack", outlet="Kivu Morning Post")
    other = put(fresh_store, pipeline, FIRST.replace("Dnipro Daily", "Kivu Morning Post"),
                url="https://kivu.example/kharkiv", outlet="Kivu Morning Post")
    row = fresh_store.conn.execute("SELECT corrects FROM documents WHERE id = ?", (other.document_id,)).fetchone()
    assert row["corrects"] is None
    assert fresh_store.conn.execute("SELECT COUNT(*) FROM events WHERE state != 'current'").fetchone()[0] == 0


def test_a_retraction_at_the_same_url_retracts_the_events_and_empties_the_incident(fresh_store, pipeline):
    first = put(fresh_store, pipeline, FIRST, url=URL)
    retraction = put(fresh_store, pipeline, RETRACTION, url=URL, published="2025-03-06")
    q = fresh_store.conn.execute
    assert q("SELECT retracted FROM documents WHERE id = ?", (first.document_id,)).fetchone()[0].startswith(
        "This story has been retracted")
    assert {r[0] for r in q("SELECT state FROM events WHERE document_id = ?", (first.document_id,))} == {"retracted"}
    # the notice restates what it retracts: its own events are not current either
    assert q("SELECT COUNT(*) FROM events WHERE state = 'current'").fetchone()[0] == 0
    (incident_id, state) = q("SELECT id, state FROM incidents").fetchone()
    assert state == "retracted"
    last = history(fresh_store, "incident", incident_id)[-1]
    assert last["change"] == "retracted" and last["cause"]["document_id"] == retraction.document_id
    assert last["state"]["casualties"]  # the summary as it stood stays readable
    changes = {(c["record"], c["change"]) for c in history(fresh_store, "document", first.document_id)}
    assert {("document", "created"), ("document", "revised"), ("document", "retracted")} <= changes


@pytest.mark.parametrize("text, kind", [
    ("Correction: An earlier version of this article misstated the name of the village.", "correction"),
    ("Editor's note: this story was updated to correct the number of people killed.", "correction"),
    ("This story has been retracted. It relied on a single source.", "retraction"),
    ("Retraction — the report on the Kharkiv shelling was wrong.", "retraction"),
    ("UPDATE: Adds the governor's comment.", "update"),
    ("Rebels shelled the town on Tuesday, correcting their aim after the first rounds fell short.", None),
    ("The ministry said an earlier figure of 12 dead was revised upwards.", None),
])
def test_correction_notes(text, kind):
    note = find_note(f"Headline\n\nBody of the story.\n\n{text}")
    assert (note.kind if note else None) == kind


def test_a_note_in_the_removed_boilerplate_counts():
    note = find_note("Body of the story.", ["Clarification: The earlier version misidentified the brigade."])
    assert note is not None and note.kind == "correction"


def test_paragraph_diff():
    assert paragraph_diff("a\n\nb\n\nc", "a\n\nB\n\nc\n\nd") == {"added": ["B", "d"], "removed": ["b"]}


def _rows(path):
    """Every row of every table, sorted: a store's contents, record by record. Documents and incident
    reports with their rowids too (listings read them in rowid order; the full-text index keys on
    the document's); the other tables' rowids are SQLite's own bookkeeping."""
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                         "'sqlite_%' AND name NOT LIKE 'documents_fts%' AND name != '_migrations'")]
    out = {t: sorted(map(repr, conn.execute(f'SELECT {"rowid, " if t in ("documents", "incident_reports") else ""}* '
                                            f'FROM "{t}"'))) for t in tables}
    out["fts"] = sorted(map(repr, conn.execute("SELECT rowid, title FROM documents_fts")))
    conn.close()
    return out


def test_a_copy_taken_at_t_and_given_the_feed_since_t_equals_the_store(tmp_path, pipeline):
    a_path, b_path = tmp_path / "a.db", tmp_path / "b.db"
    with Store.open(a_path) as a:
        put(a, pipeline, OTHER, url="https://kivu.example/sake-attack", outlet="Kivu Morning Post",
            published="2025-05-15")
        put(a, pipeline, FIRST, url=URL)
    shutil.copy(a_path, b_path)  # the copy, taken at T (no writer open: WAL checkpointed on close)
    t = now()
    with Store.open(a_path) as a:
        put(a, pipeline, SECOND, url=URL, published="2025-03-05")  # a page update
        put(a, pipeline, NOTICE, url="https://kivu.example/corrections/sake", outlet="Kivu Morning Post",
            published="2025-05-16")  # a correction
        put(a, pipeline, RETRACTION, url=URL, published="2025-03-06")  # a retraction
        put(a, pipeline, SECOND, url="https://mirror.example/kharkiv", outlet="Mirror Wire")  # an exact copy
        from storyworld.store.sync import export_changes

        feed = tmp_path / "feed.jsonl"
        with feed.open("w", encoding="utf-8") as out:
            n = export_changes(a, out, normalise_time(t))
    lines = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    assert n == len(lines) > 5
    assert {line["change"] for line in lines} >= {"created", "revised", "retracted"}
    assert all({"change", "record", "id", "version", "at", "fields", "cause"} <= set(line) for line in lines)
    assert _rows(a_path) != _rows(b_path)
    from storyworld.store.sync import import_changes

    with Store.open(b_path) as b:
        counts = import_changes(b, feed.read_text(encoding="utf-8").splitlines())
    assert counts == {"applied": n, "already_present": 0}
    assert _rows(a_path) == _rows(b_path)  # record by record, rowids and the full-text index included
    with Store.open(b_path) as b:  # the same feed again changes nothing
        assert import_changes(b, feed.read_text(encoding="utf-8").splitlines()) == {"applied": 0, "already_present": n}
    assert _rows(a_path) == _rows(b_path)


def _copied_then_updated(tmp_path, pipeline):
    """Store A with a page, B a copy of it taken at T, then the page's next version in A: (A, B, T)."""
    a_path, b_path = tmp_path / "a.db", tmp_path / "b.db"
    with Store.open(a_path) as a:
        put(a, pipeline, FIRST, url=URL)
    shutil.copy(a_path, b_path)
    t = now()
    with Store.open(a_path) as a:
        put(a, pipeline, SECOND, url=URL, published="2025-03-05")
    return a_path, b_path, t


def test_a_store_with_changes_of_its_own_refuses_the_feed_and_keeps_everything(tmp_path, pipeline):
    from storyworld.store.sync import export_changes, import_changes
    from storyworld.errors import InputError

    a_path, b_path, t = _copied_then_updated(tmp_path, pipeline)
    with Store.open(a_path) as a:
        feed = tmp_path / "feed.jsonl"
        with feed.open("w", encoding="utf-8") as out:
            export_changes(a, out, t)
    with Store.open(b_path) as b:
        put(b, pipeline, OTHER, url="https://kivu.example/sake-attack", outlet="Kivu Morning Post")
    before = _rows(b_path)
    with Store.open(b_path) as b, pytest.raises(InputError, match="E030"):
        import_changes(b, feed.read_text(encoding="utf-8").splitlines(), name="feed.jsonl")
    assert _rows(b_path) == before
    with Store.open(b_path) as b, pytest.raises(InputError, match=r"E030.*line 1.*not JSON"):
        import_changes(b, ["{not json"], name="broken.jsonl")


def test_eval_revisions_loses_nothing_and_overwrites_nothing_silently():
    from storyworld.eval.revisions import evaluate

    from pathlib import Path

    report = evaluate(Path(__file__).resolve().parents[2] / "demo", split="dev", limit=3)
    assert report.counts["records.lost"] >= 6  # documents ingested and checked
    assert report.metrics["records.lost"] == 0 and report.metrics["records.overwritten_silently"] == 0
    assert report.metrics["corrections.linked"] == 1.0


def test_cli_exports_a_changes_feed_and_imports_it(tmp_path, pipeline):
    from click.testing import CliRunner

    from storyworld.cli import cli

    a_path, b_path, t = _copied_then_updated(tmp_path, pipeline)
    runner = CliRunner()
    feed = tmp_path / "changes.jsonl"
    result = runner.invoke(cli, ["export", "--db", str(a_path), "--changes-since", t, "--format", "jsonl",
                                 "-o", str(feed)])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["change"] for line in feed.read_text().splitlines()][0] == "revised"
    result = runner.invoke(cli, ["import-changes", str(feed), "--db", str(b_path)])
    assert result.exit_code == 0 and "applied" in result.output
    assert _rows(a_path) == _rows(b_path)
    bad = runner.invoke(cli, ["export", "--db", str(a_path), "--changes-since", "last week", "--format", "jsonl"])
    assert bad.exit_code == 2 and "E407" in bad.output
    csv = runner.invoke(cli, ["export", "--db", str(a_path), "--changes-since", t, "--format", "csv"])
    assert csv.exit_code == 2 and "jsonl" in csv.output


def test_an_actual_report_published_before_the_incident_day_does_not_make_it_actual():
    from storyworld.corpus.update import _reported_before_it

    slogan = {"modality": "actual", "published": "2025-05-07"}  # "we are marching", two days before
    assert _reported_before_it(slogan, "2025-05-09", "day")
    assert not _reported_before_it({"modality": "actual", "published": "2025-05-10"}, "2025-05-09", "day")
    assert not _reported_before_it({"modality": "planned", "published": "2025-05-07"}, "2025-05-09", "day")
    assert not _reported_before_it(slogan, "2025-05", "month")  # a month's date says nothing of the day
    assert not _reported_before_it({"modality": "actual", "published": None}, "2025-05-09", "day")
