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
        "social": re.compile(rf"^[\"“‘']?({_either('body.social_openers')})|\b({_either('body.social_phrases')})\b", i),
        "copyright": re.compile(f"({_either('body.copyright')})", i),
        "caption": re.compile(f"({_either('body.caption')})", i),
        "bio": re.compile(rf"^([A-Z][\w.'-]+ ){{1,3}}(is|was|has been) (a|an|the|our|their) [\w ,'-]*"
                          rf"({_either('body.bio_jobs')})\b"),
        "bio_phrases": re.compile(rf"\b({_either('body.bio_phrases')})\b"),
        "appeal_other": re.compile(rf"\b({_either('body.appeal_other_words')})\b", i),
        "press": re.compile(rf"^({_either('body.press_release')})", i),
        "cookie": re.compile(rf"\b({_either('body.cookie')})", i),
        "credit": re.compile(f"({_either('body.credit')})"),
        "correction": re.compile(f"({_either('body.correction')})", i),
        "topics": re.compile(rf"^({_either('body.topic_labels')})\s*([:|»>—–-]|$)", i),
        "caption_credit": re.compile(f"({_either('body.caption_credits')})"),
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
    (NEWS + '\n\n"Follow Jane Roe on Twitter @janeroe."', {"removed~": "Follow Jane Roe", "reason": "social"}),
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


@rule("body", "author-note", source=FIRST_VERSION + "; issue 24 ('X is our correspondent in …')", off=False, examples=[
    (NEWS + "\n\nJane Roe is a freelance correspondent covering the Sahel.",
     {"removed~": "Jane Roe", "reason": "bio"}),
    (NEWS + "\n\nAmina Bello is our correspondent in Niamey and has covered the Sahel since 2019.",
     {"removed~": "Amina Bello", "reason": "bio"}),
    (NEWS + "\n\nJoe Roe writes the Connecting Kora column for the Kora Times. He can be contacted at",
     {"removed~": "Connecting Kora column", "reason": "bio"}),
])
def author_note(text: str) -> bool:
    """A note on the writer: a name of one to three words, "is a", and a journalist's job; or what
    such a note says ("writes the … column for", "can be contacted at")."""
    return bool(patterns()["bio"].search(text) or patterns()["bio_phrases"].search(text))


AUTHOR_CARD = re.compile(r"^((?:[A-Z][A-Z'’.-]+ ){1,3}[A-Z][A-Z'’.-]+) (?=[A-Z][a-z])")


@rule("body", "author-card", source="gold-real dev3 (a writer's card closing the page)", off=False,
      examples=[
    (NEWS + "\n\nJANE ROE With a decade of reporting under her belt, Jane Roe has been with the Kora Times for "
     "four years and has interviewed two presidents.", {"removed~": "JANE ROE", "reason": "bio"}),
    ("NEW YORK Police in New York said on Monday that they had arrested two men after the shooting.",
     {"kept~": "NEW YORK Police"}),
])
def author_card(text: str) -> bool:
    """A writer's card: the name in capitals as a heading, then a note in which that name has been with,
    is, joined or writes for the page ("OLIVE BURROWS With a decade of storytelling …, Olive Burrows has
    been with Capital FM …")."""
    heading = AUTHOR_CARD.match(text)
    if not heading:
        return False
    name = r"\s+".join(re.escape(w) for w in heading.group(1).split())
    return bool(re.search(rf"\b{name}\W{{0,3}}\s(has been|is|was|joined|has worked|covers|writes)\b",
                          text[heading.end():], re.IGNORECASE))


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


REAL = "issue 24's classes of real-news boilerplate; tried on gold-real dev and trafilatura-eval training pages"


@rule("body", "appeal-in-other-words", source=REAL, off=False, examples=[
    (NEWS + "\n\nIf you value our reporting from the region, please consider a monthly gift.",
     {"removed~": "If you value our reporting", "reason": "appeal"}),
    (NEWS + "\n\nIndependent journalism costs money. Readers like you keep this newsroom open.",
     {"removed~": "Readers like you", "reason": "appeal"}),
])
def appeal_other_words(text: str) -> bool:
    """An appeal that never says "donate": "if you value our reporting", "readers like you"."""
    return bool(patterns()["appeal_other"].search(text))


