"""Attribution cues (data/attribution-cues.tsv): which verbs and nouns attribute content to a
source, of which class, and what complement they need before they count."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .tables import read_table

CLAIM_CLASSES = frozenset({"speech", "cognition", "evidence"})


@dataclass(frozen=True)
class Cue:
    lemma: str
    cls: str  # speech | cognition | evidence | intent | stance
    needs: str  # clause | object | any | colon
    pos: str  # verb | noun

    @property
    def makes_claim(self) -> bool:
        return self.cls in CLAIM_CLASSES


@lru_cache(maxsize=1)
def cues() -> dict[tuple[str, str], Cue]:
    """(lemma, pos) → Cue."""
    out: dict[tuple[str, str], Cue] = {}
    for row in read_table("attribution-cues.tsv"):
        cue = Cue(row["lemma"], row["class"], row["needs"], row["pos"] or "verb")
        out[(cue.lemma, cue.pos)] = cue
    return out


def find_cue(lemma: str, pos: str = "verb") -> Cue | None:
    return cues().get((lemma.lower(), pos))


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """The one set of plain verbs of reporting ("say", "tell", "report" …): the rows of
    attribution-cues.tsv marked ``reporting``. Events, modality and attribution all read it."""
    return frozenset(row["lemma"] for row in read_table("attribution-cues.tsv") if row.get("reporting") == "yes")
