"""`storyworld incidents`: reports of one happening across articles, with independent origins."""

from __future__ import annotations

import json
import sys

import click

from .output import build_filter, console, db_option, event_filter_options, version_options


@click.command("incidents", epilog="""\b
Examples:
  storyworld incidents --min-reports 2 --sort origins      # one happening, many reports
  storyworld incidents --type ASSAULT --country COD --format json
  storyworld incidents --explain 12                        # why each report joined, how each origin was keyed
  storyworld incidents --changed-since 2026-12-07          # revised or retracted since that day
  storyworld history 12                                    # every version of incident 12, and what changed it""")
@event_filter_options
@version_options
@click.option("--min-reports", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--sort", type=click.Choice(["origins", "reports", "recent"]), default="recent", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), help="At most N incidents (default: all for json, 30 for table).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--explain", "explain_id", type=click.IntRange(min=1), metavar="ID",
              help="Explain one incident: the fields and scores each report joined on, and how each origin key "
                   "was derived from its chain.")
@db_option
def command(type_, country, actor, since, until, source, outlet, modality, text_query, state, changed_since,
            min_reports, sort, limit, fmt, explain_id, db):
    """List incidents: reports clustered across articles, their independent origins and conflicts. Current
    incidents only unless --state says otherwise (a retracted report's incident is retracted)."""
    from rich.table import Table

    from ..corpus.update import SCHEMA_ID
    from ..service import list_incidents
    from ..store import Store

    if explain_id is not None:
        return _explain(explain_id, fmt, db)
    f = build_filter(type_, country, actor, since, until, source, outlet, modality, text_query, state=state,
                     changed_since=changed_since)
    if fmt == "table" and limit is None:
        limit = 30
    with Store.open(db, create=False) as store:
        rows = list_incidents(store, f, min_reports=min_reports, sort=sort, limit=limit)
    if fmt == "json":
        sys.stdout.write(json.dumps({"schema": SCHEMA_ID, "incidents": rows}, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("id", "date", "type", "place", "reports", "origins", "first reported", "conflicts", "evidence")
    for i in rows:
        place = (i["location"] or {}).get("name") or (i["location"] or {}).get("text") or ""
        first = i["first_reported"] or {}
        table.add_row(str(i["id"]), i["date"] or "", i["type"], place, str(len(i["reports"])),
                      str(i["independent_origins"]), f"{first.get('outlet') or ''} {first.get('published') or ''}",
                      ", ".join(c["field"] for c in i["conflicts"]),
                      (i["reports"][0]["event"]["evidence"]["text"] if i["reports"] else "")[:80])
    console.print(table)
    console.print(f"{len(rows)} incident(s)")


def _explain(incident_id: int, fmt: str, db) -> None:
    from ..service import explain_incident
    from ..store import Store

    with Store.open(db, create=False) as store:
        found = explain_incident(store, incident_id)
    if found is None:
        raise click.BadParameter(f"no incident {incident_id} — `storyworld incidents` lists them",
                                 param_hint="--explain")
    if fmt == "json":
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        return
    if found.get("state") == "merged":
        console.print(f"incident {incident_id} was merged: {found['why']} "
                      f"(`storyworld incidents --explain {found['merged_into']}`)", markup=False)
        return
    weights = ", ".join(f"{name} {weight}" for name, weight in found["weights"].items())
    console.print(f"incident {incident_id}: a report joins on its best score against an earlier report "
                  f"(weights {weights}; at least {found['min_score']})", markup=False)
    for j in found["joined"]:
        head = f"  event {j['event']} ({j['outlet'] or j['document'][:12]}): {j['how']}"
        if j["how"] == "matched":
            scores = ", ".join(f"{k} {v:.2f}" for k, v in j["scores"].items())
            head += f" event {j['matched']['event']}: {scores}"
        else:
            head += f": {j['why']}"
        console.print(head, markup=False)
    console.print("origins (innermost source of each chain; an anonymous one keyed with the link before it):",
                  markup=False)
    for r in found["origin_reports"]:
        written = " > ".join(s["written"] for s in r["sources"]) or f"{r['publisher']} (own voice)"
        resolved = [f"{s['written']} → {s['resolved']} ({s['why']})" for s in r["sources"] if s.get("why")]
        state = ("independent" if r["independent"] else
                 "retells its document's attributed reports" if r.get("retelling") else
                 "relayed by " + "; ".join(r.get("relayed_by", [])))
        console.print(f"  event {r['event']} ({r['outlet']}): {written} ⇒ key {r['key']!r}, {state}", markup=False)
        for line in resolved:
            console.print(f"      {line}", markup=False)
    console.print(f"{len(found['independent_origins'])} independent origin(s): "
                  + ", ".join(found["independent_origins"]), markup=False)
