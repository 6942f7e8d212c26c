"""Trial 2a on PLOVER-GSR dev: nearest labelled examples (rule examples) as a second opinion on event type."""
import json, sys, time, resource
from collections import Counter, defaultdict
sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
import numpy as np
from storyworld.eval.events import plover_split
from storyworld.body.document import document_id
from storyworld.parse import ParsedDocument, parse_documents
from storyworld.pipeline import Pipeline
from storyworld.types import Document
from embed import embed
from knn_lab import labelled

items = [json.loads(l) for l in open("/work/shared/eval/plover-gsr/plover_gsr.jsonl")]
items = [i for i in items if plover_split(i["id"]) == "dev"]
pipe = Pipeline()
t0 = time.time()
preds = []
for item, doc in zip(items, parse_documents((i["text"] for i in items), model=pipe.model, batch_size=32)):
    d = Document(id=document_id(item["text"]), text=item["text"], language="en")
    evs = sorted(pipe.run_stages(ParsedDocument(document=d, doc=doc)).events, key=lambda e: e.trigger_start or 0)
    preds.append([e.type for e in evs])
t_pipe = time.time() - t0
lab = labelled()
print("labelled examples", len(lab), Counter(t for _, t in lab).most_common())
t0 = time.time()
L = embed([t for t, _ in lab]); Q = embed([i["text"] for i in items])
t_emb = time.time() - t0
S = Q @ L.T
gold = [i["plover_current"] for i in items]
def knn_scores(row, k):
    idx = np.argsort(-row)[:k]
    sc = defaultdict(float)
    for j in idx: sc[lab[j][1]] += row[j]
    return sc
def acc(p): return sum(a == b for a, b in zip(gold, p)) / len(gold)
base = [p[0] if p else "NONE" for p in preds]
print(f"n={len(items)} pipeline first-event acc {acc(base):.3f}  (pipeline {t_pipe:.1f}s, embed {len(lab)+len(items)} sents {t_emb:.1f}s)")
for k in (1, 3, 5, 9):
    knn = [max(knn_scores(S[i], k).items(), key=lambda x: x[1])[0] for i in range(len(items))]
    fb = [b if b != "NONE" else kn for b, kn in zip(base, knn)]
    tie = []
    for i, p in enumerate(preds):
        if len(set(p)) > 1:
            sc = knn_scores(S[i], k)
            tie.append(max(p, key=lambda t: (sc.get(t, 0.0), -p.index(t))))
        else:
            tie.append(p[0] if p else "NONE")
    tiefb = [t if t != "NONE" else kn for t, kn in zip(tie, knn)]
    print(f"k={k}: knn alone {acc(knn):.3f} | NONE→knn {acc(fb):.3f} | tie-break among pipeline types {acc(tie):.3f} | both {acc(tiefb):.3f}")
    for th in (0.5, 0.6, 0.7):
        ov = []
        for i, b in enumerate(base):
            sc = knn_scores(S[i], k); top = max(sc.items(), key=lambda x: x[1])
            best = S[i].max()
            ov.append(top[0] if (b == "NONE" or best >= th) else b)
        print(f"   override when top sim >= {th}: {acc(ov):.3f}")
print("multi-type items", sum(len(set(p)) > 1 for p in preds), "NONE items", sum(not p for p in preds))
print(f"maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024:.0f}MiB")

print("NONE items: gold, knn1, sim")
for i, p in enumerate(preds):
    if not p:
        j = int(np.argmax(S[i])); print(f"  {gold[i]:10s} {lab[j][1]:10s} {S[i][j]:.2f}  {items[i]['text'][:80]!r}")
for th in (0.3, 0.4, 0.5, 0.6):
    fb = [b if b != "NONE" or S[i].max() < th else lab[int(np.argmax(S[i]))][1] for i, b in enumerate(base)]
    print(f"NONE→knn1 when sim >= {th}: {acc(fb):.3f}")
