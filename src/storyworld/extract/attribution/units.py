"""The units attribution is read in and the record it yields.

A unit is a sentence cut again at paragraph breaks (an attribution never spans paragraphs); a
``Relation`` is one cue with its source and content, in character offsets. The helpers here are the
span plumbing every finder shares: token ranges clipped to the unit, trimmed of edge punctuation,
and the character ranges inside quotation marks. News quotes a speaker over several sentences and
attributes the quotation once ("X said: “A. B. C.”", "“A. B,” X said."), and a transcript labels a
turn once ("PENCE: Well, … . But this is America."): the runs of units one quotation or turn spans
are found here too (gold-real's convention: a sentence inside a quotation without a cue of its own
is a claim with the quotation's chain). Marks: curly and straight double quotes, and the two
backticks and two apostrophes of tokenised text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...parse.model import doc_text
from ...resources.cues import CLAIM_CLASSES
from ...rules import rule
from ..events.evidence import dateline_dash

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
    beside: bool = False  # "…, a charge X denies": said beside the sentence's other relations, holding none

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


MAX_RUN = 8  # units a quotation may run across before it is taken as never closed
OPENING = re.compile(r"“|``|«|(?:(?<=^)|(?<=[\s(\[—–-]))\"(?=\S)")
MARK = re.compile(r"“|”|``|''|«|»|\"")


def marks(text: str) -> list[bool]:
    """The quotation marks of a text in order, True for an opening one. A curly opening mark
    followed by a space closes (a typo for ”, seen on real pages)."""
    out = []
    for m in MARK.finditer(text):
        mark = m.group()
        if mark == "“":
            out.append(not text[m.end():m.end() + 1].isspace() and m.end() < len(text))
        elif mark == '"':
            out.append(bool(OPENING.match(text, m.start())))
        else:
            out.append(mark in ("``", "«"))
    return out


def _ends_open(text: str, open_at_start: bool) -> bool:
    state = open_at_start
    for opening in marks(text):
        state = opening
    return state


def _paragraph_start(unit) -> bool:
    before = doc_text(unit.doc)[:unit.start_char].rstrip(" \t")
    return not before.strip() or before.endswith("\n")


@rule("claims", "quotation-continues", source="gold-real dev", off=(), examples=[
    ("The mayor said: “The port is closed. Ships wait offshore. We will reopen on Monday.”",
     {"cue": "said", "source": "The mayor", "text": "Ships wait offshore."}),
    ("“The port is closed. Ships wait offshore,” the mayor said on Friday.",
     {"cue": "said", "source": "the mayor", "text": "“The port is closed."}),
    ("The mayor said the port was closed. The ships wait offshore.", {"not": {"text": "The ships wait offshore."}}),
])
def quotation_runs(units_list: list, has_claim: list[bool]) -> list[list[int]]:
    """Runs of units (indices) that one quotation spans: from the unit that leaves it open to the one
    that closes it. A unit without a quotation mark that has a claim of its own ends an unclosed
    quotation before it; one never closed within ``MAX_RUN`` units ends at its paragraph's end."""
    runs: list[list[int]] = []
    i = 0
    while i < len(units_list):
        if not _ends_open(units_list[i].text, False):
            i += 1
            continue
        run, closed = [i], False
        j = i + 1
        while j < len(units_list) and j - i <= MAX_RUN:
            unit_marks = marks(units_list[j].text)
            if not unit_marks and has_claim[j]:
                break
            run.append(j)
            if unit_marks and (not unit_marks[0] or not _ends_open(units_list[j].text, True)):
                closed = True  # it closes here (a new paragraph may open the quotation again first)
                break
            j += 1
        if not closed:
            first_break = next((k for k, u in enumerate(run) if k and _paragraph_start(units_list[u])), len(run))
            run = run[:first_break]
        runs.append(run)
        last = run[-1]
        i = last if last > run[0] and _ends_open(units_list[last].text, False) else last + 1
    return runs


