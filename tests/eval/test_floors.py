"""Every pinned evaluation floor holds: no change lowers a measured figure silently.

Each entry of floors.json names its stage, data and floors; this test runs that evaluation
(marked `eval`: it reads ../shared and can take minutes) and fails below any floor.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyworld.eval.floors import FLOORS_FILE, check_report, load_floors
from storyworld.eval.scorers import run_eval

REPO = Path(__file__).resolve().parents[2]
FLOORS = load_floors()


def test_floors_file_is_well_formed():
    assert FLOORS_FILE.exists()
    for key, entry in FLOORS.items():
        stage, dataset = key.split(":", 1)
        assert stage and dataset and entry["data"]
        assert entry["floors"], f"{key} pins no floor"
        assert all(0.0 <= v for v in entry["floors"].values())


@pytest.mark.eval
@pytest.mark.parametrize("key", sorted(FLOORS))
def test_floors_hold(key):
    from conftest import need_shared

    entry = FLOORS[key]
    stage = key.split(":", 1)[0]
    data = (REPO / entry["data"]).resolve()
    if "shared" in Path(entry["data"]).parts:
        need_shared(data)
    report = run_eval(stage, data, split=entry.get("split"), limit=entry.get("limit"))
    assert f"{report.stage}:{report.dataset}" == key, "the scorer names its dataset differently from floors.json"
    misses = check_report(report, FLOORS)
    assert not misses, "\n".join(misses + report.lines[-20:])