@rule("body", "press-release", source=REAL, off=False, examples=[
    ("FOR IMMEDIATE RELEASE\n\n" + NEWS, {"removed": "FOR IMMEDIATE RELEASE", "reason": "press-release"}),
    (NEWS + "\n\nMedia contact: Jo Bloggs, press office, +44 20 7946 0000",
     {"removed~": "Media contact", "reason": "press-release"}),
    (NEWS + "\n\n###", {"removed": "###", "reason": "press-release"}),
])
def press_release(text: str) -> bool:
    """A press release's furniture: "FOR IMMEDIATE RELEASE", "Media contact:", the closing "###"."""
    return bool(patterns()["press"].search(text))


@rule("body", "cookie-consent", source=REAL, off=False, examples=[
    ("We use cookies to improve your experience. By continuing to browse you agree to our cookie policy.\n\n" + NEWS,
     {"removed~": "We use cookies", "reason": "cookie"}),
])
def cookie_consent(text: str) -> bool:
    """A cookie or consent banner ("We use cookies", "Accept all cookies")."""
    return bool(patterns()["cookie"].search(text))


@rule("body", "reporting-credit", source=REAL, off=False, examples=[
    (NEWS + "\n\n(Reporting by Jane Roe in Kora; Editing by John Doe)", {"removed~": "Reporting by", "reason": "credit"}),
    (NEWS + "\n\nAssociated Press writer Sam Lee in Kora contributed to this report.",
     {"removed~": "Sam Lee", "reason": "credit"}),
    (NEWS + "\n\nReporting by the local radio station showed that the road had been closed since March.",
     {"kept~": "Reporting by the local radio"}),
])
def reporting_credit(text: str) -> bool:
    """Who reported, wrote and edited the story ("Reporting by …; editing by …"); short lines only."""
    return len(text.split()) <= _limit("caption") and bool(patterns()["credit"].search(text))


@rule("body", "correction-notice", source=REAL, off=False, examples=[
    (NEWS + "\n\nCorrection: An earlier version of this article misstated the number of people killed in Kora.",
     {"removed~": "An earlier version", "reason": "correction"}),
    (NEWS + "\n\nThis story has been updated to include a statement from the army.",
     {"removed~": "has been updated", "reason": "correction"}),
])
def correction_notice(text: str) -> bool:
    """A note about the article itself: a correction, a clarification, an update."""
    return bool(patterns()["correction"].search(text))


@rule("body", "topics-line", source=REAL, off=False, examples=[
    (NEWS + "\n\nTopics: Sahel, Security, Elections", {"removed~": "Topics:", "reason": "related"}),
    (NEWS + "\n\nMost read\n\nAid convoys reached the town on Tuesday, the United Nations said.",
     {"removed": "Most read", "reason": "related"}),
    (NEWS + "\n\nLatest figures show that 40 people have died in the fighting since March, the ministry said.",
     {"kept~": "Latest figures"}),
])
def topics_line(text: str) -> bool:
    """A line of topic tags or a link list's label ("Topics: …", "Most read", "Top stories")."""
    return bool(patterns()["topics"].search(text))


@rule("body", "picture-credit", source=REAL, off=False, examples=[
    (NEWS + "\n\nResidents clear rubble from the market on Tuesday. Photo: Kora Times/Ali Musa",
     {"removed~": "Residents clear rubble", "reason": "caption"}),
    (NEWS + "\n\nThe new bridge over the river. Picture: Jane Roe.", {"removed~": "new bridge", "reason": "caption"}),
    (NEWS + "\n\nSource: Civil Aviation Authority", {"removed~": "Source:", "reason": "caption"}),
])
def picture_credit(text: str) -> bool:
    """A caption closed by its picture's credit ("… Photo: Outlet/Name") or a graphic's source line."""
    return len(text.split()) <= _limit("caption") and bool(patterns()["caption_credit"].search(text))


@lru_cache(maxsize=1)
def _date_words() -> frozenset[str]:
    return frozenset(words("body.date_line_words")) | frozenset(words("body.month_and_day_names"))


