"""The `storyworld` command: parse options → call the library → print. Nothing else lives here."""

from __future__ import annotations

import logging
import sys

import click

from ..errors import StoryworldError
from .output import err_console


class StoryworldGroup(click.Group):
    """Turns a StoryworldError escaping a command into one line on stderr and its exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except StoryworldError as exc:
            err_console.print(f"error: {exc}", markup=False, highlight=False)
            sys.exit(exc.exit_code)


@click.group(cls=StoryworldGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="storyworld")
@click.option("-v", "--verbose", is_flag=True, help="Log progress details to stderr.")
def cli(verbose: bool) -> None:
    """storyworld: news articles → a sourced, mapped, dated record of events.

    Start with `storyworld ingest FOLDER`, then `storyworld stats`, `storyworld events` and
    `storyworld export`. `storyworld analyze FILE` prints the analysis of one article as JSON.
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")


def _register() -> None:
    from . import analyze, eval as eval_, events, export, ingest, stats

    for module in (analyze, ingest, events, export, stats, eval_):
        cli.add_command(module.command)


_register()


def main() -> None:
    cli(prog_name="storyworld")
