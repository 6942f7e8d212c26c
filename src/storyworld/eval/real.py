"""`storyworld eval real`: the whole system on real news nobody here wrote (`gold-real/`, issue 24).

Every figure is end to end: the system reads the article itself (body, parse, every stage) and
every gold item is in the denominator; an event the system misses counts against its date, place,
countries and chain too. The articles' text is read from the shared sets (``../shared/eval``) by
the ids and offsets in the gold (format: docs/gold-real-format.md), with the publication date and
outlet the annotators gave.

- **events**: a gold event is found when a predicted event of the same PLOVER type has its trigger
  inside the gold sentence (one-to-one, the nearest trigger first): micro P/R/F1.
- **actor / target country**, **dates** (the gold date, the prediction truncated to the gold
  precision; a ``reported`` date, a bound, is never right: ``dates.reported_bound_holds`` counts
  those whose bound the gold date keeps), **places within 50 km**, **event chains** (the same sources, outermost first): over
  every gold event that has one, right only when the event is found and the field agrees.
- **modality traps**: of the gold events that did not happen (negated, hypothetical, threatened,
  planned, requested), those not coded as happened (no ``actual`` event of their type in their
  sentence).
- **claims with their chain**: a gold claim is found when a predicted claim overlaps its sentence,
  and right when that claim's chain is the gold chain.
- **boilerplate**: gold boilerplate passages removed; the other paragraphs kept; events coded from
  boilerplate (their evidence inside a gold boilerplate passage).
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..geo import haversine_km
from .claims import _same_source
from .metrics import PRF, EvalReport

NOT_HAPPENED = {"negated", "hypothetical", "threatened", "planned", "requested"}
PLACE_KM = 50.0


@dataclass
class RealArticle:
    corpus: str
    id: str
    split: str
    text: str  # the shared record's text: the gold's offsets point into it
    url: str | None
    gold: dict[str, Any]


def load_real(gold_dir: Path, shared: Path, split: str | None = None) -> list[RealArticle]:
    """The annotated articles of one split (all when ``split`` is None), in articles.csv order."""
    with (gold_dir / "articles.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if split is None or r["split"] == split]
    records: dict[str, dict[str, dict]] = {}
    out = []
    for row in rows:
        path = gold_dir / row["split"] / f"{row['corpus']}__{row['id']}.json"
        if not path.exists():
            continue  # not annotated (yet): not scored
        if row["file"] not in records:
            with (shared / row["file"]).open(encoding="utf-8") as handle:
                records[row["file"]] = {str(r["id"]): r for r in map(json.loads, handle)}
        record = records[row["file"]][row["id"]]
        out.append(RealArticle(row["corpus"], row["id"], row["split"], record["text"], record.get("url") or None,
                               json.loads(path.read_text("utf-8"))))
    return out


def locate(doc_text: str, text: str, span: list[int] | None) -> tuple[int, int] | None:
    """Where the passage ``text[span]`` stands in the document's text (the body the system kept:
    whitespace normalised, boilerplate cut), or None when the system dropped it. The occurrence
    nearest the passage's relative position wins."""
    if not span:
        return None
    from ..body.text import repair_c1  # the body step repairs these in the document's text too

    words = repair_c1(text[span[0]:span[1]]).split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    found = list(pattern.finditer(doc_text))
    if not found:
        return None
    want = span[0] / max(1, len(text)) * len(doc_text)
    best = min(found, key=lambda m: abs(m.start() - want))
    return best.start(), best.end()


def _chain_equal(ours, gold: list[dict]) -> bool:
    return len(ours) == len(gold) and all(_same_source(o.name, g["name"]) for o, g in zip(ours, gold))


def _date_right(predicted: str | None, gold: str, precision: str | None = None) -> bool:
    """The prediction, truncated to the gold's precision, is the gold date. A ``reported`` date is a
    bound (on or before that day), not a date: never right here, however near."""
    if precision == "reported":
        return False
    return bool(predicted) and len(predicted) >= len(gold) and predicted[:len(gold)] == gold


def _bound_holds(predicted: str | None, gold: str) -> bool:
    """A ``reported`` bound holds when the gold date does not begin after it."""
    return bool(predicted) and gold[:len(predicted)] <= predicted[:len(gold)]


class _Tally:
    """right / n counters by name, reported as ratios with their n."""

    def __init__(self) -> None:
        self.right: dict[str, int] = {}
        self.n: dict[str, int] = {}

    def add(self, name: str, ok: bool) -> None:
        self.n[name] = self.n.get(name, 0) + 1
        self.right[name] = self.right.get(name, 0) + bool(ok)

    def report(self, report: EvalReport) -> None:
        for name in self.n:
            report.add_ratio(name, self.right[name], self.n[name])


