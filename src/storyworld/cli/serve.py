"""`storyworld serve`: the REST API (and its OpenAPI page at /docs) over a store."""

from __future__ import annotations

import click

from .output import current_settings, db_option, err_console


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. The default serves this machine only; say 0.0.0.0 to expose it.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--allow-ingest", is_flag=True, help="Accept POST /api/ingest (off: the API is read-only).")
@db_option
def command(host, port, allow_ingest, db):
    """Serve the API over --db (read-only unless --allow-ingest)."""
    import uvicorn

    from ..api import create_app

    app = create_app(db, settings=current_settings(), allow_ingest=allow_ingest)
    err_console.print(f"storyworld API on http://{host}:{port}/ (docs at /docs) over {db}")
    uvicorn.run(app, host=host, port=port, log_level="warning")
