"""Train the learned boilerplate paragraph classifier from trafilatura-eval (issue 24).

    PYTHONPATH=src /work/main/.venv/bin/python tools/train_boilerplate.py [--data ../shared/eval/trafilatura-eval]

Reproducible: the pages are split by page id (sha1 of the id with a fixed salt, 70 % train /
30 % held-out, see ``storyworld.body.learned.held_out``), the held-out pages are never read here,
and the model is fitted with a fixed seed. Paragraphs come from two readings of each training
page: trafilatura's main text (what the classifier sees after trafilatura) and every text block
of the page (what a plain .txt pasted from the page holds). A paragraph is labelled keep when it
holds or is held by a ``with`` segment, drop when it holds or is held by a ``without`` segment,
and is left out otherwise (or when it is both). Writes
``src/storyworld/resources/data/boilerplate-model.json`` (weights of a logistic regression over
word n-grams and layout features, no pickle): scikit-learn is needed to train, not to run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyworld.body import learned  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "trafilatura-eval"
OUT = ROOT / "src" / "storyworld" / "resources" / "data" / "boilerplate-model.json"
SEED = 24


def page_html(data: Path, item: dict) -> str:
    return gzip.decompress((data / item["html"]).read_bytes()).decode("utf-8", errors="replace")


def readings(data: Path, item: dict) -> list[list[str]]:
    """The page's paragraphs as a .txt copy of it holds them, and as trafilatura extracts them."""
    from storyworld.body.html import extract_html
    from storyworld.body.text import normalize_text, paragraphs
    from storyworld.errors import StoryworldError

    html = page_html(data, item)
    found = [learned.html_blocks(html)]
    try:
        found.append(paragraphs(normalize_text(extract_html(html, url=item.get("url")).text)))
    except StoryworldError:
        pass
    return found


def training_rows(data: Path, items: list[dict], cache: Path | None = None) -> tuple[list[dict], list[int], list[int]]:
    """Feature dicts, labels (1 = drop) and page index of every labelled training paragraph."""
    cached = json.loads(gzip.decompress(cache.read_bytes())) if cache and cache.exists() else {}
    rows, labels, pages = [], [], []
    for n, item in enumerate(items):
        if item["id"] not in cached:
            cached[item["id"]] = readings(data, item)
        keep = [learned.norm(s) for s in item.get("with", [])]
        drop = [learned.norm(s) for s in item.get("without", [])]
        for paras, mode in zip(cached[item["id"]], learned.MODES):
            feats = learned.features(paras, mode)
            for para, feat in zip(paras, feats):
                label = learned.gold_label(para, keep, drop)
                if label is None:
                    continue
                rows.append(feat)
                labels.append(label)
                pages.append(n)
    if cache:
        cache.write_bytes(gzip.compress(json.dumps(cached).encode()))
    return rows, labels, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--cache", type=Path, help="keep the training pages' paragraphs here between runs")
    args = parser.parse_args()
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    started = time.time()
    items = [json.loads(line) for line in (args.data / "evaldata.jsonl").open(encoding="utf-8")]
    train = [item for item in items if not learned.held_out(item["id"])]
    rows, labels, _ = training_rows(args.data, train, args.cache)
    read = time.time()
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows)
    # keep features seen on at least 3 training paragraphs: fewer weights, less memorised noise
    counts = (x != 0).sum(axis=0).A1
    support = counts >= 3
    x = x[:, support]
    names = [name for name, ok in zip(vectorizer.get_feature_names_out(), support) if ok]
    model = LogisticRegression(C=learned.C, max_iter=2000, random_state=SEED)
    model.fit(x, labels)
    weights = {name: round(float(w), 4) for name, w in zip(names, model.coef_[0]) if abs(w) >= 0.005}
    payload = {
        "about": "Paragraph keep/drop classifier trained by tools/train_boilerplate.py on the training pages "
                 "of trafilatura-eval (Apache-2.0, adbar/trafilatura tests; split by page, held-out pages "
                 "never used); logistic regression, weights per feature name.",
        "pages": len(train), "paragraphs": len(labels), "drop": int(sum(labels)),
        "intercept": round(float(model.intercept_[0]), 4), "weights": dict(sorted(weights.items())),
    }
    args.out.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"{len(train)} training pages, {len(labels)} paragraphs ({sum(labels)} drop); "
          f"{len(weights)} weights; read {read - started:.0f} s, fit {time.time() - read:.0f} s; "
          f"{args.out.stat().st_size / 1024:.0f} KiB -> {args.out}")


if __name__ == "__main__":
    main()
