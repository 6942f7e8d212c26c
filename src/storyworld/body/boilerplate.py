"""Text-mode boilerplate removal: a rule-based paragraph classifier with reasons.

Trafilatura (and readability, newspaper) keep appeals, captions and "Read more" lines that sit as
plain paragraphs inside the article container, and plain text pasted from a page has no markup
at all, so we classify paragraphs ourselves. Rules, not a learned model: the categories are few,
their wording is formulaic, and every removal must carry a reason a user can read.

A second pass handles the closing block of a page: once a paragraph near the end is boilerplate,
short headline-like lines and page-voice paragraphs ("we", "our journalism") next to it go too,
so that a donation appeal is removed whole and not only its sentences that ask for money.
"""

from __future__ import annotations

import re

from ..types import Removed

_I = re.IGNORECASE

RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("appeal", re.compile(
        r"\b(donat(e|ion|ing)|support (us|our|independent|quality|this)|your support|"
        r"become a (member|supporter|patron|subscriber)|make a (gift|contribution)|"
        r"(depends|rely|relies) on (you|readers|your)|"
        r"subscribe (now|today|to (our|the) (print|digital))|subscribe to [\w ]{2,40} for|subscription|paywall|"
        r"support the [\w ]{2,40}(?=:)|"
        r"we appreciate your support|keep (our )?journalism|chip in|contribute (today|now)|"
        r"(help|keep) us (going|independent)|a gift of|reader[- ]funded|"
        r"already a (subscriber|member))\b", _I)),
    ("newsletter", re.compile(
        r"\b(newsletter|sign[ -]?up|signing up|inbox|daily briefing|mailing list|"
        r"enter your e-?mail|e-?mail address)\b", _I)),
    ("related", re.compile(
        r"^(read more|read also|also read|related( stories| articles| coverage)?|more on this|"
        r"see also|recommended|most read|trending|you may also like|more from|watch)\b\s*[:|»>-]?", _I)),
    ("social", re.compile(
        r"^(follow us|share (this|on)|like us on|join us on|click (here|to share)|tweet this|"
        r"share:|comments?\b|\d+ comments?)|\b(follow us on|on (twitter|x|facebook|instagram|telegram|whatsapp) for)\b", _I)),
    ("copyright", re.compile(
        r"(©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|may not be (re)?published|"
        r"(was|is) (republished|reprinted|syndicated) (from|with)|content[- ]sharing agreement|"
        r"reproduction (is )?(prohibited|forbidden))", _I)),
    ("caption", re.compile(
        r"(\((photo|picture|image|file photo|video)\b[^)]*\)\s*$|^(photo|picture|image|file photo)\s*(credit)?\s*[:/|]|"
        r"\b(photo|image|picture)\s*(credit|courtesy)\b|"
        r"\b(getty images|afp photo|ap photo|reuters/[A-Z]|via reuters|via getty)\b)", _I)),
    ("bio", re.compile(
        r"^([A-Z][\w.'-]+ ){1,3}(is|was) (a|an|the) [\w ,'-]*(correspondent|reporter|journalist|editor|"
        r"writer|contributor|columnist|fellow)\b", 0)),
    ("advert", re.compile(r"^(advertisement|sponsored( content)?|ad)\s*$|\bpaid (content|partnership)\b", _I)),
    ("navigation", re.compile(
        r"^(home|news|world|politics|business|sport|opinion|menu|search|log ?in|sign in|skip to content)"
        r"(\s*[|/•›>]\s*\w+){2,}", _I)),
)

_NEWS_SIGNAL = re.compile(
    r"\b(said|says|told|reported|according to|announced|confirmed|killed|wounded|attack|strike|"
    r"forces|army|ministry|minister|president|police|troops|militia|government|officials?)\b", _I)
_READER = re.compile(r"\b(you|your|our|us|we)\b", _I)
_PAGE_VOICE = re.compile(
    r"\b(we|our|us|you|your)\b.*\b(journalism|reporters?|stories|news|content|readers?|support)\b|"
    r"\b(journalism|false news|fake news|misinformation)\b", _I)


def classify_paragraph(paragraph: str) -> str | None:
    """The boilerplate reason for one paragraph, or None for article text."""
    text = paragraph.strip()
    if not text:
        return None
    words = len(text.split())
    for reason, pattern in RULES:
        if pattern.search(text):
            # Appeals and sign-ups address the reader ("you", "our"); a longer paragraph that only
            # mentions subscriptions or signing up, in the third person, is news about them.
            if reason in ("appeal", "newsletter", "social") and words > 25 and not _READER.search(text):
                continue
            if words > 60 and _NEWS_SIGNAL.search(text) and reason in ("appeal", "newsletter", "social"):
                continue
            if reason == "caption" and words > 45:
                continue
            return reason
    return None


def _is_headline_like(text: str) -> bool:
    return len(text.split()) <= 10 and not re.search(r"[.!?\"”’]$", text.strip())


def split_boilerplate(paragraphs: list[str]) -> tuple[list[str], list[Removed]]:
    """Split paragraphs into (kept, removed-with-reason), keeping the order of each."""
    reasons: list[str | None] = [classify_paragraph(p) for p in paragraphs]
    n = len(paragraphs)
    # Closing block: spread an appeal/newsletter backwards and forwards over page-voice and
    # headline-like paragraphs in the second half of the page.
    tail_start = max(1, n // 2)

    def is_weak(k: int) -> bool:
        text = paragraphs[k]
        return _is_headline_like(text) or bool(_PAGE_VOICE.search(text) and not _NEWS_SIGNAL.search(text))

    for i in range(n - 1, tail_start - 1, -1):
        reason = reasons[i]
        if reason not in ("appeal", "newsletter"):
            continue
        for step in (-1, 1):
            k = i + step
            while tail_start <= k < n and (reasons[k] == reason or (reasons[k] is None and is_weak(k))):
                reasons[k] = reason
                k += step
    kept = [p for p, r in zip(paragraphs, reasons) if r is None]
    removed = [Removed(text=p, reason=r) for p, r in zip(paragraphs, reasons) if r is not None]
    return kept, removed
