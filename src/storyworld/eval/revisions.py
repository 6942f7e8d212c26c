"""`eval revisions`: stories that change across documents (demo/revisions), scored end to end.

Each story's documents are ingested in order into a fresh store, as a user would ingest them. For
each document the gold (``demo/revisions/gold.json``, storyworld.revisions-gold/1) lists the
changes it makes to records; a gold change is **detected** when the store's changes log holds a
change of that record kind and change kind whose fields include the gold's, and **attributed**
when that change names this document as its cause. Gold "event superseded" (an earlier version's
event replaced) is the log's event "revised" (the next version, the earlier one marked superseded)
or "superseded". Also scored: the link to the corrected document (``corrects``); changes the log
holds that the gold does not (precision); rows lost or overwritten without a change (should be
none); and the casualty figures of each document (number and kind; and with their source).

The set is ours (written for this project): a regression and behaviour suite, not evidence of
quality on real text. ``--split dev`` (default) to develop on; ``test`` once per issue.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

from ..errors import ConfigError, Errors
from ..store import versions as rows
from .metrics import EvalReport, prf

GOLD = "gold.json"
# the log's changes a gold change of (record, change) may be
SAME_CHANGE = {("event", "superseded"): {"revised", "superseded"}}
# the kinds of logged change the gold is expected to list (created documents and events are not listed)
SCORED = {("incident", c) for c in ("created", "revised", "superseded", "retracted", "merged")} | {
    ("document", "revised"), ("document", "retracted"), ("event", "superseded"), ("event", "retracted")}


def _folder(data: Path) -> Path:
    for candidate in (data, data / "revisions"):
        if (candidate / GOLD).exists():
            return candidate
    raise ConfigError(Errors.E303.format(path=data, hint="eval revisions scores demo/revisions (--data demo)"))


def evaluate(data: Path, *, split: str | None = None, limit: int | None = None) -> EvalReport:
    from ..service import make_pipeline

    folder = _folder(Path(data))
    gold = json.loads((folder / GOLD).read_text(encoding="utf-8"))
    split = split or "dev"
    stories = [s for s in gold["stories"] if split == "all" or s["split"] == split]
    if limit is not None:
        stories = stories[:limit]
    report = EvalReport(stage="revisions", dataset=f"demo/revisions ({split})")
    pipeline = make_pipeline()
    totals: dict[str, Any] = {"gold": 0, "detected": 0, "attributed": 0, "extra": 0, "links": 0, "links_right": 0,
                              "lost": 0, "silent": 0, "fig": [0, 0, 0], "fig_src": [0, 0, 0], "documents": 0}
    for story in stories:
        with tempfile.TemporaryDirectory(prefix="sw-revisions-") as tmp:
            _score_story(folder, story, Path(tmp) / "store.db", pipeline, totals, report)
    report.add_ratio("changes.attributed", totals["attributed"], totals["gold"])
    report.counts["changes.attributed"] = totals["gold"]
    report.add_ratio("changes.detected", totals["detected"], totals["gold"])
    report.counts["changes.detected"] = totals["gold"]
    matched = totals["attributed"]
    report.add_ratio("changes.precision", matched, matched + totals["extra"])
    report.counts["changes.precision"] = matched + totals["extra"]
    report.add_ratio("corrections.linked", totals["links_right"], totals["links"])
    report.counts["corrections.linked"] = totals["links"]
    report.metrics["records.lost"] = float(totals["lost"])
    report.metrics["records.overwritten_silently"] = float(totals["silent"])
    report.counts["records.lost"] = report.counts["records.overwritten_silently"] = totals["documents"]
    report.add_prf("casualties", prf(*totals["fig"]))
    report.add_prf("casualties.with_source", prf(*totals["fig_src"]))
    report.lines.insert(0, f"{len(stories)} stories, {totals['documents']} documents, {totals['gold']} gold changes")
    return report


def _score_story(folder: Path, story: dict, path: Path, pipeline, totals: dict, report: EvalReport) -> None:
    from ..service import ingest
    from ..store import Store

    ids: dict[str, str] = {}
    with Store.open(path) as store:
        before = rows.snapshot(store)
        for doc in story["documents"]:
            results = []
            ingest([folder / "articles" / doc["file"]], store=store, meta=folder, pipeline=pipeline,
                   on_result=lambda _o, r: results.append(r))
            result = next((r for r in results if r is not None), None)
            if result is None:
                report.lines.append(f"{story['id']}: {doc['file']} was not stored")
                continue
            ids[doc["file"]] = result.document_id
            totals["documents"] += 1
            after = rows.snapshot(store)
            lost, silent = _compare(store, before, after)
            totals["lost"] += lost
            totals["silent"] += silent
            for line in (f"lost {lost} row(s)" if lost else "", f"{silent} silent overwrite(s)" if silent else ""):
                if line:
                    report.lines.append(f"{story['id']}: {doc['file']}: {line}")
            before = after
        log = [dict(r) | {"fields": json.loads(r["fields_json"])} for r in rows.change_log(store)]
        for doc in story["documents"]:
            _score_changes(story, doc, ids, log, totals, report)
            _score_link(store, story, doc, ids, totals, report)
            _score_figures(store, doc, ids.get(doc["file"]), totals, report, story["id"])


def _matches(gold: dict, change: dict) -> bool:
    kinds = SAME_CHANGE.get((gold["record"], gold["change"]), {gold["change"]})
    return (change["record"] == gold["record"] and change["change"] in kinds
            and set(gold.get("fields") or []) <= set(change["fields"]))


def _score_changes(story, doc, ids, log, totals, report) -> None:
    own = [c for c in log if c["cause_document_id"] == ids.get(doc["file"])]
    used: set[int] = set()
    for g in doc["changes"]:
        totals["gold"] += 1
        hit = next((c for c in own if c["seq"] not in used and _matches(g, c)), None)
        if hit is not None:
            used.add(hit["seq"])
            totals["attributed"] += 1
            totals["detected"] += 1
            continue
        elsewhere = next((c for c in log if _matches(g, c)), None)
        if elsewhere is not None:
            totals["detected"] += 1
        found = sorted({f"{c['record']} {c['change']} {c['fields']}" for c in own})
        report.lines.append(f"{story['id']}: {doc['file']}: missed {g['record']} {g['change']} {g.get('fields') or ''}"
                            f"{' (logged for another document)' if elsewhere else ''}; logged: {'; '.join(found) or '-'}")
    extra = [c for c in own if c["seq"] not in used and (c["record"], c["change"]) in SCORED
             and not any(_matches(g, c) for g in doc["changes"])]
    totals["extra"] += len(extra)
    for c in extra:
        report.lines.append(f"{story['id']}: {doc['file']}: not in gold: {c['record']} {c['change']} {c['fields']}")


def _score_link(store, story, doc, ids, totals, report) -> None:
    if not doc.get("corrects"):
        return
    totals["links"] += 1
    row = rows.document(store, ids.get(doc["file"]))
    if row is not None and row["corrects"] and row["corrects"] == ids.get(doc["corrects"]):
        totals["links_right"] += 1
    else:
        report.lines.append(f"{story['id']}: {doc['file']}: not linked to {doc['corrects']}")


_NAME_WORD = re.compile(r"[a-z][a-z'-]{2,}")
_GENERIC = {"the", "and", "said", "for", "regional", "local", "official", "officials", "spokesman", "spokeswoman",
            "head", "group", "ministry", "office", "national", "state", "government"}


def _same_source(gold: str | None, chain: list[dict]) -> bool:
    """A figure's source in the gold (a name, or null for the outlet's own) against the chain the
    store gives it: any name in the chain sharing a distinctive word with the gold's."""
    names = [s["name"] for s in chain if s.get("kind") != "outlet"]
    if not gold:
        return not names
    words = set(_NAME_WORD.findall(gold.lower()))
    distinctive = words - _GENERIC or words
    return any(distinctive & set(_NAME_WORD.findall(n.lower())) for n in names)


