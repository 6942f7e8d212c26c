"""The data tables in ``resources/data``: tab-separated, a header row, lines starting with "#" are
comments (licence and column notes)."""

from __future__ import annotations

import csv
from importlib import resources


def read_table(name: str) -> list[dict[str, str]]:
    """The rows of ``data/<name>`` as dicts keyed by the header."""
    text = resources.files(__package__).joinpath(f"data/{name}").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))
