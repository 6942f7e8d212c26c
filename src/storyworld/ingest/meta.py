"""Metadata tables for a folder of articles: ``meta*.csv`` with file,outlet,published,url,title."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, Callable

from ..errors import Errors, InputError, printable


def read_meta(path: Path) -> dict[str, dict[str, str]]:
    """Rows by file name from every meta*.csv in ``path`` (a corpus may be assembled from parts)."""
    rows: dict[str, dict[str, str]] = {}
    for table in sorted(Path(path).glob("meta*.csv")):
        try:
            with table.open(newline="", encoding="utf-8") as fh:
                for row in csv.DictReader(fh):
                    if row.get("file"):
                        rows[row["file"]] = row
        except (OSError, UnicodeDecodeError, csv.Error) as exc:  # the batch's hints: say so before it starts
            name = printable(str(table))
            raise InputError(Errors.E007.format(name=name, detail=printable(str(exc))[:200]), source=name) from None
    return rows


def hints_from_meta(path: Path) -> Callable[[Path], dict[str, Any]]:
    """A ``hints_for(file)`` function for ``iter_inputs``, backed by the folder's metadata tables."""
    meta = read_meta(path)

    def hints_for(file: Path) -> dict[str, Any]:
        row = meta.get(Path(file).name)
        if not row:
            return {}
        hints = {k: row.get(k) or None for k in ("url", "outlet", "title", "published")}
        if hints["published"]:
            hints["published_source"] = "metadata"
        return hints

    return hints_for
