"""The words around a name that say it is a place, whatever the tagger or the gazetteer says.

A locative before it ("near Sake", "west of Hama", "captured Birao", through words of region: "over
eastern Palmyra"); a noun for a kind of locality before its "of" ("the town of Umm Batna", "the towns
of Khan Touman, Aleis and Alzorba") or right after it ("Tabag village"). The word lists are
``data/words/places.toml``.

A second look (``more_mentions``) takes the names recognition set aside (tagged a person, an
organisation or a product, or left untagged, at a sentence's start too) when the text around them
says they are places: a definition ("Lujhu is a rural township", "Mabvuku, a suburb east of
Harare"); the kind of locality right after the name ("the Dadaab camps", "Dhule district"); a list
beside a place of the same country, or a division or country that qualifies it ("Cairo, Giza and
Al-Minya", "Parkes, New South Wales"); or the document itself, which reads the same name as a place
elsewhere (one reading per name and document). And the place whose public body an organisation is,
named at the start of its name or after its "of" ("the U.S. Centers for Disease Control", "the
Ministry of Health of Uganda"), which names the place as much as a "U.S. official" does.
"""

from __future__ import annotations

import re

from ...resources.gazetteer import ALIAS, NAME, fold
from ...resources.outlets import find_outlet
from ...resources.tables import numbers, word_set, words
from ...rules import rule
from .names import GENERIC_WORDS, bare_name
from .namesakes import LIST_GLUE
from .scoring import _prior

REGION_ADJECTIVES = word_set("places.region_adjectives")
PLACE_OF_WORDS = word_set("places.place_of_words")
UNTAGGED_PREPOSITIONS = word_set("places.untagged_prepositions")
TAKEN_PLACE_VERBS = word_set("places.taken_place_verbs")
LOCALITY_WORDS = word_set("places.locality_words")
LOCALITIES_WORDS = word_set("places.localities_words")
LOCALITY_NOUNS = LOCALITY_WORDS | LOCALITIES_WORDS


@rule("places", "after-locative", source="GeoVirus dev (be22a4f); Halterman event-location dev (8effa82, c9546d6)",
      off=False, examples=[
          ("Fighting flared near Sake in the Democratic Republic of Congo.", {"text": "Sake", "country": "COD"}),
          ("Russian jets struck targets over eastern Palmyra in Syria.", {"text": "Palmyra", "country": "SYR"}),
      ])
def _after_locative(doc, i: int) -> bool:
    """A name at token i that follows "in", "near", "above" …, "west of", "port of", or a verb of
    taking places ("captured Birao"), possibly through words of region ("over eastern Palmyra"),
    stands where a place stands: a town there is a place whatever the tagger made of it."""
    while i > 1 and doc[i - 1].lower_ in REGION_ADJECTIVES:
        i -= 1
    if i == 0:
        return False
    before = doc[i - 1].lower_
    if before == "of":
        return i > 1 and doc[i - 2].lower_ in PLACE_OF_WORDS
    return before in UNTAGGED_PREPOSITIONS or doc[i - 1].pos_ == "VERB" and doc[i - 1].lemma_ in TAKEN_PLACE_VERBS


@rule("places", "named-locality", source="Halterman event-location dev (42e1ce5, c9546d6)", off=False, examples=[
    ("Clashes erupted in the village of Umm Xalaba on Friday.", {"text": "Umm Xalaba"}),
    ("Shells fell on the towns of Khan Touman, Aleis and Zarbah.", {"text": "Aleis"}),
    ("Dead fish washed up in a town called Vestby Strand on Monday.", {"text": "Vestby Strand"}),
])
def _named_locality(doc, i: int) -> bool:
    """Token i opens the name of a locality the text introduces as one ("the town of Umm Batna",
    "the towns of Khan Touman, Aleis and Alzorba", "a town called Lasby"), whatever the tagger took it
    for: a place even when the gazetteer does not know it."""
    if i > 1 and doc[i - 1].lower_ in ("of", "called", "named") and doc[i - 2].lower_ in LOCALITY_NOUNS:
        return True
    root = doc[i]
    while root.dep_ == "compound" and root.head.i > root.i:
        root = root.head
    if root.dep_ != "conj":
        return False
    while root.dep_ == "conj":
        root = root.head
    first = root.left_edge.i
    return first > 1 and doc[first - 1].lower_ == "of" and doc[first - 2].lower_ in LOCALITIES_WORDS


