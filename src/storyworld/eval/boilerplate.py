"""`storyworld eval boilerplate --data demo`: the text-mode boilerplate classifier on the demo gold.

A gold boilerplate passage is found when no part of it survives in ``document.text``; a removal is
right when it is (part of) a gold passage. Also: the share of article paragraphs kept (the body's
gold first sentence and every gold event and claim sentence must survive).
"""

from __future__ import annotations

from pathlib import Path

from .demo import is_demo_corpus, load_demo
from .metrics import EvalReport


def evaluate(data: Path, *, split: str | None = None, limit: int | None = None) -> EvalReport:
    from ..body import extract_document
    from ..ingest.files import read_path
    from ..ingest.meta import hints_from_meta

    if not is_demo_corpus(data):
        from ..errors import ConfigError, Errors

        raise ConfigError(Errors.E303.format(path=data, hint="eval boilerplate scores the demo corpus: --data demo"))
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