@rule("body", "date-line", source=REAL + " (3 of 11 gold passages in gold-real dev)", off=False, examples=[
    ("Flood closes the coast road\n\nMarch 04, 2025\n\n" + NEWS, {"removed": "March 04, 2025", "reason": "dateline"}),
    (NEWS + "\n\n14:32 GMT\n\nAid convoys reached the town on Tuesday, the United Nations said.",
     {"removed": "14:32 GMT", "reason": "dateline"}),
    (NEWS + "\n\nUpdated 3 hours ago", {"removed": "Updated 3 hours ago", "reason": "dateline"}),
    (NEWS + "\n\nISBN 0-71757-05642-8.", {"not": {"removed~": "0-71757-05642-8", "reason": "dateline"}}),
    ("4 October 2013 , 18 : 07 ( GMT+05 : 00 )\n\n" + NEWS, {"removed~": "GMT+05", "reason": "dateline"}),
])
def date_line(text: str) -> bool:
    """A line that is only a date or a time stamp ("March 04, 2025", a live blog's "14:32 GMT", with
    its offset "(GMT+05:00)"): the story's date, not its text (published dates come from the input or
    the page)."""
    text = re.sub(r"\b(gmt|utc)\s*[+-]\s*\d{1,2}(\s*:\s*\d\d)?", r"\1", text, flags=re.IGNORECASE)
    tokens = re.findall(r"[^\W\d_]+\.?(?:[^\W\d_]+\.)*|\d+", text.lower())
    if not tokens or len(tokens) > 12 or not any(t.isdigit() for t in tokens):
        return False
    if re.search(r"[^\w\s,:./\-–—|()]", text):
        return False
    dated = (any(t in words("body.month_and_day_names") for t in tokens)
             or re.search(r"\b\d{1,2}\s*[:.]\s*\d\d\b|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b", text))
    return bool(dated or "ago" in tokens) and all(t.isdigit() or t in _date_words() for t in tokens)


_NAME = r"(?:[A-Z][a-z'’-]+|[A-Z]\.)(?: (?:[A-Z][a-z'’-]+|[A-Z]\.)){1,3}(?:,? (?:Jr|Sr)\.)?"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# "Stanley Uzoaru,Owerri.": a name and the writer's town; "Cleve R. Wootson Jr., The Washington Post
# March 31, 2018 2:36 pm.": a name, the outlet and the time of posting
SIGNED = re.compile(rf"^{_NAME},\s?[A-Z][a-z]+(?: [A-Z][a-z]+)?\.$"
                    rf"|^{_NAME}, (?:The )?(?:[A-Z][\w&'’-]+ ){{0,4}}[A-Z][\w&'’-]+,? {_MONTH} \d{{1,2}}, \d{{4}}"
                    rf"(?:,? \d{{1,2}}:\d{{2}} ?(?:[ap]\.?m\.?)?)?\.?$")


@rule("body", "signed-byline", source=REAL + " (bylines without 'By' at the top of flattened pages: gold-real dev4)",
      off=False, examples=[
    ("Ada Obi,Owerri. The vice chancellor said the fence cost N60 million. The police arrested two men.",
     {"removed": "Ada Obi,Owerri.", "reason": "byline"}),
    ("Jane R. Roe Jr., The Kora Times March 31, 2018 2:36 pm. A few moments before the vote, the minister resigned "
     "and left the capital.", {"removed~": "The Kora Times March 31", "reason": "byline"}),
    ("Police arrested two men, Owerri.", {"kept~": "Police arrested"}),
])
def signed_byline(text: str) -> bool:
    """A byline without "By": the writer's name and town, or name, outlet and posting time."""
    return bool(SIGNED.match(text.strip()))


@rule("body", "byline", source=REAL, off=False, examples=[
    ("Flood closes the coast road\n\nBy Jane Roe and Sam Lee, Reuters\n\n" + NEWS,
     {"removed~": "By Jane Roe", "reason": "byline"}),
    ("By Tuesday the army had pushed the rebels out of Kora.\n\n" + NEWS, {"kept~": "By Tuesday the army"}),
])
def byline(text: str) -> bool:
    """A byline: "By" and names, with no lower-case word that a byline cannot hold."""
    text = text.strip()
    if not re.match(r"^(By|BY|by)\s+[A-Z]", text) or len(text.split()) > 15 or text.endswith("?"):
        return False
    allowed = set(words("body.byline_words"))
    return all(w in allowed for w in re.findall(r"\b[a-z][\w.'’-]*", text[2:]))


@rule("body", "url-line", source=REAL + " (a page's address above a wire story, gold-real dev)", off=False, examples=[
    ("https://www.kora-times.example/news/2025/03/market-shelled\n\n" + NEWS,
     {"removed~": "kora-times", "reason": "navigation"}),
    ("http : / / www . kora-times . example / news / market _ shelled\n\n" + NEWS,
     {"removed~": "kora-times", "reason": "navigation"}),
])
def url_line(text: str) -> bool:
    """A paragraph that is only a web address (also as tokenised text, "http : / / …"), above the
    story; further down, a list of addresses is the article's sources."""
    return bool(re.fullmatch(r"(https?://|www\.)\S+", re.sub(r"\s+", "", text), re.IGNORECASE))


