"""Cross-document event coreference: which event mentions, across reports of one story, name
the same happening.

The method is the "same event word" baseline that the ECB+ literature finds hard to beat, made
more careful (each step measured on the ECB+ dev topics only, CoNLL F1 0.801 → 0.841):
- the event word of a mention is its head, lemmatised again where spaCy mis-tags it (headline
  capitals read "FIRED" as a noun, "Charged" as a name), deverbal nouns read as their verb
  ("shootings" → "shoot", "nomination" → "nominate"), phrases and light verbs read as the phrase
  they make ("open fire", "let go", "take place"), then folded onto a synonym group
  (``resources/data/coref-synonyms.tsv``) so that "the arrest" and "were detained" meet;
- words that name each report's own act ("reported", "according to", "told") or nothing by
  themselves (a bare "took", "made") are never linked (+0.017 on dev).
Tried and dropped (no gain on dev): splitting a same-word group by clashing weekdays/years or by
unlike sentence contexts, and attaching "it"/"this"/"the incident" to the story's main event; and
(measured on dev, CoNLL F1 0.841 each time or worse) splitting a same-word group where its
mentions' subjects/objects carry clashing names or numbers (0.805), joining different words whose
objects share a head and a number (0.820-0.824), linking same-word mentions only between documents
whose TF-IDF cosine passes 0.2-0.3 (0.839-0.793), and grouping by a looser or stricter story
threshold (0.822-0.842 for 0.83-0.90, stories B³ F1 worse except at 0.85).
Measured again on the train topics used as a second development set (nothing is fitted to them;
CoNLL F1 0.754 there, 0.774 with gold stories, so the stories cost little): splitting a same-word
group by the likeness of its mentions' sentences (names, nouns, numbers; average link 0.05-0.15:
train 0.748-0.734, dev 0.829-0.799; single link no better), joining different words whose
mentions' sentences are alike (cosine ≥ 0.7-0.9: train ≤ 0.755, dev ≤ 0.841), keeping apart
mentions that look non-specific (infinitives, negated, modal, bare plurals, gerunds: all worse),
unlinking "say" (train +0.007, dev −0.006). Synonyms the train topics ask for (murder, sever,
defeat, "put on injured reserve") gain at most +0.003 each there and nothing on dev: too tied to
those stories to add. What is left needs meaning the lemma cannot give (e.g. word vectors or a
trained pairwise model); the small spaCy model has no vectors.

Input is a list of ``EventMention`` (a mention's tokens in its parsed document and the story it
belongs to); output is a list of clusters of mention ids. Deterministic, no training.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Hashable

from ..resources.tables import read_cells

MAX_MENTION_TOKENS = 12  # a gold or predicted mention longer than this is read by its root only

# Nominalisations folded onto their verbs, so that "the arrest" and "arrested" meet.
NOMINAL_TO_VERB = {
    "death": "die", "killing": "kill", "shooting": "shoot", "arrest": "arrest", "attack": "attack",
    "election": "elect", "nomination": "nominate", "appointment": "appoint", "acquisition": "acquire",
    "announcement": "announce", "release": "release", "sentence": "sentence", "conviction": "convict",
    "injury": "injure", "explosion": "explode", "collision": "collide", "resignation": "resign",
    "murder": "murder", "hit": "hit", "win": "win", "victory": "win", "loss": "lose", "defeat": "defeat",
    "earthquake": "quake", "tremor": "quake", "fire": "fire", "blaze": "fire", "robbery": "rob",
    "theft": "steal", "rescue": "rescue", "evacuation": "evacuate", "trial": "try", "charge": "charge",
    "departure": "depart", "arrival": "arrive", "launch": "launch", "merger": "merge", "purchase": "buy",
    "deal": "deal", "strike": "strike", "raid": "raid", "bombing": "bomb", "crash": "crash",
}

# Verbs too light to say what happened on their own: "take place", "make an appearance", "go on".
LIGHT_VERBS = frozenset("take make go have do give get put come set be".split())
# Event words that name each report's own act, or nothing by themselves: "reported", "according
# to", "told", "the matter", a bare "took". Measured on the ECB+ dev topics: linking them across
# documents joins mostly different acts ("say" is kept: many reports quote one statement).
UNLINKED = LIGHT_VERBS | frozenset("report accord tell matter".split())


@dataclass(frozen=True)
class EventMention:
    """One event mention to cluster: its id, the story it belongs to, its tokens."""

    id: str
    story: Hashable
    span: "spacy.tokens.Span"  # noqa: F821


@lru_cache(maxsize=1)
def synonym_groups() -> dict[str, str]:
    """word or phrase (lemmas joined by spaces) → the key of its synonym group."""
    out: dict[str, str] = {}
    for row in read_cells("coref-synonyms.tsv"):
        cells = [c.lower() for c in row]
        for cell in cells:
            out.setdefault(cell, cells[0])
    return out


def fold(lemma: str) -> str:
    """A lemma onto its verb and synonym group ("deaths" → "die" → "kill")."""
    groups = synonym_groups()
    if lemma in groups:
        return groups[lemma]
    lemma = NOMINAL_TO_VERB.get(lemma, lemma)
    return groups.get(lemma, lemma)


def relemmatize(token, nlp, *, deverbal: bool = True) -> str:
    """The lemma of a head, as the verb it names where there is one ("shootings" → "shoot").

    spaCy's rule lemmatiser only applies its rules to the POS it was given, so a headline's
    "Fired" (PROPN) keeps its form: we ask the same lemmatiser again with VERB, then NOUN.
    Short all-capital words are acronyms ("DUI") and are only lower-cased.
    """
    word = token.text.lower()
    if token.text.isupper() and len(token.text) <= 4:
        return word
    lemma = token.lemma_.lower()
    if token.text.isupper() or token.pos_ not in ("VERB", "NOUN") and lemma == word:
        lemma = _rule_lemma(word, nlp)
    if deverbal and token.pos_ != "VERB":
        lemma = _verb_of_noun(lemma, nlp)
    return lemma


# Deverbal noun endings and what the verb ends with instead: "nomination" → "nominate",
# "announcement" → "announce", "arrival" → "arrive". Only a verb the lemmatiser knows is taken.
_DEVERBAL = (("ings", ""), ("ing", ""), ("ation", "ate"), ("ation", ""), ("ation", "e"), ("ion", ""),
             ("ion", "e"), ("ment", ""), ("al", "e"), ("al", ""))


@lru_cache(maxsize=4096)
def _verb_of_noun_cached(noun: str, nlp) -> str:
    index = _index(nlp, "verb")
    if not index or noun in index:
        return noun
    for suffix, repl in _DEVERBAL:
        stem = noun[: -len(suffix)]
        if noun.endswith(suffix) and len(stem) >= 3:
            for verb in (stem + repl, stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else None):
                if verb and verb in index:
                    return verb
    return noun


def _verb_of_noun(noun: str, nlp) -> str:
    return _verb_of_noun_cached(noun[:40], nlp)


def _index(nlp, pos: str):
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if lemmatizer is None:
        return ()
    return lemmatizer.lookups.get_table("lemma_index", {}).get(pos, ())


@lru_cache(maxsize=4096)
def _rule_lemma_cached(word: str, nlp) -> str:
    from spacy.tokens import Doc

    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if lemmatizer is None or not word.isalpha():
        return word
    for pos in ("VERB", "NOUN"):
        doc = Doc(nlp.vocab, words=[word], pos=[pos])
        lemmas = lemmatizer.rule_lemmatize(doc[0])
        # only a base form the lemmatiser knows: "lawless" must not become "lawles"
        if lemmas and lemmas[0] != word and lemmas[0] in _index(nlp, pos.lower()):
            return lemmas[0].lower()
    return word


def _rule_lemma(word: str, nlp) -> str:
    return _rule_lemma_cached(word[:40], nlp)


def event_key(span, nlp) -> str:
    """The folded event word of a mention span."""
    tokens = [t for t in span[:MAX_MENTION_TOKENS] if not t.is_punct and not t.is_space]
    if not tokens:
        return span.text.lower()[:40]
    groups = synonym_groups()
    lemmas = [relemmatize(t, nlp) for t in tokens]
    if len(lemmas) > 1:
        phrase = " ".join(lemmas)
        if phrase in groups:
            return groups[phrase]
        content = [(t, l) for t, l in zip(tokens, lemmas) if not t.is_stop and t.pos_ not in ("DET", "ADP", "PART")]
        for t, l in content:  # a phrasal pair anywhere in the mention: "took ... over"
            for t2, l2 in content:
                if t2.i > t.i and f"{l} {l2}" in groups:
                    return groups[f"{l} {l2}"]
    root = span.root if span.root in tokens else tokens[0]
    lemma = relemmatize(root, nlp)
    if lemma in LIGHT_VERBS and len(tokens) > 1:
        rest = [t for t in tokens if t.i != root.i and t.pos_ in ("NOUN", "VERB", "PROPN")]
        if rest:
            lemma = relemmatize(rest[-1], nlp)
    return fold(lemma)


def cluster_event_mentions(mentions: list[EventMention], nlp, *,
                           unlinked: frozenset[str] = UNLINKED) -> list[list[str]]:
    """Clusters of mention ids: one per story and folded event word; ``unlinked`` words stay alone."""
    groups: dict[tuple, list[str]] = defaultdict(list)
    for n, mention in enumerate(mentions):
        key = event_key(mention.span, nlp)
        groups[("unlinked", n) if key in unlinked else (mention.story, key)].append(mention.id)
    return list(groups.values())
