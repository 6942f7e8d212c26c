"""Resolution: a document's mentions resolved together, each to one GeoNames entry or none.

One sense per name in a document, unless a qualifier says otherwise; qualifiers first, then the
divisions the mention's own sentence names ("Boston is a town in Lincolnshire"), then the document's
countries, divisions and nearby places (``scoring``). Names that mean one thing whatever the context
says (``namesakes``) and names the text defines (``definitions``) override the scores; a name the
gazetteer cannot place at all takes the nearest town the document resolved around it.
"""

from __future__ import annotations

import re

from ...resources.gazetteer import NAME, Entry
from ...resources.tables import numbers, words
from ...rules import IDENTITY, rule
from .definitions import _placed_by_definition
from .names import _qualifier, _span_key
from .namesakes import (_cities_over_namesake_divisions, _in_division_lists, _is_capital, _listed_pairs,
                        _names_a_division, _regions_over_namesake_towns)
from .scoring import _Context, _holds, _inside, _prior, _score

WEIGHTS = numbers("places.scoring")
DOMINANCE = WEIGHTS["dominance"]
SENTENCE_W, SENTENCE_MARGIN = WEIGHTS["sentence_weight"], WEIGHTS["sentence_margin"]
CONFIDENT_MARGIN, LONE_MARGIN = WEIGHTS["confident_margin"], WEIGHTS["lone_margin"]
NAMED_DIVISION_W, NAMED_TOWN_W = WEIGHTS["named_division_weight"], WEIGHTS["named_town_weight"]
QUALIFIER_W, HOME_W = WEIGHTS["qualifier_weight"], WEIGHTS["home_weight"]
PEOPLE_W = WEIGHTS["people_weight"]
UNKNOWN_AFTER_CHARS = WEIGHTS["unknown_after_chars"]
SOURCE = "weights set on GeoVirus and WikToR dev"
# "the U.S. state of", "the Indian state of", "Australia's state of": the country a division's name follows
COUNTRY_BEFORE = re.compile(r"((?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w.'’-]*?)(?:['’]s)?\s+(?:"
                            + "|".join(map(re.escape, words("places.division_of_words"))) + r")\s+of\s+(?:the\s+)?$")
# "Georgia's president", "Georgia's interior ministry": a body only a country has
NATIONAL_BODY = re.compile(r"^['’]s\s+(?:(?:new|former|acting|interim|deputy)\s+)?(?:"
                           + "|".join(map(re.escape, words("places.national_bodies"))) + r")\b", re.I)
LOCAL_GLUE = re.compile(r"^\s*,\s*$")


@rule("places", "qualifier-must-hold", source="GeoVirus and WikToR dev (3548b0c)", off=IDENTITY, examples=[
    ("Diplomats toured Russia, Georgia and Armenia.", {"text": "Georgia", "feature": "country"}),
])
def _holding_qualifier(qualifier: Entry, cands) -> Entry | None:
    """A qualifier counts only where it can hold one of the name's candidates: in "Ohio, Kentucky
    and Indiana", Kentucky does not qualify Ohio (a list)."""
    return qualifier if any(_inside(c, qualifier) for c in cands) else None


@rule("places", "division-list-not-qualifier", source="GeoVirus dev (ef92603)", off=IDENTITY, examples=[
    ("Voters in Georgia, Oklahoma, Pennsylvania and Ohio went to the polls.", {"text": "Oklahoma",
                                                                               "feature": "admin1"}),
])
def _unlisted_qualifier(qualifier: Entry, cands) -> Entry | None:
    """Inside a list of divisions the next name is no qualifier: "Georgia, Oklahoma, Pennsylvania"
    names the state of Oklahoma, not the town of Oklahoma, Pennsylvania (asked of a name that follows
    list glue: a division is no qualified town)."""
    return None if any(c.feature in ("admin1", "country") and c.match == NAME for c in cands) else qualifier


@rule("places", "confident-context", source=SOURCE + " (b87795e)", off=False, examples=[
    ("The convoy drove from Beirut to Tripoli overnight.", {"text": "Tripoli", "country": "LBN"}),
])
def _confident(best: Entry, margin: float, qualifier: Entry | None) -> bool:
    """A name whose best reading leads the others clearly, or is a country or a division, or that a
    qualifier places, tells the document's context where the story is."""
    return margin >= CONFIDENT_MARGIN or best.feature in ("country", "admin1") or qualifier is not None


@rule("places", "first-reading-once", source="GeoVirus and WikToR dev (acb1159)", off=True, examples=[
    ("Lima counted its votes on Sunday. Turnout in Lima was high, and Lima's mayor was re-elected. "
     "Laredo reported no problems.", {"text": "Laredo", "country": "USA"}),
])
def _first_reading(key: str, first: dict[str, Entry], qualifier: Entry | None) -> bool:
    """A name's first reading counts once in the context, however often the document repeats it (an
    article about Lima, New York says "Lima" eight times; that is no evidence for Peru)."""
    return qualifier is not None or key not in first


