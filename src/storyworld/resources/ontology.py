"""PLOVER types and the trigger lexicon with its CAMEO and ACLED crosswalks (data/event-lexicon.tsv), and the
ACLED sub-event rules (data/acled-subevents.tsv, data/acled-parties.tsv)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..rules import IDENTITY, rule
from ..types import PLOVER_TYPES
from .tables import read_table


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str
    type: str
    mode: str | None
    cameo: str | None
    acled: str | None
    requires: tuple[str, ...]

    def fits(self, sentence: str) -> bool:
        """One of the required words occurs as a word (with an inflection: "shells", "detained"),
        not inside another ("attackers" is no "attack")."""
        return not self.requires or _requires_pattern(self.requires).search(without_march_dates(sentence)) is not None


MARCH_DATE = re.compile(r"\b(?:\d{1,2}(?:-\d{1,2})?\s+March|March\s+\d{1,2}(?:st|nd|rd|th)?\b|March\s+\d{4})")


@rule("events", "march-date", source="acled-dev round 4", off=IDENTITY, examples=[
    ("The unions held a meeting with the minister on 14 March.", {"not": {"type": "PROTEST"}}),
])
@lru_cache(maxsize=1024)
def without_march_dates(sentence: str) -> str:
    """The sentence without dates in March: "On 14 March 2019, police broke up …" tells no march (for the
    lexicon's context words and the ACLED rules' cues)."""
    return MARCH_DATE.sub(" ", sentence) if "March" in sentence else sentence


@lru_cache(maxsize=512)
def _requires_pattern(words: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})(?:s|es|ed|d|ing|ees|ee)?\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def lexicon() -> dict[tuple[str, str], tuple[Trigger, ...]]:
    out: dict[tuple[str, str], list[Trigger]] = {}
    for row in read_table("event-lexicon.tsv"):
        if row["type"] not in PLOVER_TYPES:
            raise ValueError(f"event-lexicon.tsv: {row['lemma']} has unknown type {row['type']}")
        trigger = Trigger(row["lemma"], row["pos"], row["type"], row["mode"] or None, row["cameo"] or None,
                          row["acled"] or None, tuple(w for w in (row.get("requires") or "").split("|") if w))
        out.setdefault((trigger.lemma, trigger.pos), []).append(trigger)
    return {k: tuple(v) for k, v in out.items()}


def lookup(lemma: str, pos: str, sentence: str) -> Trigger | None:
    """The first lexicon entry for (lemma, pos) whose requirements the sentence meets."""
    return next(lookup_all(lemma, pos, sentence), None)


def lookup_all(lemma: str, pos: str, sentence: str):
    """Every lexicon entry for (lemma, pos) whose requirements the sentence meets, in the table's order
    (for a caller that can rule an entry out by the trigger's frame)."""
    for trigger in lexicon().get((lemma.lower(), pos), ()):
        if trigger.fits(sentence):
            yield trigger


# --- ACLED sub-event types (data/acled-subevents.tsv, data/acled-parties.tsv)

_INFLECTED = r"(?:s|es|ed|d|ing|er|ers|ies)?"
_PLURAL = r"(?:s|es)?"


@lru_cache(maxsize=1024)
def _words(words: tuple[str, ...], inflected: str = _INFLECTED) -> re.Pattern:
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]?")
                            for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives}){inflected}(?![\w-])", re.IGNORECASE)


def _split(field: str | None) -> tuple[str, ...]:
    return tuple(w.strip() for w in (field or "").split("|") if w.strip())


@dataclass(frozen=True)
class AcledRule:
    acled: str | None
    types: frozenset[str]
    triggers: frozenset[str]
    cues: tuple[tuple[str, ...], ...]  # every group must have one of its words in the sentence ('!…': none)
    mask: tuple[str, ...]
    actor: tuple[str, ...]  # party classes the actor must be in ("!x": must not be in x)
    target: tuple[str, ...]


@lru_cache(maxsize=1)
def acled_rules() -> tuple[AcledRule, ...]:
    rules = []
    classes = set(acled_parties())
    for row in read_table("acled-subevents.tsv"):
        types = frozenset(_split(row["types"]))
        if not types <= set(PLOVER_TYPES):
            unknown_types = sorted(types - set(PLOVER_TYPES))
            raise ValueError(f"acled-subevents.tsv: {row['acled']} has unknown types {unknown_types}")
        actor = tuple(c.strip() for c in (row["actor"] or "").split("&") if c.strip())
        target = tuple(c.strip() for c in (row["target"] or "").split("&") if c.strip())
        unknown = {c.lstrip("!") for c in actor + target} - classes
        if unknown:
            raise ValueError(f"acled-subevents.tsv: {row['acled']} names unknown party classes {sorted(unknown)}")
        rules.append(AcledRule(row["acled"] or None, types, frozenset(_split(row["triggers"])),
                               tuple(_split(g) for g in (row["cues"] or "").split(" & ") if _split(g)),
                               _split(row["mask"]), actor, target))
    return tuple(rules)


@lru_cache(maxsize=1)
def _non_political_rules() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    return tuple((row["kind"], _split(row["cues"]), _split(row["unless"])) for row in read_table("non-political.tsv"))


