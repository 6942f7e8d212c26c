"""Trial 2b on ECB+: MiniLM document embeddings as evidence in story clustering (B3 F1).
Weights and thresholds are chosen on the train topics; dev is reported (test never read)."""
import json, sys, time, resource
sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from storyworld.eval.incidents import story_clusters, b_cubed, tfidf_rows, STORY_THRESHOLD
from embed import embed

def load(split):
    docs = [d for d in map(json.loads, open("/work/shared/eval/ecbplus/ecbplus.jsonl")) if d["split"] == split]
    docs.sort(key=lambda d: (d["topic"], d["id"]))
    return docs

def sentences(d):
    s = d["text"].split("\n")
    if d["source"] == "ecbplus" and s and s[0].startswith("http"):
        s = s[1:]
    return [x for x in s if x.strip()] or [d["text"]]

def tfidf_dist(texts):
    m = tfidf_rows(texts)
    return np.clip(1 - m @ m.T, 0, 2)

def doc_vectors(docs, how):
    if how == "lead":
        return embed([" ".join(sentences(d)[:5]) for d in docs])
    out = []
    for d in docs:
        v = embed(sentences(d)).mean(0); out.append(v / np.linalg.norm(v))
    return np.vstack(out)

def cluster(dist, t):
    np.fill_diagonal(dist, 0)
    dist = (dist + dist.T) / 2
    return fcluster(linkage(squareform(dist, checks=False), method="average"), t=t, criterion="distance")

res = {}
for split in ("train", "dev"):
    docs = load(split)
    gold = [d["subtopic"] for d in docs]
    t0 = time.time()
    T = tfidf_dist([d["text"] for d in docs])
    base = b_cubed(gold, story_clusters([d["text"] for d in docs]))
    print(f"{split}: n={len(docs)} TF-IDF (shipped, threshold {STORY_THRESHOLD}) B3 P/R/F1 = {base[0]:.3f}/{base[1]:.3f}/{base[2]:.3f}")
    for how in ("lead", "mean"):
        t1 = time.time(); V = doc_vectors(docs, how); te = time.time() - t1
        E = np.clip(1 - V @ V.T, 0, 2)
        grid = {}
        for w in (0.0, 0.25, 0.5, 0.75, 1.0):
            D = (1 - w) * T + w * E
            for t in np.arange(0.3, 0.96, 0.025):
                grid[(w, round(float(t), 3))] = b_cubed(gold, cluster(D.copy(), t))[2]
        res[(split, how)] = grid
        best = max(grid.items(), key=lambda x: x[1])
        print(f"  {how}: embed {te:.1f}s; best on {split} w={best[0][0]} t={best[0][1]} F1 {best[1]:.3f}; "
              f"emb alone best {max(v for k, v in grid.items() if k[0]==1.0):.3f}; tfidf alone best {max(v for k, v in grid.items() if k[0]==0.0):.3f}")
for how in ("lead", "mean"):
    tr = res[("train", how)]
    for w in (0.0, 0.25, 0.5, 0.75, 1.0):
        bt = max((k for k in tr if k[0] == w), key=lambda k: tr[k])
        print(f"{how} w={w}: threshold chosen on train {bt[1]} (train F1 {tr[bt]:.3f}) → dev F1 {res[('dev', how)][bt]:.3f}")
print(f"maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024:.0f}MiB")
