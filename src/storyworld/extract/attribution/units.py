"""The units attribution is read in and the record it yields.

A unit is a sentence cut again at paragraph breaks (an attribution never spans paragraphs); a
``Relation`` is one cue with its source and content, in character offsets. The helpers here are the
span plumbing every finder shares: token ranges clipped to the unit, trimmed of edge punctuation,
and the character ranges inside quotation marks.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...resources.cues import CLAIM_CLASSES
from ...rules import rule

QUOTES = "\"“”'‘’«»"


@dataclass(frozen=True)
class Relation:
    """One attribution as the text states it (character offsets into the document)."""

    cue: tuple[int, int]
    cue_text: str
    lemma: str
    cls: str  # speech | cognition | evidence | intent | stance
    source: object  # the spaCy Span of the source phrase
    content: tuple[int, int] | None
    unit: object  # the spaCy Span of the sentence (a paragraph break ends one)
    told: object = None  # "a source told the news outlet": the outlet's phrase
    cue_i: int = -1  # token index of the cue's head word
    parent_i: int | None = None  # "citing X": the cue whose source cites X

    @property
    def makes_claim(self) -> bool:
        return self.cls in CLAIM_CLASSES


@rule("claims", "paragraph-break-ends-sentence", source="PolNeAR dev and demo corpus", off=False, examples=[
    ("Shells hit the market, killing four people, residents and a local doctor said\n\nThe market was closed.",
     {"cue": "said", "source": "residents and a local doctor"}),
])
def _breaks(token) -> bool:
    """A line break ends a unit, and is no part of it: the small model often runs a headline or dateline
    into the first sentence (the parse starts a sentence after every break), and an attribution never
    spans paragraphs. A cue that ends its paragraph ends its unit ("…, residents said")."""
    return token.is_space and "\n" in token.text


def units(doc):
    """The document's sentences, cut again at paragraph breaks."""
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if _breaks(token):
                if token.i > start:
                    yield doc[start:token.i]
                start = token.i + 1
        if start < sent.end:
            yield doc[start:sent.end]


def trim(doc, start: int, end: int):
    """Token range without edge spaces and punctuation other than quotation marks."""
    while start < end and (doc[start].is_space or (doc[start].is_punct and doc[start].text not in QUOTES)):
        start += 1
    while end > start and (doc[end - 1].is_space or (doc[end - 1].is_punct and doc[end - 1].text not in QUOTES)):
        end -= 1
    return (doc[start].idx, doc[end - 1].idx + len(doc[end - 1])) if end > start else None


def in_unit(token, unit) -> bool:
    return unit.start <= token.i < unit.end


def subtree(token, unit):
    left, right = max(token.left_edge.i, unit.start), min(token.right_edge.i + 1, unit.end)
    return token.doc[left:right]


def quoted_ranges(unit) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks. A straight quote opens when it follows a space or
    the start and precedes a word, else it closes; a unit that begins inside a quotation (the
    quotation opened in an earlier sentence) is quoted up to its first closing mark."""
    text, base = unit.text, unit.start_char
    out: list[tuple[int, int]] = []
    opened: int | None = None
    first = True
    for i, char in enumerate(text):
        if char not in "“”\"":
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        opening = char == "“" or (char == '"' and (before.isspace() or before in "([—–-") and not after.isspace())
        if opening and opened is None:
            opened = i
        elif not opening:
            if opened is not None:
                out.append((base + opened, base + i + 1))
            elif first:
                out.append((base, base + i + 1))
            opened = None
        first = False
    return out