def top_lines(reasons: list[str | None], paragraphs: list[str]) -> list[str | None]:
    """The first two paragraphs that are only a web address (see ``url_line``) are navigation."""
    return [("navigation" if reason is None and i < 2 and url_line(p) else reason)
            for i, (reason, p) in enumerate(zip(reasons, paragraphs))]


@rule("body", "correction-notice-alone", source="issue 27 (a separate correction notice is its own story)",
      off=IDENTITY, examples=[
    ("Correction\n\nCorrection: An article on Thursday about an attack near Sake misstated the number of soldiers "
     "killed. Rebels attacked the post on Thursday, killing six soldiers, an army spokesman said.",
     {"kept~": "killing six soldiers"}),
    (NEWS + "\n\nCorrection: An earlier version of this article misstated the name of the market.",
     {"removed~": "An earlier version", "reason": "correction"}),
])
def notice_alone(reasons: list[str | None], paragraphs: list[str]) -> list[str | None]:
    """A page that is only a correction (or retraction) notice, under at most a headline, keeps it:
    the notice is its news (what it corrects is revised from it, ``corpus.versions``); below an
    article, a note about the article is page furniture."""
    kept = [i for i, r in enumerate(reasons) if r is None]
    notices = [i for i, r in enumerate(reasons) if r == "correction"]
    if notices and all(i == 0 and len(paragraphs[i].split()) <= 15 for i in kept):
        return [None if r == "correction" else r for r in reasons]
    return reasons


REASONS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("appeal", appeal), ("appeal", appeal_other_words), ("newsletter", newsletter), ("related", related),
    ("related", topics_line), ("social", social), ("copyright", copyright_notice), ("caption", caption),
    ("caption", picture_credit), ("bio", author_note), ("bio", author_card), ("advert", advert),
    ("navigation", navigation),
    ("press-release", press_release), ("cookie", cookie_consent), ("credit", reporting_credit),
    ("correction", correction_notice), ("dateline", date_line), ("byline", byline), ("byline", signed_byline),
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


OPENING_CREDIT = re.compile(r"^(?i:(?:staff |file |courtesy )?(?:photo|photograph|picture)s? (?:by|courtesy of) )[A-Z]")


@rule("body", "credit-opens-caption", source="gold-real dev2 (\"Staff photo by Michael Schweitzer Graham Smith, left, "
      "with …\", 44 words)", off=False, examples=[
    (NEWS + "\n\nStaff photo by Jane Roe Ali Musa, left, with Sam Lee, and Amina Bello, an administrator at the Kora "
     "market and member of the traders' committee, talk about the shelling and the repairs it will need during an "
     "informational meeting on Wednesday afternoon at the Kora community centre, which the army reopened.",
     {"removed~": "Staff photo by", "reason": "caption"}),
])
def opening_credit(text: str, length: int) -> bool:
    """A paragraph opened by its picture's credit ("Staff photo by …") is a caption however long it runs
    (up to twice a caption's length)."""
    return length <= 2 * _limit("caption") and bool(OPENING_CREDIT.match(text))


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


BYLINE_SENTENCE = re.compile(r"(?<=[.!?] )(By (?:[A-Z][\w'’-]*\.? ){1,3}[A-Z][\w'’-]+\.)(?= [A-Z]{3,})")


@rule("body", "byline-inside-paragraph", source=REAL + " (a title, byline and dateline run together, gold-real dev)",
      off=None, examples=[
    ("Market shelled in Kora. By Jane Roe. KORA, March 3 (Wire) - Rebels shelled the market on Monday, killing "
     "four people, officials said.", {"removed": "By Jane Roe.", "reason": "byline"}),
    ("Market shelled in Kora. By Jane Roe. KORA, March 3 (Wire) - Rebels shelled the market on Monday, killing "
     "four people, officials said.", {"kept~": "Rebels shelled the market"}),
])
def byline_sentence(paragraph: str) -> re.Match[str] | None:
    """A byline sentence run into its paragraph ("… headline? By Jane Roe. KORA, March 3 - …"): "By",
    a name, a full stop, and a dateline's capitals after it."""
    return BYLINE_SENTENCE.search(paragraph)


