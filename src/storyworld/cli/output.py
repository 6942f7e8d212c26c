"""Shared option decorators and printers."""

from __future__ import annotations

import datetime as dt
import logging
import sys

import click
from rich.console import Console

from ..errors import ConfigError, Errors, first_line, printable
from ..store import DEFAULT_DB
from ..types import MODALITIES

# markup=False: article text is hostile input, and "[bold]" inside it must print as written.
console = Console(highlight=False, soft_wrap=True, markup=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)


class _LogPolicy(logging.Filter):
    """Our own records (``storyworld.*``) pass; every other library's only with ``-v``: they are
    not coded, and one feeds batch once printed 377 ``WARNING trafilatura.core`` lines."""

    def __init__(self, verbose: bool):
        super().__init__()
        self.verbose = verbose

    def filter(self, record: logging.LogRecord) -> bool:
        return self.verbose or record.name == "storyworld" or record.name.startswith("storyworld.")


class _PrintableFormatter(logging.Formatter):
    """Each line of a record printable: a file name or a library's message quoting the input
    cannot cut a line or send escape sequences to the terminal."""

    def format(self, record: logging.LogRecord) -> str:
        return "\n".join(printable(line) for line in super().format(record).split("\n"))


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is now (a progress bar redirects it while it runs)."""

    def __init__(self):
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value):
        pass


def configure_logging(verbose: bool) -> None:
    """One stderr handler for the whole process under the policy above; Python warnings raised by
    libraries (spaCy's, dateparser's) go through it too. Called again (tests invoke the CLI many
    times), it replaces its own handler."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "storyworld_policy", False)]:
        root.removeHandler(handler)
    handler = _StderrHandler()
    handler.storyworld_policy = True
    handler.addFilter(_LogPolicy(verbose))
    handler.setFormatter(_PrintableFormatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    logging.captureWarnings(True)


def db_option(fn):
    return click.option(
        "--db", "db", default=DEFAULT_DB, show_default=True, envvar="STORYWORLD_DB",
        type=click.Path(dir_okay=False), help="The SQLite store to use.",
    )(fn)


def validate_date(ctx, param, value):
    if value is None:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(Errors.E016.format(name=param.name, value=value)) from None
    return value


def validate_type(ctx, param, value):
    """A PLOVER type, in any case (``assault`` → ASSAULT); anything else is refused with the list."""
    from ..store.queries import checked_type

    return None if value is None else _as_bad_parameter(checked_type, value)


def validate_country(ctx, param, value):
    """A country as ISO3, ISO2 or a name (``Syria``, ``sy``) → its ISO3 code; anything else is refused
    with the nearest names."""
    from ..store.queries import checked_country

    return None if value is None else _as_bad_parameter(checked_country, value)


def _as_bad_parameter(check, value):
    try:
        return check(value)
    except ConfigError as exc:
        raise click.BadParameter(str(exc)) from None


def quiet_option(fn):
    return click.option("-q", "--quiet", is_flag=True,
                        help="Print nothing but errors (the exit status says how it went).")(fn)


def _group_value(key: str, default=None):
    """What the group put in its context object under ``key`` (a command may run on its own)."""
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if isinstance(ctx.obj, dict) and key in ctx.obj:
            return ctx.obj[key]
        ctx = ctx.parent
    return default


def is_verbose() -> bool:
    """Whether the group was given -v."""
    return bool(_group_value("verbose", False))


def event_filter_options(fn):
    options = [
        click.option("--type", "type_", callback=validate_type, metavar="TYPE",
                     help="PLOVER type, e.g. ASSAULT (any case; `storyworld events --type X` lists them)."),
        click.option("--country", callback=validate_country,
                     help="Country of the actor, target or location: ISO3 (SYR), ISO2 (SY) or a name (Syria)."),
        click.option("--actor", help="Text in the actor's or target's name."),
        click.option("--since", callback=validate_date, help="Events on or after this date (YYYY-MM-DD)."),
        click.option("--until", callback=validate_date, help="Events on or before this date (YYYY-MM-DD)."),
        click.option("--source", help="Text in the name of any source of the attribution chain."),
        click.option("--outlet", help="Text in the publishing outlet's name."),
        click.option("--modality", type=click.Choice(MODALITIES, case_sensitive=False), help="Event modality."),
        click.option("--text", "text_query", help="Full-text search in the article text."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def validate_time(ctx, param, value):
    """A date or time (``store.changes.normalise_time``) → its UTC form to the microsecond."""
    if value is None:
        return None
    from ..store.changes import normalise_time

    try:
        return normalise_time(value)
    except ValueError:
        raise click.BadParameter(Errors.E407.format(name=param.name.replace("_", "-"),
                                                    value=printable(value))) from None


STATE_CHOICES = ("current", "superseded", "retracted", "merged", "all")


def version_options(fn):
    """--state and --changed-since: which versions of the records to list (current ones unless asked)."""
    options = [
        click.option("--state", type=click.Choice(STATE_CHOICES, case_sensitive=False), default="current",
                     show_default=True,
                     help="Which versions: current (as the latest reports stand), superseded (earlier versions of "
                          "revised records), retracted, merged (incidents joined into an older one), or all."),
        click.option("--changed-since", callback=validate_time, metavar="TIME",
                     help="Only records created or changed after this time: YYYY-MM-DD or an ISO time "
                          "(UTC unless it gives its offset)."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def build_filter(type_, country, actor, since, until, source, outlet, modality, text_query, *,
                 state: str | None = "current", changed_since: str | None = None):
    from ..store.queries import EventFilter, states_of

    if since and until and since > until:
        raise click.UsageError(Errors.E404.format(since=since, until=until))
    return EventFilter(type=type_, country=country, actor=actor, since=since, until=until, source=source,
                       outlet=outlet, modality=modality, text=text_query, states=states_of(state),
                       changed_since=changed_since)


def print_error(exc: Exception) -> None:
    err_console.print(f"error: {first_line(exc)}", markup=False, highlight=False)


def current_settings() -> dict:
    """The settings loaded by the group (defaults when a command is invoked on its own)."""
    loaded = _group_value("settings")
    if loaded is not None:
        return loaded
    from .. import settings

    return settings.load()
