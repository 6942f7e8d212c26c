"""Recognition: the document's place mentions, each with its gazetteer candidates.

spaCy GPE/LOC/FAC entities, and ORG/PERSON entities whose text is a gazetteer name (the small model
tags "Hama" and "Tartus" ORG) or a town of the story's countries right after "in", "near", "city of";
the dateline ("KHARKIV, Ukraine (Agency) —"), read as a town; capitalised words the tagger left
untagged after a locative ("near Sake"); names the gazetteer lacks read through the place they
contain ("Eastern Ghouta"); buildings, streets and villages it cannot place at all, kept without
candidates (resolution places them at the nearest town the text names); then what the document's
own words make places (``cues.more_mentions``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...parse.model import doc_text
from ...resources.actors import alias_entry
from ...resources.gazetteer import ALIAS, ALTERNATE, NAME, Entry, gazetteer
from ...resources.tables import numbers, words
from ...rules import rule
from .cues import _after_locative, after_title, _before_locality, _named_as_locality, _named_locality, more_mentions
from .names import GENERIC_WORDS, _part_candidates, bare_name, lower_case_tag
from .scoring import _prior

PLACE_LABELS = {"GPE", "LOC", "FAC"}
MAYBE_LABELS = {"ORG", "PERSON", "NORP", "PRODUCT"}  # the small model tags "in Calcutta" PRODUCT too
LIMITS = numbers("places.recognition")
MAX_MENTION_CHARS = LIMITS["max_mention_chars"]
# a dateline's shape: its town (one to four words), what may follow it (", Ukraine", ", Nov. 3, 2025"),
# the agency in brackets, a dash; which towns qualify (capitals, or any case before an agency) is
# ``_dateline_shape``
LETTER = r"[^\W\d_]"
DATELINE = re.compile(rf"(?m)(?:^|(?<=[.!?][ \t]))[ \t]*"
                      rf"({LETTER}[^\W\d_'’.]*[.'’]?[^\W\d_]*(?:[ \t-]+{LETTER}[^\W\d_'’.]*\.?){{0,3}})"
                      r"(,[ \t]*[^\n()—–]{1,60}?)?[ \t]*(\([^)\n]{1,60}\)[ \t]*)?(?:[—–]|-{1,2})[ \t]")
PLAIN_TOWN = re.compile(r"[A-Z][A-Z'’.]+(?:[ \t-]+[A-Z][A-Za-z'’.]*){0,3}")  # "KHARKIV", "PORT SUDAN"
DATELINE_WINDOW = int(LIMITS["dateline_window"])
HEADLINE_CHARS = int(LIMITS["dateline_headline_chars"])
DATELINE_AFTER_CHARS = int(LIMITS["dateline_after_chars"])
MIN_UNTAGGED_POPULATION = LIMITS["min_untagged_population"]
MIN_TAGGED_POPULATION = LIMITS["min_tagged_population"]
AIRFIELD_WORDS = words("places.airfield_words")


@rule("places", "dateline-styles", source="issue 24's house styles, on texts written here; gold-real dev",
      off=False, examples=[
          ("SÃO PAULO, Brazil (Wire) — Police arrested ten protesters on Monday.",
           {"type": "COERCE", "place_text": "SÃO PAULO"}, "events"),
          ("NAIROBI, Nov. 3, 2025 (Wire) -- Gunmen attacked a bus on Monday.",
           {"type": "ASSAULT", "place_text": "NAIROBI"}, "events"),
          ("Lagos (Wire) - Police arrested ten protesters on Monday.", {"text": "Lagos", "country": "NGA"}),
      ])
def _dateline_shape(town: str, agency: str | None) -> bool:
    """A dateline's town is in capitals, accents included ("BOGOTÁ -", "SÃO PAULO, Brazil (Agency) —",
    "NAIROBI, Nov. 3 (Agency) --"), or in any case right before an agency in brackets ("Kyiv, Ukraine
    (Agency) —", "Lagos (Agency) -"): a line of words before a dash is no dateline otherwise."""
    return town == town.upper() or agency is not None and all(w[:1].isupper() for w in re.split(r"[ \t-]+", town))


@rule("places", "dateline-after-headline", source="gold-real dev (an LGL story: headline, then the dateline on "
      "its line)", off=False, examples=[
          ("Gunmen kill four in market raid. KANO, Nigeria - Gunmen attacked a market on Monday, killing four.",
           {"type": "ASSAULT", "place_text": "KANO"}, "events"),
          ("Four die as Abuja traders are robbed. KANO, Nigeria - Gunmen attacked a market on Monday.",
           {"type": "ASSAULT", "place_text": "KANO"}, "events"),
      ])
def _after_headline(text: str, start: int) -> bool:
    """A dateline may follow the headline on the same line ("Four hurt as bus overturns. KANO, Nigeria -
    Police said …"): after a sentence's end in the opening paragraph, within its first 300 characters."""
    return start <= HEADLINE_CHARS and "\n" not in text[:start]


def _dateline_match(text: str):
    """The dateline's match (group 1: its town), or None where the opening is no dateline."""
    for m in DATELINE.finditer(text[:DATELINE_WINDOW]):
        if len(m.group(1)) < 3 or not (PLAIN_TOWN.fullmatch(m.group(1)) or _dateline_shape(m.group(1), m.group(3))):
            continue
        if m.start() > 0 and text[m.start() - 1] != "\n" and not _after_headline(text, m.start()):
            continue
        if any(ch.islower() for ch in text[m.end(): m.end() + DATELINE_AFTER_CHARS]):
            return m
    return None


ACRONYM_GLUE = frozenset("of and for the & on in".split())
NAME_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|and|for|the|&|on|in)\s+)*[A-Z][\w'’-]*)+")


@rule("places", "acronym-of-a-named-body", source="gold-real dev2 (\"the GAO\" read as Gao, Mali)", off=False,
      examples=[
          ("The Government Accountability Office called for a new bid. The GAO upheld the protest in Washington.",
           {"not": {"text": "GAO"}}),
          ("Rebels attacked a base near GAO on Sunday, the army said.", {"text": "GAO", "country": "MLI"}),
      ])
def organisation_acronym(text: str, name: str, cands, gaz) -> bool:
    """An acronym in capitals ("GAO", "CFIA") whose letters are the initials of a body the text names in
    full ("the Government Accountability Office") is that body, not a town spelt alike (Gao, Mali); an
    acronym of a place named in full ("DRC", "UAE", "LA" for Los Angeles) stays that place."""
    if not re.fullmatch(r"[A-Z]{2,6}", name) or any(c.feature == "country" for c in cands):
        return False
    return any(not gaz.candidates(run) for run in _initials(text).get(name, ()))


@rule("places", "acronym-of-a-known-body", source="gold-real dev3 (\"a meeting at the OAS in Washington\" read as Oas, "
      "Philippines)", off=False, examples=[
          ("Trinidad failed to attend a preparatory meeting at the OAS in Washington on March 15.",
           {"not": {"text": "OAS"}}),
          ("Rebels attacked a base near GAO on Sunday, the army said.", {"text": "GAO", "country": "MLI"}),
      ])
def known_acronym(name: str, cands) -> bool:
    """An acronym in capitals that the actor dictionary knows as a body ("OAS", "IAEA", "NATO") is that
    body, not a town spelt alike (Oas, Philippines), unless a country goes by it."""
    if not re.fullmatch(r"[A-Z]{2,6}", name) or any(c.feature == "country" for c in cands):
        return False
    entry = alias_entry(name)
    return entry is not None and entry.kind in ("organization", "group")


@lru_cache(maxsize=4)
def _initials(text: str) -> dict[str, tuple[str, ...]]:
    """The initials of the document's runs of capitalised words ("Government Accountability Office":
    "GAO"), glue words left out, with the runs that give them."""
    out: dict[str, list[str]] = {}
    for m in NAME_RUN.finditer(text):
        run = m.group(0).split()
        capitals = [k for k, w in enumerate(run) if w.lower() not in ACRONYM_GLUE]
        for i in range(len(capitals)):
            for j in range(i + 2, min(len(capitals), i + 6) + 1):
                key = "".join(run[k][0] for k in capitals[i:j])
                out.setdefault(key, []).append(" ".join(run[capitals[i]:capitals[j - 1] + 1]))
    return {k: tuple(v) for k, v in out.items()}


@rule("places", "dateline", source="GeoVirus dev and the demo corpus (be22a4f)", off=(None, None), examples=[
    ("PORT SUDAN, Sudan (Wire) — Drones struck the fuel depot on Sunday.", {"text": "PORT SUDAN", "country": "SDN"}),
    ("KHARKIV, Ukraine (Wire) — Missiles hit a school on Friday.", {"text": "KHARKIV", "feature": "city"}),
    ("KHARKIV (Wire) — Missiles hit a school on Friday.", {"text": "KHARKIV", "country": "UKR"}),
])
def _dateline(doc, gaz):
    """The dateline that opens a wire story ("KHARKIV, Ukraine (Agency) —", "PORT SUDAN —"): a town,
    in capitals, which the tagger rarely sees as a place. Only towns qualify. Returns the mention
    (or None) and the dateline's extent (its agency in brackets is no place)."""
    m = _dateline_match(doc_text(doc))
    if m is None:
        return None, None
    cands = tuple(c for c in gaz.candidates(m.group(1)) if c.feature == "city")  # "NEW YORK" is the city
    span = doc.char_span(m.start(1), m.end(1), label="GPE", alignment_mode="expand") if cands else None
    return ((span, cands) if span is not None else None), (m.start(), m.end())


@rule("places", "untagged-locality", source="Halterman event-location dev (086d4a0)", off=False, examples=[
    ("Fighting flared near Mase village in the Democratic Republic of Congo.", {"text": "Mase"}),
])
def _unknown_locality_run(doc, start: int, end: int, gaz) -> bool:
    """A capitalised run the tagger left untagged after a locative (asked only there), followed by the
    kind of locality it is ("in Tabag village"), is a village even when the gazetteer lacks it."""
    return _before_locality(doc, end) and not gaz.candidates(doc[start:end].text)


@rule("places", "untagged-name", source="GeoVirus dev and the demo corpus (be22a4f)", off=False, examples=[
    ("Fighting flared near Sake in the Democratic Republic of Congo.", {"text": "Sake", "country": "COD"}),
])
def _untagged_place(named: list[Entry], after_locative: bool, countries: set[str]) -> bool:
    """An untagged run names a place if the gazetteer has it under its own name (``named``: those
    readings) as a country or a division, or, right after a locative, as a town of 100,000 or more or
    a town of a country the document names ("Secretary" and "Orange" are towns too)."""
    return any(c.feature in ("country", "admin1") or after_locative and (
        c.population >= MIN_UNTAGGED_POPULATION or c.feature == "city" and c.country in countries) for c in named)


@rule("places", "generic-word-alone", source="GeoVirus dev", off=False, examples=[
    ("Leaders of the West and the South met in Geneva on Monday.", {"not": {"text": "South"}}),
])
def _generic_only(span) -> bool:
    """A capitalised word for a direction or a kind of place alone ("West", "Central", "South") is no
    division or town, though Cameroon and Ghana have divisions of those names (a region the gazetteer
    has under such a name still is one)."""
    return all(t.lower_.strip(".") in GENERIC_WORDS for t in span if t.lower_ != "the")


CONNECTORS = frozenset("of the do de del da dos das di la el al en sur and".split())


@rule("places", "longest-name", source="GeoVirus dev", off=None, examples=[
    ("Children in camps near Goz Beida were hungry.", {"text": "Goz Beida", "country": "TCD"}),
    ("Polio spread in Angola, Chad and Democratic Republic of the Congo this year.",
     {"text": "Democratic Republic of the Congo", "country": "COD"}),
    ("Trinidad and Tobago failed to attend the meeting in Washington.",
     {"text": "Trinidad and Tobago", "country": "TTO"}),
])
def _longest_name(doc, ent, gaz):
    """An entity the tagger cut short ("Beida" of "Goz Beida", "Democratic Republic" and "Congo",
    "Mashonaland" of "Mashonaland West") is read as the longest name around it that the gazetteer
    knows under its own name or an alias: capitalised words before it, capitalised words and the
    small words of names ("of the", "do", "de", the "and" of "Trinidad and Tobago") after it, within its
    sentence. None when there is none."""
    sent = ent.sent
    lefts = [ent.start] + [k for k in range(ent.start - 1, max(sent.start, ent.start - 2) - 1, -1)
                           if all(doc[m].is_title for m in range(k, ent.start))]
    rights, r = [ent.end], ent.end
    while r < min(sent.end, ent.end + 4) and (doc[r].is_title or doc[r].lower_ in CONNECTORS):
        r += 1
        if doc[r - 1].is_title:
            rights.append(r)
    for l, r in sorted(((l, r) for l in lefts for r in rights if (l, r) != (ent.start, ent.end)),
                       key=lambda lr: lr[0] - lr[1]):
        if any(c.match in (NAME, ALIAS) and c.feature != "site" for c in gaz.candidates(doc[l:r].text)):
            return doc[l:r]
    return None


def _repaired(doc, ents, gaz) -> list:
    """The document's entities, each place-like one widened to the longest name around it
    (``_longest_name``); an entity inside another's widened span is dropped."""
    from spacy.tokens import Span

    out: list = []
    for ent in ents:
        if any(ent.start < o.end and o.start < ent.end for o in out):
            continue  # inside a widened one ("Congo" of "Democratic Republic of the Congo")
        if ent.label_ in PLACE_LABELS or ent.label_ in MAYBE_LABELS:
            wider = _longest_name(doc, ent, gaz)
            if wider is not None:
                ent = Span(doc, wider.start, wider.end, label=ent.label_)
                out = [o for o in out if not (o.start < ent.end and ent.start < o.end)]
        out.append(ent)
    return out


def _untagged(doc, gaz, taken: set[int], countries: set[str]):
    """Place names the tagger left untagged ("in Omdurman", "near Sake"): runs of capitalised words
    outside any entity that name a country or division, or, right after a locative preposition, a
    town of 100,000 or more or a town in a country the document names ("Secretary" and "Orange"
    are towns too). Not at a sentence's start (where any word is capitalised), never a word the
    gazetteer knows only as an alternate name."""
    from spacy.attrs import IS_STOP, IS_TITLE, SENT_START

    out = []
    # the few tokens that may open a name, picked from spaCy's arrays: walking every token in
    # Python was most of recognition's time
    flags = doc.to_array([IS_TITLE, IS_STOP, SENT_START])
    openers = [int(k) for k in ((flags[:, 0] == 1) & (flags[:, 1] == 0)).nonzero()[0]]
    i = 0
    for i_open in openers:
        if i_open < i:
            continue
        i = i_open
        tok = doc[i]
        if tok.i in taken or len(tok.text) < 3:
            continue
        after_locative = _after_locative(doc, i)
        j = i
        while j + 1 < len(doc) and j + 1 - i < 4 and doc[j + 1].i not in taken and (doc[j + 1].is_title or (
                doc[j + 1].lower_ in CONNECTORS and j + 2 < len(doc) and doc[j + 2].is_title)):
            j += 1  # "Rio Grande do Sul": the small words of a name inside it
        if after_locative and _unknown_locality_run(doc, i, j + 1, gaz):
            out.append((doc.char_span(doc[i].idx, doc[j].idx + len(doc[j].text), label="GPE"), ()))
            i = j + 1  # "in Tabag village": a village the gazetteer lacks, named as one
            continue
        opens_sentence = flags[i, 2] == 1
        for end in range(j, i - 1, -1):  # the longest name the run starts with
            span = doc[i:end + 1]
            if opens_sentence and end == i or _generic_only(span):
                continue  # a sentence's first word is capitalised anyway; "West" alone is no division
            if not span[-1].is_title:
                continue
            cands = gaz.candidates(span.text)
            named = [c for c in cands if c.match == NAME]
            if named and _untagged_place(named, after_locative, countries):
                out.append((doc.char_span(span.start_char, span.end_char, label="GPE"), cands))
                i = end
                break
            if named and end > i:
                break  # the longest name decides: "Mission Viejo" is no "Mission"
        i += 1
    return out


@rule("places", "site-in-town", source="GeoVirus dev (411a802; only names with a site word since 6b3ae54)", off=(),
      examples=[("Rebels shelled Taftanaz Military Airport.", {"text": "Taftanaz Military Airport",
                                                               "feature": "site"})])
def _site_town(name: str, gaz) -> tuple[Entry, ...]:
    """A site the gazetteer lacks, named with a site word, is at the town its name starts with:
    "Hama Military Airport" → Hama (but "Red Sea" is no "Red": only names with a site word)."""
    if not any(w in name.lower() for w in words("places.site_words")):
        return ()
    parts = name.split()
    for n in range(len(parts) - 1, 0, -1):
        cands = gaz.candidates(" ".join(parts[:n]))
        if cands:
            return cands
    return ()


@rule("places", "unknown-site", source="GeoVirus dev (be22a4f); Halterman event-location dev (42e1ce5)", off=False,
      examples=[("Crowds gathered on Royal Street in New Orleans.", {"text": "Royal Street", "name": "New Orleans"})])
def _unknown_site(doc, ent, name: str) -> bool:
    """A name the gazetteer cannot place at all is still a place (resolution puts it at the town
    around it) if it is capitalised and tagged a building or a location (not one word opening a
    sentence), or the text names it a locality ("the village of Sharifah")."""
    return name[:1].isupper() and (ent.label_ in ("FAC", "LOC") and not (len(ent) == 1 and ent[0].is_sent_start)
                                   or _named_as_locality(doc, ent))


@rule("places", "demonym-not-place", source="Halterman event-location dev (06f05ce); GeoVirus dev (a division's "
      "or a country's own name tagged NORP)", off=False, examples=[
    ("Syrian soldiers patrolled the border.", {"not": {"text": "Syrian"}}),
    ("Cholera spread from the Artibonite region to the capital.", {"text": "Artibonite", "country": "HTI"}),
])
def _demonym(ent, cands) -> bool:
    """A NORP entity is an actor's country ("Syrian forces"), not a place: unless the gazetteer's
    first candidate is a place by its own name ("Omdurman", "Artibonite", "Central African Republic"
    tagged NORP; a demonym is only ever another name of its country)."""
    return ent.label_ == "NORP" and not any(c.match == NAME for c in cands[:1])


@rule("places", "armed-group-not-town", source="issue 24 (an armed group's name read as a town), on texts written "
      "here", off=False, examples=[
          ("Fighters from Hamas fired rockets at Ashkelon on Monday.", {"not": {"text": "Hamas"}}),
      ])
def _armed_group(name: str) -> bool:
    """A name the actor dictionary knows as an armed group ("Hamas", "the Houthis", "M23") is that
    group, not a town that shares its name or a spelling of one ("Hamas" is no Hamm), unless the text
    calls it a locality ("the town of …")."""
    return _group_name(name)


@lru_cache(maxsize=8192)
def _group_name(name: str) -> bool:
    entry = alias_entry(name)
    return entry is not None and entry.kind == "group"


@rule("places", "weak-tag", source="Halterman event-location dev (06f05ce); sites: GeoVirus dev", off=False, examples=[
    ("Senator Kimball said the bill would pass.", {"not": {"text": "Kimball"}}),
    ("Kimball said the bill would pass.", {"not": {"text": "Kimball"}}),
])
def _weakly_tagged(cands) -> bool:
    """A name tagged a person or an organisation is a place on that tag alone only if the gazetteer
    knows the exact name as a sizeable place (20,000 or more), a division, or a site (an airfield's
    or a base's name says what it is: "Bagram Airfield" tagged PERSON)."""
    top = max(cands, key=_prior)
    if top.feature == "site":
        return False
    return top.match == ALTERNATE or (top.population < MIN_TAGGED_POPULATION
                                      and top.feature not in ("country", "admin1"))


@rule("places", "story-countries", source="GeoVirus dev (be22a4f); Halterman event-location dev (06f05ce)",
      off=frozenset(), examples=[
          ("Fighting flared near Sake in the Democratic Republic of Congo.", {"text": "Sake", "country": "COD"}),
      ])
def _story_countries(mentions, demonyms: set[str]) -> set[str]:
    """The countries the document names, whose big towns it names ("Goma" is Congo), or whose people
    it names ("Syrian forces"): a small town of one of them is a place after a locative."""
    return {c.country for _, cands in mentions for c in cands if c.feature == "country"} | {
        cands[0].country for _, cands in mentions if cands and cands[0].feature == "city" and cands[0].match == NAME
        and cands[0].population >= MIN_UNTAGGED_POPULATION} | demonyms


@rule("places", "weak-tag-after-locative", source="Halterman event-location dev (06f05ce)", off=(), examples=[
    ("Syrian rebels said they shelled government posts in Kafr Nabl.", {"text": "Kafr Nabl", "country": "SYR"}),
])
def _placed_after_locative(deferred, countries: set[str]) -> list:
    """A name tagged a person or an organisation right after "in", "near", "city of" is a place if
    it is a town of the story's countries, or a sizeable one ("in Palmyra", "the city of Daraa")."""
    return [(ent, cands) for ent, cands in deferred
            if any(c.feature in ("city", "admin1", "admin2") and (
                c.country in countries or c.population >= MIN_TAGGED_POPULATION) for c in cands)]


def _mentions(parsed):
    """The document's place mentions as (span, candidates), the dateline first: it fixes the sense
    of its name for the whole story (WASHINGTON is the city)."""
    doc = parsed.doc
    gaz = gazetteer()
    mentions, deferred = [], []
    demonyms: set[str] = set()  # "Syrian forces": the story is about Syria
    ents = _repaired(doc, doc.ents, gaz)  # (spaCy builds doc.ents anew on each access)
    text = doc_text(doc)  # (and a span's text from its tokens: slicing the text is cheaper)
    for ent in ents:
        ent_text = text[ent.start_char:ent.end_char]
        if len(ent_text) > MAX_MENTION_CHARS:
            continue
        first = ent[0].lower_
        if ent_text != ent_text.rstrip() or first == "the" and len(ent) > 1:
            # "Nabatieh\n\n": the tagger took the paragraph break along; "the Old Road": the name is "Old Road"
            start = ent[1].idx if first == "the" and len(ent) > 1 else ent.start_char
            ent = doc.char_span(start, ent.start_char + len(ent_text.rstrip()), label=ent.label_)
            if ent is None:
                continue
            ent_text = text[ent.start_char:ent.end_char]
        if ent.label_ not in PLACE_LABELS and ent.label_ not in MAYBE_LABELS and not _named_locality(doc, ent.start):
            continue  # (whatever the tagger took it for, "the settlement of Mardes" names a place)
        if lower_case_tag(ent):
            continue
        name = bare_name(ent_text)
        cands = gaz.candidates(name)
        if not cands and (ent.label_ in PLACE_LABELS or any(w in name.lower() for w in AIRFIELD_WORDS)):
            cands = _site_town(name, gaz)  # an airfield's name says what it is: "Hama Military Airport" tagged ORG
        if not cands and ent.label_ in PLACE_LABELS:
            cands = _part_candidates(name, gaz)
        if not cands:
            if _unknown_site(doc, ent, name):
                mentions.append((ent, ()))  # a building, a street, a village: placed at the town around it
            continue
        if _armed_group(name) and not _named_as_locality(doc, ent):
            continue
        if organisation_acronym(text, name, cands, gaz) or known_acronym(name, cands):
            continue
        if _generic_only(ent) and not any(c.feature in ("region", "continent", "water", "country") for c in cands):
            continue  # "the West", "the South": no division of Cameroon
        if ent.label_ in MAYBE_LABELS:
            if _titled_person(doc, ent.start):
                continue
            if _demonym(ent, cands):
                demonyms |= {c.country for c in cands if c.feature == "country"}
                continue  # demonyms are actors' countries, not places
            if _weakly_tagged(cands):
                if _after_locative(doc, ent.start):
                    deferred.append((ent, cands))
                continue
        mentions.append((ent, cands))
    dateline, extent = _dateline(doc, gaz)
    if dateline is not None:
        s, e = dateline[0].start_char, dateline[0].end_char
        mentions = [m for m in mentions if m[0].end_char <= s or m[0].start_char >= e]
    taken = {t.i for ent in ents for t in ent} | {t.i for m in mentions for t in m[0]}
    dateline_tokens: set[int] = set()
    if extent is not None:  # the dateline opens the story: walk its tokens, not the whole document
        span = doc.char_span(extent[0], extent[1], alignment_mode="expand")
        dateline_tokens = {t.i for t in span if extent[0] <= t.idx < extent[1]} if span is not None else set()
        taken |= dateline_tokens
    countries = _story_countries(mentions, demonyms)
    mentions += _placed_after_locative(deferred, countries)
    mentions += _untagged(doc, gaz, taken, countries)
    found = mentions + ([dateline] if dateline is not None else [])
    mentions += more_mentions(doc, text, found, {t.i for m in found for t in m[0]} | dateline_tokens, gaz)
    mentions = sorted((m for m in mentions if not ship_name(doc, m[0])), key=lambda m: m[0].start_char)
    return ([dateline] if dateline is not None else []) + mentions


@rule("places", "titled-person-not-place", source="gold-real dev4 (\"Mr Obama's policy\" read as Obama, Japan, which "
      "made Japan the story's country)", off=False, examples=[
          ("Mr Trump criticised Mr Obama's policy on Cuba.", {"not": {"text": "Obama"}}),
          ("Fishermen in Obama, a port on Wakasa Bay, landed the catch.", {"text": "Obama", "country": "JPN"}),
      ])
def _titled_person(doc, start: int) -> bool:
    """A name the tagger took for a person, right after a person's title ("Mr Obama", "President
    Obama"), is that person, whatever town bears the name."""
    return after_title(doc, start) and doc[start].ent_type_ in ("PERSON", "ORG", "NORP")


@rule("places", "ship-not-place", source="gold-real dev (an ECB+ story: 'INS Tabar' read as a Czech village)",
      off=False, examples=[
          ("The warship INS Tabar sank a pirate ship off Oman.", {"not": {"text": "Tabar"}}),
          ("The pirates fled towards Tabar, a fishing village.", {"text": "Tabar"}),
      ])
def ship_name(doc, ent) -> bool:
    """A name after a ship's prefix ("INS Tabar", "MV Gibe", "USS Cole") is a vessel, not a place."""
    first = ent[0].text
    before = doc[ent.start - 1].text if ent.start > 0 else ""
    return first in words("places.ship_prefixes") and len(ent) > 1 or before in words("places.ship_prefixes")
