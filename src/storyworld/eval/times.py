"""Score the time stage: TempEval-3 Task A (TIMEX3 extraction and normalization), or the demo
corpus gold ``times``.

TempEval-3 (``../shared/eval/tempeval3``, README there): per document, system spans are matched
to gold spans: strict = same offsets, relaxed = overlap (each gold and system span used once).
Reported, micro over documents, per subset (``platinum``, ``tbaq``) and overall:
- ``<subset>.strict`` / ``<subset>.relaxed`` P/R/F1 over all TIMEX3 types;
- ``<subset>.date_relaxed`` P/R/F1 for DATE only: gold DATE against system DATE, where a system
  DATE lying on a gold DURATION/TIME/SET is neither credited nor counted (the type is scored
  apart);
- ``<subset>.date_value_accuracy``: relaxed-matched gold DATEs whose value equals the gold value
  (granularity as in the gold: a day is not a month; only week numbers are compared unpadded,
  "2000-W7" = "2000-W07"), over those matches;
- ``<subset>.value_f1`` (TempEval's ranking measure, all types) and ``<subset>.type_accuracy``.
DURATION, TIME and SET are found by the same tagger and scored in the all-type figures.

MEANTIME (``../shared/eval/meantime``, README there; 120 Wikinews articles) is scored on its fully
annotated sentences 0-5 (headline, date line, four body sentences), end to end:
- ``meantime.value_accuracy``: gold TIMEX3 whose value the system gives on an overlapping span, over
  every gold TIMEX3 (the system finds the spans itself); ``meantime.body.value_accuracy`` the same
  without the date lines (``functionInDocument`` CREATION_TIME); relaxed P/R/F1 and the value
  accuracy on matched spans (secondary: given the match) as for TempEval-3;
- ``meantime.factuality``: the whole pipeline's events whose trigger overlaps a gold event mention,
  the gold's factuality (certainty, polarity, time) read as one of actual / negated / future /
  uncertain, against the event's modality read the same way (actual → actual, negated → negated,
  planned / threatened / requested → future, hypothetical → uncertain): accuracy over the matched
  mentions, with the share of gold mentions matched (the pipeline codes PLOVER events, MEANTIME
  every event, so coverage is low by design).

The text goes through the same spaCy parse as the pipeline (for verb tense), via ``extract.times``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..extract.times import Timex
from .metrics import PRF, EvalReport

# Published TE3-platinum Task A figures for HeidelTime (UzZaman et al. 2013), as recalled in the
# data README: not verified there, shown for orientation only.
HEIDELTIME_TE3 = {"strict_f1": 0.813, "relaxed_f1": 0.903, "value_f1": 0.776, "type_f1": 0.821}
SUBSETS = ("platinum", "tbaq")


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


_WEEK = re.compile(r"-W(\d)(?!\d)")


def same_value(system: str | None, gold: str | None) -> bool:
    """Exact TimeML value equality, except that an unpadded gold week ("2000-W7") equals "2000-W07"."""
    if system is None or gold is None:
        return system == gold
    return _WEEK.sub(r"-W0\1", system) == _WEEK.sub(r"-W0\1", gold)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def match_relaxed(gold: list[dict], system: list[Timex]) -> list[tuple[dict, Timex]]:
    """One-to-one relaxed matching: each gold span to the first unused overlapping system span."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        for i, s in enumerate(system):
            if i not in used and _overlaps(g["start"], g["end"], s.start, s.end):
                used.add(i)
                pairs.append((g, s))
                break
    return pairs


class _Tally:
    def __init__(self) -> None:
        self.strict = PRF(0, 0, 0)
        self.relaxed = PRF(0, 0, 0)
        self.value = PRF(0, 0, 0)
        self.date = PRF(0, 0, 0)
        self.type_right = 0
        self.date_matched = 0
        self.date_value_right = 0

    def add(self, gold: list[dict], system: list[Timex], misses: list[str]) -> None:
        gold_spans = {(g["start"], g["end"]) for g in gold}
        sys_spans = {(s.start, s.end) for s in system}
        tp = len(gold_spans & sys_spans)
        self.strict += PRF(tp, len(sys_spans) - tp, len(gold_spans) - tp)
        pairs = match_relaxed(gold, system)
        self.relaxed += PRF(len(pairs), len(system) - len(pairs), len(gold) - len(pairs))
        right = sum(1 for g, s in pairs if same_value(s.value, g["value"]))
        self.value += PRF(right, len(system) - right, len(gold) - right)
        self.type_right += sum(1 for g, s in pairs if s.type == g["type"])
        gold_dates = [g for g in gold if g["type"] == "DATE"]
        sys_dates = [s for s in system if s.type == "DATE"]
        date_pairs = match_relaxed(gold_dates, sys_dates)
        neutral = sum(1 for s in sys_dates if s not in {p[1] for p in date_pairs} and any(
            _overlaps(g["start"], g["end"], s.start, s.end) for g in gold if g["type"] != "DATE"))
        self.date += PRF(len(date_pairs), len(sys_dates) - len(date_pairs) - neutral,
                         len(gold_dates) - len(date_pairs))
        self.date_matched += len(date_pairs)
        for g, s in date_pairs:
            if same_value(s.value, g["value"]):
                self.date_value_right += 1
            elif len(misses) < 400:
                misses.append(f"value {g['text']!r}: gold {g['value']} system {s.value}")

    def report(self, report: EvalReport, name: str) -> None:
        report.add_prf(f"{name}.strict", self.strict)
        report.add_prf(f"{name}.relaxed", self.relaxed)
        report.add_prf(f"{name}.date_relaxed", self.date)
        report.metrics[f"{name}.value_f1"] = self.value.f1
        report.metrics[f"{name}.type_accuracy"] = (self.type_right / self.relaxed.tp
                                                  if self.relaxed.tp else 0.0)
        report.metrics[f"{name}.date_value_accuracy"] = (self.date_value_right / self.date_matched
                                                        if self.date_matched else 0.0)
        report.counts[f"{name}.date_value_accuracy"] = self.date_matched


