"""Gazetteer rows and keys: the Entry a lookup returns, how a name is folded into a key, and the
transliteration skeleton that finds "Deir Ezzor" under "Deir ez-Zor"."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

BUILDER_VERSION = 13
MIN_POPULATION = 500

NAME, ALTERNATE, ALIAS = 0, 1, 2  # how a key names a place, best first

ADMIN1_ID, REGION_ID, SITE_ID = 1_000_000_000, 1_100_000_000, 1_200_000_000  # ids for rows GeoNames ids lack


@dataclass(frozen=True)
class Entry:
    geonameid: int
    name: str
    lat: float
    lon: float
    country: str | None  # ISO3
    population: int
    feature: str  # "city" | "admin1" | "admin2" | "country" | "continent" | "region" | "water" | "site"
    admin1: str | None = None  # "US.KY": the first-order division a city, county or division is (in)
    match: int = NAME  # NAME | ALTERNATE | ALIAS: how the looked-up name named it

    @property
    def synthetic(self) -> bool:
        """True when the id is ours, not a GeoNames id."""
        return self.geonameid >= ADMIN1_ID


def fold(text: str) -> str:
    from unidecode import unidecode

    return " ".join(unidecode(text).replace("’", "'").casefold().replace("-", " ").split())


# Countries whose place names reach English news as transliterations (Arabic, Persian, Pashto, Urdu,
# Hebrew script), spelt in many ways: "Deir Ezzor" / "Deir ez-Zor", "Khan Touman" / "Khan Tuman".
TRANSLITERATED = frozenset(
    "DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SOM SDN SSD SYR TUN ARE YEM ESH TCD "
    "IRN AFG PAK ISR".split())
_ARTICLES = frozenset("al el ar as ad an at az ash ath adh ed es ez ul".split())  # "Al-Raqqa", "Ar Raqqah"
_VOWELS = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("aw", "au"), ("ay", "ai"), ("ei", "ai"))
MIN_SKELETON = 4  # shorter skeletons collide too often to be asked


def skeleton(key: str) -> str:
    """A folded name reduced to what its transliterations share: no leading article, spaces,
    hyphens or apostrophes, one spelling of common vowel pairs, no doubled letters, no final "h"
    after a vowel. "Deir Ezzor", "Deir ez-Zor" → "dairezor"; "Al-Raqqa", "Ar Raqqah" → "raqa";
    "Khan Touman", "Khan Tuman" → "khantuman"; "Hodeidah", "Hodeida" → "hodaida". Only places of
    ``TRANSLITERATED`` countries are indexed by it, and only a name unknown as written asks it."""
    words = [w for w in re.split(r"[\s'’‘`-]+", key) if w]
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    out = re.sub(r"[^a-z0-9]", "", "".join(words))
    for pair, single in _VOWELS:
        out = out.replace(pair, single)
    out = re.sub(r"(.)\1+", r"\1", out)
    if len(out) > MIN_SKELETON and out[-1] == "h" and out[-2] in "aeiou":
        out = out[:-1]
    return out


def cache_dir() -> Path:
    return Path(os.environ.get("STORYWORLD_CACHE") or Path.home() / ".cache" / "storyworld")


def gazetteer_path() -> Path:
    return cache_dir() / f"gazetteer-v{BUILDER_VERSION}.sqlite"
