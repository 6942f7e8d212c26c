"""`storyworld eval places`: geoparsing on GeoVirus and WikToR (dev), GeoWebNews, LGL and TR-News (test).

**End to end** (the headline): each text goes through the system's own path (the body stage, then
the parse and the places stage), the system finds the names itself, and every gold toponym counts.
A gold toponym with coordinates is right when a place the system recognised overlaps it and lies
within 161 km of the gold point (``end_to_end.acc161``); ``end_to_end.recall`` is the share of gold
toponyms that some recognised place overlaps at all; ``end_to_end.rejected`` counts the texts the
body stage refused whole (their toponyms are all missed).

**Oracle** (secondary, labelled ``oracle``): the gold toponym spans are given (the document's
context still comes from our own recognition), accuracy@161 km (error < 161 km), mean and median
error, and AUC as in Gritta et al. 2018 (trapezoid over sorted ln(1 + error), normalised by
ln(20039)·(n−1); an unresolved toponym has error 20,039 km). Recognition: our spans (end to end,
through the body stage) against the gold spans, exact and overlap P/R/F1 (GeoWebNews without its
three non-toponym types). In both, each outlet's home division comes from a first pass of our own
recognition and resolution over the corpus.

Splits: none or ``dev`` scores GeoVirus; ``wiktor`` WikToR (5,000 articles: use ``--limit``);
``test`` GeoWebNews, LGL and TR-News (scored once per issue, for its closing note); a corpus's own
name scores that corpus alone.
"""

from __future__ import annotations

import json
import math
import statistics
import unicodedata
from dataclasses import replace
from pathlib import Path

from ..geo import haversine_km
from .demo import is_demo_corpus
from .metrics import PRF, EvalReport

CORPORA = {"gwn": "gwn.jsonl", "lgl": "lgl.jsonl", "trnews": "trnews.jsonl"}
# the development corpora: the resolver's weights were set on these (gold points from Wikipedia, no
# GeoNames ids); GeoVirus runs by default, WikToR (5,000 articles) only with --split wiktor
DEV_CORPORA = {"geovirus": "geovirus.jsonl", "wiktor": "wiktor.jsonl"}
SPLITS = {None: ("geovirus",), "dev": ("geovirus",), "wiktor": ("wiktor",), "test": ("gwn", "lgl", "trnews")}
NOT_TOPONYMS = {"Literal_Expression", "Non_Lit_Expression", "Non_Toponym"}
MAX_ERROR_KM = 20039.0
E2E_KM = 161.0


def auc(errors: list[float]) -> float:
    if len(errors) < 2:
        return 0.0
    logs = sorted(math.log(1 + e) for e in errors)
    area = sum((logs[i] + logs[i + 1]) / 2 for i in range(len(logs) - 1))
    return area / (math.log(MAX_ERROR_KM) * (len(logs) - 1))


def _blank(ch: str) -> bool:
    """Whitespace as the body stage's normalisation sees it (zero-width spaces included)."""
    return ch.isspace() or "\u2000" <= ch <= "\u200b"


def align(original: str, body: str) -> list[int] | None:
    """For each character of the body the system kept (whitespace normalised, boilerplate cut),
    its offset in the original text (a space maps to the next character's offset), or None where a
    kept paragraph cannot be found in the original. Paragraphs are found in order, by their
    characters other than whitespace. The C1 controls the body step repairs are repaired here too
    (one character each, so offsets stay those of the original)."""
    from ..body.text import repair_c1

    original = repair_c1(original)
    if unicodedata.normalize("NFC", original) != original:
        return None  # normalisation moved characters: offsets no longer line up one to one
    solid = [i for i, ch in enumerate(original) if not _blank(ch)]
    chars = "".join(original[i] for i in solid)
    out: list[int] = [0] * len(body)
    cursor = 0
    pos = 0
    for paragraph in body.split("\n\n"):
        squeezed = "".join(ch for ch in paragraph if not _blank(ch))
        at = chars.find(squeezed, cursor)
        if at < 0:
            return None
        k = at
        for j, ch in enumerate(paragraph):
            if _blank(ch):
                out[pos + j] = solid[k] if k < len(solid) else len(original)
            else:
                out[pos + j] = solid[k]
                k += 1
        cursor = k
        pos += len(paragraph)
        if pos < len(body):  # the paragraph break
            out[pos] = out[pos + 1] = solid[k] if k < len(solid) else len(original)
            pos += 2
    return out


