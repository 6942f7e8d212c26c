"""Look names up in the built gazetteer: candidates for a name, a place by id, a division by code."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from .build import build_gazetteer
from .names import ALTERNATE, MIN_SKELETON, Entry, fold, gazetteer_path, skeleton

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
