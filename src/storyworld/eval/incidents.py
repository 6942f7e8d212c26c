"""`storyworld eval incidents`: story clustering and cross-document event coreference.

Two data sets:
- ECB+ (``../shared/eval/ecbplus``): (1) cluster the split's documents into stories, scored with
  B³ and pairwise P/R/F1 against the gold ``subtopic``; (2) cluster the gold event mentions of
  validated sentences, within the *predicted* story clusters, scored with MUC, B³, CEAF-e and
  CoNLL F1 (scorch, the MIT re-implementation of the CoNLL-2012 scorer; singletons kept).
- the demo corpus (``demo/``, gold in ``demo/gold/incidents.json``): ingest it into a fresh
  store, let the incident stage cluster it, and score B³ over reports against the gold incidents,
  the share of incidents whose independent-origin count is exactly right, and near-duplicates
  linked.

Features for ECB+ stories: TF-IDF over lower-cased content words, with capitalised words (names,
places) and numbers (years, counts) weighted up, average-link cosine clustering with a distance
threshold chosen on the dev topics (``STORY_THRESHOLD``). Event coreference: ``corpus.coref``
(mentions whose folded event word agrees, within one predicted story).
"""

from __future__ import annotations

import json
import math
import re
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from ..errors import require_extra
from .demo import is_demo_corpus
from .metrics import EvalReport

# Chosen on the dev split (topics 2, 5, 12, 18, 21, 23, 34, 35) by `storyworld eval incidents
# --split dev`, which prints B³ F1 for a sweep of thresholds; never looked at on test.
STORY_THRESHOLD = 0.845
NAME_WEIGHT = 2.0
NUMBER_WEIGHT = 1.5
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]+|\d{2,4}")
_STOP = frozenset(
    "a an the and or but if of at by for with about against between into through during before after above "
    "below to from up down in out on off over under again further then once here there when where why how all "
    "any both each few more most other some such no nor not only own same so than too very can will just don "
    "should now is are was were be been being have has had having do does did doing would could said says "
    "say told also its it his her their they them he she we you i this that these those who whom which what "
    "http https www com html htm org net".split()
)


# -- story clustering ------------------------------------------------------------------------

def _features(text: str) -> Counter:
    counts: Counter = Counter()
    for i, match in enumerate(_TOKEN.finditer(text)):
        word = match.group()
        low = word.lower()
        if low in _STOP or len(low) < 3 and not low.isdigit():
            continue
        weight = 1.0
        if word[0].isupper() and i > 0:
            weight = NAME_WEIGHT
        elif word.isdigit():
            weight = NUMBER_WEIGHT
        counts[low] += weight
    return counts


def tfidf_rows(texts: list[str]):
    """One unit-length TF-IDF row per text (numpy), over ``_features``' weighted words."""
    import numpy as np

    feats = [_features(t) for t in texts]
    df = Counter(w for f in feats for w in f)
    vocab = {w: i for i, w in enumerate(sorted(df))}
    n = len(texts)
    matrix = np.zeros((n, len(vocab)))
    for row, f in enumerate(feats):
        for w, tf in f.items():
            matrix[row, vocab[w]] = (1 + math.log(tf)) * math.log((1 + n) / (1 + df[w]))
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def story_clusters(texts: list[str], *, threshold: float = STORY_THRESHOLD) -> list[int]:
    """A cluster label per text: average-link agglomerative clustering on TF-IDF cosine distance."""
    from scipy.cluster.hierarchy import fcluster, linkage

    if len(texts) < 2:
        return [1] * len(texts)
    tree = linkage(tfidf_rows(texts), method="average", metric="cosine")
    return [int(x) for x in fcluster(tree, t=threshold, criterion="distance")]


