"""The demo corpus with its gold annotations (format: docs/gold-format.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from ..ingest.meta import hints_from_meta, read_meta


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