def _system_documents(docs: list[dict]):
    """Each record through the body stage as the system reads a plain-text article: its Document,
    or None where the body stage refuses the text (E006)."""
    from ..body.document import extract_document
    from ..errors import InputError
    from ..types import RawInput

    out = []
    for record in docs:
        raw = RawInput(origin="text", name=str(record["id"]), raw=record["text"].encode("utf-8"),
                       url=record.get("url") or None)
        try:
            out.append(extract_document(raw))
        except InputError:
            out.append(None)
    return out


def _score_corpus(name: str, docs: list[dict], report: EvalReport) -> None:
    from ..body.document import document_id
    from ..extract.outlet_homes import OutletHomes
    from ..extract.places import extract_places, resolve_spans
    from ..parse import ParsedDocument, parse_documents
    from ..types import Document

    # the text as given (the gold offsets point into it) for the oracle; the body the system keeps
    # for end to end, parsed again only where it differs from the text
    raws = [ParsedDocument(Document(id=document_id(d["text"]), text=d["text"], language="en",
                                    url=d.get("url") or None), doc)
            for d, doc in zip(docs, parse_documents((d["text"] for d in docs), batch_size=16))]
    bodies = _system_documents(docs)
    differ = [i for i, (d, b) in enumerate(zip(docs, bodies)) if b is not None and b.text != d["text"]]
    systems = [None if b is None else raws[i] for i, b in enumerate(bodies)]
    for i, doc in zip(differ, parse_documents((bodies[i].text for i in differ), batch_size=16)):
        systems[i] = ParsedDocument(bodies[i], doc)
    # first pass: every document's own places (end to end) teach each outlet its home division; the
    # second pass resolves with it (as the pipeline does for an outlet's later documents)
    homes = OutletHomes()
    for parsed in systems:
        if parsed is not None:
            homes.observe(parsed.document, extract_places(parsed))

    errors: list[float] = []
    same_id = with_id = 0
    exact = overlap = PRF(0, 0, 0)
    e2e_right = e2e_n = found = n_gold = rejected = unaligned = 0
    for record, raw, parsed in zip(docs, raws, systems):
        gold = [t for t in record["toponyms"] if t.get("type") not in NOT_TOPONYMS]
        with_coords = [t for t in gold if t.get("lat") is not None]
        home = homes.home(raw.document) if parsed is None else homes.home(parsed.document)
        # oracle: the gold spans resolved in the text as given
        oracle = replace(raw, outlet_home=home)
        for t, entry in zip(with_coords, resolve_spans(oracle, [(t["start"], t["end"]) for t in with_coords])):
            errors.append(MAX_ERROR_KM if entry is None else haversine_km(entry.lat, entry.lon, t["lat"], t["lon"]))
            if t.get("geonameid"):
                with_id += 1
                same_id += entry is not None and entry.geonameid == t["geonameid"]
        # end to end: the system's own places, mapped back into the text as given
        places = []
        if parsed is None:
            rejected += 1
        else:
            offsets = align(record["text"], parsed.document.text)
            if offsets is None:
                unaligned += 1
            else:
                ends = offsets + [len(record["text"])]
                for p in extract_places(replace(parsed, outlet_home=home)):
                    places.append((offsets[p.start], ends[p.end - 1] + 1 if p.end > p.start else offsets[p.start], p))
        predicted = {(s, e) for s, e, _ in places}
        gold_spans = {(t["start"], t["end"]) for t in gold}
        tp = len(predicted & gold_spans)
        exact += PRF(tp, len(predicted) - tp, len(gold_spans) - tp)
        hit_gold = sum(any(s < pe and ps < e for ps, pe in predicted) for s, e in gold_spans)
        hit_pred = sum(any(s < pe and ps < e for s, e in gold_spans) for ps, pe in predicted)
        overlap += PRF(hit_gold, len(predicted) - hit_pred, len(gold_spans) - hit_gold)
        n_gold += len(gold)
        found += sum(any(t["start"] < pe and ps < t["end"] for ps, pe, _ in places) for t in gold)
        for t in with_coords:
            e2e_n += 1
            e2e_right += any(t["start"] < pe and ps < t["end"] and p.lat is not None
                             and haversine_km(p.lat, p.lon, t["lat"], t["lon"]) < E2E_KM for ps, pe, p in places)
    report.add_ratio(f"{name}.end_to_end.acc161", e2e_right, e2e_n)
    report.add_ratio(f"{name}.end_to_end.recall", found, n_gold)
    report.add_ratio(f"{name}.end_to_end.rejected", rejected, len(docs))
    if unaligned:
        report.lines.append(f"{name}: {unaligned} texts whose body could not be aligned with the text (counted missed)")
    n = len(errors)
    report.metrics[f"{name}.oracle.acc161"] = sum(e < 161 for e in errors) / n if n else 0.0
    report.metrics[f"{name}.oracle.mean_km"] = statistics.fmean(errors) if errors else 0.0
    report.metrics[f"{name}.oracle.median_km"] = statistics.median(errors) if errors else 0.0
    report.metrics[f"{name}.oracle.auc"] = auc(errors)
    for k in ("acc161", "mean_km", "median_km", "auc"):
        report.counts[f"{name}.oracle.{k}"] = n
    if with_id:
        report.add_ratio(f"{name}.oracle.geonameid_match", same_id, with_id)
    report.add_prf(f"{name}.recognition_exact", exact)
    report.add_prf(f"{name}.recognition_overlap", overlap)


