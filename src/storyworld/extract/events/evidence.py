"""Where an event's own words are: the headline that retells the body, the dateline before the lead, the
sentence that is its evidence.

A news text opens with a headline and often a dateline ("KHARKIV, Ukraine (Baltic Ledger) —"). Neither
is an event's argument nor its evidence: the headline's happening is told again in the body, and the
dateline names where the outlet wrote from. The evidence is the trigger's sentence, cut at paragraph
breaks (the sentence splitter glues a headline or a list item to the next line).
"""

from __future__ import annotations

import re

from ...parse.model import doc_text
from ...rules import rule
from ...types import Span

HEADLINE_MAX_WORDS = 25
HEADLINE_STOP_MAX_WORDS = 15  # a first line with a full stop is a headline only when this short
HEADLINE_ENDINGS = ".!?:;\"”'’)"  # a first line ending in one of these is a sentence, not a headline
DASHES = ("—", "–", "--")
DATELINE_HEAD = re.compile(r"^[A-Z][A-Z .'’-]*[A-Z]\b[^a-z]{0,3}")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
DEMO = "demo corpus"


@rule("events", "dateline", source=DEMO, off=None, examples=[
    # a line in capitals closed by a dash reads as a dateline: the words before the dash are no party
    ("REBELS SEIZED THE TOWN — a witness said on Friday.", {"type": "COERCE", "actor": None}),
    ("ATHENS, Dec 14 - Hooded youths hurled petrol bombs at a police station late on Saturday.",
     {"type": "ASSAULT", "date": "2025-06-07"}),
])
def dateline_dash(sent):
    """The dash that closes a dateline opening the sentence ("KHARKIV, Ukraine (Baltic Ledger) —"), or
    None: what comes before it is where the outlet wrote from, no party to the event."""
    first = sent[0]
    if not (first.text[:1].isupper() and (first.text.isupper() or first.text.startswith("("))):
        return None
    for t in sent[:20]:
        if t.text in DASHES or (t.text == "-" and t.whitespace_ and t.i > sent.start
                                and t.doc[t.i - 1].whitespace_):
            return t  # "ATHENS, Dec 14 - Hooded youths …": a lone hyphen between spaces closes it too
    return None


def in_dateline(token) -> bool:
    dash = dateline_dash(token.sent)
    return dash is not None and token.i < dash.i


@rule("events", "headline", source=DEMO, off=0, examples=[
    ("Rebels shell border town\n\nThe army said on Friday that it had repelled an attack near Gao.",
     {"not": {"trigger": "shell"}}),
])
def headline_end(doc) -> int:
    """End of the article's first line when it is a headline (short, no closing punctuation), else 0: the
    body tells the headline's happening again, with its arguments."""
    text = doc_text(doc)
    cut = text.find("\n\n")
    if cut <= 0:
        return 0
    first = text[:cut].strip()
    if not first or len(first.split()) > HEADLINE_MAX_WORDS or not text[cut:].strip():
        return 0
    if first[-1] in HEADLINE_ENDINGS and not headline_with_stop(doc, first):
        return 0
    return cut


@rule("events", "headline-with-stop", source="gold-real dev", off=False, examples=[
    ("Judge rejects request to unseal divorce file.\n\nA New York judge has rejected a media request to make the "
     "file public, saying the courts have no business deciding what voters need.", {"not": {"trigger": "rejects"}}),
    ("The army withdrew from Kidal on Sunday.\n\nResidents said the town was calm on Monday.",
     {"type": "RETREAT", "trigger": "withdrew"}),
])
def headline_with_stop(doc, first: str) -> bool:
    """A first line that ends with a full stop is still a headline when it is one short sentence in the
    headline's present tense ("Judge rejects request to unseal file."), telling a past happening that the
    body tells again."""
    if first[-1] != "." or len(first.split()) > HEADLINE_STOP_MAX_WORDS or re.search(r"[.!?]\s", first[:-1]):
        return False
    sent = next(iter(doc.sents), None)
    return sent is not None and sent.root.tag_ in ("VBZ", "VBP") and not any(
        t.dep_ in ("aux", "auxpass") for t in sent.root.children)


LABEL_MAX_WORDS = 4


@rule("events", "verbless-label", source="gold-real dev", off=False, examples=[
    ("The season opens on Sunday at the circuit.\n\nAlfa attack. The team is back on the grid with two cars.",
     {"not": {"type": "ASSAULT"}}),
    ("Rebels attacked the town of Kidal on Sunday.", {"type": "ASSAULT"}),
])
def label_line(sent) -> bool:
    """A "sentence" of a few words without a verb ("Alfa attack.", a crosshead or a caption's label)
    names a topic, no happening: the text under it tells it."""
    words = [t for t in sent if t.is_alpha]
    return 0 < len(words) <= LABEL_MAX_WORDS and not any(t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB")
                                                          for t in sent)


@rule("events", "dateline-in-evidence", source=DEMO, off=False, examples=[
    ("KIDAL, Mali — Gunmen attacked a market on Sunday.", {"type": "ASSAULT", "evidence~": "KIDAL, Mali —"}),
])
def cut_dateline(text: str, para: int, start: int, trigger_start: int) -> bool:
    """A dateline the sentence splitter cut off the lead ("BAMAKO" | ", Mali (Sahel Dispatch) — Thousands …")
    stays in the lead's evidence."""
    return para < start and start - para <= 60 and DATELINE_HEAD.match(text[para:start]) is not None \
        and re.search(r"[—–]", text[para:trigger_start]) is not None


def evidence(sent, token, headline: int) -> Span:
    """The sentence, cut at paragraph breaks to the part holding the trigger (a headline or a list
    item glued to it by the sentence splitter is not evidence)."""
    start, end = sent.start_char, sent.end_char
    text = doc_text(sent.doc)
    for m in PARAGRAPH_BREAK.finditer(text[start:end]):
        brk_start, brk_end = start + m.start(), start + m.end()
        if brk_end <= token.idx:
            start = brk_end
        elif brk_start >= token.idx + len(token.text):
            end = brk_start
            break
    start = max(start, headline) if headline and start < headline <= token.idx else start
    para = text.rfind("\n", 0, start) + 1
    if cut_dateline(text, para, start, token.idx):
        start = para
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(text[start:end], start, end)