def _document_context(keys: list[str], mentions, qualifiers, home: Entry | None):
    """First pass, each name alone (with its qualifier): the context confident names make, each
    name's first reading, and the names first read as a division (not a country: countries in one
    sentence are mostly lists, "following Mexico and the United States")."""
    context = _Context()
    if home is not None:
        context.add(home, HOME_W)
    for key, (s, e, cands) in zip(keys, mentions):
        context.could_be(key, cands)
    first: dict[str, Entry] = {}
    divisions_named: dict[str, Entry] = {}
    for key, (s, e, cands), q in zip(keys, mentions, qualifiers):
        if not cands:
            continue
        best = max(cands, key=lambda c: _score(c, _Context(), q))
        if q is not None:
            context.add(q, QUALIFIER_W)
        ranked = sorted((_score(c, _Context(), q) for c in cands), reverse=True)
        margin = ranked[0] - ranked[1] if len(ranked) > 1 else LONE_MARGIN
        if _confident(best, margin, q) and _first_reading(key, first, q):
            context.add(best, NAMED_DIVISION_W if best.feature in ("country", "admin1") else NAMED_TOWN_W)
        if margin >= SENTENCE_MARGIN and best.feature in ("admin1", "admin2") and key not in first:
            divisions_named[key] = best
        first.setdefault(key, best)
    return context, first, divisions_named


@rule("places", "sentence-division", source="WikToR and GeoVirus dev (93ff604)", off=(), examples=[
    ("Floods cut off Boston and villages across Lincolnshire. The mayor asked for help.",
     {"text": "Boston", "country": "GBR"}),
])
def _sentence_divisions(named: list[tuple[str, Entry]], key: str) -> list[Entry]:
    """The divisions named in the mention's own sentence (``named``: name key and reading), other than
    itself: a candidate one of them holds weighs three points more ("Boston, a port town in
    Lincolnshire" is not Massachusetts')."""
    return [d for k, d in named if k != key]


@rule("places", "one-sense-per-name", source=SOURCE + " (b87795e)", off=None, examples=[
    ("Floods cut off Boston and villages across Lincolnshire. Boston's mayor asked for help.",
     {"not": {"text": "Boston", "country": "USA"}}),
])
def _same_sense(key: str, by_key: dict[str, Entry]) -> Entry | None:
    """A name keeps the sense it first took in the document (asked of a name without a qualifier: a
    qualifier may say otherwise)."""
    return by_key[key]


@rule("places", "country-named-exactly", source="GeoVirus dev; GWN (d2d3872, ef92603)", off=False, examples=[
    ("Farmers in Pennsylvania sold wheat to Lebanon.", {"text": "Lebanon", "feature": "country"}),
])
def _country_named(cands) -> bool:
    """A country named exactly ("China") is the country, not a town named after it nor a division
    that has its name only as another name ("Taiwan"), unless a qualifier places the town ("China,
    Texas": asked of names without one)."""
    return any(c.feature == "country" and c.match == NAME for c in cands)


@rule("places", "capital-over-namesake-towns", source="GeoVirus and WikToR dev; GWN, LGL (2cedf59)", off=None,
      examples=[("Lawmakers in Pennsylvania were angry. They reacted to the vote in Washington.",
                 {"text": "Washington", "geonameid": 4140963})])
def _dominant_capital(capital: Entry) -> Entry | None:
    """A national capital named exactly ("Washington") beats the towns of its own country named after
    it unless the text places the town (a qualifier: asked of names without one; or its division in
    the same sentence)."""
    return capital


@rule("places", "list-of-divisions", source="GeoVirus and WikToR dev (acb1159)", off=0.0, examples=[
    ("Storms hit Illinois, Ohio and Oregon.", {"text": "Oregon", "feature": "admin1"}),
])
def _dominance_floor(cands) -> float:
    """In a list of divisions ("Oregon" beside Ohio and Texas; asked of listed names without a
    qualifier), a town under a tenth of the size of the division or country of its name takes no help
    from the context the list lends it: the population below which a candidate keeps only its prior."""
    return DOMINANCE * max((c.population for c in cands if c.feature in ("country", "admin1") and c.match == NAME),
                           default=0)


@rule("places", "country-before-division", source="issue 24 (a story datelined Tbilisi), on texts written here",
      off=None, examples=[
          ("Protesters in Tbilisi said a student from the U.S. state of Georgia was detained.",
           {"text": "Georgia", "feature": "admin1"}),
      ])
