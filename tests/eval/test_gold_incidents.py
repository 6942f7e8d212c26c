"""gold-incidents is well formed: every gold sentence is verbatim in its file, every file is listed
once, exact copies are byte-identical, and each split holds its incidents, distractors and copies."""

from __future__ import annotations

import csv
import itertools
import json
from pathlib import Path

from storyworld.types import PLOVER_TYPES

SET = Path(__file__).resolve().parents[2] / "gold-incidents"
SPLITS = ("dev", "dev2", "test")


def _meta() -> dict[str, dict[str, str]]:
    with (SET / "meta.csv").open(encoding="utf-8", newline="") as fh:
        return {row["file"]: row for row in csv.DictReader(fh)}


def test_gold_incidents_sentences_files_and_copies_agree():
    meta, gold = _meta(), json.loads((SET / "gold" / "incidents.json").read_text("utf-8"))
    files = {p.name for p in (SET / "articles").iterdir()}
    assert files == set(meta)
    assert len({row["url"] for row in meta.values()}) == len(meta)  # a copy is at another URL
    listed = set()
    for incident in gold["incidents"]:
        assert incident["type"] in PLOVER_TYPES and incident["split"] in SPLITS
        assert incident["independent_origins"] == len(incident["origins"]) >= 1
        for report in incident["reports"]:
            assert report["sentence"] in (SET / "articles" / report["file"]).read_text("utf-8"), report
            assert not meta[report["file"]]["duplicate_of"], f"{report['file']}: a copy is listed in meta.csv only"
            listed.add(report["file"])
    for distractor in gold["distractors"]:
        assert distractor["sentence"] in (SET / "articles" / distractor["file"]).read_text("utf-8")
        listed.add(distractor["file"])
    copies = {f: row["duplicate_of"] for f, row in meta.items() if row["duplicate_of"]}
    assert files == listed | set(copies)
    for copy, original in copies.items():
        assert original in listed
        assert (SET / "articles" / copy).read_text("utf-8") != "" and meta[copy]["outlet"] != meta[original]["outlet"]


def test_gold_incidents_splits_keep_their_happenings_apart():
    from storyworld.eval.incidents import _split_files

    gold = json.loads((SET / "gold" / "incidents.json").read_text("utf-8"))
    files = {split: _split_files(SET, gold, split) for split in SPLITS}
    for split, other in itertools.combinations(SPLITS, 2):
        assert files[split] and files[other] and not files[split] & files[other], (split, other)
    assert set().union(*files.values()) == {p.name for p in (SET / "articles").iterdir()}
    # each split has several happenings and look-alikes
    for split in SPLITS:
        assert sum(i["split"] == split for i in gold["incidents"]) >= 5
        assert sum(d["split"] == split for d in gold["distractors"]) >= 4
