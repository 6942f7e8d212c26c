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
