"""Write docs/cli.md from the commands' --help (tests/test_docs.py checks that it is current).

    .venv/bin/python tools/cli_docs.py          # rewrite docs/cli.md
"""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

from storyworld.cli import cli

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def render() -> str:
    runner = CliRunner()
    parts = ["# Command-line reference", "", "Generated from `--help` by `tools/cli_docs.py`; do not edit by hand.", ""]
    for args in [[]] + [[name] for name in sorted(cli.commands)]:
        result = runner.invoke(cli, [*args, "--help"], prog_name="storyworld", env={"COLUMNS": "100"})
        title = "storyworld " + " ".join(args) if args else "storyworld"
        parts += [f"## `{title}`", "", "```", result.output.rstrip(), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    DOC.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {DOC}\n")
