"""A country as a user names it on the command line or in a query → its ISO3 code.

"Syria", "syria", "SY", "SYR", "Ivory Coast", "UK" and "DRC" all name a country; ``country_code``
gives its ISO 3166 alpha-3 code (the code the store keeps), through ``countrynames`` (names in
many spellings and languages, ISO2 and ISO3 codes) and ``pycountry``. For a name it does not
know, ``close_countries`` offers the nearest English names with their codes, for a one-line
error that says what was meant; ``country_name`` goes back from a code to the short English name.
"""

from __future__ import annotations

import difflib
from functools import lru_cache

from .tables import read_table


def country_code(text: str) -> str | None:
    """The ISO3 code of the country ``text`` names (a code or a name, any case), else None."""
    import countrynames

    text = text.strip()
    if not text:
        return None
    code = countrynames.to_code_3(text)
    return code.upper() if code else None


@lru_cache(maxsize=1)
def _names() -> dict[str, tuple[str, str]]:
    """Lower-cased English names (short, common and official) → (display name, ISO3)."""
    import pycountry

    names: dict[str, tuple[str, str]] = {}
    for country in pycountry.countries:
        shown = getattr(country, "common_name", None) or country.name
        for name in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)):
            if name:
                names.setdefault(name.lower(), (shown, country.alpha_3))
    return names


def close_countries(text: str, *, n: int = 3) -> list[tuple[str, str]]:
    """Up to ``n`` (name, ISO3) pairs whose English names are closest to ``text``, best first."""
    names = _names()
    found: list[tuple[str, str]] = []
    for match in difflib.get_close_matches(text.strip().lower(), list(names), n=n * 3, cutoff=0.6):
        if names[match] not in found:
            found.append(names[match])
    return found[:n]


@lru_cache(maxsize=1)
def _short_names() -> dict[str, str]:
    return {row["iso3"]: row["name"] for row in read_table("country-points.tsv")}


@lru_cache(maxsize=512)
def country_name(iso3: str | None) -> str | None:
    """The English short name of a country ("SYR" → "Syria"), else None: the way back from ISO3."""
    if not iso3:
        return None
    name = _short_names().get(iso3)
    if name is None:
        import pycountry

        record = pycountry.countries.get(alpha_3=iso3)
        name = record and (getattr(record, "common_name", None) or record.name)
    return name