def _preceding_qualifier(text: str, start: int, gaz) -> Entry | None:
    """"the U.S. state of Georgia", "the Indian state of Punjab": the country named before a word for a
    division and its "of" qualifies the name as a qualifier after it would."""
    m = COUNTRY_BEFORE.search(text[max(0, start - 60):start])
    if not m:
        return None
    words_before = m.group(1).split()
    for n in range(len(words_before), 0, -1):
        found = next((c for c in gaz.candidates(" ".join(words_before[-n:])) if c.feature == "country"), None)
        if found is not None:
            return found
    return None


@rule("places", "national-body", source="issue 24 (a story datelined Tbilisi), on texts written here", off=False,
      examples=[("A student from Atlanta, Georgia, was detained. Georgia's interior ministry said the protest was "
                 "illegal.", {"text": "Georgia", "feature": "country"})])
def _national_body(text: str, end: int, cands) -> bool:
    """A name whose president, parliament or interior ministry the text speaks of ("Georgia's interior
    ministry") is the country, not a division or a town that shares its name."""
    return bool(NATIONAL_BODY.match(text[end:end + 40])) and any(c.feature == "country" and c.match == NAME
                                                                 for c in cands)


@rule("places", "carried-sense-yields", source="issue 24 (a story datelined Tbilisi), on texts written here",
      off=IDENTITY, examples=[
          ("TBILISI (Wire) — A student from the U.S. state of Georgia was among protesters detained on Monday. "
           "Georgian police used water cannon. The European Union said Georgia must respect the right to protest.",
           {"text": "Georgia", "feature": "country"}),
      ])
def _carried_sense_yields(out: list[Entry | None], keys: list[str], mentions, free: list[bool],
                          carried_local: set[str], peoples: dict[str, int]) -> list[Entry | None]:
    """One sense per name must not override strong evidence: where a name's sense came from one mention
    that the text places locally ("the U.S. state of Georgia", "Atlanta, Georgia"), its other mentions
    (``free``: no qualifier, no local cue of their own) take the more prominent reading whose country
    the rest of the document speaks for more: the other names read there and the people it names
    ("Georgian police"), against those of the carried reading's country."""
    out = list(out)
    for key in carried_local:
        idx = [i for i, k in enumerate(keys) if k == key and free[i] and out[i] is not None]
        if not idx:
            continue
        carried = out[idx[0]]
        others = {}
        for k, r in zip(keys, out):
            if k != key and r is not None and r.country:
                others.setdefault(r.country, set()).add(k)

        def evidence(country: str | None) -> int:
            return len(others.get(country, ())) + peoples.get(country, 0)

        rivals = [c for c in mentions[idx[0]][2] if c.country != carried.country and _prior(c) > _prior(carried)]
        best = max(rivals, key=lambda c: (evidence(c.country), _prior(c)), default=None)
        if best is not None and evidence(best.country) > evidence(carried.country):
            for i in idx:
                out[i] = best
    return out


@rule("places", "peoples-name-their-country", source="gold-real dev3 (\"central Jordan … Jordanian security forces "
      "… the town of Karak\" read as Karak, Pakistan)", off=None, examples=[
    ("Gunmen attacked police in central Jordan on Sunday, Jordanian officials said.\n\nThere was no claim of "
     "responsibility for the attacks in and near Karak.", {"text": "Karak", "country": "JOR"}),
])
def _count_peoples(context, peoples: dict[str, int]) -> None:
    """A people the document names ("Jordanian officials", "Syrians") says which country it is about, as
    a mention of the country does, at a lower weight: a town spelt like a namesake abroad is read
    in that country ("Karak" in a story of Jordanian police is Karak, Jordan, not Karak, Pakistan)."""
    for country, count in peoples.items():
        context.countries[country] = context.countries.get(country, 0.0) + PEOPLE_W * count


