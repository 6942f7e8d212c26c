"""`storyworld settings`: every setting with its current value, default and help."""

from __future__ import annotations

import json
import sys

import click

from .output import console, current_settings


@click.command("settings", epilog="""\b
Examples:
  storyworld settings
  storyworld --setting batch_size 16 ingest articles/
  storyworld --config my.toml settings --format json""")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def command(fmt):
    """List the settings (override with --config FILE or --setting NAME VALUE before the command)."""
    from rich.table import Table

    from ..settings import SETTINGS

    values = current_settings()
    if fmt == "json":
        rows = [{"name": s.name, "value": values[s.name], "default": s.default, "help": s.help} for s in SETTINGS]
        sys.stdout.write(json.dumps({"settings": rows}, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    table = Table("name", "value", "default", "help")
    for s in SETTINGS:
        table.add_row(s.name, str(values[s.name]), str(s.default), s.help)
    console.print(table)
