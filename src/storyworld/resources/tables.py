"""The one loader for ``resources/data``: nothing else in storyworld opens a data file.

Two kinds of file live there:

- **tables** (``*.tsv``): tab-separated, a header row, lines starting with "#" are comments (licence
  and column notes). ``read_table("event-lexicon.tsv")`` gives the rows as dicts (``read_cells`` the cells of a
  table without a header).
- **learned weights** (``*.json``): a model built by a script in ``tools/`` from registry or shared
  data (``read_json``).
- **word lists and settings** (``words/<stage>.toml``): one TOML table per list, each with an
  ``about`` that says what the list is for and what decides membership, then ``words`` (a list),
  ``map`` (word → word) or named numbers (a scoring table). ``words("events.light_verbs")`` names
  the file and the table.

A test checks that every list has its ``about`` and is read by some module, and that no module
outside ``resources`` opens the data folder.
"""

from __future__ import annotations

import csv
import tomllib
from functools import lru_cache
from importlib import resources


def _data_text(name: str) -> str:
    return resources.files(__package__).joinpath(f"data/{name}").read_text("utf-8")


def read_table(name: str) -> list[dict[str, str]]:
    """The rows of ``data/<name>`` as dicts keyed by the header."""
    lines = [line for line in _data_text(name).splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def read_json(name: str) -> dict:
    """``data/<name>`` parsed as JSON (a learned model's weights, e.g. ``boilerplate-model.json``)."""
    import json

    return json.loads(_data_text(name))


def read_cells(name: str) -> list[list[str]]:
    """The non-empty tab-separated cells of each line of ``data/<name>``, for a table without a header
    whose lines differ in length (``coref-synonyms.tsv``: one synonym group per line)."""
    return [[c.strip() for c in line.split("\t") if c.strip()]
            for line in _data_text(name).splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def word_file(stage: str) -> dict:
    """The parsed ``data/words/<stage>.toml``."""
    return tomllib.loads(_data_text(f"words/{stage}.toml"))


def _entry(key: str) -> dict:
    stage, _, name = key.partition(".")
    try:
        return word_file(stage)[name]
    except (KeyError, FileNotFoundError):
        raise KeyError(f"no word list {key!r} (data/words/{stage}.toml, table [{name}])") from None


@lru_cache(maxsize=None)
def words(key: str) -> tuple[str, ...]:
    """The list ``stage.name`` in file order (for regexes and ordered tests)."""
    return tuple(_entry(key)["words"])


@lru_cache(maxsize=None)
def word_set(key: str) -> frozenset[str]:
    """The list ``stage.name`` as a set (for membership tests)."""
    return frozenset(words(key))


@lru_cache(maxsize=None)
def word_map(key: str) -> dict[str, str]:
    """The table ``stage.name``'s ``map`` (word → word: lemma repairs, spellings)."""
    return dict(_entry(key)["map"])


@lru_cache(maxsize=None)
def numbers(key: str) -> dict[str, float]:
    """The named numbers of table ``stage.name`` (a scoring table: weight name → value)."""
    return {k: v for k, v in _entry(key).items() if k != "about" and isinstance(v, (int, float))}