def _resolve(text: str, mentions: list[tuple[int, int, tuple[Entry, ...]]], gaz,
             sentences: list[int] | None = None, home: Entry | None = None,
             peoples: dict[str, int] | None = None) -> list[Entry | None]:
    """Resolve mentions (start, end, candidates) together: one sense per name in a document,
    qualifiers first, then the divisions its own sentence names ("Boston is a town in
    Lincolnshire"; ``sentences`` gives each mention's sentence), then the document's countries,
    divisions and nearby places. The outlet's ``home`` division counts as one more division the
    document names."""
    capitals = [next((c for c in cands if _is_capital(c)), None) for _, _, cands in mentions]
    # names side by side with only list glue between them (their spans never change below)
    pairs = _listed_pairs(text, mentions)
    mentions = _cities_over_namesake_divisions(mentions, text, capitals, pairs)
    keys = [_span_key(text[s:e]) for s, e, _ in mentions]
    after_glue = {b for a, b in pairs}
    qualifiers: list[Entry | None] = []
    for i, (s, e, cands) in enumerate(mentions):
        q = _qualifier(text, e, gaz) or (_preceding_qualifier(text, s, gaz) if cands else None)
        if q is not None:
            q = _holding_qualifier(q, cands)
        if q is not None and i in after_glue:
            q = _unlisted_qualifier(q, cands)
        qualifiers.append(q)
    mentions = _regions_over_namesake_towns(mentions, qualifiers)
    context, first, divisions_named = _document_context(keys, mentions, qualifiers, home)
    _count_peoples(context, peoples or {})
    # second pass: every name against the whole document's context (less its own first guess)
    by_key: dict[str, Entry] = {}
    out: list[Entry | None] = []
    in_lists = _in_division_lists(pairs, keys, first)
    by_sentence: dict[int, list[tuple[str, Entry]]] = {}
    for key, sentence in zip(keys, sentences or ()):
        if key in divisions_named:
            by_sentence.setdefault(sentence, []).append((key, divisions_named[key]))
    # a mention placed where it stands: qualified, a qualifier of the name before it ("Atlanta, Georgia"),
    # said to be a division ("Georgia state"), or a country by its national bodies ("Georgia's president")
    by_start = sorted(range(len(mentions)), key=lambda i: mentions[i][0])
    qualifying = {b for a, b in zip(by_start, by_start[1:]) if qualifiers[a] is not None
                  and LOCAL_GLUE.match(text[mentions[a][1]:mentions[b][0]])}
    national = [bool(cands) and _national_body(text, e, cands) for s, e, cands in mentions]
    local = [q is not None or i in qualifying or national[i] or _names_a_division(text, s, e)
             for i, ((s, e, _), q) in enumerate(zip(mentions, qualifiers))]
    carried_local: set[str] = set()
    for i, (key, (s, e, cands), q, in_list, capital) in enumerate(
            zip(keys, mentions, qualifiers, in_lists, capitals)):
        if not cands:
            out.append(None)
            continue
        if national[i] and q is None:
            out.append(next(c for c in cands if c.feature == "country" and c.match == NAME))
            continue
        named = by_sentence.get(sentences[i], ()) if sentences else ()
        nearby = _sentence_divisions(named, key) if named else []
        same = _same_sense(key, by_key) if q is None and key in by_key else None
        if same is not None:
            out.append(same)
            continue
        floor = _dominance_floor(cands) if q is None and in_list else 0.0
        country_named = q is None and _country_named(cands)
        dominant = _dominant_capital(capital) if q is None and capital is not None else None

        def score(c: Entry) -> float:
            near = SENTENCE_W if any(_holds(d, c) for d in nearby) else 0.0
            if country_named and c.feature == "admin1" and c.match != NAME:
                return _prior(c)  # "Taiwan" is the country, not a division that has it as another name
            # a town outranked by the name's dominant reading takes no help from the document's
            # context unless the text places it: "Oregon" in a list of states, "China", "Washington"
            if c.feature in ("city", "admin2") and (
                    c.population < floor or country_named
                    or dominant is not None and c is not dominant and c.country == dominant.country and not near):
                return _prior(c)
            return near + _score(c, context, q, exclude=first.get(key), key=key)

        best = max(cands, key=score)
        if key not in by_key and local[i]:
            carried_local.add(key)
        if q is None:
            by_key[key] = best
        else:
            by_key.setdefault(key, best)
        out.append(best)
    free = [q is None and not loc for q, loc in zip(qualifiers, local)]
    out = _carried_sense_yields(out, keys, mentions, free, carried_local, peoples or {})
    out = _placed_by_definition(out, text, mentions, keys, sentences, gaz)
    return _attach_unknown(out, mentions)


@rule("places", "unknown-site-at-town", source="GeoVirus dev (be22a4f)", off=IDENTITY, examples=[
    ("Crowds gathered on Royal Street in New Orleans.", {"text": "Royal Street", "name": "New Orleans"}),
])
def _attach_unknown(resolved: list[Entry | None], mentions) -> list[Entry | None]:
    """A name the gazetteer cannot place at all (a street, a stadium, a hospital) takes the nearest
    town or division the document resolved around it, the closest in the text, preferring one
    before it: that is where a reporter's "Royal Street" or "City Hall" is."""
    placed = [(s, r) for (s, e, _), r in zip(mentions, resolved) if r is not None and r.feature in ("city", "admin2")]
    out = list(resolved)
    for i, ((s, e, cands), r) in enumerate(zip(mentions, resolved)):
        if r is not None or cands or not placed:
            continue
        out[i] = min(placed, key=lambda p: (abs(p[0] - s) + (0 if p[0] < s else UNKNOWN_AFTER_CHARS)))[1]
    return out
