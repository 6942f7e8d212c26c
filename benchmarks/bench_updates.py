"""Updated pages against new pages (issue 27): ingesting N later versions of stored pages must cost
no more than 1.5 × ingesting N new pages.

    .venv/bin/python benchmarks/bench_updates.py [--n 1000] [--seed 27]

A store holds N pages (version 1, each at its own URL). Two copies of it are made; into one,
N new pages (other URLs, other stories) are ingested; into the other, N later versions of the
stored pages (same URLs: the toll changed, a paragraph added, sometimes a correction note). Both
go through the service layer with one warm pipeline, so the difference is what versioning costs:
finding the page's previous version, matching its events, superseding them, the paragraph diff,
the incidents' new versions and the changes log. Prints one JSON line per run and the ratio.

The articles are generated here from sentence templates with random places, parties and figures,
varied enough that none is a near-duplicate of another (the line reports how many were).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

PLACES = ["Kharkiv", "Kherson", "Zaporizhzhia", "Sumy", "Goma", "Bunia", "Beni", "Mopti", "Gao", "Timbuktu",
          "El Fasher", "Omdurman", "Kadugli", "Mogadishu", "Baidoa", "Kismayo", "Sittwe", "Lashio", "Myitkyina",
          "Port-au-Prince", "Cap-Haitien", "Popayan", "Cucuta", "Arauca", "Maiduguri", "Kaduna", "Zamfara",
          "Marib", "Taiz", "Hodeidah", "Idlib", "Aleppo", "Deir ez-Zor", "Kirkuk", "Mosul", "Kandahar", "Kunduz"]
ACTORS = ["government forces", "rebel fighters", "militiamen", "unidentified gunmen", "soldiers", "police",
          "a drone", "insurgents", "armed men on motorcycles", "artillery units"]
SOURCES = ["the regional governor", "the health ministry", "a local official", "witnesses", "a hospital director",
           "the army spokesman", "a monitoring group", "the United Nations", "residents", "the police chief"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
LEADS = [
    "{actor} attacked a market in {place} on {day}, killing {killed} people and wounding {wounded}, {source} said.",
    "At least {killed} people were killed when {actor} shelled residential areas of {place} on {day}, "
    "according to {source}.",
    "{actor} opened fire on a checkpoint near {place} on {day}, killing {killed} and injuring {wounded}, "
    "{source} told reporters.",
    "A strike by {actor} hit a school outside {place} on {day}; {source} said {killed} people died.",
]
BODY = [
    "Rescue teams worked through the night to pull survivors from collapsed buildings in the {quarter} district.",
    "{source2} said the attack was the deadliest in the area since {month}.",
    "Local leaders called for an independent inquiry and urged the authorities to protect civilians.",
    "The {actor2} denied involvement and accused their rivals of staging the incident.",
    "Hundreds of families left {place2} after the attack, aid workers said, heading for camps near {place3}.",
    "Hospitals in {place2} appealed for blood donations and said they were running short of medicines.",
    "Fighting has intensified around {place3} in recent weeks as both sides seek to control the main road.",
    "A ceasefire brokered in {month} collapsed within days, and talks have since stalled.",
    "Residents described hearing {count} explosions shortly after {hour} o'clock.",
    "The {org} said it was sending a team to assess the needs of the displaced.",
]
QUARTERS = ["northern", "eastern", "old", "central", "riverside", "industrial", "market", "university"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
ORGS = ["Red Cross", "World Food Programme", "UN refugee agency", "Norwegian Refugee Council", "Medecins Sans Frontieres"]
UPDATES = [
    "The death toll rose to {killed} on {day2}, {source} said, as more bodies were recovered from the rubble.",
    "Correction: An earlier version of this article misstated the number of people wounded. It was {wounded}.",
    "Update: {source2} said on {day2} that {killed} people had died, among them {children} children.",
]


def article(rng: random.Random, i: int) -> dict:
    place, place2, place3 = rng.sample(PLACES, 3)
    values = {"actor": rng.choice(ACTORS), "actor2": rng.choice(ACTORS), "place": place, "place2": place2,
              "place3": place3, "day": rng.choice(DAYS), "day2": rng.choice(DAYS), "killed": rng.randint(2, 60),
              "wounded": rng.randint(3, 120), "source": rng.choice(SOURCES), "source2": rng.choice(SOURCES),
              "quarter": rng.choice(QUARTERS), "month": rng.choice(MONTHS), "count": rng.randint(2, 9),
              "hour": rng.randint(1, 11), "org": rng.choice(ORGS), "children": rng.randint(1, 5)}
    lead = rng.choice(LEADS).format(**values)
    body = [s.format(**values) for s in rng.sample(BODY, 5)]
    title = f"{values['killed']} killed in attack on {place}"
    return {"i": i, "values": values, "title": title,
            "text": f"{title}\n\n{lead[0].upper() + lead[1:]}\n\n" + "\n\n".join(body) +
                    f"\n\nStory {i}: reporting from {place} and {place2}."}


def updated(rng: random.Random, a: dict) -> dict:
    values = dict(a["values"], killed=a["values"]["killed"] + rng.randint(1, 20))
    note = rng.choice(UPDATES).format(**values)
    text = a["text"].replace(f"{a['values']['killed']} killed", f"{values['killed']} killed", 1)
    return {"i": a["i"], "title": a["title"], "text": f"{text}\n\n{note}"}


def write(folder: Path, items: list[dict], *, url_of, published: str) -> None:
    folder.mkdir(parents=True)
    with (folder / "meta.csv").open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["file", "outlet", "published", "url", "title"])
        for it in items:
            name = f"a{it['i']:05d}.txt"
            (folder / name).write_text(it["text"], encoding="utf-8")
            out.writerow([name, "Bench Wire", published, url_of(it["i"]), it["title"]])


def write_corpus(folder: Path, n: int, seed: int) -> None:
    """N distinct articles (``article``), one file each with meta.csv, all published 2025-06-20: the
    corpus of the throughput and Spark benchmarks."""
    rng = random.Random(seed)
    write(folder, [article(rng, i) for i in range(n)], url_of=lambda i: f"https://bench.example/a/{i}",
          published="2025-06-20")


def timed_ingest(folder: Path, db: Path, pipeline) -> dict:
    from storyworld.service import ingest
    from storyworld.store import Store

    started = time.perf_counter()
    with Store.open(db) as store:
        report = ingest([folder], store=store, meta=folder, pipeline=pipeline)
        changes = store.conn.execute("SELECT COUNT(*) FROM changes").fetchone()[0]
        versions = store.conn.execute("SELECT COUNT(*) FROM documents WHERE version > 1").fetchone()[0]
    seconds = time.perf_counter() - started
    return {"inputs": report.seen, "stored": report.added, "duplicates": report.duplicates,
            "failed": len(report.failed), "events": report.events, "page_versions": versions,
            "changes_logged": changes, "seconds": round(seconds, 2),
            "ms_per_article": round(1000 * seconds / max(1, report.seen), 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=27)
    args = parser.parse_args()
    from storyworld.service import make_pipeline

    rng = random.Random(args.seed)
    base = [article(rng, i) for i in range(args.n)]
    fresh = [article(rng, args.n + i) for i in range(args.n)]
    later = [updated(rng, a) for a in base]
    pipeline = make_pipeline()
    with tempfile.TemporaryDirectory(prefix="sw-bench-updates-") as tmp:
        tmp = Path(tmp)
        url = lambda i: f"https://benchwire.example/story/{i}"  # noqa: E731
        write(tmp / "base", base, url_of=url, published="2025-06-01")
        write(tmp / "new", fresh, url_of=url, published="2025-06-02")
        write(tmp / "updates", later, url_of=url, published="2025-06-02")
        timed_ingest(tmp / "new", tmp / "warm.db", pipeline)  # warm the model and the tables once
        stored = timed_ingest(tmp / "base", tmp / "base.db", pipeline)
        print(json.dumps({"run": "base store", **stored}))
        shutil.copy(tmp / "base.db", tmp / "a.db")
        shutil.copy(tmp / "base.db", tmp / "b.db")
        new = timed_ingest(tmp / "new", tmp / "a.db", pipeline)
        print(json.dumps({"run": f"{args.n} new pages", **new}))
        upd = timed_ingest(tmp / "updates", tmp / "b.db", pipeline)
        print(json.dumps({"run": f"{args.n} updated pages", **upd}))
    ratio = upd["seconds"] / new["seconds"]
    print(json.dumps({"updated_over_new": round(ratio, 3), "target": 1.5, "met": ratio <= 1.5}))
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
