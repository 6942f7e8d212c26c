"""The `storyworld` command: parse options → call the library → print. Nothing else lives here."""

from __future__ import annotations

import sys

import click

from ..errors import StoryworldError
from .output import configure_logging, print_error


class StoryworldGroup(click.Group):
    """Turns a StoryworldError escaping a command into one line on stderr and its exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except StoryworldError as exc:
            print_error(exc)
            sys.exit(exc.exit_code)


@click.group(cls=StoryworldGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="storyworld")
@click.option("-v", "--verbose", is_flag=True, help="Log progress details to stderr.")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False),
              help="A TOML file of settings (see `storyworld settings`).")
@click.option("--setting", "overrides", type=(str, str), multiple=True, metavar="NAME VALUE",
              help="Override one setting; repeatable.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool, config_file: str | None, overrides: tuple[tuple[str, str], ...]) -> None:
    """storyworld: news articles → a sourced, mapped, dated record of events.

    Start with `storyworld ingest FOLDER`, then `storyworld stats`, `storyworld events` and
    `storyworld export`. `storyworld analyze FILE` prints the analysis of one article as JSON.
    """
    from .. import settings

    configure_logging(verbose)
    ctx.obj = {"settings": settings.load(config_file, dict(overrides))}


def _register() -> None:
    from . import (analyze, check, claims, eval as eval_, events, export, incidents, ingest, rules, serve, settings,
                   stats)

    for module in (analyze, ingest, events, incidents, claims, export, stats, check, eval_, rules, settings, serve):
        cli.add_command(module.command)
    cli.add_command(claims.sources_command)


_register()


def main() -> None:
    cli(prog_name="storyworld")
