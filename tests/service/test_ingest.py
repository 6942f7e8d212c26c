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