def _match_events(gold_events, predicted, doc_text: str, text: str):
    """Pairs (gold index, predicted index or None), one-to-one, same type, trigger inside the sentence."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold_events):
        where = locate(doc_text, text, g["sentence"])
        trigger = locate(doc_text, text, g.get("trigger"))
        candidates = [] if where is None else [
            i for i, e in enumerate(predicted) if i not in used and e.type == g["type"]
            and e.trigger_start is not None and where[0] <= e.trigger_start < where[1]]
        if trigger is not None:
            candidates.sort(key=lambda i: abs(predicted[i].trigger_start - trigger[0]))
        pick = candidates[0] if candidates else None
        if pick is not None:
            used.add(pick)
        pairs.append((gi, pick, where))
    return pairs, used


def score_article(article: RealArticle, analysis, tally: _Tally, events: list[PRF], report: EvalReport) -> None:
    gold = article.gold
    doc_text = analysis.document.text if analysis is not None else ""
    predicted = list(analysis.events) if analysis is not None else []
    name = f"{article.corpus}__{article.id}"
    pairs, used = _match_events(gold["events"], predicted, doc_text, article.text)
    for gi, pi, where in pairs:
        g = gold["events"][gi]
        e = predicted[pi] if pi is not None else None
        events[0] += PRF(1, 0, 0) if e is not None else PRF(0, 0, 1)
        if e is None:
            report.lines.append(f"missed {g['type']:9} {name}: {article.text[g['sentence'][0]:g['sentence'][1]][:90]!r}")
        else:
            tally.add("modality.accuracy_on_found", e.modality == g["modality"])
        for party in ("actor", "target"):
            country = (g.get(party) or {}).get("country")
            if country:
                part = getattr(e, party) if e is not None else None
                tally.add(f"{party}_country.accuracy", bool(part and part.country == country))
        if g.get("date"):
            tally.add("dates.accuracy", e is not None and _date_right(e.date, g["date"], e.date_precision))
            if e is not None and e.date_precision == "reported":
                tally.add("dates.reported_bound_holds", _bound_holds(e.date, g["date"]))
        place = g.get("place")
        if place and place.get("lat") is not None:
            loc = e.location if e is not None else None
            tally.add("places_50km.accuracy", bool(loc and loc.lat is not None and haversine_km(
                loc.lat, loc.lon, place["lat"], place["lon"]) <= PLACE_KM))
        tally.add("event_chains.accuracy", e is not None and _chain_equal(e.sources, g.get("sources") or []))
        if g["modality"] in NOT_HAPPENED:
            coded_as_happened = where is not None and any(
                p.type == g["type"] and p.modality == "actual" and p.trigger_start is not None
                and where[0] <= p.trigger_start < where[1] for p in predicted)
            tally.add("modality_traps.accuracy", not coded_as_happened)
    for i, e in enumerate(predicted):
        if i not in used:
            events[0] += PRF(0, 1, 0)
            report.lines.append(f"extra  {e.type:9} {name}: {e.evidence.text[:90]!r}")
    claims = list(analysis.claims) if analysis is not None else []
    for c in gold["claims"]:
        where = locate(doc_text, article.text, c["span"])
        found = [p for p in claims if where is not None and p.start < where[1] and where[0] < p.end]
        tally.add("claims_found.recall", bool(found))
        tally.add("claims_with_chain.accuracy", any(_chain_equal(p.sources, c["sources"]) for p in found))
    boilerplate = [b for b in gold["boilerplate"]]
    for b in boilerplate:
        tally.add("boilerplate_removed.recall", locate(doc_text, article.text, b["span"]) is None)
    cut = sorted(tuple(b["span"]) for b in boilerplate)
    offset = 0
    for paragraph in re.split(r"\n\s*\n|\n", article.text):
        start = article.text.find(paragraph, offset)
        offset = start + len(paragraph)
        if len(paragraph.split()) < 4 or any(s < start + len(paragraph) and start < e for s, e in cut):
            continue
        tally.add("paragraphs_kept.accuracy", locate(doc_text, article.text, [start, start + len(paragraph)]) is not None)
    for b in boilerplate:
        where = locate(doc_text, article.text, b["span"])
        if where is not None:
            report.counts["events_from_boilerplate"] = report.counts.get("events_from_boilerplate", 0) + sum(
                1 for p in predicted if p.trigger_start is not None and where[0] <= p.trigger_start < where[1])


def analyse_articles(articles: list[RealArticle]):
    """(article, Analysis or None) for each, through the pipeline's own path (body, language, stages)."""
    from ..pipeline import Pipeline
    from ..types import RawInput

    raws = []
    for a in articles:
        g = a.gold
        raws.append(RawInput(origin="text", name=f"{a.corpus}__{a.id}", raw=a.text.encode("utf-8"),
                             media_type="text/plain", url=a.url, outlet=g.get("outlet") or None,
                             published=g.get("published") or None,
                             published_source="user" if g.get("published") else None))
    outcomes = {o.name: o for o in Pipeline().run(raws)}
    return [(a, outcomes[f"{a.corpus}__{a.id}"].analysis) for a in articles]


def evaluate(data: Path, *, split: str | None = None, limit: int | None = None) -> EvalReport:
    shared = data.resolve().parent.parent / "shared" / "eval"
    if not shared.exists():
        shared = Path("../shared/eval").resolve()
    articles = load_real(data, shared, split or "dev")
    if limit:
        articles = articles[:limit]
    report = EvalReport(stage="real", dataset=f"{split or 'dev'}-real")
    tally = _Tally()
    events = [PRF(0, 0, 0)]
    report.counts["events_from_boilerplate"] = 0
    for article, analysis in analyse_articles(articles):
        if analysis is None:
            report.lines.append(f"not analysed: {article.corpus}__{article.id}")
        score_article(article, analysis, tally, events, report)
    report.add_prf("events", events[0])
    tally.report(report)
    report.counts["articles"] = len(articles)
    report.lines.insert(0, f"{len(articles)} articles; every figure end to end (see `storyworld.eval.real`)")
    return report
