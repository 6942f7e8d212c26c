"""A stand-in for ``service.workers``' worker functions, with no spaCy model: an article named
``*die*`` kills its worker process (as an out-of-memory kill or a segfault would); the others come
back as analysed in no time. Imported by name in the worker processes (tests/service on sys.path)."""

from __future__ import annotations

import os

from storyworld.pipeline import Outcome
from storyworld.service.workers import NOT_RUN


def start(settings, store_path=None) -> None:
    pass


def analyse(raws, known, fixed=None):
    if any("die" in raw.name for raw in raws):
        os._exit(9)
    return [(Outcome(name=raw.name), NOT_RUN, False) for raw in raws], {"parse": 0.0}
