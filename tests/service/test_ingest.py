"""The service's ingest: many inputs (the CLI) and one text (the API) go through the same steps."""

from __future__ import annotations

import pytest

from storyworld.service import ingest, ingest_text

WIRE = ("Shells struck a camp for displaced people west of Goma on Friday, killing at least six civilians and "
        "wounding 14 others, camp officials and witnesses said. The army accused M23 rebels of firing the shells "
        "from positions in the hills above Sake. The M23 denied firing on the camp and blamed government forces.")
COPY = WIRE.replace("at least six civilians", "six civilians") + " This story was republished under licence."
FRENCH = ("Les manifestants ont défilé dans les rues de Paris samedi pour protester contre la réforme des retraites, "
          "selon la police.")


@pytest.mark.slow  # runs the spaCy model
def test_ingest_text_links_copies_and_skips_other_languages_like_ingest(tmp_path, fresh_store):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "wire.txt").write_text(WIRE)
    assert ingest([folder], store=fresh_store).added == 1
    copy = ingest_text(COPY, store=fresh_store, published="2025-03-03")
    assert copy.status == "duplicate"  # the signature stored by the batch finds it
    assert ingest_text(COPY, store=fresh_store).status == "exists"
    assert ingest_text(FRENCH, store=fresh_store).status == "skipped"
    added = ingest_text("Protesters marched in central Nairobi on Monday against new taxes, police said.",
                        store=fresh_store)
    assert added.status == "added" and added.events >= 1
    later = tmp_path / "later"
    later.mkdir()
    (later / "copy.txt").write_text(COPY.replace("republished", "reprinted"))
    assert ingest([later], store=fresh_store).duplicates == 1


def test_ingest_near_duplicate_index_learns_what_another_writer_stored(tmp_path):
    """Two ingests into one store: a copy read by the second after the first stored its original is
    linked, not analysed again (the index reads signatures written since it was built)."""
    from storyworld.body.document import document_id
    from storyworld.corpus.duplicates import minhash_signature, to_blob
    from storyworld.service.ingest import _Copies
    from storyworld.store import Store
    from storyworld.types import Document

    with Store.open(tmp_path / "s.db") as first, Store.open(tmp_path / "s.db") as second:
        copies = _Copies(second)  # built before the original is stored
        original = Document(id=document_id(WIRE), text=WIRE, language="en")
        first.save_unanalysed(original, status="skipped")
        first.save_signature(original.id, to_blob(minhash_signature(WIRE)))
        copy = Document(id=document_id(COPY), text=COPY, language="en")
        assert copies.original_of(copy) == original.id


@pytest.mark.slow  # runs the spaCy model
def test_ingest_an_exact_copy_from_another_outlet_is_its_report(fresh_store):
    """Issue 28: the same text from two outlets is two reports: the second is stored under its own
    id, linked to the first, and counted in the first's incidents; ingesting either again adds nothing."""
    from storyworld.store.queries import incidents

    first = ingest_text(WIRE, store=fresh_store, outlet="Kivu Morning Post", url="https://kivu.example/shells",
                        published="2025-03-03")
    assert first.status == "added" and first.events >= 1
    copy = ingest_text(WIRE, store=fresh_store, outlet="Great Lakes Wire", url="https://glw.example/goma-camp",
                       published="2025-03-03")
    assert copy.status == "duplicate" and copy.document_id != first.document_id
    rows = fresh_store.conn.execute("SELECT id, outlet, duplicate_of, status FROM documents ORDER BY rowid").fetchall()
    assert [(r["outlet"], r["duplicate_of"]) for r in rows] == [("Kivu Morning Post", None),
                                                                ("Great Lakes Wire", first.document_id)]
    found = incidents(fresh_store)
    assert found and all({r["document"]["outlet"] for r in i["reports"]} == {"Kivu Morning Post", "Great Lakes Wire"}
                         for i in found), found
    # a syndicated copy is a report, not an origin: it carries its original's chain
    assert all(o["reports"] == 2 for i in found for o in i["origins"]), found
    # ingesting either again adds nothing; the same text at the same URL, or with no URL or outlet, is stored
    assert ingest_text(WIRE, store=fresh_store, outlet="Great Lakes Wire",
                       url="https://glw.example/goma-camp").status == "exists"
    assert ingest_text(WIRE, store=fresh_store, url="https://kivu.example/shells/").status == "exists"
    assert ingest_text(WIRE, store=fresh_store).status == "exists"
    assert fresh_store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 2


@pytest.mark.slow  # runs the spaCy model
def test_ingest_an_exact_copy_read_in_the_same_batch_is_its_outlets_report(tmp_path, fresh_store):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(WIRE)
    (folder / "b.txt").write_text(WIRE)
    (folder / "meta.csv").write_text("file,outlet,published,url,title\n"
                                     "a.txt,Kivu Morning Post,2025-03-03,https://kivu.example/shells,Shells\n"
                                     "b.txt,Great Lakes Wire,2025-03-03,https://glw.example/goma-camp,Shells\n")
    report = ingest([folder / "a.txt", folder / "b.txt"], store=fresh_store, meta=folder)
    assert (report.added, report.duplicates, report.existing) == (1, 1, 0)
    again = ingest([folder / "a.txt", folder / "b.txt"], store=fresh_store, meta=folder)
    assert (again.added, again.duplicates, again.existing) == (0, 0, 2)
    assert again.timings.get("parse", 0.0) == 0.0  # found stored before it was parsed: nothing analysed again
