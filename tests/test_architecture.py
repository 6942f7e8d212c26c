"""The import order of the whole package, checked on every import: at module level or inside a
function, relative (``from ..x import y``, ``from .. import x``) or absolute (``storyworld.x``).

Each top-level module or package may import only those before it in ``ORDER`` (and itself). The
order is the data flow: the shared vocabulary first, then the stages in the order a text meets
them, then what works across documents, the service layer, and the layers that call it. No two
modules import each other, even inside one package; SQL is executed only in ``store/`` and
``nlp.pipe`` is called only in ``parse/``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "storyworld"
ROOT = "storyworld"  # the package's __init__: the public surface, which imports the service and below

ORDER = [
    "types",  # the dataclasses that cross stage boundaries
    "errors",  # the error catalogue and classes
    "settings",  # the settings table: every default, written once
    "geo",  # great-circle distance
    "rules",  # the registry of extraction rules with their examples
    "registry",  # the registry of stage specs (the built-ins register from extract.stages)
    "resources",  # read-only knowledge: ontology, gazetteer, actors, word lists
    "ingest",  # STAGE 1  paths, feeds, WARC, JSONL, URLs → RawInput
    "body",  # STAGE 2  RawInput → Document
    "parse",  # STAGE 3  Document → ParsedDocument; the only caller of nlp.pipe
    "extract",  # STAGE 4  ParsedDocument → actors, places, times, claims, events
    "contract",  # storyworld.analysis/1: JSON out and in
    "pipeline",  # stages in a checked order over batches of documents
    "store",  # STAGE 5  one SQLite file; every SQL statement lives here
    "corpus",  # STAGE 6  across documents: near-duplicates, incidents, origins
    "service",  # analyze, ingest, list: what the layers above call
    "spark",  # the Spark job (not written yet): partitions through the service
    "eval",  # scorers against gold data
    "web",  # static pages
    "api",  # FastAPI over the service
    "cli",  # the click commands
    ROOT,
    "__main__",
]
NOT_YET_WRITTEN = {"spark"}
SQL_OUTSIDE_STORE = {"resources/gazetteer/build.py", "resources/gazetteer/lookup.py"}  # its own compiled file, not the store
SQL_CALLS = {"execute", "executemany", "executescript"}


def _exists(parts: list[str]) -> bool:
    return SRC.joinpath(*parts).with_suffix(".py").exists() or (SRC.joinpath(*parts) / "__init__.py").exists()


def imported_modules(path: Path) -> set[str]:
    """Every storyworld module that ``path`` imports, wherever in the file and in whatever form,
    dotted below the package ("" for the package itself): ``from ..store import Store`` → "store",
    ``from .. import settings`` → "settings", ``from .. import analyze_text`` → "" (a name, not a
    module), ``import storyworld.ingest.fetch`` → "ingest.fetch"."""
    rel = path.relative_to(SRC)
    package = list(rel.parts[:-1])  # the package the file is in (an __init__.py is in its own package)
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out |= {".".join(a.name.split(".")[1:]) for a in node.names if a.name.split(".")[0] == ROOT}
            continue
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            assert node.level - 1 <= len(package), f"{rel}: relative import beyond the package"
            module = package[: len(package) - (node.level - 1)] + (node.module.split(".") if node.module else [])
        elif node.module and node.module.split(".")[0] == ROOT:
            module = node.module.split(".")[1:]
        else:
            continue  # a third-party or standard module
        for alias in node.names:  # each name is a submodule, or a name defined in the module
            out.add(".".join(module + [alias.name]) if _exists(module + [alias.name]) else ".".join(module))
    return out


def unit_of(module: str) -> str:
    """The top-level module or package a dotted module belongs to."""
    return module.split(".")[0] if module else ROOT


def module_of_file(path: Path) -> str:
    rel = path.relative_to(SRC).with_suffix("")
    return ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)


FILES = sorted(SRC.rglob("*.py"))


def test_architecture_every_module_has_a_place_in_the_order():
    units = {unit_of(module_of_file(p)) for p in FILES}
    assert units - set(ORDER) == set(), "add the new module to ORDER, after everything it imports"
    assert set(ORDER) - units == NOT_YET_WRITTEN


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_architecture_imports_only_earlier_modules(path):
    own = unit_of(module_of_file(path))
    imported = {unit_of(m) for m in imported_modules(path)} - {own}
    assert imported <= set(ORDER), f"{path.relative_to(SRC)} imports {imported - set(ORDER)}, not in ORDER"
    later = sorted((u for u in imported if ORDER.index(u) > ORDER.index(own)), key=ORDER.index)
    assert not later, f"{path.relative_to(SRC)} ({own}) imports {', '.join(later)}: later than {own} in ORDER"


def test_architecture_has_no_import_cycles():
    """No circle between modules either (as files.py ↔ the ingest readers, registry ↔ extract.stages were)."""
    graph = {module_of_file(p): imported_modules(p) - {module_of_file(p)} for p in FILES}
    done: set[str] = set()
    cycles: list[str] = []

    def visit(module: str, trail: list[str]) -> None:
        if module in trail:
            cycles.append(" → ".join(trail[trail.index(module):] + [module]))
            return
        if module in done or module not in graph:
            return
        for other in sorted(graph[module]):
            visit(other, trail + [module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
    assert not cycles, "import cycles: " + "; ".join(cycles)


def _calls(path: Path, names: set[str]) -> list[int]:
    tree = ast.parse(path.read_text("utf-8"))
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in names]


@pytest.mark.parametrize("path", [p for p in FILES if p.relative_to(SRC).parts[0] != "store"
                                  and str(p.relative_to(SRC)) not in SQL_OUTSIDE_STORE],
                         ids=lambda p: str(p.relative_to(SRC)))
def test_architecture_sql_lives_in_the_store(path):
    """No module outside store/ executes SQL or reaches for the store's connection."""
    tree = ast.parse(path.read_text("utf-8"))
    lines = _calls(path, SQL_CALLS)
    lines += [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "conn"]
    lines += [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Import) and "sqlite3" in {a.name for a in n.names}]
    lines += [n.lineno for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module == "sqlite3"]
    assert not lines, f"{path.relative_to(SRC)}: SQL at lines {sorted(set(lines))}: name the statement in store/"


@pytest.mark.parametrize("path", [p for p in FILES if p.relative_to(SRC).parts[0] != "parse"],
                         ids=lambda p: str(p.relative_to(SRC)))
def test_architecture_only_parse_calls_nlp_pipe(path):
    """``parse.parse_documents`` is the one caller of ``nlp.pipe``: the model and batching in one place."""
    assert not _calls(path, {"pipe"}), f"{path.relative_to(SRC)}: nlp.pipe — call parse.parse_documents"
