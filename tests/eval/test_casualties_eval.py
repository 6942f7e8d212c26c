"""eval casualties: figures against coded dead/injured, every record counted (on our own records)."""

from __future__ import annotations

import json

from storyworld.eval.casualties import evaluate, gold_figures


def test_gold_figures_keep_numbers_only():
    assert gold_figures({"dead": 3, "injured": "several"}) == [("killed", 3)]


def test_scores_hits_misses_and_uncoded_figures(tmp_path):
    records = [
        {"id": "r1", "text": "Gunmen killed 4 villagers and wounded 2 others near Kaduna.", "dead": 4, "injured": 2},
        {"id": "r2", "text": "A journalist was killed in a car bomb explosion.", "dead": 1, "injured": None},
        {"id": "r3", "text": "Protesters marched where 12 people were killed last year.", "dead": None},
        {"id": "r4", "text": "Rebels ambushed a convoy, a spokesman said.", "dead": 7},
    ]
    data = tmp_path / "plover_gsr.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    report = evaluate(tmp_path)
    assert report.counts["figures"] == 4  # gold figures: 4, 2, 1, 7
    assert report.metrics["figures.recall"] == 3 / 4
    assert report.metrics["figures.precision"] == 3 / 4  # the uncoded 12 is an extra
    assert any("r4: missed 7 killed" in line for line in report.lines)
    assert any("r3: not coded 12 killed" in line for line in report.lines)