# a wire dateline run in after the title: "… avoiding Ind. tax. HAMMOND, Ind. (AP) — The …"
TITLE_BEFORE_DATELINE = re.compile(
    r"(?<=[.!?] )(?=[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3},(?: [A-Z][\w.'’-]*){0,3},? "
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2} )?\((?:AP|Reuters|AFP|UPI|CNN|dpa|Xinhua|Bloomberg|Anadolu|IANS|PTI)\))")


@rule("body", "title-before-dateline", source=REAL + " (a title run into its wire dateline: gold-real dev4)", off=None,
      examples=[
    ("DNR tickets boaters avoiding Ind. tax. HAMMOND, Ind. (AP) — The state is cracking down on boaters who do not "
     "pay its excise tax, officials said.",
     {"kept": "HAMMOND, Ind. (AP) — The state is cracking down on boaters who do not pay its excise tax, officials "
              "said."}),
])
def title_before_dateline(paragraph: str) -> list[str]:
    """A paragraph split before the wire dateline that follows its title ("… avoiding Ind. tax.
    HAMMOND, Ind. (AP) — …"): the title is no part of the lead's sentence."""
    found = TITLE_BEFORE_DATELINE.search(paragraph)
    if not found:
        return [paragraph]
    return [paragraph[:found.start()].strip(), paragraph[found.start():].strip()]


def _split_byline(paragraph: str) -> list[str]:
    found = byline_sentence(paragraph)
    if not found:
        return [paragraph]
    return [part.strip() for part in (paragraph[:found.start()], found.group(1), paragraph[found.end():]) if part.strip()]


@lru_cache(maxsize=1)
def _inline_label() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{w})" for w in words("body.inline_labels")), re.IGNORECASE)


@rule("body", "label-inside-paragraph", source=REAL + " (pages flattened to one line: gold-real dev2)", off=None,
      examples=[
    ("Teachers missed 10 or more days last year, the paper reported. Officials say absent teachers cost money. "
     "Information from: The Daily Courier, http://www.dailycourier.example.", {"removed~": "Information from:",
                                                                               "reason": "credit"}),
    ("Teachers missed 10 or more days last year, the paper reported. Officials say absent teachers cost money. "
     "Information from: The Daily Courier, http://www.dailycourier.example.", {"kept~": "Officials say absent"}),
    ("Teachers missed 10 or more days last year, the paper reported. Information from: The Daily Courier, "
     "http://www.dailycourier.example. Officials say absent teachers cost money.",
     {"removed~": "Information from:", "reason": "credit"}),
])
def label_sentences(paragraph: str) -> list[str]:
    """A paragraph split around each sentence that opens with a credit's or a caption's label
    ("Information from: …", "Staff photo by …"), so that the label's sentence is judged alone."""
    cuts = [m.end() for m in SENTENCE_END.finditer(paragraph) if _inline_label().match(paragraph, m.end())]
    if not cuts:
        return [paragraph]
    bounds = []
    for cut in cuts:
        after = SENTENCE_END.search(paragraph, cut)
        bounds += [cut, after.end() if after else len(paragraph)]
    return _pieces(paragraph, bounds)


# page furniture run into a flattened paragraph between two sentences: a link label ("… in Berkshire.
# Read More Volunteers provide …", "… in court. More: <a headline> [archive]"), an embedded post's
# signature ("(@tatsmas) on Jul 25, 2015 at 11:11pm PDT."), a caption closed by its picture's credit
# ("… for appeal/FILE.", "… The band's stolen bass. Photo: Fleshgod Apocalypse. The band …", "… in March.
# (Muhammad Hamed/Reuters)")
INLINE_FURNITURE = re.compile(
    r"(?<=[.!?\"”’] )(?:Read More|READ MORE|Read more|Also Read|ALSO READ)(?= [A-Z“\"])"
    r"|(?<=\w )(?:Read More|READ MORE)(?= [A-Z“\"])"
    r"|\(@\w{1,30}\)\s+(?:on\s+)?[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}(?: at \d{1,2}:\d{2}\s?[ap]m(?: [A-Z]{2,4})?)?\.?"
    r"|(?:(?<=[.!?\"”’] )|^)[A-Z][^.!?]{10,200}?/\s?(?:FILE|File)(?: PHOTO| Photo)?\.(?= |$)"
    r"|(?<=[.!?\"”’] )[A-Z][^.!?]{5,150}[.!?] (?:Photo|PHOTO|Picture|Image)\s*:\s*[A-Z][^.:!?]{1,60}\.(?= [A-Z]|$)"
    r"|(?<=[.!?\"”’] )More:(?: [^.!?\[\]]{5,150}\[archive\])?(?=\s|$)"
    r"|(?:(?<=[.!?\"”’]\s)|^)[A-Z][^.!?()]{5,300}[.!?]\s+"
    r"\((?:[A-Z][\w.'’-]+ ){1,3}[A-Z][\w.'’-]+\s?/\s?[A-Z][\w&.'’ -]{1,40}\)")


