"""Choose the real articles of the `dev-real` / `test-real` gold set, reproducibly (issue 24).

    .venv/bin/python tools/select_real_gold.py        # writes gold-real/articles.csv

From the shared gold sets of real news that nobody here wrote (../shared/eval), per corpus: the
articles between 600 and 5,000 characters, ordered by the SHA-1 of their id, the first N; then
alternately `dev` and `test` in that order, so each corpus is split in half by article. PolNeAR
comes from its dev split only; ECB+ from the topics about crime, unrest, disasters and politics
(its text is tokenised, so few of them). The articles' text stays in ../shared: the gold files
hold only ids and character offsets.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "eval"
OUT = REPO / "gold-real" / "articles.csv"
# corpus: (file under ../shared/eval, how many, a filter on the record); the first N go to dev/test
# alternately, the next DEV2[corpus] to `dev2`, a second development split annotated later (session
# 27) so that rules made on one dev split can be checked on the other, and the next DEV3[corpus] to
# `dev3`, annotated in the same session before any rule was tried on it: the session's held-out check;
# and the next DEV4[corpus] to `dev4` (session 29), the same again after dev3 had been studied
CORPORA = {
    "gwn": ("geoparsing/gwn.jsonl", 14, lambda r: True),
    "lgl": ("geoparsing/lgl.jsonl", 10, lambda r: True),
    "trnews": ("geoparsing/trnews.jsonl", 8, lambda r: True),
    "geovirus": ("geoparsing/geovirus.jsonl", 6, lambda r: True),
    "polnear": ("polnear/dev-test.jsonl", 8, lambda r: r["split"] == "dev"),
    "meantime": ("meantime/meantime.jsonl", 8, lambda r: True),
    "ecbplus": ("ecbplus/ecbplus.jsonl", 6, lambda r: r["topic"] in {3, 8, 11, 12, 14, 19, 24, 26, 30, 41}),
}
DEV2 = {"gwn": 8, "trnews": 6, "lgl": 4, "ecbplus": 3, "meantime": 3}
DEV3 = {"gwn": 8, "trnews": 6, "lgl": 4, "ecbplus": 3, "meantime": 3}
DEV4 = {"gwn": 8, "trnews": 6, "lgl": 4, "ecbplus": 3, "meantime": 3}
MIN_CHARS, MAX_CHARS = 600, 5000


def published(corpus: str, record: dict) -> str:
    """The publication date the record itself gives (MEANTIME's creation time, PolNeAR's date); the
    annotators add one read from a URL or the text where the record has none."""
    return record.get("dct") or record.get("published") or ""


def main() -> int:
    if not SHARED.exists():
        print(f"{SHARED} is absent", file=sys.stderr)
        return 2
    rows = []
    for corpus, (file, count, keep) in CORPORA.items():
        records = [json.loads(line) for line in (SHARED / file).open(encoding="utf-8")]
        records = [r for r in records if keep(r) and MIN_CHARS <= len(r["text"]) <= MAX_CHARS]
        records.sort(key=lambda r: hashlib.sha1(str(r["id"]).encode()).hexdigest())
        dev2 = count + DEV2.get(corpus, 0)
        dev3 = dev2 + DEV3.get(corpus, 0)
        for i, record in enumerate(records[:dev3 + DEV4.get(corpus, 0)]):
            split = ("dev4" if i >= dev3 else "dev3" if i >= dev2 else "dev2" if i >= count
                     else "dev" if i % 2 == 0 else "test")
            rows.append({"corpus": corpus, "file": file, "id": str(record["id"]),
                         "split": split, "chars": len(record["text"]),
                         "published": published(corpus, record)})
    OUT.parent.mkdir(exist_ok=True)
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} articles -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
