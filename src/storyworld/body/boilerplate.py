"""Text-mode boilerplate removal: a rule-based paragraph classifier with reasons.

Trafilatura (and readability, newspaper) keep appeals, captions and "Read more" lines that sit as
plain paragraphs inside the article container, and plain text pasted from a page has no markup
at all, so we classify paragraphs ourselves. Rules, not a learned model: the categories are few,
their wording is formulaic, and every removal must carry a reason a user can read.

A second pass handles the closing block of a page: once a paragraph near the end is boilerplate,
short headline-like lines and page-voice paragraphs ("we", "our journalism") next to it go too,
so that a donation appeal is removed whole and not only its sentences that ask for money.

The wording is ``data/words/body.toml``; each decision is a rule (``storyworld rules body``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from ..resources.tables import numbers, words
from ..rules import IDENTITY, rule
from ..types import Removed

FIRST_VERSION = "demo corpus (first version of body extraction)"
BENCHMARK = "demo corpus's gold boilerplate and the article-extraction benchmark (eval boilerplate, eval bodies)"
ADDRESSED = ("appeal", "newsletter", "social")  # reasons whose wording speaks to the reader
CLOSING = ("appeal", "newsletter")  # reasons whose whole closing block is removed
NEWS = ("Rebels shelled the market in Kora on Monday, killing four people, officials said.\n\n"
        "The army said it had pushed the fighters back towards the hills by nightfall.")


def _either(key: str) -> str:
    return "|".join(words(key))


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern[str]]:
    """Each reason's pattern, and the news, reader and page-voice tests, built from body.toml."""
    i = re.IGNORECASE
    return {
        "appeal": re.compile(rf"\b({_either('body.appeal')})\b", i),
        "newsletter": re.compile(rf"\b({_either('body.newsletter')})\b", i),
        "related": re.compile(rf"^({_either('body.related')})\b\s*[:|»>-]?", i),
        "social": re.compile(rf"^({_either('body.social_openers')})|\b({_either('body.social_phrases')})\b", i),
        "copyright": re.compile(f"({_either('body.copyright')})", i),
        "caption": re.compile(f"({_either('body.caption')})", i),
        "bio": re.compile(rf"^([A-Z][\w.'-]+ ){{1,3}}(is|was) (a|an|the) [\w ,'-]*({_either('body.bio_jobs')})\b"),
        "advert": re.compile(rf"^({_either('body.advert_lines')})\s*$|\bpaid ({_either('body.paid_content')})\b", i),
        "navigation": re.compile(rf"^({_either('body.navigation')})(\s*[|/•›>]\s*\w+){{2,}}", i),
        "news": re.compile(rf"\b({_either('body.news_signals')})\b", i),
        "reader": re.compile(rf"\b({_either('body.reader_words')})\b", i),
        "page_voice_topic": re.compile(rf"\b({_either('body.page_voice_topics')})\b", i),
        "page_voice_phrase": re.compile(rf"\b({_either('body.page_voice_phrases')})\b", i),
    }


def _limit(name: str) -> float:
    return numbers("body.limits")[name]


@rule("body", "appeal", source=FIRST_VERSION, off=False, examples=[
    (NEWS + "\n\nPlease donate today so we can keep reporting from the front line.",
     {"removed~": "Please donate today", "reason": "appeal"}),
])
def appeal(text: str) -> bool:
    """A request for money or membership ("donate", "become a member", "subscribe now")."""
    return bool(patterns()["appeal"].search(text))


@rule("body", "newsletter", source=FIRST_VERSION, off=False, examples=[
    (NEWS + "\n\nGet the daily briefing delivered to your inbox every morning.",
     {"removed~": "daily briefing", "reason": "newsletter"}),
])
def newsletter(text: str) -> bool:
    """An invitation to a newsletter or a mailing list."""
    return bool(patterns()["newsletter"].search(text))


@rule("body", "related-links", source=FIRST_VERSION, off=False, examples=[
    (NEWS + "\n\nRead more: Floods cut the coastal road for a second week",
     {"removed~": "Read more", "reason": "related"}),
])
def related(text: str) -> bool:
    """A paragraph that opens with a link list's label ("Read more:", "See also") points elsewhere."""
    return bool(patterns()["related"].search(text))


