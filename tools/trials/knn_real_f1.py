"""Trial 2a on gold-real dev, end to end: add the nearest labelled example's type as an event to each
sentence the pipeline coded no event in, when its similarity reaches TH; score with the real scorer."""
import sys
sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
from pathlib import Path
import storyworld.eval.real as real
from storyworld.parse import load_nlp
from storyworld.types import Event, Span
from embed import embed
from knn_lab import labelled
TH = float(sys.argv[1])
lab = labelled(); L = embed([t for t, _ in lab]); nlp = load_nlp()
orig = real.score_article
added = [0]
def score_article(article, analysis, tally, events, report):
    if analysis is not None and TH < 1:
        text = analysis.document.text
        have = [e.trigger_start for e in analysis.events if e.trigger_start is not None]
        sents = [s for s in nlp(text).sents if len(s.text.strip()) >= 20
                 and not any(s.start_char <= h < s.end_char for h in have)]
        if sents:
            S = embed([s.text for s in sents]) @ L.T
            extra = []
            for s, row in zip(sents, S):
                if row.max() >= TH:
                    extra.append(Event(type=lab[int(row.argmax())][1], trigger="", evidence=Span(s.text, s.start_char, s.end_char),
                                       trigger_start=s.start_char))
            added[0] += len(extra)
            from dataclasses import replace
            analysis = replace(analysis, events=tuple(analysis.events) + tuple(extra))
    return orig(article, analysis, tally, events, report)
real.score_article = score_article
rep = real.evaluate(Path("gold-real"), split="dev")
print(f"TH={TH} added {added[0]} events: " + " ".join(f"{k}={rep.metrics[k]:.3f}" for k in ("events.precision", "events.recall", "events.f1")))
