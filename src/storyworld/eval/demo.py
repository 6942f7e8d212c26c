"""The demo corpus with its gold annotations (format: docs/gold-format.md)."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator


@dataclass(frozen=True)
class DemoArticle:
    file: str
    path: Path
    outlet: str | None
    published: str | None
    url: str | None
    title: str | None
    language: str | None
    duplicate_of: str | None
    gold: dict[str, Any] | None


def is_demo_corpus(path: Path) -> bool:
    return (path / "meta.csv").exists() and (path / "articles").is_dir()


def read_meta(path: Path) -> dict[str, dict[str, str]]:
    """meta.csv rows by file name (plus any meta-*.csv parts, for a corpus being assembled)."""
    rows: dict[str, dict[str, str]] = {}
    for table in sorted(path.glob("meta*.csv")):
        with table.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row.get("file"):
                    rows[row["file"]] = row
    return rows


def load_demo(path: Path) -> Iterator[DemoArticle]:
    """Every article listed in the metadata, in file-name order, with its gold when present."""
    meta = read_meta(path)
    for file in sorted(meta):
        row = meta[file]
        gold_path = path / "gold" / (Path(file).stem + ".json")
        gold = json.loads(gold_path.read_text("utf-8")) if gold_path.exists() else None
        yield DemoArticle(
            file=file,
            path=path / "articles" / file,
            outlet=row.get("outlet") or None,
            published=row.get("published") or None,
            url=row.get("url") or None,
            title=row.get("title") or None,
            language=row.get("language") or None,
            duplicate_of=row.get("duplicate_of") or None,
            gold=gold,
        )


def hints_from_meta(path: Path):
    """A ``hints_for(path)`` function for ``ingest.iter_inputs`` backed by meta.csv."""
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


def analyze_demo(path: Path, *, pipeline=None, english_only: bool = True):
    """Yield (DemoArticle, Analysis) for every demo article, analysed by one Pipeline."""
    from ..ingest.files import read_path
    from ..pipeline import Pipeline

    pipeline = pipeline or Pipeline()
    articles = [a for a in load_demo(path) if not english_only or (a.language or "en") == "en"]
    hints_for = hints_from_meta(path)
    raws = [read_path(a.path, **hints_for(a.path)) for a in articles]
    by_name = {str(a.path): a for a in articles}
    for outcome in pipeline.run(raws):
        if outcome.analysis is not None:
            yield by_name[outcome.name], outcome.analysis
