"""`storyworld history ID`: every version of an event, incident or document, and the report that made it."""

from __future__ import annotations

import json
import sys

import click

from ..errors import Errors, StoryworldError, printable
from .output import console, db_option


class UnknownRecord(StoryworldError):
    """No record has the id asked for (one line, exit 1)."""


@click.command("history", epilog="""\b
Examples:
  storyworld history 12                         # incident 12 (else event 12): each version, what changed it
  storyworld history 12 --record event          # event 12's versions (a later version's id gives the same)
  storyworld history 05009f88                   # a page's versions, by a prefix of a document id
  storyworld history 12 --format json           # the versions as the changes log holds them""")
@click.argument("ident", metavar="ID")
@click.option("--record", type=click.Choice(["event", "incident", "document"]),
              help="What ID names (a number is an incident when one has it, else an event).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@db_option
def command(ident, record, fmt, db):
    """Show every version of one record: what changed, when, and the report (outlet, URL, attribution
    chain) that changed it, with the record's key values at each version."""
    from ..service import record_history
    from ..store import Store
    from ..store.queries import AmbiguousRecord

    with Store.open(db, create=False) as store:
        try:
            found = record_history(store, ident, record)
        except AmbiguousRecord as exc:
            raise click.BadParameter(str(exc), param_hint="ID") from None
    if found is None:
        what = record or "incident, event or document"
        raise UnknownRecord(Errors.E408.format(record=what, value=printable(ident),
                                               hint="`storyworld incidents` and `storyworld events` list them"))
    if fmt == "json":
        sys.stdout.write(json.dumps(found["history"], ensure_ascii=False, indent=2) + "\n")
        return
    versions = found["history"]
    note = ""
    if record is None and found["record"] == "incident":
        note = " (a number names an incident first: --record event for the event)"
    console.print(f"{found['record']} {found['id']}: {len(versions)} version(s){note}", markup=False)
    if not versions:
        console.print("  (no changes logged: the record was stored before the changes log began)", markup=False)
    for v in versions:
        changed = ", ".join(v["fields"]) or "-"
        console.print(f"  v{v['version']} {v['change']} at {v['at']}; fields changed: {changed}", markup=False)
        cause = v["cause"]
        chain = " > ".join(s.get("name") or "?" for s in cause.get("sources") or []) or "(own voice)"
        console.print(f"      by {cause.get('outlet') or '?'} {cause.get('url') or cause.get('document_id') or ''} "
                      f"— chain: {chain}", markup=False)
        if v.get("state"):
            console.print(f"      {state_line(found['record'], v['state'])}", markup=False)


def _casualties(figures) -> str:
    return "; ".join(f"{c.get('qualifier') + ' ' if c.get('qualifier') else ''}{c.get('number')} {c.get('kind')}"
                     for c in figures or []) or "none"


def state_line(record: str, state: dict) -> str:
    """The key values of a record as it stood at one version, on one line (printable)."""
    if record == "incident":
        place = (state.get("location") or {}).get("name") or (state.get("location") or {}).get("text") or "?"
        parts = [f"modality {state.get('modality')}", f"date {state.get('date') or '?'}", f"place {place}",
                 f"casualties {_casualties(state.get('casualties'))}", f"reports {len(state.get('reports') or [])}",
                 f"independent origins {state.get('independent_origins')}"]
    elif record == "event":
        place = state.get("place") or {}
        actors = state.get("actors") or {}
        actor = (actors.get("actor") or {}).get("name") or "?"
        target = (actors.get("target") or {}).get("name") or "?"
        parts = [f"{state.get('type')} {state.get('modality')}", f"date {state.get('date') or '?'}",
                 f"place {place.get('name') or place.get('text') or '?'}", f"{actor} → {target}",
                 f"casualties {_casualties(state.get('casualties'))}", f"state {state.get('state')}"]
        if state.get("state_reason"):
            parts.append(f"because {state['state_reason'][:120]}")
    else:
        parts = [f"title {state.get('title') or '?'}", f"published {state.get('published') or '?'}",
                 f"status {state.get('status')}"]
        for key in ("correction", "retracted"):
            if state.get(key):
                parts.append(f"{key} {str(state[key])[:120]}")
    return printable(", ".join(parts))
