"""The tense of the verb that governs a time expression, from the parse.

The tense bends which occurrence a date means: "met on Friday" is the last Friday, "will meet on
Friday" the next; "struck on Dec. 31" in a January article is last year's. ``None`` is unknown or
present: the nearest occurrence then wins.
"""

from __future__ import annotations

from ...resources.tables import word_set
from ...rules import rule
from .resolve import SOURCE

MAX_HEAD_HOPS = 8
PERFECT_AUX = frozenset({"has", "have", "had"})


def governing_verb(token):
    """The nearest verb (or auxiliary, or root) above a token, or the token itself; a report's date
    that the parser hung on the reported clause is given back to the report (``report_time_first``)."""
    start, hops = token, 0
    while hops < MAX_HEAD_HOPS and token.pos_ not in ("VERB", "AUX") and token.head is not token:
        token = token.head
        hops += 1
    return token.head if report_time_first(start, token) else token


@rule("times", "report-time-before-its-clause", source="issue 27 revision scenarios (a planned march)", off=False,
      examples=[
    ("Organisers said on Monday they would march through the capital on Sunday.",
     {"text": "Monday", "value": "2025-06-09"}),
])
def report_time_first(token, verb) -> bool:
    """"said on Monday they would march": a time between a verb of saying and the subject of the
    clause it reports dates the saying, though the parser often hangs it on the clause's verb."""
    head = verb.head
    if verb.dep_ != "ccomp" or head is verb or head.lemma_ not in word_set("times.report_verbs"):
        return False
    subjects = [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i]
    return bool(subjects) and head.i < token.i < min(subjects)


@rule("times", "future-auxiliary", source=SOURCE, off=False, examples=[
    ("The envoys will meet on Monday in Rome.", {"text": "Monday", "value": "2025-06-16"}),
])
def future_auxiliary(aux_words: set[str]) -> bool:
    """"will", "shall", "'ll" or "won't" make the governing verb future: "will meet on Monday" is
    the next Monday."""
    return bool(aux_words & word_set("times.future_aux"))


@rule("times", "planning-verb", source=SOURCE, off=False, examples=[
    ("The vote is scheduled for Monday.", {"text": "Monday", "value": "2025-06-16"}),
])
def planning_verb(verb) -> bool:
    """A verb of planning not in the past tense looks ahead: "is scheduled for Monday", "is due on
    Friday"."""
    return verb.lemma_ in word_set("times.future_verbs") and verb.tag_ != "VBD"


@rule("times", "past-tense", source=SOURCE, off=False, examples=[
    ("Gunmen stormed the village on Aug. 31.", {"text": "Aug. 31", "value": "2024-08-31"}),
])
def past_tense(verb, aux) -> bool:
    """A verb in the past tense, or with a past auxiliary ("did", "was"), is past."""
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux)


@rule("times", "past-participle", source=SOURCE, off=False, examples=[
    ("Rebels have seized the town since Aug. 31.", {"text": "Aug. 31", "value": "2024-08-31"}),
    ("The aid, delivered on Dec. 20, ran out.", {"text": "Dec. 20", "value": "2024-12-20"}),
])
def past_participle(verb, aux_words: set[str], aux) -> bool:
    """A perfect ("have seized") or a participle without an auxiliary ("aid delivered on Dec. 20")
    is past."""
    return verb.tag_ == "VBN" and (bool(aux_words & PERFECT_AUX) or not aux)


@rule("times", "infinitive-of-intent", source=SOURCE, off=False, examples=[
    ("The ministers hope to meet on Monday.", {"text": "Monday", "value": "2025-06-16"}),
    ("The two leaders plan to sign the accord on Monday.", {"text": "Monday", "value": "2025-06-16"}),
])
def intended(verb, aux) -> bool:
    """An infinitive under a verb of planning or intending is future: "plan to meet on Monday",
    "hope to sign it on Monday"."""
    if verb.tag_ != "VB" or not any(a.lower_ == "to" for a in aux):
        return False
    head = verb.head
    return head is not verb and head.lemma_ in word_set("times.future_verbs") | word_set("times.intent_verbs")


@rule("times", "future-in-reported-speech", source="issue 27 revision scenarios (a planned march)", off=False,
      examples=[
    ("Organisers said on Thursday they would march through the capital on Sunday.",
     {"text": "Sunday", "value": "2025-06-15"}),
    ("The rebels said they would withdraw on Monday, a spokesman told reporters.",
     {"text": "Monday", "value": "2025-06-16"}),
])
def reported_future(verb, aux_words: set[str]) -> bool:
    """"would" under a verb of saying ("said they would march on Friday") is the speaker's future:
    the next Friday after the story, not the last."""
    if not aux_words & word_set("times.reported_future_aux"):
        return False
    head = verb.head
    return head is not verb and head.lemma_ in word_set("times.reporting_verbs")


@rule("times", "conjunct-shares-tense", source="gold-incidents dev", off=False, examples=[
    ("Youths hurled petrol bombs at the station and set cars alight late on Saturday.",
     {"text": "Saturday", "value": "2025-06-07"}),
])
def past_conjunct(verb, aux) -> bool:
    """A verb coordinated with a past one and without auxiliaries of its own is past ("hurled … and
    set cars alight on Saturday"): the tagger reads "set", "put", "hit" as base forms."""
    return not aux and verb.dep_ == "conj" and verb.tag_ in ("VB", "VBP") and verb.head.tag_ == "VBD"


def verb_tense(verb) -> str | None:
    """"past", "future" or None for a verb token, from its tag and auxiliaries."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in aux}
    if past_conjunct(verb, aux):
        return "past"
    if future_auxiliary(aux_words) or planning_verb(verb) or reported_future(verb, aux_words):
        return "future"
    if past_tense(verb, aux):
        return "past"
    if past_participle(verb, aux_words, aux):
        return "past"
    if intended(verb, aux):
        return "future"
    return None