def b_cubed(gold: list, predicted: list) -> tuple[float, float, float]:
    """Per-item B³ precision, recall and F1 of a predicted labelling against a gold one."""
    by_gold, by_pred = defaultdict(set), defaultdict(set)
    for i, (g, p) in enumerate(zip(gold, predicted)):
        by_gold[g].add(i)
        by_pred[p].add(i)
    precision = recall = 0.0
    for i, (g, p) in enumerate(zip(gold, predicted)):
        overlap = len(by_gold[g] & by_pred[p])
        precision += overlap / len(by_pred[p])
        recall += overlap / len(by_gold[g])
    n = len(gold) or 1
    precision, recall = precision / n, recall / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def pairwise(gold: list, predicted: list) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for i in range(len(gold)):
        for j in range(i + 1, len(gold)):
            same_gold, same_pred = gold[i] == gold[j], predicted[i] == predicted[j]
            tp += same_gold and same_pred
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# -- event coreference -----------------------------------------------------------------------

def coreference(docs: list[dict], story_of: dict[str, int], nlp) -> tuple[list[set], list[set]]:
    """(gold chains, predicted chains) over the validated event mentions of ``docs``.

    The clustering itself is ``corpus.coref.cluster_event_mentions``; this only turns ECB+ gold
    mentions into spans of the parsed documents and collects the gold chains.
    """
    from ..corpus.coref import EventMention, cluster_event_mentions

    gold: dict[str, set] = defaultdict(set)
    mentions: list[EventMention] = []
    for document, item, chain, span in validated_event_mentions(docs):
        gold[chain].add(item)
        mentions.append(EventMention(item, story_of[document["id"]], span))
    return list(gold.values()), [set(c) for c in cluster_event_mentions(mentions, nlp)]


def validated_event_mentions(docs: list[dict]):
    """(document, item id, gold chain, spaCy span) for each validated ECB+ event mention whose
    characters map onto the parsed document."""
    from ..parse import parse_documents

    for document, doc in zip(docs, parse_documents([d["text"] for d in docs], batch_size=16)):
        for m in document["mentions"]:
            if m["kind"] != "event" or not m["validated_sentence"]:
                continue
            span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
            if span is None or not len(span):
                continue
            yield document, f"{document['id']}#{m['m_id']}", m["chain"], span


def evaluate_ecbplus(path: Path, *, split: str | None = None, limit: int | None = None) -> EvalReport:
    require_extra("eval", "eval incidents", "scorch")  # the demo corpus's scoring needs no scorch
    from scorch import scores

    from ..parse import load_nlp

    split = split or "test"
    file = path / "ecbplus.jsonl" if path.is_dir() else path
    docs = [d for d in map(json.loads, file.open(encoding="utf-8")) if d["split"] == split]
    docs.sort(key=lambda d: (d["topic"], d["id"]))
    if limit:
        docs = docs[:limit]
    report = EvalReport(stage="incidents", dataset=f"ecbplus-{split}")
    gold = [d["subtopic"] for d in docs]
    labels = story_clusters([d["text"] for d in docs])
    p, r, f = b_cubed(gold, labels)
    report.metrics.update({"stories.b3_precision": p, "stories.b3_recall": r, "stories.b3_f1": f})
    pp, pr, pf = pairwise(gold, labels)
    report.metrics.update({"stories.pairwise_precision": pp, "stories.pairwise_recall": pr, "stories.pairwise_f1": pf})
    for k in ("b3_precision", "b3_recall", "b3_f1", "pairwise_precision", "pairwise_recall", "pairwise_f1"):
        report.counts[f"stories.{k}"] = len(docs)
    report.lines.append(f"{len(docs)} documents, {len(set(gold))} gold stories, {len(set(labels))} predicted "
                        f"(threshold {STORY_THRESHOLD})")
    if split == "dev":
        for t in (0.75, 0.8, 0.82, 0.84, 0.845, 0.85, 0.86, 0.88, 0.9):
            report.lines.append(f"dev sweep: threshold {t:.2f} → B³ F1 "
                                f"{b_cubed(gold, story_clusters([d['text'] for d in docs], threshold=t))[2]:.3f}")
    key, response = coreference(docs, dict(zip((d["id"] for d in docs), labels)), load_nlp())
    muc, b3, ceaf = scores.muc(key, response), scores.b_cubed(key, response), scores.ceaf_e(key, response)
    report.metrics.update({
        "coref.muc_f1": float(muc[2]), "coref.b3_f1": float(b3[2]), "coref.ceafe_f1": float(ceaf[2]),
        "coref.conll_f1": float((muc[2] + b3[2] + ceaf[2]) / 3),
    })
    mentions = sum(len(c) for c in key)
    for k in ("muc_f1", "b3_f1", "ceafe_f1", "conll_f1"):
        report.counts[f"coref.{k}"] = mentions
    report.lines.append(f"{mentions} gold event mentions in {len(key)} gold chains (singletons kept), "
                        f"grouped by predicted stories")
    report.lines.append("anchors (ecbplus README): TF-IDF average-link B³ F1 0.870; same-head CoNLL F1 0.778 "
                        "(within gold subtopics)")
    return report


