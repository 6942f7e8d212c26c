"""Casualty figures on sentences nobody here wrote: the PLOVER gold-standard records.

``--data ../shared/eval/plover-gsr`` (``--split dev|test``, halves by a hash of the record id as
``eval events`` splits them). Each of the 322 news sentences is read by the casualty patterns
(``extract/casualties.py``); a figure is right when its kind and number equal the record's coded
``dead`` (killed) or ``injured`` (wounded). Every record counts, so a figure the coders left out
(a toll of an earlier riot that the sentence recalls: "where 24 people were killed last March")
is a false positive; the report lists each miss and each extra so a reader can judge them.
"""

from __future__ import annotations

from pathlib import Path

from ..extract.casualties import figures
from .events import plover_records
from .metrics import EvalReport, prf

GOLD_KINDS = {"dead": "killed", "injured": "wounded"}  # the record's field → our kind


def gold_figures(record: dict) -> list[tuple[str, int]]:
    """(kind, number) of a record's coded casualties; a field that is no number is left out."""
    out = []
    for field, kind in GOLD_KINDS.items():
        value = record.get(field)
        if value is not None and str(value).isdigit():
            out.append((kind, int(value)))
    return out


def evaluate(data: Path, *, split: str | None = None, limit: int | None = None) -> EvalReport:
    records = plover_records(data, split=split, limit=limit)
    report = EvalReport(stage="casualties", dataset=f"plover-gsr{'-' + split if split else ''}")
    tp = fp = fn = 0
    for record in records:
        gold = gold_figures(record)
        found = [(kind, number) for _, _, number, kind, _ in figures(record["text"]) if kind in GOLD_KINDS.values()]
        unmatched = list(found)
        for figure in gold:
            if figure in unmatched:
                unmatched.remove(figure)
                tp += 1
            else:
                fn += 1
                report.lines.append(f"{record['id']}: missed {figure[1]} {figure[0]}: {record['text'][:120]}")
        fp += len(unmatched)
        for kind, number in unmatched:
            report.lines.append(f"{record['id']}: not coded {number} {kind}: {record['text'][:120]}")
    report.add_prf("figures", prf(tp, fp, fn))
    report.lines.insert(0, f"{len(records)} sentences; killed and wounded figures against the coded dead/injured")
    return report
