"""The `storyworld` command: parse options → call the library → print. Nothing else lives here."""

from __future__ import annotations

import errno
import logging
import sys

import click

from ..errors import Errors, StoryworldError, first_line, printable
from .output import configure_logging, err_console, print_error

log = logging.getLogger("storyworld.cli")


class OneLineUsageError(click.UsageError):
    """A usage error (a bad value, a missing argument) as one line on stderr, exit status 2."""

    def show(self, file=None) -> None:
        command = self.ctx.command_path if self.ctx else "storyworld"
        err_console.print(f"error: {printable(self.format_message())} (see `{command} --help`)")


def _one_line(exc: click.UsageError) -> OneLineUsageError:
    if isinstance(exc, OneLineUsageError):
        return exc
    one = OneLineUsageError(exc.format_message(), exc.ctx)
    one.exit_code = exc.exit_code
    return one


class StoryworldGroup(click.Group):
    """Every user error as one line on stderr and its exit code, never a traceback: a
    StoryworldError (its code), a usage error (2), a file the system refuses (1). Anything else
    is a bug: one E405 line, and its traceback with -v."""

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as exc:
            raise _one_line(exc) from exc

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise _one_line(exc) from exc
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except StoryworldError as exc:
            print_error(exc)
            sys.exit(exc.exit_code)
        except OSError as exc:
            if exc.errno == errno.EPIPE:  # `storyworld events | head`: the reader left; click quiets the rest
                raise
            where = f"{printable(str(exc.filename))}: " if exc.filename else ""
            err_console.print(f"error: {where}{printable(exc.strerror or first_line(exc))}")
            sys.exit(1)
        except Exception as exc:
            log.info("the command failed", exc_info=exc)  # the traceback, shown with -v
            command = " ".join(filter(None, ["storyworld", ctx.invoked_subcommand]))
            detail = f"{type(exc).__name__}: {first_line(exc)}"[:300]
            err_console.print(f"error: {Errors.E405.format(command=command, detail=detail)}")
            sys.exit(1)


@click.group(cls=StoryworldGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog="""\b
Examples:
  storyworld ingest my-articles/ --meta my-articles/    # analyse and store a folder of articles
  storyworld stats                                      # what the store holds
  storyworld events --type ASSAULT --country Syria      # filtered events, newest first
  storyworld serve                                      # the map and the API on http://127.0.0.1:8000/
  storyworld -v ingest feed.xml                         # each article's fate and each step's seconds""")
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
    ctx.obj = {"verbose": verbose, "settings": settings.load(config_file, dict(overrides))}


def _register() -> None:
    from . import (analyze, check, claims, datasette, eval as eval_, events, export, history, incidents, ingest, rules,
                   serve, settings, spark, stats)

    for module in (analyze, ingest, events, incidents, history, claims, export, stats, check, eval_, rules, settings,
                   serve, datasette, spark):
        cli.add_command(module.command)
    cli.add_command(claims.sources_command)
    cli.add_command(export.import_command)
    cli.add_command(spark.load_command)


_register()


def main() -> None:
    cli(prog_name="storyworld")
