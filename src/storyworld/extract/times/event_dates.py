"""Each event's date: the time expression that governs its trigger, else one in its sentence.

ACLED's time_precision is the model: the precision says how sure. In order:
1. an expression syntactically attached to the trigger (the trigger is the first verb above it);
2. else an expression in the event's sentence that is not attached to a reporting verb
   ("reported on Friday" dates the report, not the event);
3. else, for a past event that continues the story (simple past or present perfect, not a
   past perfect's background), the date of its paragraph's anchor (the nearest earlier past
   expression in its paragraph that dates no report), else the story's anchor (the first such
   expression of a day or week in the article, within a month before publication): "McMillon
   raised $2,447 ... He kissed the piglet on Friday" dates the raising on Friday;
4. else, for an actual event, precision ``reported``: the date is a bound, the day it was reported
   (the day of a report verb in its sentence, "the army said on Tuesday", else the publication
   date), and the event happened on or before it. Decision: the publication date is never given
   as the day itself. News routinely reports on Friday what happened on Thursday or last week
   (the seed article reports on 2023-09-01 a demand made on Aug. 31), so it would be a confident
   wrong day; ``reported`` says what is known;
5. else no date (a planned or negated event without its own date, or no publication date).
An actual (past) event never gets a date that begins after the publication date: such a
candidate is skipped.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ...resources.tables import word_set
from ...rules import IDENTITY, rule
from ...types import Event, TimeMention
from . import resolve as tr
from ..events.evidence import in_dateline
from .mentions import span_of
from .tense import governing_verb, verb_tense

SOURCE = "seed article and the demo corpus's gold event dates (issue 7)"


def _trigger_token(doc, event: Event):
    if event.trigger_start is None:
        return None
    span = span_of(doc, event.trigger_start, event.trigger_start + max(1, len(event.trigger or "")))
    return span.root if span is not None and len(span) else None


@rule("event-dates", "actual-not-after-publication", source=SOURCE, off=False, examples=[
    ("Rebels attacked the base ahead of talks next month.",
     {"type": "ASSAULT", "date": "2025-06-13", "date_precision": "reported"}),
])
def after_publication(mention: TimeMention, event: Event, reference: date | None) -> bool:
    """An event that happened cannot be dated after the publication date: such a date belongs to
    something else in the sentence."""
    if event.modality != "actual" or reference is None:
        return False
    start = tr.value_start(mention.value)
    return start is None or start > reference


def _allowed(mention: TimeMention, event: Event, reference: date | None) -> bool:
    return mention.value is not None and not after_publication(mention, event, reference)


@rule("event-dates", "attached-first", source=SOURCE, off=False, examples=[
    ("Troops that arrived on Monday shelled the town near the border on Wednesday.",
     {"type": "ASSAULT", "date": "2025-06-11"}),
])
def governs_the_event(verb, trigger) -> bool:
    """An expression whose governing verb is the trigger dates the event before any other in the
    sentence, however near."""
    return verb == trigger


@rule("event-dates", "report-date-is-not-the-event", source=SOURCE, off=False, examples=[
    ("Rebels attacked the base near Goma, the army said on Tuesday.",
     {"type": "ASSAULT", "date": "2025-06-10", "date_precision": "reported"}),
])
def dates_a_report(verb) -> bool:
    """An expression governed by a verb of reporting dates the report ("the army said on
    Tuesday"), not the event reported."""
    return verb.lemma_ in word_set("times.report_verbs")


@rule("event-dates", "aside-date", source="own house-style probe (\"Kuleba, who visited Beijing last month, has urged "
      "China …\": the urging dated last month)", off=False, examples=[
    ("The foreign minister, who visited Beijing last month, has urged China to press Moscow to end the war.",
     {"type": "REQUEST", "date_precision": "reported"}),
    ("Troops that arrived on Monday shelled the town.", {"type": "ASSAULT", "date": "2025-06-09"}),
])
def dates_an_aside(verb, trigger) -> bool:
    """An expression inside a relative clause set off by commas (", who visited Beijing last month,") dates
    that aside about a party, not the event of the sentence; a clause that picks the party out ("troops
    that arrived on Monday") may date it."""
    if verb.dep_ != "relcl" or verb.i == trigger.i or trigger.i in range(verb.left_edge.i, verb.right_edge.i + 1):
        return False
    before = verb.left_edge.i - 1
    return before >= 0 and verb.doc[before].text == ","


@rule("event-dates", "date-of-a-noun-in-a-phrase", source="gold-incidents dev2 (\"has been charged with murder over the "
      "1967 shootings\": the charge dated 1967)", off=False, examples=[
    ("Police arrested a man on Tuesday in the 2006 killing of his neighbour.", {"type": "COERCE", "date": "2025-06-10"}),
    ("A woman has been charged with murder over the 1967 shootings of two clerks.",
     {"type": "COERCE", "date_precision": "reported"}),
])
def dates_a_noun(doc, mention: TimeMention, trigger) -> bool:
    """An expression that modifies a noun inside a phrase ("over the 1967 shootings", "in the 2006
    killing") dates what that noun names, not the act the phrase hangs on (the charge, the arrest)."""
    span = span_of(doc, mention.start, mention.end)
    if span is None or not len(span):
        return False
    root = span.root
    noun = root.head
    return (root.dep_ in ("nummod", "compound", "amod", "poss") and noun.pos_ == "NOUN" and noun.i != trigger.i
            and noun.dep_ == "pobj" and noun.head.head.i == trigger.i)


@rule("event-dates", "sentence-date", source=SOURCE, off=(), examples=[
    ("Troops that arrived on Monday shelled the town.", {"type": "ASSAULT", "date": "2025-06-09"}),
    ("Troops that arrived in 2019 shelled the town.", {"type": "ASSAULT", "date": "2019"}),
])
def sentence_dates(free: list[TimeMention], trigger) -> list[TimeMention]:
    """An expression elsewhere in the event's sentence dates it when none is attached to the trigger:
    the nearest first."""
    return sorted(free, key=lambda m: abs(m.start - trigger.idx))


def _verb_of(doc, mention: TimeMention):
    span = span_of(doc, mention.start, mention.end)
    return governing_verb(span.root) if span is not None and len(span) else None


def _in_dateline(doc, mention: TimeMention) -> bool:
    """"ATHENS, Dec 14 - …": the day a dispatch was filed, not the day of what it reports."""
    span = span_of(doc, mention.start, mention.end)
    return span is not None and len(span) > 0 and in_dateline(span[0])


def _candidates(doc, event: Event, mentions: list[TimeMention]) -> list[TimeMention]:
    """The mentions that may date an event, best first (attached to the trigger, then sentence)."""
    trigger = _trigger_token(doc, event)
    sentence = [m for m in mentions
                if event.evidence.start <= m.start and m.end <= event.evidence.end and not _in_dateline(doc, m)]
    if trigger is None:
        return sentence
    attached, free = [], []
    for mention in sentence:
        verb = _verb_of(doc, mention)
        if verb is None or dates_a_noun(doc, mention, trigger):
            continue
        if governs_the_event(verb, trigger):
            attached.append(mention)
        elif not dates_a_report(verb) and not dates_an_aside(verb, trigger):
            free.append(mention)
    return sorted(attached, key=lambda m: abs(m.start - trigger.idx)) + list(sentence_dates(free, trigger))


ANCHOR_PRECISIONS = ("day", "week", "month")
STORY_ANCHOR_PRECISIONS = ("day", "week")
STORY_ANCHOR_DAYS = 31


def _anchors(doc, mentions: list[TimeMention], reference: date | None) -> list[TimeMention]:
    """The expressions that may anchor a story, in text order: of a day, week or month, under a
    past verb that reports nothing, not after publication."""
    out = []
    for mention in mentions:
        start = tr.value_start(mention.value)
        if mention.precision not in ANCHOR_PRECISIONS or start is None or (reference and start > reference):
            continue
        verb = _verb_of(doc, mention)
        if verb is not None and not dates_a_report(verb) and _simple_or_perfect_past(verb):
            out.append(mention)
    return out


def _story_anchor(anchors: list[TimeMention], reference: date | None) -> TimeMention | None:
    """The first anchor of a day or week, within a month before publication (a story's lead
    happening is recent news; an older day is background); else the first month that ends within
    a month before publication ("Block's decision last month")."""
    def recent(mention: TimeMention, edge) -> bool:
        at = edge(mention.value)
        return reference is None or (at is not None and (reference - at).days <= STORY_ANCHOR_DAYS)

    return next((m for m in anchors if m.precision in STORY_ANCHOR_PRECISIONS and recent(m, tr.value_start)),
                None) or month_anchor([m for m in anchors if m.precision == "month" and recent(m, tr.value_end)])


@rule("event-dates", "month-story-anchor", source="gold-real dev (issue 24)", off=None, examples=[
    ("Police arrested three men in the capital. The raid last month followed a tip from residents.",
     {"type": "COERCE", "trigger": "arrested", "date": "2025-05"}),
])
def month_anchor(months: list[TimeMention]) -> TimeMention | None:
    """A story that names no recent day is anchored by the first recent month it names."""
    return months[0] if months else None


def _paragraph_of(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def _simple_or_perfect_past(verb) -> bool:
    """The simple past or the present perfect ("raised", "has rejected", "was lifted"): not a past
    perfect ("had been issued two weeks ago": before the story), not a present or a future."""
    if verb_tense(verb) != "past":
        return False
    return "had" not in {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def _continues_story(trigger) -> bool:
    """A happening told in the simple or perfect past (a noun trigger by its verb, an "-ing" or a
    bare infinitive by the verb it hangs on: ``tensed_verb``)."""
    return _simple_or_perfect_past(tensed_verb(governing_verb(trigger)))


GERUND_LINKS = ("xcomp", "pcomp", "advcl", "conj", "dobj", "prep")
MAX_TENSE_HOPS = 4


@rule("event-dates", "gerund-takes-its-verbs-tense", source="gold-real dev2", off=IDENTITY, examples=[
    ("A gunman went on a rampage at the home on Sunday. He left the room and began shooting down the hallway.",
     {"type": "ASSAULT", "trigger": "shooting", "date": "2025-06-08"}),
])
def tensed_verb(verb):
    """An "-ing" form or a bare infinitive has no tense of its own ("began shooting", "stopped him by
    shooting"): the verb it hangs on tells whether the happening is past."""
    hops = 0  # (spaCy makes a new Token on each .head: compare positions, not objects)
    while verb.tag_ in ("VBG", "VB") and verb.dep_ in GERUND_LINKS and verb.head.i != verb.i and hops < MAX_TENSE_HOPS:
        head = verb.head
        if head.pos_ == "ADP" and head.head.i != head.i:
            head = head.head  # "by shooting": the verb the preposition hangs on
        if head.pos_ not in ("VERB", "AUX"):
            break
        verb, hops = head, hops + 1
    return verb


@rule("event-dates", "story-anchor", source="gold-real dev (issue 24)", off=None, examples=[
    ("Gunmen stormed a police post near the border on Monday. They also burned two trucks.",
     {"type": "COERCE", "trigger": "burned", "date": "2025-06-09"}),
    ("The minister has resigned. He quit at a cabinet meeting on Tuesday, aides said.",
     {"type": "CONCEDE", "trigger": "resigned", "date": "2025-06-10"}),
])
def inherited(event: Event, trigger, text: str, anchors: list[TimeMention],
              story: TimeMention | None, reference: date | None = None) -> TimeMention | None:
    """A past event without a date of its own continues the story: it takes its paragraph's
    nearest earlier anchor, else the story's anchor."""
    if trigger is None or event.modality != "actual" or not _continues_story(trigger):
        return None
    first = max(_paragraph_of(text, event.evidence.start)[0], paragraph_reach(event.evidence.start))
    earlier = [m for m in anchors if first <= m.start < event.evidence.start]
    return earlier[-1] if earlier else recent_for_perfect(story, trigger, reference)


PARAGRAPH_CHARS = 700  # how far back a paragraph's anchor may stand in a page flattened to one line


@rule("event-dates", "flattened-paragraph", source="gold-real dev2 (a wire story flattened to one line)",
      off=0, examples=[
    ("A gunman went on a rampage at a nursing home in Carthage on Sunday, killing eight people. The town held a "
     "vigil for the victims on Thursday. " + "Officials praised the nurses who stayed with the residents through "
     "the night and the neighbours who brought them food and blankets. " * 6 + "The gunman also shot a guard in "
     "the hallway.", {"type": "ASSAULT", "trigger": "shot", "date": "2025-06-08"}),
])
def paragraph_reach(at: int) -> int:
    """Where the paragraph of an offset may begin at the earliest: a page flattened to one line has no
    paragraph breaks, and an anchor far back belongs to another part of the story."""
    return at - PARAGRAPH_CHARS


PERFECT_RECENT_DAYS = 7


@rule("event-dates", "perfect-is-recent", source="gold-real dev (issue 24)", off=IDENTITY, examples=[
    ("The minister has banned the imports. The ban followed a fire at the port on May 20.",
     {"type": "SANCTION", "trigger": "banned", "date_precision": "reported"}),
])
def recent_for_perfect(story: TimeMention | None, trigger, reference: date | None) -> TimeMention | None:
    """A present perfect ("has banned") tells news of now: it takes the story's anchor only within a
    week before publication, not an older day the story goes back to."""
    if story is None or reference is None:
        return story
    verb = governing_verb(trigger)
    perfect = verb.tag_ == "VBN" and bool({c.lower_ for c in verb.children if c.dep_ == "aux"} & {"has", "have"})
    start = tr.value_start(story.value)
    return None if perfect and start is not None and (reference - start).days > PERFECT_RECENT_DAYS else story


@rule("event-dates", "ongoing-is-publication-day", source="gold-real dev (issue 24)", off=False, examples=[
    ("Troops are shelling the town from the hills.", {"type": "ASSAULT", "date": "2025-06-13",
                                                      "date_precision": "day"}),
    ("Troops shelled the town from the hills.", {"type": "ASSAULT", "date_precision": "reported"}),
])
def ongoing(event: Event, trigger) -> bool:
    """A happening in the present progressive ("police are questioning") goes on as the article is
    published: the publication day is one of its days."""
    if trigger is None or event.modality != "actual":
        return False
    verb = governing_verb(trigger)
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ("is", "are", "am", "'re", "'s")
                                      for c in verb.children)


def _within(anchor: TimeMention | None, said: str | None) -> TimeMention | None:
    """The anchor, unless it begins after the day the event's own sentence was reported ("Trump
    cited endorsements on Tuesday" cannot take the story's Wednesday)."""
    if anchor is None or said is None:
        return anchor
    start, bound = tr.value_start(anchor.value), tr.value_start(said)
    return anchor if start is not None and bound is not None and start <= bound else None


@rule("event-dates", "reported-bound", source="gold-real dev (issue 24)", off=None, examples=[
    ("Rebels attacked the base near Goma, the army said on Tuesday.",
     {"type": "ASSAULT", "date": "2025-06-10", "date_precision": "reported"}),
    ("Rebels attacked the base ahead of talks next month.",
     {"type": "ASSAULT", "date": "2025-06-13", "date_precision": "reported"}),
])
def reported_bound(event: Event, doc, mentions: list[TimeMention], reference: date | None) -> str | None:
    """An event that happened but has no date is dated by its report: on or before the day of a
    report verb in its sentence ("the army said on Tuesday"), else the publication date."""
    if event.modality != "actual" or reference is None:
        return None
    return _said_on(event, doc, mentions, reference) or reference.isoformat()


def _said_on(event: Event, doc, mentions: list[TimeMention], reference: date | None) -> str | None:
    """The day a report verb in the event's sentence names, not after publication ("the army said
    on Tuesday"), or None."""
    said = [m for m in mentions if event.evidence.start <= m.start and m.end <= event.evidence.end
            and m.precision == "day" and (start := tr.value_start(m.value)) is not None
            and (reference is None or start <= reference)
            and (verb := _verb_of(doc, m)) is not None and dates_a_report(verb)]
    return said[0].value if said else None


def date_events(parsed, events, *, times) -> list[Event]:
    """The events with ``date`` and ``date_precision``: from the expression that governs each, else
    the story's, else the report's bound (module docstring)."""
    reference = tr.parse_reference(parsed.document.published)
    mentions = [t for t in times if t.value is not None]
    anchors = _anchors(parsed.doc, mentions, reference)
    story = _story_anchor(anchors, reference)
    text = parsed.document.text
    out = []
    for event in events:
        chosen = next((m for m in _candidates(parsed.doc, event, mentions)
                       if _allowed(m, event, reference)), None)
        if chosen is None:
            chosen = _within(inherited(event, _trigger_token(parsed.doc, event), text, anchors, story, reference),
                             _said_on(event, parsed.doc, mentions, reference))
        if chosen is not None:
            out.append(replace(event, date=chosen.value, date_precision=chosen.precision))
            continue
        if reference is not None and ongoing(event, _trigger_token(parsed.doc, event)):
            out.append(replace(event, date=reference.isoformat(), date_precision="day"))
            continue
        bound = reported_bound(event, parsed.doc, mentions, reference)
        out.append(replace(event, date=bound, date_precision="reported" if bound else None))
    return out