def _tempeval(data: Path, split: str | None, limit: int | None) -> EvalReport:
    from ..extract.times import tag_parsed
    from ..parse import parse_documents

    report = EvalReport(stage="times", dataset="tempeval3")
    subsets = [s for s in SUBSETS if (data / f"{s}.jsonl").exists() and split in (None, s)]
    total = _Tally()
    misses: list[str] = []
    for subset in subsets:
        docs = _read_jsonl(data / f"{subset}.jsonl")[:limit] if limit else _read_jsonl(data / f"{subset}.jsonl")
        tally = _Tally()
        texts = [d["text"][:200_000] for d in docs]
        for d, doc in zip(docs, parse_documents(texts, batch_size=16)):
            system = tag_parsed(doc, d.get("dct"))
            tally.add(d["timex"], system, misses)
            total.add(d["timex"], system, [])
        tally.report(report, subset)
        report.counts[f"{subset}.documents"] = len(docs)
    total.report(report, "all")
    h = HEIDELTIME_TE3
    report.lines.append(f"HeidelTime TE3-platinum (published, unverified): strict F1 {h['strict_f1']:.3f}  "
                        f"relaxed F1 {h['relaxed_f1']:.3f}  value F1 {h['value_f1']:.3f}  type F1 {h['type_f1']:.3f}")
    report.lines.append("DURATION/TIME/SET: tagged and counted in strict/relaxed/value_f1/type_accuracy; "
                        "date_* count DATE only")
    report.lines.extend(misses[:60])
    return report


def _demo(data: Path, limit: int | None) -> EvalReport:
    """Value accuracy of the pipeline's times on the demo gold ``times`` (relaxed span match)."""
    from .demo import analyze_demo

    report = EvalReport(stage="times", dataset="demo")
    found = PRF(0, 0, 0)
    matched = right = 0
    for n, (article, analysis) in enumerate(analyze_demo(data)):
        if limit is not None and n >= limit:
            break
        gold = (article.gold or {}).get("times")
        if gold is None:
            continue
        text = analysis.document.text
        gold_spans = []
        for g in gold:
            start = g.get("start")
            if start is None and g.get("text"):
                start = text.find(g["text"])
            if start is None or start < 0:
                continue
            gold_spans.append({"start": start, "end": start + len(g.get("text") or ""),
                               "value": g.get("value"), "text": g.get("text")})
        system = [Timex(t.start, t.end, t.text, "DATE", t.value) for t in analysis.times]
        pairs = match_relaxed(gold_spans, system)
        found += PRF(len(pairs), len(system) - len(pairs), len(gold_spans) - len(pairs))
        matched += len(pairs)
        for g, s in pairs:
            if s.value == g["value"]:
                right += 1
            else:
                report.lines.append(f"{article.file}: {g['text']!r} gold {g['value']} system {s.value}")
    report.add_prf("demo.relaxed", found)
    report.add_ratio("demo.value_accuracy", right, matched)
    return report


MEANTIME_SENTENCES = 6  # sentences 0-5 carry the full annotation (README)
MODALITY_CLASS = {"actual": "actual", "negated": "negated", "planned": "future", "threatened": "future",
                  "requested": "future", "hypothetical": "uncertain"}


def factuality_class(event: dict) -> str | None:
    """A MEANTIME event's factuality as one of storyworld's coarse modality classes, or None when
    it is left unannotated."""
    certainty, polarity, time = event.get("certainty"), event.get("polarity"), event.get("time")
    if certainty is None:
        return None
    if polarity == "NEG":
        return "negated"
    if time == "FUTURE":
        return "future"
    if certainty in ("PROBABLE", "POSSIBLE"):
        return "uncertain"
    return "actual"