@rule("places", "before-locality", source="Halterman event-location dev (086d4a0)", off=False, examples=[
    ("Militias burned Tabag village on Friday.", {"text": "Tabag"}),
])
def _before_locality(doc, end: int) -> bool:
    """The name ending before token ``end`` is followed by the kind of locality it is ("in Tabag
    village", "Mubingi commune"): a place even when the gazetteer does not know it."""
    return end < len(doc) and doc[end].lower_ in LOCALITY_WORDS and doc[end].pos_ == "NOUN"


def _named_as_locality(doc, ent) -> bool:
    """The text itself says the entity is a place, known to the gazetteer or not: "the town of
    Umm Batna", "Tabag village", "near Batrah" (a GPE after a locative)."""
    return (_named_locality(doc, ent.start) or _before_locality(doc, ent.end)
            or ent.label_ == "GPE" and _after_locative(doc, ent.start))


MIN_EMBEDDED_POPULATION = numbers("places.recognition")["min_untagged_population"]
MAX_RUN_TOKENS = 4
NOT_NAMES = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LAW", "LANGUAGE"}
KIND_AFTER = LOCALITY_NOUNS | word_set("places.admin_words") | word_set("places.kind_after_words")
TITLES = word_set("places.person_titles")


def after_title(doc, start: int) -> bool:
    """Whether the token before ``start`` is a person's title ("Mr", "President", "Gen.")."""
    return start > 0 and doc[start - 1].lower_.rstrip(".") in TITLES
ORG_WORDS = word_set("places.organisation_words")
DEFINED = re.compile(r"^\s*(?:\([^()]{0,80}\)\s*)?(?:,\s*|\s+(?:is|was|lies)\s+)(?:an?|the|one of the)\s+"
                     r"(?:[\w-]+\s+){0,3}(?:" + "|".join(map(re.escape, words("places.defined_kinds"))) + r")\b",
                     re.I)
GOVERNED = ("country", "admin1")
BRACKET = re.compile(r"^\s*\(\s*$")  # "the Democratic Republic of Congo (DRC)"


@rule("places", "defined-locality", source="GeoVirus and WikToR dev", off=False, examples=[
    ("Farmers culled geese on Monday. Dalinpu is a rural township in Taoyuan.", {"text": "Dalinpu"}),
    ("A resident of Kabvuku, a suburb east of Harare, said the taps ran dry.", {"text": "Kabvuku"}),
])
def _defined(text: str, end: int) -> bool:
    """A name the text defines as a kind of locality ("X is a town …", "X, a suburb of …") is a place,
    known to the gazetteer or not."""
    return bool(DEFINED.match(text[end:end + 120]))


@rule("places", "kind-after-name", source="GeoVirus dev", off=False, examples=[
    ("Aid workers said the Dadaab camps were flooded.", {"text": "Dadaab", "country": "KEN"}),
])
def _kind_follows(doc, end: int, cands) -> bool:
    """A name that the gazetteer knows under its own name, followed by the kind of place it is ("the
    Dadaab camps", "Dhule districts", "Artibonite region"), is that place whatever its tag."""
    return end < len(doc) and doc[end].lemma_.lower() in KIND_AFTER and doc[end].is_lower \
        and any(c.match == NAME for c in cands)


@rule("places", "site-name", source="issue 24 (sites), on texts written here", off=False, examples=[
    ("Iran fired missiles at the Al Udeid Air Base in Qatar.", {"text": "Al Udeid Air Base", "feature": "site"}),
])
def _site_named(cands) -> bool:
    """A name the gazetteer knows as an airfield or a base ("Al Udeid Air Base", "Bagram Airfield") is
    that site whatever the tagger made of it: its name says what kind of place it is."""
    return any(c.feature == "site" for c in cands)


@rule("places", "listed-with-place", source="GeoVirus dev", off=False, examples=[
    ("Birds died in Cairo, Giza, and Al-Minya this week.", {"text": "Al-Minya", "country": "EGY"}),
])
def _listed_with(cands, neighbour_cands) -> bool:
    """A name listed with only list glue beside a place ("Tacloban and Babatngon"), qualified by one
    ("Parkes, New South Wales"), or abbreviated in brackets after one ("the Democratic Republic of
    Congo (DRC)"), is a place when the gazetteer has it in that place's country (under its own name,
    or a country)."""
    if not neighbour_cands:
        return False
    country = max(neighbour_cands, key=_prior).country
    return any(c.country == country and (c.match != ALIAS or c.feature == "country")
               and c.feature in ("city", "admin1", "admin2", "country") for c in cands)