@rule("body", "social", source=FIRST_VERSION, off=False, examples=[
    (NEWS + "\n\nFollow us on Telegram for live updates from the region.",
     {"removed~": "Follow us on Telegram", "reason": "social"}),
])
def social(text: str) -> bool:
    """Share buttons, comment counters and invitations to follow the page elsewhere."""
    return bool(patterns()["social"].search(text))


@rule("body", "copyright", source=FIRST_VERSION, off=False, examples=[
    (NEWS + "\n\n© 2025 The Harbour Times. All rights reserved.",
     {"removed~": "All rights reserved", "reason": "copyright"}),
])
def copyright_notice(text: str) -> bool:
    """A copyright or republication notice ("All rights reserved", "was republished from")."""
    return bool(patterns()["copyright"].search(text))


@rule("body", "caption", source=FIRST_VERSION, off=False, examples=[
    (NEWS + "\n\nThe burned stalls of the Kora market. (Photo: local residents)",
     {"removed~": "burned stalls", "reason": "caption"}),
])
def caption(text: str) -> bool:
    """A picture's caption or credit ("(Photo: …)" at the end, "Photo:" at the start, "via Reuters")."""
    return bool(patterns()["caption"].search(text))


@rule("body", "author-note", source=FIRST_VERSION, off=False, examples=[
    (NEWS + "\n\nJane Roe is a freelance correspondent covering the Sahel.",
     {"removed~": "Jane Roe", "reason": "bio"}),
])
def author_note(text: str) -> bool:
    """A note on the writer: a name of one to three words, "is a", and a journalist's job."""
    return bool(patterns()["bio"].search(text))


@rule("body", "advert", source=FIRST_VERSION, off=False, examples=[
    (NEWS + "\n\nAdvertisement\n\nAid convoys reached the town on Tuesday, the United Nations said.",
     {"removed": "Advertisement", "reason": "advert"}),
])
def advert(text: str) -> bool:
    """An advert's label ("Advertisement", "Sponsored content", "paid partnership")."""
    return bool(patterns()["advert"].search(text))


@rule("body", "navigation", source=FIRST_VERSION, off=False, examples=[
    ("Home | World | Africa\n\n" + NEWS, {"removed~": "Home | World", "reason": "navigation"}),
])
def navigation(text: str) -> bool:
    """A menu or breadcrumb trail: a site section and two more items behind separators."""
    return bool(patterns()["navigation"].search(text))


REASONS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("appeal", appeal), ("newsletter", newsletter), ("related", related), ("social", social),
    ("copyright", copyright_notice), ("caption", caption), ("bio", author_note), ("advert", advert),
    ("navigation", navigation),
)


@rule("body", "appeals-address-the-reader", source=BENCHMARK, off=False, examples=[
    (NEWS + "\n\nThe owners of the paper said the subscription price of its print edition would rise next month "
     "after the cost of paper and fuel climbed sharply across the country over the past year.",
     {"kept~": "subscription price"}),
])
def third_person(text: str, length: int) -> bool:
    """An appeal, sign-up or share line addresses the reader ("you", "our"); a longer paragraph that
    only mentions subscriptions or signing up, in the third person, is news about them."""
    return length > _limit("reader_address") and not patterns()["reader"].search(text)


@rule("body", "long-news-paragraph", source=FIRST_VERSION, off=False, examples=[
    (NEWS + '\n\nThe minister told parliament that "our public broadcaster depends on you, the taxpayers," and said '
     "the licence fee would rise by a fifth next year, while opposition members accused the government of starving "
     "local newspapers of advertising and warned that several titles in the north could close within months unless "
     "the state stepped in with emergency grants to cover the rising cost of printing and of regional reporting.",
     {"kept~": "public broadcaster"}),
])
def news_paragraph(text: str, length: int) -> bool:
    """A long paragraph with words of news reporting ("said", "minister") is news, even when it
    quotes an appeal's wording."""
    return length > _limit("news_paragraph") and bool(patterns()["news"].search(text))


