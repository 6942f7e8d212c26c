"""Resolution: a document's mentions resolved together, each to one GeoNames entry or none.

One sense per name in a document, unless a qualifier says otherwise; qualifiers first, then the
divisions the mention's own sentence names ("Boston is a town in Lincolnshire"), then the document's
countries, divisions and nearby places (``scoring``). Names that mean one thing whatever the context
says (``namesakes``) and names the text defines (``definitions``) override the scores; a name the
gazetteer cannot place at all takes the nearest town the document resolved around it.
"""

from __future__ import annotations

from ...resources.gazetteer import NAME, Entry
from ...resources.tables import numbers
from .definitions import _placed_by_definition
from .names import _qualifier, _span_key
from .namesakes import (_cities_over_namesake_divisions, _in_division_lists, _is_capital, _listed_pairs,
                        _regions_over_namesake_towns)
from .scoring import _Context, _holds, _inside, _prior, _score

WEIGHTS = numbers("places.scoring")
DOMINANCE = WEIGHTS["dominance"]
SENTENCE_W, SENTENCE_MARGIN = WEIGHTS["sentence_weight"], WEIGHTS["sentence_margin"]
CONFIDENT_MARGIN, LONE_MARGIN = WEIGHTS["confident_margin"], WEIGHTS["lone_margin"]
NAMED_DIVISION_W, NAMED_TOWN_W = WEIGHTS["named_division_weight"], WEIGHTS["named_town_weight"]
QUALIFIER_W, HOME_W = WEIGHTS["qualifier_weight"], WEIGHTS["home_weight"]
UNKNOWN_AFTER_CHARS = WEIGHTS["unknown_after_chars"]
def _resolve(text: str, mentions: list[tuple[int, int, tuple[Entry, ...]]], gaz,
             sentences: list[int] | None = None, home: Entry | None = None) -> list[Entry | None]:
    """Resolve mentions (start, end, candidates) together: one sense per name in a document,
    qualifiers first, then the divisions its own sentence names ("Boston is a town in
    Lincolnshire"; ``sentences`` gives each mention's sentence), then the document's countries,
    divisions and nearby places. The outlet's ``home`` division counts as one more division the
    document names."""
    capitals = [next((c for c in cands if _is_capital(c)), None) for _, _, cands in mentions]
    # names side by side with only list glue between them (their spans never change below)
    pairs = _listed_pairs(text, mentions)
    mentions = _cities_over_namesake_divisions(text, mentions, capitals, pairs)
    keys = [_span_key(text[s:e]) for s, e, _ in mentions]
    qualifiers = [_qualifier(text, e, gaz) for s, e, _ in mentions]
    # a qualifier counts only where it can hold one of the candidates ("Ohio, Kentucky and Indiana" is a list)
    qualifiers = [q if q is not None and any(_inside(c, q) for c in cands) else None
                  for q, (s, e, cands) in zip(qualifiers, mentions)]
    # nor inside a list of divisions: "Georgia, Oklahoma, Pennsylvania" names the state of Oklahoma,
    # not the town of Oklahoma, Pennsylvania (a name that follows list glue and is itself a division)
    after_glue = {b for a, b in pairs}
    qualifiers = [None if q is not None and i in after_glue and any(
        c.feature in ("admin1", "country") and c.match == NAME for c in mentions[i][2]) else q
        for i, q in enumerate(qualifiers)]
    mentions = _regions_over_namesake_towns(mentions, qualifiers)
    # first pass: each name alone (with its qualifier); confident names make the context
    context = _Context()
    if home is not None:
        context.add(home, HOME_W)
    for key, (s, e, cands) in zip(keys, mentions):
        context.could_be(key, cands)
    first: dict[str, Entry] = {}
    # names first read as a division (not a country: countries in one sentence are mostly lists,
    # "following Mexico and the United States"); the sentence's own divisions weigh more
    divisions_named: dict[str, Entry] = {}
    for key, (s, e, cands), q in zip(keys, mentions, qualifiers):
        if not cands:
            continue
        best = max(cands, key=lambda c: _score(c, _Context(), q))
        if q is not None:
            context.add(q, QUALIFIER_W)
        ranked = sorted((_score(c, _Context(), q) for c in cands), reverse=True)
        margin = ranked[0] - ranked[1] if len(ranked) > 1 else LONE_MARGIN
        # a name's first reading counts once, however often the document repeats it (an article
        # about Lima, New York says "Lima" eight times; that is no evidence for Peru)
        if (margin >= CONFIDENT_MARGIN or best.feature in ("country", "admin1") or q is not None) and (
                q is not None or key not in first):
            context.add(best, NAMED_DIVISION_W if best.feature in ("country", "admin1") else NAMED_TOWN_W)
        if margin >= SENTENCE_MARGIN and best.feature in ("admin1", "admin2") and key not in first:
            divisions_named[key] = best
        first.setdefault(key, best)
    # second pass: every name against the whole document's context (less its own first guess)
    by_key: dict[str, Entry] = {}
    out: list[Entry | None] = []
    in_lists = _in_division_lists(pairs, keys, first)
    by_sentence: dict[int, list[tuple[str, Entry]]] = {}
    for key, sentence in zip(keys, sentences or ()):
        if key in divisions_named:
            by_sentence.setdefault(sentence, []).append((key, divisions_named[key]))
    for i, (key, (s, e, cands), q, in_list, capital) in enumerate(
            zip(keys, mentions, qualifiers, in_lists, capitals)):
        if not cands:
            out.append(None)
            continue
        nearby = [d for k, d in by_sentence.get(sentences[i], ()) if k != key] if sentences else []
        if q is None and key in by_key:
            out.append(by_key[key])
            continue
        division = max((c.population for c in cands if c.feature in ("country", "admin1") and c.match == NAME),
                       default=0)
        country_named = any(c.feature == "country" and c.match == NAME for c in cands)

        def score(c: Entry) -> float:
            near = SENTENCE_W if any(_holds(d, c) for d in nearby) else 0.0
            if q is None and country_named and c.feature == "admin1" and c.match != NAME:
                return _prior(c)  # "Taiwan" is the country, not a division that has it as another name
            # a town outranked by the name's dominant reading takes no help from the document's
            # context unless the text places it (a qualifier; for a capital's namesakes, their
            # division in the same sentence): in a list of states, "Oregon" is the state, not a town
            # of 2,500 in Illinois that the other states lend support to (but "Georgia" alone may be
            # the town the article is about); "China" is the country; "Washington" is the capital,
            # not one of the towns of its country named after it
            if q is None and c.feature in ("city", "admin2") and (
                    in_list and c.population < DOMINANCE * division or country_named
                    or capital is not None and c is not capital and c.country == capital.country and not near):
                return _prior(c)
            return near + _score(c, context, q, exclude=first.get(key), key=key)

        best = max(cands, key=score)
        if q is None:
            by_key[key] = best
        else:
            by_key.setdefault(key, best)
        out.append(best)
    out = _placed_by_definition(text, mentions, keys, out, sentences, gaz)
    return _attach_unknown(mentions, out)



def _attach_unknown(mentions, resolved: list[Entry | None]) -> list[Entry | None]:
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
