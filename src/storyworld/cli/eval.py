"""`storyworld eval STAGE --data PATH`: score a stage on gold data; print metrics with n."""

from __future__ import annotations

import json
import sys

import click

from .output import console


@click.command("eval", epilog="""\b
Examples:
  storyworld eval seed                                     # the seed-article checks
  storyworld eval rules                                    # every rule's own examples
  storyworld eval events --data demo --format json
  storyworld eval incidents --data gold-incidents --split dev
  storyworld eval real --split dev --check-floors""")
@click.argument("stage")
@click.option("--data", type=click.Path(exists=True), help="Gold data (a ../shared/eval folder, or demo/).")
@click.option("--split", help="Split to score where the set has them (dev, test).")
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N items.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--check-floors", is_flag=True, help="Exit 1 if a metric is below its pinned floor (tests/eval/floors.json).")
@click.pass_context
def command(ctx, stage, data, split, limit, fmt, check_floors):
    """Score STAGE (seed, contract, bodies, boilerplate, events, claims, places, times, incidents, casualties, revisions, rules, real) on gold data.

    `eval incidents --data gold-incidents --split dev` scores incidents and independent origins on
    real happenings retold through varied chains (`test` for closing notes only);
    `eval casualties` scores killed and wounded figures on the PLOVER gold-standard sentences;
    `eval revisions --data demo` our revision scenarios (changes, corrections, nothing lost).
    `eval rules` runs every extraction rule's own examples (`--split STAGE` for one stage's);
    `eval real` scores the whole system on our annotations of real news (`--split dev`; `test` for
    closing notes only). `storyworld --setting model NAME eval ...` scores with another spaCy
    pipeline (a model trial); floors are pinned for the default model.
    """
    from rich.table import Table

    from ..eval.floors import check_report
    from ..eval.scorers import run_eval
    from ..parse import DEFAULT_MODEL, default_model

    model = ctx.obj["settings"]["model"] if ctx.obj else DEFAULT_MODEL
    with default_model(model):
        report = run_eval(stage, data, split=split, limit=limit)
    misses = check_report(report) if check_floors else []
    if fmt == "json":
        sys.stdout.write(json.dumps(report.to_dict() | {"floor_misses": misses}, indent=2) + "\n")
    else:
        table = Table("metric", "value", "n", title=f"eval {report.stage} — {report.dataset}")
        for name, value in report.metrics.items():
            n = report.counts.get(name, report.counts.get(name.rsplit(".", 1)[0], ""))
            table.add_row(name, f"{value:.3f}", str(n))
        console.print(table)
        for line in report.lines:
            console.print(line)
        for miss in misses:
            console.print(f"FLOOR MISSED: {miss}")
    if misses:
        sys.exit(1)
