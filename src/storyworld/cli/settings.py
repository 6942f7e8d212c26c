"""`storyworld settings`: every setting with its current value, default and help."""

from __future__ import annotations

import click

from .output import console, current_settings


@click.command("settings")
def command():
    """List the settings (override with --config FILE or --setting NAME VALUE before the command)."""
    from rich.table import Table

    from ..settings import SETTINGS

    values = current_settings()
    table = Table("name", "value", "default", "help")
    for s in SETTINGS:
        table.add_row(s.name, str(values[s.name]), str(s.default), s.help)
    console.print(table)
