"""Documentation is checked like code."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_docs_cli_reference_is_current():
    spec = importlib.util.spec_from_file_location("cli_docs", REPO / "tools" / "cli_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (REPO / "docs" / "cli.md").read_text("utf-8") == module.render(), \
        "docs/cli.md is stale: run .venv/bin/python tools/cli_docs.py"


def test_docs_readme_gives_the_two_commands_and_ci_runs_them():
    readme = (REPO / "README.md").read_text("utf-8")
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    for command in ("make demo", "make test"):
        assert command in readme and command in ci


def test_docs_every_stage_is_documented():
    from storyworld.registry import all_stages

    text = (REPO / "docs" / "stages.md").read_text("utf-8")
    for name in all_stages():
        assert f"`{name}`" in text, f"{name} is not in docs/stages.md"


def test_docs_architecture_names_every_module_of_the_extraction_packages_and_a_real_rule():
    import re

    from storyworld.eval.rules import registered

    text = (REPO / "docs" / "architecture.md").read_text("utf-8")
    src = REPO / "src" / "storyworld"
    for package in ("events", "places", "attribution", "times"):
        assert f"`extract/{package}/`" in text
        listed = re.search(rf"`extract/{package}/` \(([^)]*)\)", text)
        assert listed, f"docs/architecture.md does not list the modules of extract/{package}/"
        modules = {p.stem for p in (src / "extract" / package).glob("*.py")} - {"__init__"}
        assert set(re.findall(r"[a-z_]+", listed.group(1))) == modules, f"extract/{package}/ modules differ"
    example = re.search(r'@rule\("([a-z-]+)", "([a-z-]+)"', text)
    assert example and f"{example.group(1)}/{example.group(2)}" in {r.key for r in registered()}


def test_docs_readme_layout_names_every_top_level_module_and_package():
    readme = (REPO / "README.md").read_text("utf-8")
    layout = readme[readme.index("## Layout"):]
    src = REPO / "src" / "storyworld"
    names = {p.name for p in src.glob("*.py") if p.stem not in ("__init__", "__main__")}
    names |= {f"{p.name}/" for p in src.iterdir() if (p / "__init__.py").exists()}
    missing = sorted(n for n in names if n not in layout)
    assert not missing, f"README's Layout leaves out {missing}"