def _annotated_end(text: str) -> int:
    """The offset where sentence 6 begins (sentences are lines): mentions before it are scored."""
    at = -1
    for _ in range(MEANTIME_SENTENCES):
        at = text.find("\n", at + 1)
        if at < 0:
            return len(text)
    return at


def _meantime(data: Path, limit: int | None) -> EvalReport:
    from ..extract.times import tag_parsed
    from ..parse import parse_documents

    report = EvalReport(stage="times", dataset="meantime")
    docs = [d for d in _read_jsonl(data / "meantime.jsonl") if d.get("dct")]
    docs = docs[:limit] if limit else docs
    tally, body = _Tally(), _Tally()
    misses: list[str] = []
    right = body_right = gold_n = body_n = 0
    for d, doc in zip(docs, parse_documents([d["text"] for d in docs], batch_size=16)):
        end = _annotated_end(d["text"])
        gold = [t for t in d["timex"] if t.get("sentence", 99) < MEANTIME_SENTENCES]
        system = [t for t in tag_parsed(doc, d["dct"]) if t.start < end]
        tally.add(gold, system, misses)
        in_body = [g for g in gold if g.get("functionInDocument") != "CREATION_TIME"]
        body.add(in_body, [s for s in system if not any(
            _overlaps(g["start"], g["end"], s.start, s.end) for g in gold if g not in in_body)], [])
        for g, sys in match_relaxed(gold, system):
            if same_value(sys.value, g["value"]):
                right += 1
                body_right += g in in_body
        gold_n += len(gold)
        body_n += len(in_body)
    report.add_ratio("meantime.value_accuracy", right, gold_n)
    report.add_ratio("meantime.body.value_accuracy", body_right, body_n)
    tally.report(report, "meantime")
    body.report(report, "meantime.body")
    report.lines.append(f"{len(docs)} articles with a creation date; sentences 0-{MEANTIME_SENTENCES - 1}; "
                        "value_accuracy is end to end (every gold TIMEX3 in the denominator)")
    _factuality(docs, report)
    report.lines.extend(misses[:60])
    return report


def _in_analysis(doc_text: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the mention ``text[start:end]`` stands in the analysed body (which may normalise
    whitespace or cut lines): its sentence located as a whole, then the mention's occurrence in it
    nearest its own offset."""
    from .real import locate

    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = locate(doc_text, text, [line_start, len(text) if line_end < 0 else line_end])
    if line is None:
        return None
    word = text[start:end]
    found = [m.start() for m in re.finditer(re.escape(word), doc_text[line[0]:line[1]])]
    if not found:
        return None
    at = line[0] + min(found, key=lambda f: abs(f - (start - line_start)))
    return at, at + len(word)


def _factuality(docs: list[dict], report: EvalReport) -> None:
    """The pipeline's event modality against MEANTIME's factuality on overlapping triggers."""
    from ..pipeline import Pipeline
    from ..types import RawInput

    raws = [RawInput(origin="text", name=d["id"], raw=d["text"].encode("utf-8"), media_type="text/plain",
                     published=d["dct"], published_source="user") for d in docs]
    outcomes = {o.name: o for o in Pipeline().run(raws)}
    matched = right = gold_n = 0
    confusion: dict[tuple[str, str], int] = {}
    for d in docs:
        analysis = outcomes[d["id"]].analysis
        gold = [(e, c) for e in d["events"] if e.get("sentence", 99) < MEANTIME_SENTENCES
                and (c := factuality_class(e)) is not None]
        gold_n += len(gold)
        if analysis is None:
            continue
        used: set[int] = set()
        for e, c in gold:
            where = _in_analysis(analysis.document.text, d["text"], e["start"], e["end"])
            if where is None:
                continue  # the body dropped the sentence: unmatched
            pick = next((i for i, p in enumerate(analysis.events) if i not in used and p.trigger_start is not None
                         and _overlaps(where[0], where[1], p.trigger_start,
                                       p.trigger_start + len(p.trigger or "x"))), None)
            if pick is None:
                continue
            used.add(pick)
            ours = MODALITY_CLASS.get(analysis.events[pick].modality, "actual")
            matched += 1
            right += ours == c
            confusion[(c, ours)] = confusion.get((c, ours), 0) + 1
    report.add_ratio("meantime.factuality.accuracy_on_matched", right, matched)
    report.add_ratio("meantime.factuality.coverage", matched, gold_n)
    report.lines.append("factuality (gold → ours): " + ", ".join(
        f"{g}→{o} {n}" for (g, o), n in sorted(confusion.items(), key=lambda kv: -kv[1])))


def evaluate(data: Path, *, split: str | None = None, limit: int | None = None) -> EvalReport:
    from .demo import is_demo_corpus

    data = Path(data)
    if is_demo_corpus(data):
        return _demo(data, limit)
    if (data / "meantime.jsonl").exists():
        return _meantime(data, limit)
    return _tempeval(data, split, limit)
