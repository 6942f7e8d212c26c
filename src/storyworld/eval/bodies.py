"""`storyworld eval bodies`: article bodies against the article-extraction benchmark.

The benchmark's own metric (restated in its README): 4-token shingle multisets per page, tp/fp/fn
normalised per page, precision and recall averaged over pages, F1 of the means, and exact
accuracy. In the same run it scores trafilatura alone (``bare_extraction`` as our html module
calls it, without our boilerplate classifier) so that the two are compared on the same pages.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

from .metrics import EvalReport

_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str) -> Counter:
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3))


def page_scores(true: str, pred: str) -> tuple[float | None, float | None, bool]:
    t, p = shingles(true), shingles(pred)
    tp = fp = fn = 0
    for s in set(t) | set(p):
        tp += min(t[s], p[s])
        fp += max(0, p[s] - t[s])
        fn += max(0, t[s] - p[s])
    total = tp + fp + fn
    if total == 0:
        return 1.0, 1.0, True
    tp, fp, fn = tp / total, fp / total, fn / total
    precision = (1.0 if fp == 0 else tp / (tp + fp)) if tp + fp > 0 else None
    recall = (1.0 if fn == 0 else tp / (tp + fn)) if tp + fn > 0 else None
    return precision, recall, _TOKEN.findall(true or "") == _TOKEN.findall(pred or "")


def score(pairs: list[tuple[str, str]]) -> dict[str, float]:
    ps, rs, exact = [], [], 0
    for true, pred in pairs:
        p, r, same = page_scores(true, pred)
        if p is not None:
            ps.append(p)
        if r is not None:
            rs.append(r)
        exact += same
    precision = sum(ps) / len(ps) if ps else 0.0
    recall = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "accuracy": exact / len(pairs) if pairs else 0.0}


def _ours(html: str, url: str | None) -> str:
    from ..body import extract_document
    from ..errors import StoryworldError
    from ..types import RawInput

    try:
        return extract_document(RawInput(origin="eval", name=url or "page", raw=html.encode("utf-8"),
                                         media_type="text/html", url=url)).text
    except StoryworldError:
        return ""


def _trafilatura_alone(html: str, url: str | None) -> str:
    from ..body.html import extract_html
    from ..errors import StoryworldError

    try:
        return extract_html(html, url=url).text
    except StoryworldError:
        return ""


def evaluate(data: Path, *, split: str | None = None, limit: int | None = None) -> EvalReport:
    items = [json.loads(line) for line in (data / "ground-truth.jsonl").open(encoding="utf-8")]
    if limit:
        items = items[:limit]
    ours, alone = [], []
    for item in items:
        html = gzip.decompress((data / item["html"]).read_bytes()).decode("utf-8", errors="replace")
        ours.append((item["articleBody"], _ours(html, item.get("url"))))
        alone.append((item["articleBody"], _trafilatura_alone(html, item.get("url"))))
    report = EvalReport(stage="bodies", dataset="article-extraction-benchmark")
    for name, pairs in (("storyworld", ours), ("trafilatura", alone)):
        for metric, value in score(pairs).items():
            report.metrics[f"{name}.{metric}"] = value
            report.counts[f"{name}.{metric}"] = len(pairs)
    report.lines.append("anchors (benchmark README): trafilatura 2.0.0 F1 0.958; best open (rs_trafilatura) 0.970")
    return report