def evaluate_demo(path: Path, *, limit: int | None = None) -> EvalReport:
    from ..extract.places import bare_name
    from .demo import analyze_demo

    report = EvalReport(stage="places", dataset="demo")
    errors, located, n_events = [], 0, 0
    for i, (article, analysis) in enumerate(analyze_demo(path)):
        if limit is not None and i >= limit:
            break
        gold = article.gold or {"places": [], "events": []}
        for g in gold["places"]:
            ours = next((p for p in analysis.places if bare_name(p.text).lower() == bare_name(g["text"]).lower()
                         and p.lat is not None), None)
            errors.append(MAX_ERROR_KM if ours is None else haversine_km(ours.lat, ours.lon, g["lat"], g["lon"]))
        for g in gold["events"]:
            if not g["place"]:
                continue
            n_events += 1
            e = next((e for e in analysis.events if g["sentence"] in e.evidence.text and e.type == g["type"]), None)
            if e and e.location and e.location.lat is not None and haversine_km(
                    e.location.lat, e.location.lon, g["place"]["lat"], g["place"]["lon"]) < 161:
                located += 1
    report.metrics["places.acc161"] = sum(x < 161 for x in errors) / len(errors) if errors else 0.0
    report.counts["places.acc161"] = len(errors)
    report.add_ratio("event_locations.acc161", located, n_events)
    return report