@rule("body", "long-caption", source=FIRST_VERSION, off=False, examples=[
    (NEWS + "\n\nThe ministry released satellite pictures on Tuesday of the damaged bridge, and a spokesman said "
     "the images, distributed via Reuters, proved that the crossing had been hit at least three times during the "
     "night, contradicting claims by the rebel command that its fighters had never targeted civilian "
     "infrastructure anywhere in the valley.",
     {"kept~": "satellite pictures"}),
])
def long_caption(length: int) -> bool:
    """A caption is short: a long paragraph that names a picture agency is news."""
    return length > _limit("caption")


WIRE_STORY = ("Four killed in Kora market\n\nRebels shelled the market in Kora on Monday, killing four people, "
              "officials said. The army said it had pushed the fighters back towards the hills by nightfall, and "
              "aid groups asked for safe passage. Copyright 2025 The Wire Service. All rights reserved. This "
              "material may not be published, broadcast, rewritten or redistributed.")
SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=\S)")


@rule("body", "copyright-closes-article", source="GeoWebNews (issue 24: 8 of 200 texts rejected whole, reproduced on "
      "texts written here); WikToR dev", off=None, examples=[
    (WIRE_STORY, {"kept~": "Rebels shelled the market in Kora"}),
    (WIRE_STORY, {"removed~": "Copyright 2025 The Wire Service", "reason": "copyright"}),
    ("Kora, a prairie hamlet\n\nThe hamlet lies west of the river. A memoir of a childhood there (Prairie Books, "
     "copyright 1990) is still read in its school, and the old grain elevator, built by the railway in 1912 and "
     "restored by volunteers in the 1980s, now houses a small museum of farm machinery that draws visitors from "
     "across the province every summer.", {"kept~": "copyright 1990"}),
])
def notice_start(text: str) -> int | None:
    """Where the copyright notice of a paragraph begins: a notice is short and closes its paragraph.
    A one-paragraph wire story ending "Copyright 2025 The Wire Service. All rights reserved." is
    article up to the sentence that opens the notice (the offset returned); a paragraph that only
    names copyright in its prose, with more than a notice's length after it, has no notice
    (``len(text)``); None where the paragraph is mostly notice (all of it goes)."""
    limit = _limit("copyright_notice")
    for m in patterns()["copyright"].finditer(text):
        start = max((s.end() for s in SENTENCE_END.finditer(text, 0, m.start() + 1)), default=0)
        tail = len(text[start:].split())
        if tail > limit:
            continue  # more than a notice follows: prose that names copyright
        return start if len(text[:start].split()) >= tail else None
    return len(text)


def _article_and_notice(paragraph: str) -> list[str]:
    """A paragraph split before the copyright notice that closes it, when it is mostly article."""
    start = notice_start(paragraph) if patterns()["copyright"].search(paragraph) else None
    if start is None or not 0 < start < len(paragraph.rstrip()):
        return [paragraph]
    return [paragraph[:start].rstrip(), paragraph[start:].strip()]


def classify_paragraph(paragraph: str) -> str | None:
    """The boilerplate reason for one paragraph, or None for article text."""
    text = paragraph.strip()
    if not text:
        return None
    length = len(text.split())
    for reason, found in REASONS:
        if found(text):
            if reason in ADDRESSED and (third_person(text, length) or news_paragraph(text, length)):
                continue
            if reason == "caption" and long_caption(length):
                continue
            if reason == "copyright" and notice_start(text) == len(text):
                continue
            return reason
    return None


CLOSING_APPEAL = (NEWS + "\n\nFighting also closed the road to the airport.\n\n"
                  "We believe our journalism should be free for everyone to read.\n\n"
                  "Keep the lights on\n\nPlease donate today to keep us going.")


@rule("body", "headline-in-closing-block", source=FIRST_VERSION, off=False, examples=[
    (CLOSING_APPEAL, {"removed": "Keep the lights on", "reason": "appeal"}),
])
def headline_like(text: str) -> bool:
    """A short line without closing punctuation next to a closing appeal is its heading."""
    return len(text.split()) <= _limit("headline") and not re.search(r"[.!?\"”’]$", text.strip())


@rule("body", "page-voice-in-closing-block", source=FIRST_VERSION, off=False, examples=[
    (CLOSING_APPEAL, {"removed~": "We believe our journalism", "reason": "appeal"}),
])
def page_voice(text: str) -> bool:
    """A paragraph in which the page speaks of itself ("we", "our journalism", "fake news") and
    that reports nothing is part of the closing appeal next to it."""
    return has_page_voice(text) and not patterns()["news"].search(text)


