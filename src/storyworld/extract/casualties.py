"""Casualty figures: "at least 55 killed", "146 wounded", "dozens detained", "killing 3", "the death
toll rose to 40", "no one was hurt"; each with its number, its kind (killed, wounded, detained,
missing, displaced), its qualifier ("at least", "about" …) and the sentence that gives it, and tied to
the event of that sentence it counts.

Figures are read off each sentence's text by four patterns (a count before its kind word, a verb
before its count, a toll and its figure, nobody harmed), each a rule with examples; the word lists
are in ``resources/data/words/casualties.toml``. A count that names no number reads as ACLED codes
it ("dozens" → 12, "hundreds" → 100) with the qualifier ``vague``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from ..resources.tables import numbers, word_file, word_map, word_set, words
from ..rules import rule
from ..parse.model import ParsedDocument
from ..types import Casualty, Event, Span

SOURCE = "casualty phrasing of the demo corpus and the ACLED codebook's counting conventions"

_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s+(?:million|thousand))?"
_SCALES = {"million": 1_000_000, "thousand": 1_000}


@lru_cache(maxsize=1)
def _count_pattern() -> str:
    """A count: digits, number words ("twenty-five", "a dozen"), a vague count ("dozens of"), each
    with its qualifier before it ("at least", "more than")."""
    qualifiers = sorted(word_map("casualties.qualifiers"), key=len, reverse=True)
    number_words = sorted(numbers("casualties.numbers"), key=len, reverse=True)
    vague = sorted(numbers("casualties.vague_counts"), key=len, reverse=True)
    word = "|".join(number_words)
    return (rf"(?:(?P<qualifier>{'|'.join(re.escape(q) for q in qualifiers)})\s+)?"
            rf"(?P<count>{_DIGITS}|(?:a\s+)?(?:{word})(?:[\s-](?:{word}))?|(?P<vague>{'|'.join(vague)})(?:\s+of)?)(?![\w-])")


def _number(match: re.Match) -> tuple[int, str | None] | None:
    """The number and qualifier a count names; None for a count that is no casualty count (a year)."""
    qualifier = word_map("casualties.qualifiers").get((match["qualifier"] or "").lower())
    text = match["count"].lower()
    if match["vague"]:
        return int(numbers("casualties.vague_counts")[match["vague"].lower()]), "vague"
    if text[0].isdigit():
        if re.fullmatch(r"(?:19|20)\d\d", text):  # "in 2019 killed …": a year, no count
            return None
        figure, _, scale = text.partition(" ")
        return int(float(figure.replace(",", "")) * _SCALES.get(scale.strip(), 1)), qualifier
    values = numbers("casualties.numbers")
    parts = [p for p in re.split(r"[\s-]+", text) if p and p != "a"]
    total = 0
    for part in parts:
        value = int(values[part])
        total = total * value if value == 100 and total else total + value
    return total, qualifier


def _words_pattern(key: str) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words(key), key=len, reverse=True))


@lru_cache(maxsize=1)
def _counted_first() -> re.Pattern:
    between = r"(?:[A-Za-z][\w'-]*\s+){0,4}?"
    return re.compile(rf"(?<![\w,.-]){_count_pattern()}\s+(?P<between>{between})(?P<kind>{_words_pattern('casualties.counted_first')})\b",
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def _counting_verb() -> re.Pattern:
    return re.compile(rf"\b(?P<kind>{_words_pattern('casualties.counting_verbs')})\s+{_count_pattern()}(?![\w,.-]*\d)"
                      r"(?P<after>(?:\s+[\w'-]+){0,2})", re.IGNORECASE)


@lru_cache(maxsize=1)
def _toll() -> re.Pattern:
    return re.compile(rf"\b(?P<toll>{_words_pattern('casualties.tolls')})\s+(?:[\w'-]+\s+){{0,12}}?"
                      rf"(?:{_words_pattern('casualties.toll_verbs')})\s+{_count_pattern()}(?![\w,.-]*\d)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _nobody() -> re.Pattern:
    phrases = sorted(word_map("casualties.nobody"), key=len, reverse=True)
    return re.compile(r"\b(?P<phrase>" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + r")\b",
                      re.IGNORECASE)


def _kind(word: str) -> str:
    return word_map("casualties.kinds")[word.lower()]


def _counts_things(between: str) -> bool:
    """The words between a count and its kind word name a thing that is no person ("5 km", "3 rockets")."""
    return bool(set(between.lower().split()) & word_set("casualties.not_people"))


def _breaks(between: str) -> bool:
    """The words between a count and its kind word leave the count's phrase ("… people and killed")."""
    return bool(set(between.lower().split()) & word_set("casualties.breaks"))