@rule("body", "furniture-inside-paragraph", source=REAL + " (pages flattened to one line: gold-real dev3)", off=None,
      examples=[
    ("Drivers take patients to hospital across the valley. Read More Volunteers use their own cars, the service said.",
     {"removed": "Read More", "reason": "related"}),
    ("Drivers take patients to hospital across the valley. Read More Volunteers use their own cars, the service said.",
     {"kept~": "Volunteers use their own cars"}),
    ("He won a regional title in 2015. (@kora_lifts) on Jul 25, 2015 at 11:11pm PDT. He later turned to coaching.",
     {"removed~": "(@kora_lifts)", "reason": "social"}),
    ("Maraga told those dissatisfied to appeal/FILE. NAIROBI, Kenya, Apr 5 - The Chief Justice denied the claims.",
     {"removed~": "appeal/FILE.", "reason": "caption"}),
    ("No one else plays them, Ferrini said. The band's stolen bass. Photo: Fleshgod Apocalypse. The band was due "
     "to play in Hamburg.", {"removed": "The band's stolen bass. Photo: Fleshgod Apocalypse.", "reason": "caption"}),
    ("He will appear in court on April 6. More: Singer meets the actress's new baby [archive] The actress, 38, "
     "starred in a comedy series.", {"removed": "More: Singer meets the actress's new baby [archive]",
                                     "reason": "related"}),
    ("Four policemen were killed in the attacks, officials said. Here, an officer stands guard in Irbid in March. "
     "(Ali Musa/Wire) Gunmen carried out a series of attacks on Sunday.",
     {"removed": "Here, an officer stands guard in Irbid in March. (Ali Musa/Wire)", "reason": "caption"}),
])
def inline_furniture(paragraph: str) -> list[str]:
    """A paragraph split around the page furniture run into it (a link label, an embedded post's
    signature, a caption with a file-picture credit), so that each piece is judged alone."""
    cuts = sorted({edge for m in INLINE_FURNITURE.finditer(paragraph) for edge in (m.start(), m.end())})
    return _pieces(paragraph, cuts) if cuts else [paragraph]


FLATTENED_SENTENCES = 3  # a paragraph of at least this many sentences may end or open with furniture
PEEL_AT_MOST = 3


@rule("body", "furniture-at-the-ends-of-a-paragraph", source=REAL + " (pages flattened to one line: gold-real dev4)",
      off=None, examples=[
    ("The spills have closed beaches for a year. The city blamed the pipes. Officials promised a fix. Read more at "
     "Kora Times Did You Like this Article? Get All the Water News Delivered to Your Inbox.",
     {"removed~": "Delivered to Your Inbox", "reason": "newsletter"}),
    ("The spills have closed beaches for a year. The city blamed the pipes. Officials promised a fix. Read more at "
     "Kora Times Did You Like this Article? Get All the Water News Delivered to Your Inbox.",
     {"kept~": "Officials promised a fix."}),
    ("Was justice served in the county today? The jury took two hours. The judge thanked them. Leave your "
     "reaction in the comments section below.", {"removed~": "Leave your reaction", "reason": "social"}),
])
def furniture_at_the_ends(paragraph: str) -> list[str]:
    """A flattened paragraph with the page furniture that closes or opens it cut off ("… for more than
    a year. Read more at Timesofsandiego Did You Like this Article? Get All … Delivered to Your Inbox."):
    its last and first sentences, each judged alone, while they read as boilerplate."""
    edges = [0, *(m.end() for m in SENTENCE_END.finditer(paragraph)), len(paragraph)]
    sentences = [paragraph[a:b].strip() for a, b in zip(edges, edges[1:])]
    if len(sentences) < FLATTENED_SENTENCES:
        return [paragraph]
    first, last, opening = 0, len(sentences), []
    while last - first > 1 and len(sentences) - last < PEEL_AT_MOST and _closing_furniture(sentences[last - 1]):
        last -= 1
    while last - first > 1 and len(opening) < PEEL_AT_MOST:
        # a byline's initials end no sentence ("Cleve R. Wootson Jr., The Post March 31, 2018 2:36 pm."):
        # the opening judged over one, two or three of the split sentences
        taken = next((k for k in range(1, min(3, last - first - 1) + 1)
                      if classify_paragraph(" ".join(sentences[first:first + k])) in OPENING_FURNITURE), None)
        if taken is None:
            break
        opening.append(" ".join(sentences[first:first + taken]))
        first += taken
    if (first, last) == (0, len(sentences)):
        return [paragraph]
    middle = paragraph[edges[first]:edges[last]].strip()
    return [*opening, middle, *sentences[last:]]


