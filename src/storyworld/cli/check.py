"""`storyworld check [--repair]`: verify a store; mend what can be mended."""

from __future__ import annotations

import json
import sys

import click

from ..errors import StoreError
from .output import console, db_option, print_error, quiet_option

EXIT_SOUND, EXIT_PROBLEMS, EXIT_UNCHECKABLE = 0, 1, 3


@click.command("check", epilog="""\b
Examples:
  storyworld check
  storyworld check --repair
  storyworld check -q && echo sound                       # the exit status alone""")
@click.option("--repair", is_flag=True, help="Mend what can be mended (one transaction) and say what was done.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@quiet_option
@db_option
def command(repair, fmt, quiet, db):
    """Verify a store: SQLite's integrity check, rows that point at nothing (events, claims, places
    … without their document; incident reports without their event), the full-text index, events
    that belong in an incident but are in none, copies not linked to their original's incidents,
    incident summaries out of date, missing near-duplicate signatures, the schema version.

    --repair drops orphan rows and empty incidents, re-indexes the full text, places the missing
    events in incidents, links copies, rebuilds summaries, writes signatures and upgrades the
    schema; then checks again. A damaged SQLite file is reported, never mended.

    Exit status: 0 the store is sound (after --repair: nothing left to mend); 1 problems found
    (run with --repair), or left after it; 3 the store cannot be checked (missing, not a
    storyworld database, a newer schema, or damaged: restore a backup).
    """
    from ..service.check import check_store

    try:
        report = check_store(db, repair=repair)
    except StoreError as exc:
        print_error(exc)
        sys.exit(EXIT_UNCHECKABLE)
    if fmt == "json":
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    elif not quiet:
        for line in report.repaired:
            console.print(f"repaired: {line}")
        for finding in report.findings:
            examples = f" (e.g. {', '.join(finding.examples)})" if finding.examples else ""
            hint = "" if finding.mendable else " — not mendable by --repair"
            console.print(f"problem: [{finding.check}] {finding.count}: {finding.about}{examples}{hint}")
        state = "sound" if report.ok else f"{len(report.findings)} kind(s) of problem"
        console.print(f"{report.path}: schema version {report.schema_version} of {report.latest_version}; {state}")
    if report.damaged:
        sys.exit(EXIT_UNCHECKABLE)
    sys.exit(EXIT_SOUND if report.ok else EXIT_PROBLEMS)