# -- the demo corpus's cluster set -----------------------------------------------------------

def _split_files(path: Path, gold: dict, split: str) -> set[str]:
    """The files of one split of a cluster set: its incidents' reports and distractors, and the
    copies of any of them (``duplicate_of`` in ``meta.csv``, followed to the original)."""
    from ..ingest.meta import read_meta

    files = {r["file"] for i in gold["incidents"] if i.get("split") == split for r in i["reports"]}
    files |= {d["file"] for d in gold.get("distractors", []) if d.get("split") == split}
    meta = read_meta(path)
    for file in meta:
        original = file
        while meta.get(original, {}).get("duplicate_of"):
            original = meta[original]["duplicate_of"]
        if original in files:
            files.add(file)
    return files


def _split_gold(gold: dict, split: str | None) -> dict:
    if split is None:
        return gold
    return {"incidents": [i for i in gold["incidents"] if i.get("split") == split],
            "distractors": [d for d in gold.get("distractors", []) if d.get("split") == split]}


def evaluate_demo(path: Path, *, split: str | None = None, limit: int | None = None) -> EvalReport:
    """Score a cluster set (the demo corpus, or ``gold-incidents`` by ``--split``): ingest its
    articles (of the split only) into a fresh store and score reports B³, origin counts and
    copies linked."""
    import shutil

    from ..service import ingest
    from ..store import Store
    from ..store.queries import document_origins, incidents

    all_gold = json.loads((path / "gold" / "incidents.json").read_text("utf-8"))
    splits = {i.get("split") for i in all_gold["incidents"]} - {None}
    if splits and split is None:
        split = "dev"
    if split is not None and split not in splits:
        raise ValueError(f"{path}: no split {split!r} in gold/incidents.json (it has: {', '.join(sorted(splits)) or 'none'})")
    gold = _split_gold(all_gold, split)
    report = EvalReport(stage="incidents", dataset=path.name + (f"-{split}" if split else ""))
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "eval.db")
        keep = _split_files(path, all_gold, split) if split is not None else None
        if keep is None:
            ingest([path / "articles"], store=store, meta=path)
        else:
            folder = Path(tmp) / "set"
            (folder / "articles").mkdir(parents=True)
            shutil.copy(path / "meta.csv", folder / "meta.csv")
            for file in sorted(keep):
                shutil.copy(path / "articles" / file, folder / "articles" / file)
            ingest([folder / "articles"], store=store, meta=folder)
        stored = document_origins(store)
        files = {row["id"]: Path(row["origin"] or "").name for row in stored}
        found = incidents(store)
        duplicates = {Path(r["origin"]).name: r["duplicate_of"] for r in stored if r["duplicate_of"] is not None}
        store.close()
    predicted_of: dict[tuple[str, str], int] = {}
    predicted_origins: dict[int, int] = {}
    type_of: dict[int, str] = {}
    by_type: dict[tuple[str, str, str], int] = {}  # diagnostics: (file, evidence, type) → incident
    for incident in found:
        predicted_origins[incident["id"]] = incident["independent_origins"]
        type_of[incident["id"]] = incident["type"]
        for rep in incident["reports"]:
            predicted_of[(files.get(rep["document"]["id"], ""), rep["event"]["evidence"]["text"])] = incident["id"]
            by_type[(files.get(rep["document"]["id"], ""), rep["event"]["evidence"]["text"],
                     rep["event"]["type"])] = incident["id"]

    def predicted_incident(file: str, sentence: str, type_: str | None = None) -> int | None:
        """The incident of the report holding the sentence; of the gold type when the sentence
        holds events of several types ("killed …, blaming the RSF": an ASSAULT and an ACCUSE)."""
        if type_ is not None:
            for (f, evidence, t), incident_id in by_type.items():
                if f == file and t == type_ and (sentence in evidence or evidence in sentence):
                    return incident_id
        for (f, evidence), incident_id in predicted_of.items():
            if f == file and (sentence in evidence or evidence in sentence):
                return incident_id
        return None

    gold_labels, pred_labels, origin_hits, n_incidents = [], [], 0, 0
    for k, incident in enumerate(gold["incidents"]):
        n_incidents += 1
        ids = []
        for rep in incident["reports"]:
            pid = predicted_incident(rep["file"], rep["sentence"], incident["type"])
            gold_labels.append(incident["id"])
            pred_labels.append(pid if pid is not None else f"missing-{k}-{rep['file']}")
            ids.append(pid)
            if pid is None:
                report.lines.append(f"report {incident['id']}: {rep['file']}: no predicted report holds the sentence")
            elif type_of.get(pid) != incident["type"]:
                # the sentence holds events of several types; the score takes the last incident listed
                same = next((i for (f, ev, t), i in by_type.items() if f == rep["file"] and t == incident["type"]
                             and (rep["sentence"] in ev or ev in rep["sentence"])), None)
                report.lines.append(f"report {incident['id']}: {rep['file']}: matched a {type_of.get(pid)} event "
                                    f"(incident {pid}); its {incident['type']} event is in incident {same}")
        majority = Counter(i for i in ids if i is not None).most_common(1)
        got = predicted_origins.get(majority[0][0]) if majority else None
        if got == incident["independent_origins"]:
            origin_hits += 1
        else:
            report.lines.append(f"origins {incident['id']}: gold {incident['independent_origins']}, predicted {got}")
    for d in gold.get("distractors", []):
        pid = predicted_incident(d["file"], d["sentence"])
        gold_labels.append(f"distractor:{d['file']}")
        pred_labels.append(pid if pid is not None else f"missing-{d['file']}")
    p, r, f = b_cubed(gold_labels, pred_labels)
    report.metrics.update({"reports.b3_precision": p, "reports.b3_recall": r, "reports.b3_f1": f})
    for k in ("b3_precision", "b3_recall", "b3_f1"):
        report.counts[f"reports.{k}"] = len(gold_labels)
    report.add_ratio("origins.exact", origin_hits, n_incidents)
    from .demo import load_demo

    expected_dups = [a.file for a in load_demo(path) if a.duplicate_of and (keep is None or a.file in keep)]
    if expected_dups:
        report.metrics["duplicates.linked"] = sum(f in duplicates for f in expected_dups) / len(expected_dups)
        report.counts["duplicates.linked"] = len(expected_dups)
    return report


def evaluate(data: Path, *, split: str | None = None, limit: int | None = None) -> EvalReport:
    if is_demo_corpus(data):
        return evaluate_demo(data, split=split, limit=limit)
    return evaluate_ecbplus(data, split=split, limit=limit)
