"""`storyworld rules [STAGE]`: what the system believes, rule by rule, with the examples behind each."""

from __future__ import annotations

import json
import sys

import click

from ..rules import STAGES
from .output import console


@click.command("rules")
@click.argument("stage", required=False, type=click.Choice(STAGES))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def command(stage, fmt):
    """List the extraction rules of STAGE (or all): id, what the rule decides, its examples and source.

    \b
    Examples:
      storyworld rules events
      storyworld rules places --format json
      storyworld eval rules          # run every rule's examples
    """
    from ..eval.rules import registered

    found = registered(stage)
    if fmt == "json":
        sys.stdout.write(json.dumps({"rules": [r.to_dict() for r in found]}, indent=2, ensure_ascii=False) + "\n")
        return
    from rich.table import Table

    table = Table("rule", "decides", "examples", "source", title=f"{len(found)} rule(s)", show_lines=True)
    for r in found:
        examples = "\n".join(f"{e.text[:70]!r} → {json.dumps(e.expected, ensure_ascii=False)}" for e in r.examples)
        table.add_row(r.key, r.doc, examples, r.source)
    console.print(table)
