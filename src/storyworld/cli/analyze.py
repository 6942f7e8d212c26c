"""`storyworld analyze FILE`: one article → storyworld.analysis/1 JSON on stdout."""

from __future__ import annotations

import sys

import click

from ..contract import to_json, validate
from ..contract.serialize import to_dict
from ..errors import first_line
from ..service import analyze_path, check_paths
from .output import console, current_settings, err_console, validate_date


@click.command("analyze", epilog="""\b
Examples:
  storyworld analyze article.html                        # storyworld.analysis/1 JSON
  storyworld analyze story.txt --published 2023-09-01 --outlet JNS --format text
  curl -s https://example.org/a.html | storyworld analyze -""")
@click.argument("path", metavar="FILE")
@click.option("--published", callback=validate_date, help="Publication date, YYYY-MM-DD (the reference for relative dates).")
@click.option("--url", help="The article's URL.")
@click.option("--outlet", help="The publishing outlet (never part of a sources chain).")
@click.option("--title", help="The headline, when the input does not carry one.")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True)
def command(path, published, url, outlet, title, fmt):
    """Analyse one article (.html, .txt, or - for stdin) and print storyworld.analysis/1 JSON.

    Nothing is stored (`storyworld ingest` stores). A missing file or an empty folder is refused
    before the language model loads.
    """
    _, refused = check_paths([path])
    if refused:
        err_console.print(f"error: {first_line(refused[0])}")
        sys.exit(1)
    analysis = analyze_path(path, published=published, url=url, outlet=outlet, title=title,
                            settings=current_settings())
    if fmt == "json":
        validate(to_dict(analysis))
        sys.stdout.write(to_json(analysis) + "\n")
        return
    print_text(analysis)


def print_text(analysis) -> None:
    from rich.table import Table

    d = analysis.document
    from rich.text import Text

    console.print(Text.assemble((d.title or "(no title)", "bold"), f"  {d.outlet or ''} {d.published or ''}"))
    console.print(f"{len(d.text.split())} words kept; {len(d.removed)} passage(s) removed as boilerplate")
    table = Table("type", "modality", "actor", "target", "place", "date", "sources", "evidence", title="Events")
    for e in analysis.events:
        table.add_row(
            e.type, e.modality, e.actor.text if e.actor else "", e.target.text if e.target else "",
            e.location.name or e.location.text if e.location else "", e.date or "",
            " > ".join(s.name for s in e.sources), e.evidence.text[:90],
        )
    console.print(table)
    if analysis.claims:
        claims = Table("cue", "direct", "sources", "text", title="Claims")
        for c in analysis.claims:
            claims.add_row(c.cue, "yes" if c.direct else "", " > ".join(s.name for s in c.sources), c.text[:90])
        console.print(claims)