Figure = tuple[int, int, int, str, str | None]  # start, end (in the sentence), number, kind, qualifier


@rule("casualties", "count-before-kind", source=SOURCE, off=[], examples=[
    ("At least 55 people were killed in the blast in Kabul on Friday.",
     {"number": 55, "kind": "killed", "qualifier": "at least"}),
    ("Police said 146 protesters were wounded.", {"number": 146, "kind": "wounded"}),
    ("Two soldiers died in the clashes.", {"number": 2, "kind": "killed"}),
    ("Five rockets were destroyed and 2 drones were captured.", {"not": {"kind": "detained"}}),
    ("Two suicide bombers killed 23 people in Tel Aviv.", {"not": {"number": 2}}),
    ("Several of the wounded died in hospital overnight.", {"not": {"number": 10}}),
])
def count_before_kind(sentence: str) -> list[Figure]:
    """A count followed by its kind word, a few nouns, adjectives or a passive between: "55 killed",
    "146 people were wounded", "two Palestinian teenagers were detained"; never a count of things
    ("5 km", "3 rockets")."""
    out = []
    for m in _counted_first().finditer(sentence):
        if _counts_things(m["between"]) or _breaks(m["between"]) or (m["count"].lower().startswith(("a ", "a-")) and not m["between"].strip()):
            continue
        if _object_count().match(sentence, m.end()):  # "two bombers killed 23": the first count is the agents
            continue
        if re.search(r"\bof\s+(?:the|those)\s", sentence[m.start("count"):m.start("kind")], re.IGNORECASE):  # "several of the wounded": part of a figure given
            continue
        read = _number(m)
        if read is not None:
            out.append((m.start(), m.end(), read[0], _kind(m["kind"]), read[1]))
    return out


@rule("casualties", "verb-before-count", source=SOURCE, off=[], examples=[
    ("Gunmen opened fire on a bus in Kaduna, killing 3.", {"number": 3, "kind": "killed"}),
    ("Security forces arrested dozens of protesters in Khartoum.",
     {"number": 12, "kind": "detained", "qualifier": "vague"}),
    ("The strike wounded at least 12 people.", {"number": 12, "kind": "wounded", "qualifier": "at least"}),
])
def verb_before_count(sentence: str) -> list[Figure]:
    """A verb of a kind with the count as its object: "killing 3", "arrested dozens of protesters",
    "wounded at least 12 people"; never a count of things ("killed 2 km from the border" is no count)."""
    out = []
    for m in _counting_verb().finditer(sentence):
        if _counts_things(m["after"]):
            continue
        read = _number(m)
        if read is not None:
            end = m.end("count")
            out.append((m.start(), end, read[0], _kind(m["kind"]), read[1]))
    return out


@rule("casualties", "death-toll", source=SOURCE, off=[], examples=[
    ("The death toll from the floods and the attack rose to 40 on Tuesday.", {"number": 40, "kind": "killed"}),
    ("The toll stood at more than 200.", {"number": 200, "kind": "killed", "qualifier": "more than"}),
    ("The number of people killed when shells hit the market in Omdurman on Tuesday has risen to 25.",
     {"number": 25, "kind": "killed"}),
])
def death_toll(sentence: str) -> list[Figure]:
    """A death toll and its figure: "the death toll rose to 40", "the toll stood at 12" count the killed."""
    out = []
    for m in _toll().finditer(sentence):
        read = _number(m)
        if read is not None:
            out.append((m.start(), m.end(), read[0], "killed", read[1]))
    return out


@rule("casualties", "nobody-harmed", source=SOURCE + " (ACLED codes 0 fatalities)", off=[], examples=[
    ("A rocket hit an empty school in Sderot; no one was hurt, police said.", {"number": 0, "kind": "wounded"}),
    ("The bomb was defused and no casualties were reported.", {"number": 0, "kind": "killed"}),
])
def nobody_harmed(sentence: str) -> list[Figure]:
    """"No one was killed", "no casualties": a figure of zero of its kind."""
    table = word_map("casualties.nobody")
    return [(m.start(), m.end(), 0, table[" ".join(m["phrase"].lower().split())], None)
            for m in _nobody().finditer(sentence)]


