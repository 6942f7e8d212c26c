"""The learned boilerplate paragraph classifier: a logistic regression over words and layout.

The rules in ``boilerplate.py`` name the formulaic classes (appeals, captions, credits); menus,
teasers, imprints and link lists of real pages come in too many wordings for rules, and
trafilatura keeps some of them. The weights are learned from the training pages of
trafilatura-eval (``tools/train_boilerplate.py``, split by page) and shipped as JSON (feature name
→ weight, no pickle); scoring is a sum of weights, with no scikit-learn at run time. The model
only ever removes a paragraph (reason ``learned``); the rules keep deciding what they know.
"""

from __future__ import annotations

import hashlib
import math
import re
from functools import lru_cache

from ..resources.tables import read_json

C = 0.5  # inverse regularisation of the fit (tools/train_boilerplate.py)
SPLIT_SALT = "issue-24-boilerplate"
HELD_OUT_SHARE = 30  # percent of trafilatura-eval pages never trained on
_WORD = re.compile(r"\w+", re.UNICODE)
_SPACE = re.compile(r"\s+")
_STOP = re.compile(r"[.!?](?:\s|$)")
_END = re.compile(r"[.!?:;\"”’»)]\s*$")
_BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dd", "dt", "blockquote",
               "pre", "figcaption", "caption", "address", "article", "section", "header", "footer", "nav",
               "aside", "main", "form", "table", "tr", "ul", "ol", "dl", "figure", "label", "option"}


def held_out(page_id: str) -> bool:
    """Whether a trafilatura-eval page belongs to the held-out part (fixed by its id, never trained on)."""
    digest = hashlib.sha1(f"{SPLIT_SALT}:{page_id}".encode()).hexdigest()
    return int(digest[:8], 16) % 100 < HELD_OUT_SHARE


def norm(text: str) -> str:
    """Whitespace-normalised, as trafilatura-eval's metric compares segments."""
    return _SPACE.sub(" ", text).strip()


def gold_label(paragraph: str, keep: list[str], drop: list[str]) -> int | None:
    """1 (drop) or 0 (keep) when the paragraph holds, or is a long part of, a gold segment."""
    text = norm(paragraph)
    if not text:
        return None

    def hit(segments: list[str]) -> bool:
        return any(s and (s in text or (len(text) >= 20 and text in s)) for s in segments)

    is_keep, is_drop = hit(keep), hit(drop)
    if is_keep == is_drop:
        return None
    return int(is_drop)


def html_blocks(html: str) -> list[str]:
    """Every innermost text block of a page, in order: a page's text as pasted into a .txt file."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # lxml raises several parser errors on broken or empty pages
        return []
    for bad in root.xpath("//script|//style|//noscript|//template|//svg|//head"):
        bad.drop_tree()
    blocks = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag.lower() not in _BLOCK_TAGS:
            continue
        if any(isinstance(d.tag, str) and d.tag.lower() in _BLOCK_TAGS for d in element.iterdescendants()):
            continue
        text = norm(element.text_content())
        if text:
            blocks.append(text)
    return blocks


def _bin(value: float, edges: tuple[float, ...]) -> int:
    return sum(value > e for e in edges)


def _shape(text: str) -> dict[str, float]:
    words = _WORD.findall(text)
    n = len(words)
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters) / len(letters) if letters else 0.0
    digits = sum(c.isdigit() for c in text) / len(text) if text else 0.0
    feats = {
        f"len={_bin(n, (1, 2, 3, 5, 8, 12, 20, 30, 50, 80, 150))}": 1.0,
        f"end={'punct' if _END.search(text) else 'none'}": 1.0,
        f"upper={_bin(upper, (0.05, 0.15, 0.3, 0.6))}": 1.0,
        f"digits={_bin(digits, (0.0, 0.05, 0.15, 0.3))}": 1.0,
        f"sentences={_bin(len(_STOP.findall(text)), (0, 1, 2, 4))}": 1.0,
    }
    for mark, name in (("|", "pipe"), ("©", "copy"), ("@", "at"), ("http", "url"), ("www.", "url"), ("»", "guil"),
                       ("›", "chev"), ("•", "bullet"), ("(", "paren")):
        if mark in text:
            feats[f"has={name}"] = 1.0
    return feats


MODES = ("text", "html")  # a plain text (every block of a page), or trafilatura's main text of a page


def features(paragraphs: list[str], mode: str = "text") -> list[dict[str, float]]:
    """Each paragraph's features: its words and word pairs, its shape, its place on the page, and
    its neighbours' shape (a link list is short lines next to short lines). The layout features
    are also given crossed with the mode: a short line means one thing among all of a page's
    blocks and another inside the text trafilatura kept."""
    texts = [norm(p) for p in paragraphs]
    lengths = [len(_WORD.findall(t)) for t in texts]
    longest = max(lengths, default=0) or 1
    total = len(texts)
    shapes = [_shape(t) for t in texts]
    out = []
    for i, text in enumerate(texts):
        words = [w if not w.isdigit() else "0" for w in _WORD.findall(text.lower())]
        feats: dict[str, float] = {}
        for w in set(words):
            feats[f"w:{w}"] = 1.0
        for a, b in set(zip(words, words[1:])):
            feats[f"b:{a} {b}"] = 1.0
        if words:
            feats[f"first:{words[0]}"] = 1.0
        feats.update(shapes[i])
        feats[f"pos={_bin(i / total, (0.1, 0.25, 0.5, 0.75, 0.9))}"] = 1.0
        feats[f"rel={_bin(lengths[i] / longest, (0.05, 0.15, 0.3, 0.6))}"] = 1.0
        near = sum(lengths[j] >= 25 for j in range(max(0, i - 2), min(total, i + 3)) if j != i)
        wide = sum(lengths[j] >= 25 for j in range(max(0, i - 5), min(total, i + 6)) if j != i)
        feats[f"near_long={min(near, 3)}"] = 1.0
        feats[f"wide_long={_bin(wide, (0, 1, 3, 6))}"] = 1.0
        before = any(lengths[j] >= 25 for j in range(max(0, i - 3), i))
        after = any(lengths[j] >= 25 for j in range(i + 1, min(total, i + 4)))
        feats[f"between_long={int(before)}{int(after)}"] = 1.0
        feats[f"len={_bin(lengths[i], (1, 2, 3, 5, 8, 12, 20, 30, 50, 80, 150))}&between={int(before and after)}"] = 1.0
        if i == 0:
            feats["first_paragraph"] = 1.0
        if i == total - 1:
            feats["last_paragraph"] = 1.0
        for side, j in (("prev", i - 1), ("next", i + 1)):
            if 0 <= j < total:
                for name in shapes[j]:
                    if name.startswith(("len=", "end=")):
                        feats[f"{side}.{name}"] = 1.0
            else:
                feats[f"{side}.none"] = 1.0
        for name in [k for k in feats if not k.startswith(("w:", "b:", "first:"))]:
            feats[f"{mode}.{name}"] = feats[name]
        out.append(feats)
    return out


@lru_cache(maxsize=1)
def model() -> tuple[float, dict[str, float]]:
    """The shipped intercept and weights."""
    payload = read_json("boilerplate-model.json")
    return payload["intercept"], payload["weights"]


def drop_probabilities(paragraphs: list[str], mode: str = "text") -> list[float]:
    """The model's probability that each paragraph is boilerplate (``mode``: see ``MODES``)."""
    intercept, weights = model()
    probabilities = []
    for feats in features(paragraphs, mode):
        z = intercept + sum(weights.get(name, 0.0) * value for name, value in feats.items())
        probabilities.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
    return probabilities