@lru_cache(maxsize=1024)  # asked of the same sentence for each of its events, and of the sentence before
def non_political(sentence: str) -> str | None:
    """What a sentence tells if it is nobody's political act: "natural disaster", "accident" or
    "organised crime" (non-political.tsv), else None."""
    for kind, cues, unless in _non_political_rules():
        if _words(cues).search(sentence) and not (unless and _words(unless).search(sentence)):
            return kind
    return None


@lru_cache(maxsize=1024)
def names_attack(sentence: str) -> bool:
    """Whether a sentence names an attack, an attacker or a weapon (the `unless` words of the hazard
    kinds of non-political.tsv): harm told there is somebody's act, whatever disaster the story tells."""
    words = tuple(w for kind, _, unless in _non_political_rules() if kind in ("natural disaster", "accident")
                  for w in unless)
    return bool(words) and _words(words).search(sentence) is not None


@lru_cache(maxsize=1)
def acled_parties() -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    return {row["class"]: (frozenset(_split(row["roles"])), _split(row["words"]))
            for row in read_table("acled-parties.tsv")}


def party_classes(text: str | None, role: str | None) -> frozenset[str]:
    """The party classes of an event argument (its text and resolved role)."""
    if not text and not role:
        return frozenset()
    return frozenset(name for name, (roles, words) in acled_parties().items()
                     if role in roles or text and words and _party_words(name, words).search(text))


def _party_words(name: str, words: tuple[str, ...]) -> re.Pattern:
    """A hazard is a noun ("a fire", "floods"): "a fired accountant" names none."""
    return _words(words, _PLURAL) if name == "hazard" else _words(words)


def _parties_fit(wanted: tuple[str, ...], have: frozenset[str]) -> bool:
    return all((c[1:] not in have) if c.startswith("!") else (c in have) for c in wanted)


def acled_subevent(type_: str, lemma: str, sentence: str, actor: frozenset[str], target: frozenset[str],
                   default: str | None) -> str | None:
    """The ACLED sub-event type of an event: the first rule of acled-subevents.tsv that fits its PLOVER
    type, trigger lemma, sentence words and the party classes of its actor and target, else ``default``
    (the trigger's own crosswalk)."""
    sentence = without_march_dates(sentence)
    masked: dict[tuple[str, ...], str] = {}
    for rule in acled_rules():
        if type_ not in rule.types or rule.triggers and lemma not in rule.triggers:
            continue
        if not (_parties_fit(rule.actor, actor) and _parties_fit(rule.target, target)):
            continue
        if rule.cues:
            text = masked.get(rule.mask)
            if text is None:
                text = _words(rule.mask).sub(" ", sentence) if rule.mask else sentence
                masked[rule.mask] = text
            if not all(bool(_words(tuple(w.lstrip("!") for w in group)).search(text)) != group[0].startswith("!")
                       for group in rule.cues):
                continue
        return rule.acled
    return default


# --- field conventions for the exports: ACLED event types, GDELT's CAMEO root, QuadClass and Goldstein

# GDELT's QuadClass of a CAMEO root code: 1 verbal cooperation (01–05), 2 material cooperation (06–08),
# 3 verbal conflict (09–13), 4 material conflict (14–20)
_QUAD_CLASS_BOUNDS = ((5, 1), (8, 2), (13, 3), (20, 4))


def cameo_root(code: str | None) -> str | None:
    """The two-digit CAMEO root of a code ("043" → "04", "1823" → "18", "10" → "10"), else None."""
    if not code or not code.isdigit() or len(code) < 2:
        return None
    root = code[:2]
    return root if 1 <= int(root) <= 20 else None


def quad_class(code: str | None) -> int | None:
    """GDELT's QuadClass (1–4) of a CAMEO code, from its root; None without a code."""
    root = cameo_root(code)
    if root is None:
        return None
    return next(quad for last, quad in _QUAD_CLASS_BOUNDS if int(root) <= last)


@lru_cache(maxsize=1)
def _goldstein() -> dict[str, float]:
    return {row["code"]: float(row["goldstein"]) for row in read_table("cameo-goldstein.tsv")}


def goldstein(code: str | None) -> float | None:
    """The Goldstein score GDELT gives a CAMEO code (data/cameo-goldstein.tsv); a code the table lacks
    takes its nearest listed parent ("1824" → "182"); None without a code."""
    table = _goldstein()
    while code:
        if code in table:
            return table[code]
        code = code[:-1] if len(code) > 2 else None
    return None


@lru_cache(maxsize=1)
def _acled_types() -> dict[str, tuple[str, str]]:
    return {row["sub_event_type"]: (row["event_type"], row["disorder_type"])
            for row in read_table("acled-event-types.tsv")}


def acled_event_type(sub_event_type: str | None) -> str | None:
    """ACLED's event type of a sub-event type ("Air/drone strike" → "Explosions/Remote violence")."""
    return _acled_types().get(sub_event_type or "", (None, None))[0]


def acled_disorder_type(sub_event_type: str | None) -> str | None:
    """ACLED's disorder type of a sub-event type ("Peaceful protest" → "Demonstrations")."""
    return _acled_types().get(sub_event_type or "", (None, None))[1]
