from __future__ import annotations

import pytest

from storyworld.corpus.duplicates import NearDuplicateIndex, from_blob, minhash_signature, to_blob
from storyworld.service import ingest

WIRE = ("Shells struck a camp for displaced people west of Goma on Friday, killing at least six civilians and "
        "wounding 14 others, camp officials and witnesses said. The army accused M23 rebels of firing the shells "
        "from positions in the hills above Sake. The M23 denied firing on the camp and blamed government forces. "
        "More than 600,000 people have fled to the outskirts of Goma since fighting resumed last year.")
COPY = WIRE.replace("at least six civilians", "six civilians") + " This story was republished under licence."
OTHER = ("Thousands of people marched through central Bamako on Friday to protest against fuel shortages and "
         "power cuts that have crippled the capital for weeks, witnesses said, and police fired tear gas.")


def test_duplicates_index_finds_the_first_copy_only():
    index = NearDuplicateIndex()
    index.add("wire", minhash_signature(WIRE))
    assert index.find(minhash_signature(COPY)) == "wire"
    assert index.find(minhash_signature(OTHER)) is None
    index.add("copy", minhash_signature(COPY))
    assert index.find(minhash_signature(WIRE), exclude="wire") == "copy"


LONGER = WIRE + (" Aid agencies said the camp at Lushagala had received no food deliveries for three weeks, and "
                 "that cholera cases had doubled since the start of the month. The provincial governor visited "
                 "the wounded at a hospital in Goma on Saturday and promised an inquiry into the shelling. The "
                 "United Nations mission said its peacekeepers had moved two armoured vehicles to the edge of the "
                 "camp and would patrol the road to Sake at night. Residents said many families had already left "
                 "for the city, carrying what they could on their heads.")


def test_duplicates_a_trimmed_or_retitled_copy_is_a_copy_though_its_jaccard_is_low():
    index = NearDuplicateIndex()
    index.add("long", minhash_signature(LONGER))
    # another outlet's headline, a word changed, the last three sentences cut
    kept = LONGER[:LONGER.index(" The provincial governor")]
    trimmed = "Goma camp shelled, six dead. " + kept.replace("at least six", "six")
    signature = minhash_signature(trimmed)
    assert index._signatures["long"].jaccard(signature) < 0.65  # Jaccard alone would analyse it again
    assert index.find(signature) == "long"


def test_duplicates_a_longer_text_around_an_earlier_brief_is_analysed():
    index = NearDuplicateIndex()
    index.add("brief", minhash_signature(WIRE))
    assert index.find(minhash_signature(LONGER)) is None  # half of it is its own: not a copy


def test_duplicates_signatures_round_trip_through_bytes():
    sig = minhash_signature(WIRE)
    assert from_blob(to_blob(sig)).jaccard(sig) == 1.0


@pytest.mark.slow  # runs the spaCy model
def test_duplicates_ingest_links_copies_and_survives_reopening(tmp_path, fresh_store):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-wire.txt").write_text(WIRE)
    (folder / "b-copy.txt").write_text(COPY)
    (folder / "c-other.txt").write_text(OTHER)
    report = ingest([folder], store=fresh_store)
    assert (report.added, report.duplicates) == (2, 1)
    rows = dict(fresh_store.conn.execute("SELECT origin, status FROM documents").fetchall())
    assert rows[str(folder / "b-copy.txt")] == "duplicate"
    # a later batch sees the stored signatures: a second copy links to the same original
    later = tmp_path / "later"
    later.mkdir()
    (later / "d-copy.txt").write_text(COPY.replace("republished", "reprinted"))
    assert ingest([later], store=fresh_store).duplicates == 1
    originals = {r[0] for r in fresh_store.conn.execute(
        "SELECT duplicate_of FROM documents WHERE status = 'duplicate'")}
    assert len(originals) == 1