@rule("claims", "whole-quoted-sentence-continues-speaker", source="gold-real dev", off=False, examples=[
    ("Officer Dana Whitfield said the road was closed. “It will reopen on Monday.”",
     {"source": "Dana Whitfield", "text": "“It will reopen on Monday.”"}),
    ("Officer Dana Whitfield said the road was closed. The bridge will reopen on Monday.",
     {"not": {"text": "The bridge will reopen on Monday."}}),
])
def whole_quotation(text: str) -> bool:
    """A sentence that is one quotation from its first character to its last, with no cue: the words
    of the speaker quoted last."""
    text = text.strip()
    found = marks(text)
    return len(found) == 2 and found[0] and not found[1] and MARK.match(text) is not None \
        and re.search(r"(”|''|»|\")\W?$", text) is not None


@rule("claims", "speaker-turn-runs-to-paragraph-end", source="gold-real dev", off=False, examples=[
    ("VARGA: Well, the harbour has been closed for a week. The ships wait offshore.\n\nThe vote was on Monday.",
     {"source": "VARGA", "text": "The ships wait offshore."}),
    ("VARGA: Well, the harbour has been closed for a week.\n\nThe ships wait offshore.",
     {"not": {"text": "The ships wait offshore."}}),
    ("“VARGA: Well, the harbour has been closed for a week.\n\n“The ships wait offshore.\n\nThe vote was on Monday.",
     {"source": "VARGA", "text": "“The ships wait offshore."}),
])
def turn_continues(label_unit, unit) -> bool:
    """A transcript turn ("PENCE: …") runs to its paragraph's end, and on into the paragraphs that
    open with a quotation mark (a quotation over several paragraphs reopens each one): every sentence
    of them is the labelled speaker's."""
    if label_unit.start >= unit.start or story_starts(unit):
        return False
    if not _paragraph_start(unit):
        return True
    found = marks(unit.text)
    return bool(found) and found[0] and MARK.match(unit.text.lstrip()) is not None


@rule("claims", "headline-label-ends-at-dateline", source="gold-real dev2 (\"Police: Gunman's estranged wife worked "
      "at home. CARTHAGE, N.C. (AP) - …\")", off=False, examples=[
    ("Police: Gunman's wife worked at the home. CARTHAGE, N.C. (Wire) - The gunman left the room and began "
     "shooting down the hallway.", {"not": {"text~": "began shooting"}}),
])
def story_starts(unit) -> bool:
    """A headline of the form "Police: …" is no transcript turn running on: the dateline that follows
    it ("CARTHAGE, N.C. (AP) - …") opens the story, in the outlet's own voice."""
    return dateline_dash(unit) is not None


MAX_INTRODUCED = 3  # paragraphs a colon-ended attribution may introduce


@rule("claims", "colon-introduces-paragraphs", source="gold-real dev", off=False, examples=[
    ("The coast guard reported:\n\nA trawler sank near the island on Monday.\n\nThe crew was rescued.",
     {"source": "The coast guard", "text": "The crew was rescued.", "direct": False}),
    ("The coast guard reported that a trawler sank.\n\nThe crew was rescued.",
     {"not": {"text": "The crew was rescued."}}),
])
def introduces(unit) -> bool:
    """"PTI reports:", "The statement said:" at a paragraph's end: what follows is what it reports."""
    text = unit.text.rstrip()
    text_of_doc = doc_text(unit.doc)
    after = text_of_doc[unit.end_char:unit.end_char + 3] if unit.end_char < len(text_of_doc) else "\n"
    return text.endswith(":") and (not after.strip(" \t") or after.lstrip(" \t").startswith("\n"))


def following_paragraphs(units_list: list, index: int) -> list[int]:
    """The units of the (at most ``MAX_INTRODUCED``) paragraphs after unit ``index``."""
    out, paragraphs = [], 0
    for later in range(index + 1, len(units_list)):
        if _paragraph_start(units_list[later]):
            paragraphs += 1
        if paragraphs > MAX_INTRODUCED:
            break
        out.append(later)
    return out
