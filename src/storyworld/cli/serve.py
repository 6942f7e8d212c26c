"""`storyworld serve`: the REST API (and its OpenAPI page at /docs) over a store."""

from __future__ import annotations

import os
import sys

import click

from ..errors import Errors, StoreError, require_extra
from .output import current_settings, db_option, err_console


@click.command("serve", epilog="""\b
Examples:
  storyworld serve                                         # http://127.0.0.1:8000/ (API docs at /docs)
  storyworld serve --db other.db --port 8080
  storyworld serve --allow-ingest                          # accept POST /api/ingest""")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. The default serves this machine only; say 0.0.0.0 to expose it.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--allow-ingest", is_flag=True, help="Accept POST /api/ingest (off: the API is read-only).")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests for this host name (repeatable). The server answers only to "
                   "127.0.0.1, localhost, [::1] and --host, so that no other site's name can be pointed at it.")
@click.option("--rate-limit", type=click.FloatRange(min=1), default=50.0, show_default=True,
              help="Requests per second per client address (bursts of twice as many).")
@db_option
def command(host, port, allow_ingest, allow_hosts, rate_limit, db):
    """Serve the web page and the API over --db (read-only unless --allow-ingest).

    A --db that does not exist is refused, unless --allow-ingest (then the first POST creates it).
    """
    require_extra("web", "serve", "fastapi", "uvicorn")
    import uvicorn

    from ..api import create_app

    if not allow_ingest and not os.path.exists(db):
        raise StoreError(Errors.E103.format(path=db))

    app = create_app(db, settings=current_settings(), allow_ingest=allow_ingest, hosts=(host, *allow_hosts),
                     rate=rate_limit, burst=int(2 * rate_limit))
    if host in ("0.0.0.0", "::") and not allow_hosts:
        err_console.print(f"note: bound to {host}, but only requests for 127.0.0.1, localhost or [::1] are answered; "
                          "name the others with --allow-host")
    err_console.print(f"storyworld API on http://{host}:{port}/ (docs at /docs) over {db}")
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    except SystemExit as exc:
        if exc.code in (0, None):
            raise
        err_console.print(f"error: {Errors.E406.format(host=host, port=port)}")
        sys.exit(1)