@rule("places", "one-reading-per-name", source="GeoVirus and WikToR dev", off=False, examples=[
    ("ESPERANCE, Australia (Wire) — Esperance residents said the lakes had turned red.",
     {"text": "Esperance", "country": "AUS"}),
])
def _known_elsewhere(key: str, known: set[str]) -> bool:
    """A name the document reads as a place elsewhere is the same place here, where the tagger missed
    it (at a sentence's start, tagged a person or an organisation): asked only of a whole name, not a
    person's surname or a part of a longer name."""
    return key in known


@rule("places", "organisation-place", source="GeoVirus dev", off=(), examples=[
    ("The U.S. Centers for Disease Control and Prevention sent a team.", {"text": "U.S.", "country": "USA"}),
    ("The Health Ministry of Uganda closed the caves.", {"text": "Uganda", "country": "UGA"}),
])
def _embedded(doc, ent, gaz, known: set[str]) -> list:
    """The place whose institution an organisation is, named at its start or after its "of" ("the
    California Department of Public Health", "the Ministry of Health of Uganda", "the U.S. Army"): a
    country or a division, or a town of 100,000 or more or one the document names, under its own name
    or an abbreviation, in an organisation's name that has a word for a public body in it
    (``organisation_words``: not a company's, a team's or a newspaper's name)."""
    toks = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
    if len(toks) < 2 or find_outlet(ent.text) is not None:
        return []

    def place(part, rest):
        if not part or not (part[0].is_title or part[0].is_upper) or not any(t.lower_ in ORG_WORDS for t in rest):
            return None
        span = doc[part[0].i:part[-1].i + 1]
        if all(t.lower_.strip(".") in GENERIC_WORDS for t in span):
            return None  # "the Central Government": a word for a kind of place or a direction
        if not span[-1].is_alpha and not span[-1].text.endswith(".") or span.end < len(doc) and \
                not span[-1].whitespace_ and doc[span.end].text in "-–/":
            return None  # "Georgia-Pacific": the part is glued to the next word
        cands = _readings(gaz, bare_name(span.text))
        abbreviation = not any(ch.islower() for ch in span.text)  # "U.S.", "NSW"; not a demonym ("Norwegian")
        ok = any(c.feature in GOVERNED and (c.match == NAME or abbreviation and c.match == ALIAS)
                 or c.feature == "city" and c.match == NAME and (
                     c.population >= MIN_EMBEDDED_POPULATION or fold(span.text) in known) for c in cands)
        return (span, cands) if ok else None

    for n in range(min(len(toks) - 1, MAX_RUN_TOKENS), 0, -1):  # "the U.S. Centers …": it opens the name
        if toks[n].is_title or toks[n].is_upper:
            found = place(toks[:n], toks[n:])
            if found:
                return [found]
    for k, t in enumerate(toks):  # "the Ministry of Health of Uganda": after an "of"
        if t.lower_ == "of" and 0 < k < len(toks) - 1:
            rest = toks[k + 2:] if toks[k + 1].lower_ == "the" else toks[k + 1:]
            found = place(rest, toks[:k]) if len(rest) <= MAX_RUN_TOKENS else None
            if found:
                return [found]
    return []


def _readings(gaz, name: str):
    """The gazetteer's readings of a name; of a name in capitals only ("CDC", "UN", "NSW"), those that
    are a country or a division (an acronym is no town's abbreviation: "CDC" is not Cedar City)."""
    cands = gaz.candidates(name)
    if not any(ch.islower() for ch in name):
        cands = tuple(c for c in cands if c.feature in GOVERNED)
    return cands