@lru_cache(maxsize=1)
def _object_count() -> re.Pattern:
    return re.compile(rf"\s+{_count_pattern()}(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _one_person() -> re.Pattern:
    between = r"(?:[\w'-]+,?\s+){1,5}?"
    return re.compile(rf"(?:^|(?<=[.;:,]\s)|(?<=\bsaid\s)|(?<=\bthat\s))(?P<article>an?)\s+(?P<between>{between})"
                      rf"(?P<kind>{_words_pattern('casualties.one_person')})\b", re.IGNORECASE)


@rule("casualties", "one-person-harmed", source="PLOVER gold-standard records (dev half): ACLED counts a person "
      "named killed as one fatality", off=[], examples=[
    ("A prominent journalist has been killed in a car bomb explosion in Beirut.", {"number": 1, "kind": "killed"}),
    ("A Palestinian prisoner died in Israeli police custody, a report said.", {"number": 1, "kind": "killed"}),
    ("A police officer was wounded when gunmen opened fire on a checkpoint.", {"number": 1, "kind": "wounded"}),
    ("A car bomb killed 3 people in Baghdad.", {"not": {"number": 1}}),
    ("A report by the ministry said that a building was damaged.", {"not": {"number": 1}}),
    ("Police said a soldier was killed at the checkpoint.", {"number": 1, "kind": "killed"}),
])
def one_person_harmed(sentence: str) -> list[Figure]:
    """A single person at the head of a clause who was killed or wounded ("a journalist has been
    killed", "a prisoner died"): one of that kind. Only the passive or intransitive forms: "a car
    bomb killed 3" names its count, and "a gunman killed ..." is the attacker."""
    out = []
    for m in _one_person().finditer(sentence):
        if _counts_things(m["between"]) or _breaks(m["between"]):
            continue
        out.append((m.start(), m.end(), 1, _kind(m["kind"].split()[-1]), None))
    return out


PATTERNS = (nobody_harmed, count_before_kind, verb_before_count, death_toll, one_person_harmed)


def figures(sentence: str) -> list[Figure]:
    """Every casualty figure of a sentence, in text order; of two that overlap, the first found
    (in PATTERNS' order) stays."""
    found: list[Figure] = []
    for pattern in PATTERNS:
        for figure in pattern(sentence):
            start, end = figure[0], figure[1]
            if sentence[start:end].lower().endswith(" of"):  # "arrested dozens of" ends at its count
                end -= 3
            if not any(start < f[1] and f[0] < end for f in found):
                found.append((start, end, *figure[2:]))
    return sorted(found)


@rule("casualties", "counts-its-sentence-event", source=SOURCE, off=None, examples=[
    ("Gunmen attacked the village of Tabag in Kaduna on Friday, killing 3 farmers.",
     {"number": 3, "kind": "killed", "event_type": "ASSAULT"}),
    ("Police arrested dozens of protesters in Khartoum on Monday.", {"kind": "detained", "event_type": "COERCE"}),
])
def counted_event(kind: str, start: int, events: tuple[Event, ...], sentence: Span) -> int | None:
    """The event a figure counts: of the events of its sentence whose type its kind counts
    (``casualties.event_types``: killed → an assault first), the first type that has one, and of those
    the one whose trigger lies nearest the figure; None when its sentence has no such event."""
    types = word_file("casualties")["event_types"][kind]
    inside = [(i, e) for i, e in enumerate(events)
              if e.evidence.start < sentence.end and sentence.start < e.evidence.end]
    for type_ in types:
        fits = [(i, e) for i, e in inside if e.type == type_]
        if fits:
            return min(fits, key=lambda ie: abs((ie[1].trigger_start if ie[1].trigger_start is not None
                                                 else ie[1].evidence.start) - start))[0]
    return None


def extract_casualties(parsed: ParsedDocument, *, events: Iterable[Event] = ()) -> list[Casualty]:
    """The casualty figures of a document, in text order, each tied to the event it counts."""
    doc = parsed.doc
    text = parsed.document.text
    events = tuple(events)
    out: list[Casualty] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        sentence_text = text[start:end]
        if not any(ch.isdigit() for ch in sentence_text) and not _has_count_word(sentence_text):
            continue
        span = Span(sentence_text, start, end)
        for f_start, f_end, number, kind, qualifier in figures(sentence_text):
            figure = sentence_text[f_start:f_end].rstrip()
            out.append(Casualty(text=figure, start=start + f_start, end=start + f_start + len(figure),
                                number=number, kind=kind, sentence=span, qualifier=qualifier,
                                event=counted_event(kind, start + f_start, events, span)))
    return out


@lru_cache(maxsize=1)
def _count_words() -> re.Pattern:
    # a number, a vague count, nobody, or one person harmed ("was killed": one_person_harmed's phrases)
    names = [*numbers("casualties.numbers"), *numbers("casualties.vague_counts"), "no one", "nobody", "no "]
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + "|" + _words_pattern("casualties.one_person")
                      + r")", re.IGNORECASE)


def _has_count_word(sentence: str) -> bool:
    return _count_words().search(sentence) is not None
