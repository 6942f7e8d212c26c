"""Corrections and retractions: the note that says so, and the document it corrects.

An outlet corrects itself in a note: "Correction: An earlier version of this article misstated …",
"Editor's note: …", "This story has been retracted." The note is looked for in each sentence of
the article's text and of the boilerplate removed from it (a correction box is often cut with the
page furniture); the patterns are data (``resources/data/words/corrections.toml``). A note on the
page's own next version corrects its previous version; a separate notice corrects the earlier
article of the same outlet that it names: the one whose title and lead share most of the words
of the notice's subject (places, names, figures), or whose URL it gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..body.document import normal_outlet, normal_url
from ..resources.tables import word_file, word_set
from ..store import Store
from ..store import versions as rows

KINDS = ("retraction", "correction", "update")  # the first that matches names the note
MIN_SHARED_WORDS = 3  # a notice names its article by at least this many words of its subject
MIN_SHARE = 0.2  # … and by at least this share of the words the notice gives
LOOK_BACK = 500  # the outlet's latest articles searched for the one a notice corrects
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}|\d+")
_URL = re.compile(r"https?://[^\s<>\"')]+")


_SELF = re.compile(r"\b(?:this|the present) (?:story|article|report|post|piece)\b", re.IGNORECASE)


@dataclass(frozen=True)
class CorrectionNote:
    kind: str  # retraction | correction | update
    sentence: str  # the note's sentence, as written
    text: str  # the text it was found in: the article's, or its removed boilerplate's

    @property
    def about_itself(self) -> bool:
        """"An earlier version of this article …": the note is about its own page, not a notice
        about another article."""
        return _SELF.search(self.sentence) is not None


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, tuple[re.Pattern, ...]], ...]:
    table = word_file("corrections")
    return tuple((kind, tuple(re.compile(p, re.IGNORECASE) for p in table[kind]["patterns"])) for kind in KINDS)


def find_note(text: str, removed: list[str] | tuple[str, ...] = ()) -> CorrectionNote | None:
    """The strongest correction note in the text or its removed passages (a retraction outranks a
    correction, which outranks an update); None when there is none."""
    found: dict[str, CorrectionNote] = {}
    for source in (text, *removed):
        for match in _SENTENCE.finditer(source or ""):
            sentence = match.group().strip()
            for kind, patterns in _patterns():
                if kind not in found and any(p.search(sentence) for p in patterns):
                    found[kind] = CorrectionNote(kind, sentence[:500], source)
    return next((found[k] for k in KINDS if k in found), None)


def subject_words(text: str) -> set[str]:
    """The words a notice or an article's lead names its subject by (note words left out)."""
    skip = word_set("corrections.not_subject")
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in skip}


def find_corrected(store: Store, document_id: str, note: CorrectionNote) -> str | None:
    """The earlier document of the same outlet that a separate notice corrects or retracts: the
    one at a URL the notice gives, else the one whose title and lead share most of its words."""
    doc = rows.document(store, document_id)
    outlet = normal_outlet(doc["outlet"])
    if outlet is None:
        return None
    candidates = [r for r in rows.outlet_documents(store, document_id, outlet=doc["outlet"],
                                                   published=doc["published"], limit=LOOK_BACK)
                  if normal_outlet(r["outlet"]) == outlet]
    if not candidates:
        return None
    named = {normal_url(u.rstrip(".,;")) for u in _URL.findall(note.text)} - {normal_url(doc["url"]), None}
    for r in candidates:
        if normal_url(r["url"]) in named:
            return r["id"]
    words = subject_words(_notice_subject(doc["text"], note))
    best, best_score = None, 0.0
    for r in candidates:
        shared = words & subject_words(f"{r['title'] or ''} {r['lead']}")
        score = len(shared) / max(1, len(words))
        if len(shared) >= MIN_SHARED_WORDS and score >= MIN_SHARE and score > best_score:
            best, best_score = r["id"], score
    return best


def _notice_subject(text: str, note: CorrectionNote) -> str:
    """What a notice says about the article it corrects: the note's sentence and the text around it
    (a short notice is all subject; a long article carrying a note is its note's paragraph)."""
    if len(text) <= 1500 or note.text is not text:
        return note.text[:1500]
    at = text.find(note.sentence)
    return text[max(0, at - 300): at + len(note.sentence) + 600] if at >= 0 else note.sentence
