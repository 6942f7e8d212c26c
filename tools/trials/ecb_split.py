"""Trial 2b (mentions, second try) on ECB+: split a same-story same-word group where its mentions'
sentences (MiniLM) are unlike (average link). Threshold chosen on train; dev reported; test never read."""
import json, sys, pickle, os
sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
from collections import defaultdict
import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scorch import scores
from storyworld.eval.incidents import story_clusters, validated_event_mentions
from storyworld.corpus.coref import event_key, UNLINKED
from storyworld.parse import load_nlp
from embed import embed

def conll(key, resp):
    m, b, c = scores.muc(key, resp), scores.b_cubed(key, resp), scores.ceaf_e(key, resp)
    return float((m[2] + b[2] + c[2]) / 3)

nlp = load_nlp()
for split in ("train", "dev"):
    cache = f"{__import__('tempfile').gettempdir()}/ecb_mentions_{split}.pkl"
    if os.path.exists(cache):
        key, ments, SV = pickle.load(open(cache, "rb"))
    else:
        docs = [d for d in map(json.loads, open("/work/shared/eval/ecbplus/ecbplus.jsonl")) if d["split"] == split]
        docs.sort(key=lambda d: (d["topic"], d["id"]))
        story = dict(zip((d["id"] for d in docs), story_clusters([d["text"] for d in docs])))
        gold = defaultdict(set); ments = []
        for d, item, chain, span in validated_event_mentions(docs):
            gold[chain].add(item)
            ments.append((item, story[d["id"]], event_key(span, nlp), span.sent.text, d["id"]))
        key = list(gold.values())
        SV = embed([m[3] for m in ments])
        pickle.dump((key, ments, SV), open(cache, "wb"))
    groups = defaultdict(list)
    for n, m in enumerate(ments):
        groups[("u", n) if m[2] in UNLINKED else (m[1], m[2])].append(n)
    print(f"{split}: {len(ments)} mentions; shipped CoNLL F1 {conll(key, [set(ments[i][0] for i in g) for g in groups.values()]):.3f}")
    for method in ("average", "single"):
        row = []
        for t in (0.5, 0.6, 0.7, 0.8, 0.9):
            resp = []
            for g in groups.values():
                if len(g) < 3:
                    resp.append(set(ments[i][0] for i in g)); continue
                V = SV[g]
                D = np.clip(1 - V @ V.T, 0, 2); np.fill_diagonal(D, 0)
                from scipy.spatial.distance import squareform
                lab = fcluster(linkage(squareform((D + D.T) / 2, checks=False), method=method), t=t, criterion="distance")
                sub = defaultdict(set)
                for i, l in zip(g, lab): sub[l].add(ments[i][0])
                resp.extend(sub.values())
            row.append(f"{t}:{conll(key, resp):.3f}")
        print(f"  split same-word groups by sentence distance ({method} link) at t: " + " ".join(row))