# what may open a flattened page (a copyright sign there opens a credit run into the lead: "© Nordex
# Hamburg (iwr) - Die …", trafilatura-eval)
OPENING_FURNITURE = ("byline", "bio", "dateline", "navigation", "related", "social")


def _closing_furniture(sentence: str) -> bool:
    """A sentence that may close a flattened page as furniture, judged more strictly than a paragraph
    of its own, since it stands in the article's own paragraph: an appeal that addresses the reader;
    a sign-up to a newsletter or an inbox ("… Delivered to Your Inbox"; not "you can sign up for a
    free 7-day trial", nor "Ein Techniker öffnete die Mail in Relotius' Inbox"); a note on the writer
    in the present ("X is our correspondent", "can be contacted at"; not "Abrams was a producer on
    Star Trek Beyond": article-extraction benchmark)."""
    reason = classify_paragraph(sentence)
    if reason == "appeal":
        return bool(patterns()["reader"].search(sentence))
    if reason == "newsletter":
        return bool(patterns()["reader"].search(sentence)
                    and re.search(r"\b(newsletter|inbox|mailing list|e-?mail)\b", sentence, re.IGNORECASE))
    if reason == "bio":
        return bool(patterns()["bio_phrases"].search(sentence) or re.search(r"^\S+(?: \S+){0,2} is ", sentence))
    return reason is not None


def _pieces(paragraph: str, cuts) -> list[str]:
    """The paragraph cut at these offsets, each piece stripped, empty ones left out."""
    edges = sorted({0, len(paragraph), *cuts})
    return [paragraph[a:b].strip() for a, b in zip(edges, edges[1:]) if paragraph[a:b].strip()]


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
            if reason == "caption" and long_caption(length) and not opening_credit(text, length):
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


ABOUT_HEADING = re.compile(r"^About (?:the )?(us|[A-Z][\w&.,'’-]*(?: [\w&.,'’-]+){0,5})$")
# "About the Lake Region Relief Alliance The Lake Region Relief Alliance is an independent …": the heading
# and its note on two lines that the text reader joined as one hard-wrapped paragraph
ABOUT_JOINED = re.compile(r"^About (?:the )?(?P<name>[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,6}) (?:The |the )?"
                          r"(?P=name) (?:is|are) (?:a|an|the|one of)\b")
COMPANY_NOTE = re.compile(r"^\S+(?: \S+){0,8}? (is|are) (a|an|the|one of)\b")
RELEASE = ("Kora Water opens its third plant\n\nKORA, March 3 - Kora Water said on Monday it had opened a treatment "
           "plant that will serve 40,000 homes.\n\nAbout Kora Water\n\nKora Water is a regional utility that supplies "
           "drinking water to the towns of the valley.")