def evaluate(data: Path, *, split: str | None = None, limit: int | None = None) -> EvalReport:
    if is_demo_corpus(data):
        return evaluate_demo(data, limit=limit)
    if (data / "event_location.jsonl").exists():
        return evaluate_event_locations(data, split=split, limit=limit)
    names = SPLITS.get(split, (split,) if split in {**CORPORA, **DEV_CORPORA} else None)
    if names is None:
        from ..errors import ConfigError, Errors

        hint = f"--split is one of dev, wiktor, test, {', '.join({**CORPORA, **DEV_CORPORA})}"
        raise ConfigError(Errors.E303.format(path=f"{data} (split {split!r})", hint=hint))
    dataset = {None: "geoparsing", "dev": "geoparsing"}.get(split, f"geoparsing-{split}")
    report = EvalReport(stage="places", dataset=dataset)
    for name in names:
        file = {**CORPORA, **DEV_CORPORA}[name]
        docs = [json.loads(line) for line in (data / file).open(encoding="utf-8")]
        if limit:
            docs = docs[:limit]
        _score_corpus(name, docs, report)
    report.lines.append("end to end (the headline): the body stage, our own recognition, every gold toponym; a "
                        "toponym is right when a place we recognised overlaps it within 161 km. oracle: the gold "
                        "spans given. Each outlet's home division learnt from a first pass over the corpus (our own "
                        "places, no gold). Anchors, end to end: the best of nine parsers acc@161 over all gold GWN "
                        "0.472, LGL 0.409, TR 0.491, GeoVirus 0.618 (EUPEG outputs, ANCHORS-EUPEG.md); oracle-like: "
                        "Mordecai 3 acc@161 GWN 94.1, TR 87.3, LGL 82.7 on its held-out subsets; CamCoder LGL 76, "
                        "GeoVirus 82 (ACL 2018). geovirus/wiktor: development corpora (the resolver's weights were "
                        "set on them); gwn/lgl/trnews (--split test): scored once per issue")
    return report


def _tokens(text: str, spans) -> set[int]:
    """Character offsets of the word tokens inside the spans (the event-location set's token measure)."""
    import re

    return {s + m.start() for s, e in spans for m in re.finditer(r"\w+", text[s:e])}


def evaluate_event_locations(data: Path, *, split: str | None = None, limit: int | None = None) -> EvalReport:
    """Halterman (2019) event–location linking: given a sentence and its event verb, the place(s)
    where that event happened, or none. ``gold: true`` records (489) are the test set; the
    annotations marked ``gold: false`` (9,650) serve as the development split (``--split dev``)."""
    from ..extract.places import event_place, extract_places
    from ..parse import ParsedDocument, parse_documents
    from ..types import Document

    want_gold = split != "dev"
    records = [r for r in (json.loads(line) for line in (data / "event_location.jsonl").open(encoding="utf-8"))
               if bool(r.get("gold")) == want_gold]
    if limit:
        records = records[:limit]
    report = EvalReport(stage="places", dataset="event-location" + ("-dev" if split == "dev" else ""))
    tokens = PRF(0, 0, 0)
    right = 0
    for record, doc in zip(records, parse_documents((r["text"] for r in records), batch_size=64)):
        parsed = ParsedDocument(Document(id=str(record["key"]), text=record["text"], language="en"), doc)
        verb = record["verb"]
        place = event_place(doc, verb["start"], verb["end"], extract_places(parsed))
        predicted = [] if place is None else [(place.start, place.end)]
        gold = [(g["start"], g["end"]) for g in record["locations"]]
        p_tok, g_tok = _tokens(record["text"], predicted), _tokens(record["text"], gold)
        tokens += PRF(len(p_tok & g_tok), len(p_tok - g_tok), len(g_tok - p_tok))
        overlaps = lambda a, b: a[0] < b[1] and b[0] < a[1]  # noqa: E731
        right += all(any(overlaps(g, p) for p in predicted) for g in gold) and all(
            any(overlaps(p, g) for g in gold) for p in predicted)
    report.add_prf("tokens", tokens)
    report.add_ratio("records.accuracy", right, len(records))
    report.lines.append("one event verb per record, its location among the sentence's places (ours, end to end) or "
                        "none; anchor: Halterman 2019 token P and R over 0.83 (a trained model)")
    return report
