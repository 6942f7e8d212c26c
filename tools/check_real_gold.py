"""Check the gold-real annotations against the shared texts, and show what each span covers.

    .venv/bin/python tools/check_real_gold.py                    # check every file, one line each
    .venv/bin/python tools/check_real_gold.py gold-real/dev/gwn__gwn-121.json --show

Checks: the file names an article of gold-real/articles.csv in the right split folder; every key
of docs/gold-real-format.md is present; every span lies inside the text, is not empty and has no
spaces at its ends; a trigger, actor, target, place and cue lie inside their sentence where they
should; types, modalities, precisions, roles, kinds and reasons are from their lists; country codes
are ISO 3166-1 alpha-3; dates match their precision.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "gold-real"
SHARED = REPO.parent / "shared" / "eval"
TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
MODALITIES = {"actual", "requested", "threatened", "planned", "negated", "hypothetical"}
PRECISIONS = {"site", "city", "admin2", "admin1", "country", "region", "water"}
DATE_PRECISIONS = {"day": r"\d{4}-\d{2}-\d{2}", "week": r"\d{4}-W\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}
KINDS = {"outlet", "official", "person", "organization", "anonymous", "document"}
REASONS = {"appeal", "newsletter", "related", "caption", "bio", "copyright", "social", "navigation", "advert",
           "comments", "byline", "credit", "correction", "dateline"}
ROLES = {"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "MED", "CVL", "REF", "IGO", "NGO", "BUS", "CRM", "LEG",
         "EDU", "REL", "HLH", "LAB", "SPY", "AGR", None}
PUBLISHED_FROM = {"record", "url", "text", None}


def load_articles() -> dict[tuple[str, str], dict]:
    with (GOLD / "articles.csv").open(encoding="utf-8") as handle:
        return {(r["corpus"], r["id"]): r for r in csv.DictReader(handle)}


def shared_text(row: dict) -> str:
    with (SHARED / row["file"]).open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if str(record["id"]) == row["id"]:
                return record["text"]
    raise KeyError(f"{row['id']} not in {row['file']}")


def check(path: Path, articles, show: bool = False) -> list[str]:
    problems: list[str] = []
    gold = json.loads(path.read_text("utf-8"))
    row = articles.get((gold.get("corpus"), gold.get("id")))
    if row is None:
        return [f"{path.name}: not an article of articles.csv"]
    if path.parent.name != row["split"]:
        problems.append(f"in {path.parent.name}/ but its split is {row['split']}")
    text = shared_text(row)
    for key in ("published", "published_from", "outlet", "boilerplate", "events", "claims"):
        if key not in gold:
            problems.append(f"missing key {key}")
    if gold.get("published") and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", gold["published"]):
        problems.append(f"published {gold['published']!r} is not YYYY-MM-DD")
    if gold.get("published_from") not in PUBLISHED_FROM:
        problems.append(f"published_from {gold.get('published_from')!r}")

    def span(value, what: str, inside=None):
        if value is None:
            return None
        if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)):
            problems.append(f"{what}: {value!r} is not [start, end]")
            return None
        start, end = value
        if not 0 <= start < end <= len(text):
            problems.append(f"{what}: {value} outside the text (0..{len(text)})")
            return None
        if text[start].isspace() or text[end - 1].isspace():
            problems.append(f"{what}: {value} starts or ends with a space: {text[start:end]!r}")
        if inside and not (inside[0] <= start and end <= inside[1]):
            problems.append(f"{what}: {value} is not inside its sentence {inside}")
        if show:
            print(f"  {what}: {text[start:end]!r}")
        return value

    def sources(chain, what: str):
        for i, source in enumerate(chain or []):
            if not source.get("name") or source.get("kind") not in KINDS:
                problems.append(f"{what}.sources[{i}]: {source}")

    for i, b in enumerate(gold.get("boilerplate", [])):
        span(b.get("span"), f"boilerplate[{i}]")
        if b.get("reason") not in REASONS:
            problems.append(f"boilerplate[{i}].reason {b.get('reason')!r}")
    for i, e in enumerate(gold.get("events", [])):
        what = f"events[{i}]"
        sentence = span(e.get("sentence"), f"{what}.sentence")
        span(e.get("trigger"), f"{what}.trigger", sentence)
        if e.get("type") not in TYPES:
            problems.append(f"{what}.type {e.get('type')!r}")
        if e.get("modality") not in MODALITIES:
            problems.append(f"{what}.modality {e.get('modality')!r}")
        for party in ("actor", "target"):
            value = e.get(party, "missing")
            if value == "missing":
                problems.append(f"{what}.{party} missing (null if none)")
            elif value is not None:
                span(value.get("span"), f"{what}.{party}")
                country = value.get("country")
                if country is not None and not re.fullmatch(r"[A-Z]{3}", country):
                    problems.append(f"{what}.{party}.country {country!r}")
                if value.get("role") not in ROLES:
                    problems.append(f"{what}.{party}.role {value.get('role')!r}")
        place = e.get("place", "missing")
        if place == "missing":
            problems.append(f"{what}.place missing (null if none)")
        elif place is not None:
            span(place.get("span"), f"{what}.place")
            if place.get("precision") not in PRECISIONS:
                problems.append(f"{what}.place.precision {place.get('precision')!r}")
            if not isinstance(place.get("lat"), (int, float)) or not isinstance(place.get("lon"), (int, float)):
                problems.append(f"{what}.place has no coordinates")
        date, precision = e.get("date"), e.get("date_precision")
        if date is not None and (precision not in DATE_PRECISIONS or not re.fullmatch(DATE_PRECISIONS[precision], date)):
            problems.append(f"{what}.date {date!r} / {precision!r}")
        if date is None and precision is not None:
            problems.append(f"{what}.date_precision without a date")
        sources(e.get("sources"), what)
    for i, c in enumerate(gold.get("claims", [])):
        what = f"claims[{i}]"
        sentence = span(c.get("span"), f"{what}.span")
        span(c.get("cue"), f"{what}.cue", sentence)
        sources(c.get("sources"), what)
        if not c.get("sources"):
            problems.append(f"{what} has no source")
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--show", action="store_true", help="print the text of every span")
    args = parser.parse_args(argv)
    articles = load_articles()
    files = args.files or sorted(GOLD.glob("*/*.json"))
    bad = 0
    for path in files:
        problems = check(path, articles, show=args.show)
        bad += bool(problems)
        print(f"{'FAIL' if problems else 'ok  '} {path.relative_to(GOLD) if path.is_absolute() else path}")
        for p in problems:
            print(f"     {p}")
    print(f"{len(files) - bad} of {len(files)} files ok")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
