"""Stages import only earlier stages: never a later one, nor the CLI/API layers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "storyworld"
ORDER = ["types", "errors", "geo", "resources", "ingest", "body", "parse", "extract", "contract", "pipeline", "store",
         "corpus", "eval", "cli", "api", "web", "spark"]
# a package may import any earlier one; these later ones are the layers that must never be imported back
LAYERS = {"cli", "api", "web", "spark"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level >= 1 and node.module is not None:
            parts = path.relative_to(SRC).parts
            base = list(parts[: len(parts) - node.level])
            out.add((base + node.module.split("."))[0])
        elif isinstance(node, ast.ImportFrom) and node.level >= 1 and node.module is None:
            pass
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("storyworld."):
            out.add(node.module.split(".")[1])
    return out


def _package_of(path: Path) -> str:
    first = path.relative_to(SRC).parts[0]
    return first[:-3] if first.endswith(".py") else first


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_architecture_import_direction(path):
    package = _package_of(path)
    if package not in ORDER:
        return
    for imported in _imports(path):
        if imported not in ORDER or imported == package:
            continue
        assert not (imported in LAYERS and package not in LAYERS), f"{path.name}: {package} imports layer {imported}"
        if package in ("ingest", "body", "parse", "extract", "resources", "types", "errors"):
            assert ORDER.index(imported) < ORDER.index(package), f"{path.name}: {package} imports later {imported}"