@rule("body", "about-us-block", source=REAL, off=IDENTITY, examples=[
    (RELEASE, {"removed": "About Kora Water", "reason": "press-release"}),
    (RELEASE, {"removed~": "Kora Water is a regional utility", "reason": "press-release"}),
    (RELEASE, {"kept~": "had opened a treatment plant"}),
    (NEWS + "\n\nAbout Half of the Town Fled\n\nAid convoys reached the town on Tuesday, the United Nations said.",
     {"kept": "About Half of the Town Fled"}),
    (NEWS + "\n\nAbout Kora Water\nKora Water is a regional utility that supplies drinking water to the valley.",
     {"removed~": "Kora Water is a regional utility", "reason": "press-release"}),
])
def about_block(reasons: list[str | None], paragraphs: list[str]) -> list[str | None]:
    """A press release closes with "About Acme" and a paragraph that says what Acme is (or the two on
    consecutive lines): both go (a subheading "About Half of the Town Fled" before news stays)."""
    reasons = list(reasons)
    for i, text in enumerate(paragraphs):
        if i and reasons[i] is None and ABOUT_JOINED.match(text.strip()):
            reasons[i] = "press-release"  # the heading and its note on consecutive lines, joined as one paragraph
            continue
        heading = ABOUT_HEADING.match(text.strip())
        if i == 0 or reasons[i] is not None or not heading:
            continue
        note = i + 1 < len(paragraphs) and reasons[i + 1] is None and bool(COMPANY_NOTE.match(paragraphs[i + 1]))
        if note or heading.group(1) == "us":
            reasons[i] = "press-release"
        if note:
            reasons[i + 1] = "press-release"
    return reasons


LEARNED = ("trafilatura-eval training pages (tools/train_boilerplate.py, split by page); threshold and guards on "
           "gold-real dev and the demo's boilerplate gold")
SHORT_NEWS = ("Kora market shelled\n\nHome\n\nNews\n\nSport\n\n" + NEWS + "\n\nThe mayor died in 2006 .\n\n"
              "Imprint\n\nPrivacy policy")
MENU_PAGE = ("Kora market shelled\n\nHome\n\nNews\n\nSport\n\nWeather\n\nContact\n\n" + NEWS
             + "\n\nImprint\n\nPrivacy policy\n\nTerms of use")


@rule("body", "learned-classifier", source=LEARNED, off=IDENTITY, examples=[
    (MENU_PAGE, {"removed": "Privacy policy", "reason": "learned"}),
    (MENU_PAGE, {"removed": "Weather", "reason": "learned"}),
    (MENU_PAGE, {"kept~": "Rebels shelled the market"}),
    (SHORT_NEWS, {"kept": "The mayor died in 2006 ."}),
])
def learned_removals(reasons: list[str | None], paragraphs: list[str], mode: str = "text") -> list[str | None]:
    """Menus, teasers, imprints and link lists come in more wordings than rules can list: a
    paragraph no rule removed goes when the learned classifier (``body/learned.py``) is sure it is
    boilerplate, unless it reads as a news sentence (long enough, closed by a full stop) or opens
    the text (a plain text's first line is its headline)."""
    from .learned import drop_probabilities

    threshold = _limit(f"learned_drop_{mode}")
    reasons = list(reasons)
    for i, p in enumerate(drop_probabilities(paragraphs, mode)):
        if reasons[i] is None and p >= threshold and i > 0 and not reads_as_news(paragraphs[i]):
            reasons[i] = "learned"
    return reasons


def reads_as_news(text: str) -> bool:
    """A sentence of some length that ends like one: what the classifier must never take for a menu."""
    return len(text.split()) >= _limit("learned_news_sentence") and bool(re.search(r"[.!?]\s*([\"”’)\]]|'')*$", text.strip()))


def split_boilerplate(paragraphs: list[str], mode: str = "text") -> tuple[list[str], list[Removed]]:
    """Split paragraphs into (kept, removed-with-reason), keeping the order of each. ``mode`` is
    "html" for the main text trafilatura extracted from a page, "text" for a plain text."""
    paragraphs = [part for p in paragraphs for part in _article_and_notice(p)]
    paragraphs = [part for p in paragraphs for part in _split_byline(p)]
    if paragraphs:  # only the first paragraph holds a title run into its dateline
        paragraphs = [*(title_before_dateline(paragraphs[0]) or paragraphs[:1]), *paragraphs[1:]]
    paragraphs = [part for p in paragraphs for part in (label_sentences(p) or [p])]
    paragraphs = [part for p in paragraphs for part in (inline_furniture(p) or [p])]
    paragraphs = [part for p in paragraphs for part in (furniture_at_the_ends(p) or [p])]
    reasons = closing_block([classify_paragraph(p) for p in paragraphs], paragraphs)
    reasons = learned_removals(top_lines(about_block(reasons, paragraphs), paragraphs), paragraphs, mode)
    reasons = notice_alone(reasons, paragraphs)
    kept = [p for p, r in zip(paragraphs, reasons) if r is None]
    removed = [Removed(text=p, reason=r) for p, r in zip(paragraphs, reasons) if r is not None]
    return kept, removed
