"""Pinned evaluation floors (tests/eval/floors.json): no change may lower a figure silently.

The file maps ``"STAGE:DATASET"`` to ``{"data": PATH, "split": ..., "limit": ..., "floors": {metric: floor}}``;
PATH is relative to the repository root. Raising a floor is a normal commit; lowering one needs a
reason in the commit message.
"""

from __future__ import annotations

import json
from pathlib import Path

from .metrics import EvalReport

FLOORS_FILE = Path(__file__).resolve().parents[3] / "tests" / "eval" / "floors.json"


def load_floors(path: Path = FLOORS_FILE) -> dict[str, dict]:
    if not path.exists():
        return {}
    return json.loads(path.read_text("utf-8"))


def check_report(report: EvalReport, floors: dict[str, dict] | None = None) -> list[str]:
    """Every metric of the report that is below its floor, as a readable line."""
    floors = load_floors() if floors is None else floors
    pinned = floors.get(f"{report.stage}:{report.dataset}", {}).get("floors", {})
    misses = []
    for metric, floor in sorted(pinned.items()):
        value = report.metrics.get(metric)
        if value is None:
            misses.append(f"{report.stage}:{report.dataset} {metric} was not measured (floor {floor:.3f})")
        elif value + 1e-9 < floor:
            misses.append(f"{report.stage}:{report.dataset} {metric} = {value:.3f} < floor {floor:.3f}")
    return misses
