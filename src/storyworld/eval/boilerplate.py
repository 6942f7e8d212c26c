"""`storyworld eval boilerplate`: boilerplate removal on the demo gold and on trafilatura-eval.

``--data demo``: a gold boilerplate passage is found when no part of it survives in ``document.text``; a removal is
right when it is (part of) a gold passage. Also: the share of article paragraphs kept (the body's
gold first sentence and every gold event and claim sentence must survive).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from .demo import is_demo_corpus, load_demo
from .metrics import EvalReport


def evaluate(data: Path, *, split: str | None = None, limit: int | None = None) -> EvalReport:
    from ..body import extract_document
    from ..ingest.files import read_path
    from ..ingest.meta import hints_from_meta

    if (data / "evaldata.jsonl").exists():
        return evaluate_pages(data, split=split, limit=limit)
    if not is_demo_corpus(data):
        from ..errors import ConfigError, Errors

        raise ConfigError(Errors.E303.format(path=data, hint="eval boilerplate scores the demo corpus (--data demo) "
                                                              "or trafilatura-eval"))
    hints_for = hints_from_meta(data)
    found = removals = right = 0
    gold_total = kept = kept_total = 0
    report = EvalReport(stage="boilerplate", dataset="demo")
    for n, article in enumerate(load_demo(data)):
        if limit is not None and n >= limit:
            break
        if not article.gold:
            continue
        document = extract_document(read_path(article.path, **hints_for(article.path)))
        for passage in article.gold["boilerplate"]:
            gold_total += 1
            if passage["text"] not in document.text:
                found += 1
            else:
                report.lines.append(f"kept {passage['reason']}: {article.file}: {passage['text'][:70]}")
        for removed in document.removed:
            removals += 1
            if any(removed.text in p["text"] or p["text"] in removed.text for p in article.gold["boilerplate"]):
                right += 1
            else:
                report.lines.append(f"removed article text ({removed.reason}): {article.file}: {removed.text[:70]}")
        sentences = [e["sentence"] for e in article.gold["events"]] + [c["text"] for c in article.gold["claims"]]
        for sentence in sentences:
            kept_total += 1
            kept += sentence in document.text
    precision = right / removals if removals else 0.0
    recall = found / gold_total if gold_total else 0.0
    report.metrics.update({"removed.precision": precision, "removed.recall": recall,
                           "removed.f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0})
    report.counts.update({"removed.precision": removals, "removed.recall": gold_total, "removed.f1": gold_total})
    report.add_ratio("article_sentences.kept", kept, kept_total)
    return report


def segment_counts(output: str, keep: list[str], drop: list[str]) -> tuple[int, int, int, int]:
    """trafilatura-eval's metric for one page: (TP, FN, FP, TN) of its segments found in the output."""
    from ..body.learned import norm

    text = norm(output)
    found_keep = sum(norm(s) in text for s in keep) if text else 0
    found_drop = sum(norm(s) in text for s in drop) if text else 0
    return found_keep, len(keep) - found_keep, found_drop, len(drop) - found_drop


def _segment_metrics(report: EvalReport, name: str, counts: list[int], pages: int) -> None:
    tp, fn, fp, tn = counts
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    report.metrics.update({f"{name}.precision": precision, f"{name}.recall": recall,
                           f"{name}.f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0,
                           f"{name}.accuracy": (tp + tn) / (tp + tn + fp + fn) if tp + tn + fp + fn else 0.0})
    for metric in ("precision", "recall", "f1", "accuracy"):
        report.counts[f"{name}.{metric}"] = tp + fn + fp + tn


def evaluate_pages(data: Path, *, split: str | None = None, limit: int | None = None) -> EvalReport:
    """trafilatura-eval, by trafilatura's own segment metric, on the held-out pages (``--split
    held-out``, the default; ``train`` or ``all`` for comparison): the body step after trafilatura
    (``storyworld``), trafilatura alone, the body step on a page's plain text (every text block, as
    a .txt copy holds it: ``text_mode``) and that text kept whole; and the learned classifier's own
    paragraph F1 (drop = positive) on the labelled paragraphs of both readings."""
    from ..body import extract_document, learned
    from ..body.html import extract_html
    from ..body.text import normalize_text, paragraphs
    from ..errors import StoryworldError
    from ..types import RawInput

    split = split or "held-out"
    items = [json.loads(line) for line in (data / "evaldata.jsonl").open(encoding="utf-8")]
    items = [i for i in items if split == "all" or learned.held_out(i["id"]) == (split == "held-out")]
    if limit:
        items = items[:limit]
    totals = {name: [0, 0, 0, 0] for name in ("storyworld", "trafilatura", "text_mode", "text_whole")}
    para = [0, 0, 0]  # tp, fp, fn of the classifier's drop decisions at its threshold
    thresholds = {mode: learned_threshold(mode) for mode in learned.MODES}
    for item in items:
        html = gzip.decompress((data / item["html"]).read_bytes()).decode("utf-8", errors="replace")
        url = item.get("url") if str(item.get("url", "")).startswith("http") else None
        blocks = learned.html_blocks(html)
        outputs = {}
        for name, raw, media in (("storyworld", html, "text/html"), ("text_mode", "\n\n".join(blocks), "text/plain")):
            try:
                outputs[name] = extract_document(RawInput(origin="eval", name=item["id"], raw=raw.encode("utf-8"),
                                                          media_type=media, url=url)).text
            except StoryworldError:
                outputs[name] = ""
        try:
            outputs["trafilatura"] = extract_html(html, url=url).text
        except StoryworldError:
            outputs["trafilatura"] = ""
        outputs["text_whole"] = "\n\n".join(blocks)
        for name, output in outputs.items():
            for k, v in enumerate(segment_counts(output, item.get("with", []), item.get("without", []))):
                totals[name][k] += v
        keep = [learned.norm(s) for s in item.get("with", [])]
        drop = [learned.norm(s) for s in item.get("without", [])]
        for mode, reading in zip(learned.MODES, (blocks, paragraphs(normalize_text(outputs["trafilatura"])))):
            threshold = thresholds[mode]
            for text, p in zip(reading, learned.drop_probabilities(reading, mode)):
                label = learned.gold_label(text, keep, drop)
                if label is None:
                    continue
                guess = p >= threshold
                para[0] += guess and label == 1
                para[1] += guess and label == 0
                para[2] += (not guess) and label == 1
    report = EvalReport(stage="boilerplate", dataset="trafilatura-eval")
    for name, counts in totals.items():
        _segment_metrics(report, name, counts, len(items))
    tp, fp, fn = para
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    report.metrics.update({"classifier.drop_precision": precision, "classifier.drop_recall": recall,
                           "classifier.drop_f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0})
    for metric in ("drop_precision", "drop_recall", "drop_f1"):
        report.counts[f"classifier.{metric}"] = tp + fn if metric == "drop_recall" else (tp + fp if metric == "drop_precision" else tp + fn)
    report.lines.append(f"segments counted: keep and drop segments of the pages; classifier n: drop paragraphs "
                        f"(precision: paragraphs it dropped); split {split}: {len(items)} pages; classifier thresholds {thresholds}; anchor (README): "
                        "trafilatura 2.2.0 F1 0.924 on all 990")
    return report


def learned_threshold(mode: str) -> float:
    from ..resources.tables import numbers

    return numbers("body.limits")[f"learned_drop_{mode}"]
