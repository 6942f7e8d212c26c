"""Explicit transactions on an autocommit connection (isolation_level=None).

Writers serialize on SQLite's write lock: ``BEGIN IMMEDIATE`` takes it at the start, so two
processes never interleave their writes and a check made inside the transaction ("is this
document stored?") still holds when the transaction writes. A writer that finds the lock taken
waits (the connection's busy timeout), says once that it is waiting, and gives up with E104 only
after ``lock_timeout`` seconds. Inside a transaction, a nested one is a savepoint: it rolls back
alone, and the outer one decides what commits.
"""

from __future__ import annotations

import itertools
import sqlite3
import time
from contextlib import contextmanager
from typing import Callable, Iterator

from ..errors import Errors, StoreError, Warnings

LOCK_TIMEOUT_S = 600.0  # how long a writer waits for another one before it gives up (E104)
_savepoints = itertools.count(1)


def is_locked(exc: sqlite3.OperationalError) -> bool:
    """SQLite's answer when another connection holds the lock past the busy timeout."""
    return "locked" in str(exc) or "busy" in str(exc)


def begin_immediate(conn: sqlite3.Connection, *, path: str = "", lock_timeout: float = LOCK_TIMEOUT_S,
                    on_wait: Callable[[str], None] | None = None) -> None:
    """BEGIN IMMEDIATE, waiting for another writer as long as ``lock_timeout``; ``on_wait`` hears
    once (W003) when the first busy timeout has passed."""
    started = time.monotonic()
    told = False
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not is_locked(exc):
                raise
            waited = time.monotonic() - started
            if waited >= lock_timeout:
                raise StoreError(Errors.E104.format(path=path, seconds=round(waited))) from exc
            if not told and on_wait is not None:
                on_wait(Warnings.W003.format(path=path))
                told = True


@contextmanager
def transaction(conn: sqlite3.Connection, *, path: str = "", lock_timeout: float = LOCK_TIMEOUT_S,
                on_wait: Callable[[str], None] | None = None) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any error: all of it lands or none of it.

    Inside an open transaction it is a savepoint instead, so ``Store.save`` can stand alone or
    be one part of the unit that ``service.ingest`` commits (a document with its incidents)."""
    if conn.in_transaction:
        name = f"sw_{next(_savepoints)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:  # SQLite may have rolled the whole transaction back already
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
            raise
        conn.execute(f"RELEASE {name}")
        return
    begin_immediate(conn, path=path, lock_timeout=lock_timeout, on_wait=on_wait)
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
