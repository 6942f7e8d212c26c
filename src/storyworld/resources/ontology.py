"""PLOVER types and the trigger lexicon with its CAMEO and ACLED crosswalks (data/event-lexicon.tsv)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..types import PLOVER_TYPES


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
        return not self.requires or _requires_pattern(self.requires).search(sentence) is not None


@lru_cache(maxsize=512)
def _requires_pattern(words: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})(?:s|es|ed|d|ing|ees|ee)?\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def lexicon() -> dict[tuple[str, str], tuple[Trigger, ...]]:
    text = resources.files(__package__).joinpath("data/event-lexicon.tsv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    out: dict[tuple[str, str], list[Trigger]] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        if row["type"] not in PLOVER_TYPES:
            raise ValueError(f"event-lexicon.tsv: {row['lemma']} has unknown type {row['type']}")
        trigger = Trigger(row["lemma"], row["pos"], row["type"], row["mode"] or None, row["cameo"] or None,
                          row["acled"] or None, tuple(w for w in (row.get("requires") or "").split("|") if w))
        out.setdefault((trigger.lemma, trigger.pos), []).append(trigger)
    return {k: tuple(v) for k, v in out.items()}


def lookup(lemma: str, pos: str, sentence: str) -> Trigger | None:
    """The first lexicon entry for (lemma, pos) whose requirements the sentence meets."""
    for trigger in lexicon().get((lemma.lower(), pos), ()):
        if trigger.fits(sentence):
            return trigger
    return None