def _score_figures(store, doc, document_id, totals, report, story_id) -> None:
    from ..corpus.update import best_statements, statement_rank
    from ..store.incidents import claim_chain_over

    gold = [(g["number"], g["kind"], g.get("source")) for g in doc.get("casualties", [])]
    statements = []
    if document_id is not None:
        for c in rows.document_figures(store, document_id):
            chain = json.loads(claim_chain_over(store, document_id, c["start"], c["end"]) or c["event_sources"] or "[]")
            statements.append(((c["number"], c["kind"]), statement_rank(chain, c["sentence"], c["title"]),
                               (c["number"], c["kind"], chain)))
    found = best_statements(statements)  # a figure restated (headline, then lead) is one, as in summaries
    for plain, key in ((True, "fig"), (False, "fig_src")):
        unmatched = list(found)
        tp = 0
        for number, kind, source in gold:
            hit = next((f for f in unmatched if f[0] == number and f[1] == kind
                        and (plain or _same_source(source, f[2]))), None)
            if hit is not None:
                unmatched.remove(hit)
                tp += 1
            elif plain:
                report.lines.append(f"{story_id}: {doc['file']}: figure missed: {number} {kind}")
            else:
                other = next((f for f in found if f[0] == number and f[1] == kind), None)
                if other is not None:
                    given = ", ".join(s["name"] for s in other[2]) or "none"
                    report.lines.append(f"{story_id}: {doc['file']}: figure {number} {kind}: source {given!r}, "
                                        f"gold {source!r}")
        totals[key][0] += tp
        totals[key][1] += len(unmatched)
        totals[key][2] += len(gold) - tp
        if plain:
            for f in unmatched:
                report.lines.append(f"{story_id}: {doc['file']}: figure not in gold: {f[0]} {f[1]}")


# -- nothing lost, nothing overwritten without a change ------------------------------------------

def _compare(store, before: dict, after: dict) -> tuple[int, int]:
    """(rows gone, rows changed without a change in the log) between two snapshots."""
    lost = silent = 0
    for table in ("documents", "events", "incidents"):
        lost += len(set(before[table]) - set(after[table]))
    for table in ("documents", "events"):
        silent += sum(1 for k, v in before[table].items() if k in after[table] and after[table][k] != v)
    for incident_id, summary in before["incidents"].items():
        if incident_id in after["incidents"] and after["incidents"][incident_id] != summary:
            if after["changes"].get(("incident", str(incident_id)), 0) <= before["changes"].get(
                    ("incident", str(incident_id)), 0):
                silent += 1
    lost += max(0, before["log"] - after["log"])
    return lost, silent