def _runs(doc, taken: set[int]):
    """The names recognition set aside, as token ranges: entities it did not take (less a leading
    "the"; with the capitalised words the tagger left after one: "Al Udeid" + "Air Base"; an entity
    with commas in it also by its parts: "Pandi, Bulacan"), and runs of capitalised words outside any
    entity, at a sentence's start too. Each with its entity, or None."""
    from spacy.attrs import IS_ALPHA, IS_STOP, IS_TITLE, IS_UPPER

    ents = doc.ents  # (spaCy builds the tuple anew on each access)
    in_ents = {i for ent in ents for i in range(ent.start, ent.end)}
    flags = doc.to_array([IS_TITLE, IS_UPPER, IS_ALPHA, IS_STOP])
    title = [bool(f[0]) for f in flags]
    capital = [bool(f[0] or f[1] and f[2]) for f in flags]  # "Omdurman", "NSW"
    runs = []
    for ent in ents:
        if ent.label_ in NOT_NAMES or any(i in taken for i in range(ent.start, ent.end)):
            continue
        start = ent.start + 1 if ent[0].lower_ == "the" and len(ent) > 1 else ent.start
        end = ent.end
        while end < len(doc) and end - ent.end < MAX_RUN_TOKENS - 1 and title[end] and end not in taken \
                and end not in in_ents:
            end += 1
        if end > ent.end:
            runs.append((start, end, ent))
        runs.append((start, ent.end, ent))
        if any(t.text == "," for t in ent):
            part = start
            for t in ent:
                if t.text == ",":
                    if t.i > part:
                        runs.append((part, t.i, ent))
                    part = t.i + 1
            if part < ent.end:
                runs.append((part, ent.end, ent))
    i = 0
    n = len(doc)
    while i < n:
        if i in in_ents or i in taken or flags[i][3] or not capital[i] or not title[i] and len(doc[i]) < 2:
            i += 1
            continue
        j = i
        while j + 1 < n and j + 1 - i < MAX_RUN_TOKENS and capital[j + 1] and j + 1 not in in_ents \
                and j + 1 not in taken:
            j += 1
        runs.append((i, j + 1, None))
        i = j + 1
    return runs


def _surnames(doc) -> set[str]:
    """The words of the persons the document names in full ("Michael Jackson"): alone, they are that
    person, not a place of that name."""
    return {t.lower_ for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent}


def more_mentions(doc, text: str, mentions, taken: set[int], gaz) -> list:
    """Mentions (span, candidates) the document's words make places (see the module's doc), not
    overlapping ``taken`` (the tokens of the mentions found so far)."""
    known = {fold(bare_name(text[m.start_char:m.end_char])) for m, cands in mentions if cands}
    surnames = _surnames(doc)
    placed = {m.start_char: cands for m, cands in mentions if cands}  # start → candidates
    ends = {m.end_char: cands for m, cands in mentions if cands}
    out = []
    used: set[int] = set(taken)
    runs = _runs(doc, taken)
    for _round in range(2):  # a second round for lists that a first acceptance reaches
        for start, end, ent in runs:
            if any(i in used for i in range(start, end)):
                continue
            found = _accept(doc, text, start, end, ent, gaz, known, surnames, placed, ends)
            if found is None and ent is not None and ent.label_ == "ORG" and (start, end) == (
                    ent.start + (ent[0].lower_ == "the" and len(ent) > 1), ent.end):
                embedded = _embedded(doc, ent, gaz, known)
                found = embedded[0] if embedded else None
            if found is None:
                continue
            span, cands = found
            out.append((doc.char_span(span.start_char, span.end_char, label="GPE"), cands))
            used.update(range(span.start, span.end))
            if cands:
                placed[span.start_char] = cands
                ends[span.end_char] = cands
    return [m for m in out if m[0] is not None]


def _accept(doc, text, start, end, ent, gaz, known, surnames, placed, ends):
    """The longest name the run opens with that the text makes a place, as (span, candidates), or None."""
    whole_end = end
    for stop in range(end, start, -1):
        span = doc[start:stop]
        name = bare_name(text[span.start_char:span.end_char])
        if len(name) < 2:
            continue
        cands = _readings(gaz, name)
        if cands and (_site_named(cands) or _kind_follows(doc, stop, cands)):
            return span, cands
        if stop == whole_end and (_defined(text, span.end_char) or _named_locality(doc, start)):
            return span, cands
        if stop != whole_end or not cands:
            continue
        alone = not (len(span) == 1 and span[0].lower_ in surnames) and not after_title(doc, start)
        if alone and _known_elsewhere(fold(name), known):
            return span, cands
        if alone:
            before = max((s for s in ends if s <= span.start_char), default=None)
            after = min((s for s in placed if s >= span.end_char), default=None)
            if before is not None and (LIST_GLUE.match(text[before:span.start_char]) or BRACKET.match(
                    text[before:span.start_char])) and _listed_with(cands, ends[before]):
                return span, cands
            if after is not None and LIST_GLUE.match(text[span.end_char:after]) and _listed_with(cands, placed[after]):
                return span, cands
    return None
