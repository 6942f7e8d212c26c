"""Attribution cues (data/attribution-cues.tsv): which verbs and nouns attribute content to a
source, of which class, and what complement they need before they count."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

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
    text = resources.files(__package__).joinpath("data/attribution-cues.tsv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    out: dict[tuple[str, str], Cue] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        cue = Cue(row["lemma"], row["class"], row["needs"], row["pos"] or "verb")
        out[(cue.lemma, cue.pos)] = cue
    return out


def find_cue(lemma: str, pos: str = "verb") -> Cue | None:
    return cues().get((lemma.lower(), pos))