def has_page_voice(text: str) -> bool:
    """A reader word and a topic word after it on one line, or a page-voice phrase: what the regex
    ``\\b(reader)\\b.*\\b(topic)\\b|\\b(phrase)\\b`` finds, in linear time. Searched by ``re``, that
    regex tries every reader word against the rest of its line, in time that grows with the square
    of a line's length (128 KB of "you you …" took 109 s, in C, beyond the reach of any time
    budget). A reader word is one whole word, so the first on a line ends first, and the regex
    matches where a topic word starts after it on the same line (``.`` is no newline)."""
    compiled = patterns()
    if compiled["page_voice_phrase"].search(text):
        return True
    for line in text.split("\n"):
        reader = compiled["reader"].search(line)
        if reader and compiled["page_voice_topic"].search(line, reader.end()):
            return True
    return False


@rule("body", "closing-block", source=FIRST_VERSION, off=IDENTITY, examples=[
    (CLOSING_APPEAL, {"removed~": "We believe our journalism", "reason": "appeal"}),
    (CLOSING_APPEAL, {"removed": "Keep the lights on", "reason": "appeal"}),
])
def closing_block(reasons: list[str | None], paragraphs: list[str]) -> list[str | None]:
    """An appeal or a sign-up in the second half of the page spreads backwards and forwards over
    the headline-like and page-voice paragraphs next to it, so that it is removed whole."""
    reasons = list(reasons)
    n = len(paragraphs)
    tail_start = max(1, n // 2)
    for i in range(n - 1, tail_start - 1, -1):
        reason = reasons[i]
        if reason not in CLOSING:
            continue
        for step in (-1, 1):
            k = i + step
            while tail_start <= k < n and (reasons[k] == reason or (
                    reasons[k] is None and (headline_like(paragraphs[k]) or page_voice(paragraphs[k])))):
                reasons[k] = reason
                k += step
    return reasons


LEARNED = ("trafilatura-eval training pages (tools/train_boilerplate.py, split by page); threshold and guards on "
           "gold-real dev and the demo's boilerplate gold")
MENU_PAGE = ("Kora market shelled\n\nHome\n\nNews\n\nSport\n\nWeather\n\nContact\n\n" + NEWS
             + "\n\nImprint\n\nPrivacy policy\n\nTerms of use")


@rule("body", "learned-classifier", source=LEARNED, off=IDENTITY, examples=[
    (MENU_PAGE, {"removed": "Privacy policy", "reason": "learned"}),
    (MENU_PAGE, {"removed": "Weather", "reason": "learned"}),
    (MENU_PAGE, {"kept~": "Rebels shelled the market"}),
])
def learned_removals(reasons: list[str | None], paragraphs: list[str]) -> list[str | None]:
    """Menus, teasers, imprints and link lists come in more wordings than rules can list: a
    paragraph no rule removed goes when the learned classifier (``body/learned.py``) is sure it is
    boilerplate, unless it reads as a news sentence (long enough, closed by a full stop)."""
    from .learned import drop_probabilities

    threshold = _limit("learned_drop")
    reasons = list(reasons)
    for i, p in enumerate(drop_probabilities(paragraphs)):
        if reasons[i] is None and p >= threshold and not reads_as_news(paragraphs[i]):
            reasons[i] = "learned"
    return reasons


def reads_as_news(text: str) -> bool:
    """A sentence of some length that ends like one: what the classifier must never take for a menu."""
    return len(text.split()) >= _limit("learned_news_sentence") and bool(re.search(r"[.!?][\"”’)]*$", text.strip()))


def split_boilerplate(paragraphs: list[str]) -> tuple[list[str], list[Removed]]:
    """Split paragraphs into (kept, removed-with-reason), keeping the order of each."""
    paragraphs = [part for p in paragraphs for part in _article_and_notice(p)]
    reasons = closing_block([classify_paragraph(p) for p in paragraphs], paragraphs)
    reasons = learned_removals(reasons, paragraphs)
    kept = [p for p, r in zip(paragraphs, reasons) if r is None]
    removed = [Removed(text=p, reason=r) for p, r in zip(paragraphs, reasons) if r is not None]
    return kept, removed
