"""The times scorer: TempEval-3 matching on a corpus written here, then the real benchmark."""

from __future__ import annotations

import json

import pytest

from storyworld.eval.times import evaluate, match_relaxed
from storyworld.extract.times import Timex


def test_times_eval_relaxed_matching_is_one_to_one():
    gold = [{"start": 0, "end": 10}, {"start": 5, "end": 12}]
    system = [Timex(2, 8, "x", "DATE", None)]
    assert len(match_relaxed(gold, system)) == 1
    assert match_relaxed([{"start": 0, "end": 3}], [Timex(3, 6, "y", "DATE", None)]) == []


@pytest.mark.slow  # runs the spaCy model
def test_times_eval_scores_a_small_written_corpus(tmp_path):
    text = "The talks ended on Friday after two weeks. Officials met again last week."
    friday, weeks, last_week = text.index("Friday"), text.index("two weeks"), text.index("last week")
    doc = {"id": "d1", "dct": "2023-09-01", "text": text, "timex": [
        {"start": friday, "end": friday + 6, "text": "Friday", "type": "DATE", "value": "2023-09-01"},
        {"start": weeks, "end": weeks + 9, "text": "two weeks", "type": "DURATION", "value": "P2W"},
        # a gold value the system cannot produce: the match counts, the value does not
        {"start": last_week, "end": last_week + 9, "text": "last week", "type": "DATE", "value": "2023-08"},
    ]}
    (tmp_path / "platinum.jsonl").write_text(json.dumps(doc) + "\n", "utf-8")
    report = evaluate(tmp_path)
    assert report.dataset == "tempeval3"
    assert report.counts["platinum.documents"] == 1
    assert report.metrics["platinum.relaxed.recall"] == 1.0
    assert report.metrics["platinum.date_relaxed.f1"] == 1.0
    assert report.metrics["platinum.date_value_accuracy"] == 0.5
    assert report.metrics["platinum.type_accuracy"] == 1.0
    assert any("HeidelTime" in line for line in report.lines)
    assert any("'last week'" in line for line in report.lines)


@pytest.mark.eval
def test_times_eval_tempeval3_platinum_meets_targets():
    from conftest import EVAL_DATA, need_shared

    data = need_shared(EVAL_DATA / "tempeval3")
    report = evaluate(data, split="platinum")
    assert report.counts["platinum.relaxed"] == 138
    assert report.metrics["platinum.relaxed.f1"] >= 0.88
    assert report.metrics["platinum.date_value_accuracy"] >= 0.90
    assert report.metrics["platinum.value_f1"] >= 0.72


@pytest.mark.eval
def test_times_eval_tempeval3_tbaq_subset_holds():
    from conftest import EVAL_DATA, need_shared

    data = need_shared(EVAL_DATA / "tempeval3")
    report = evaluate(data, split="tbaq", limit=120)
    assert report.counts["tbaq.documents"] == 120
    assert report.metrics["tbaq.relaxed.f1"] >= 0.85
    assert report.metrics["tbaq.date_value_accuracy"] >= 0.80


@pytest.mark.eval
def test_times_eval_demo_corpus_values():
    from conftest import DEMO

    if not (DEMO / "meta.csv").exists():
        pytest.skip("the demo corpus is absent from this checkout")
    report = evaluate(DEMO)
    assert report.dataset == "demo"
    assert report.counts["demo.value_accuracy"] >= 20
    assert report.metrics["demo.value_accuracy"] >= 0.9


def test_times_eval_meantime_factuality_reads_as_our_modality_classes():
    from storyworld.eval.times import _annotated_end, _in_analysis, factuality_class

    assert factuality_class({"certainty": "CERTAIN", "polarity": "POS", "time": "NON_FUTURE"}) == "actual"
    assert factuality_class({"certainty": "CERTAIN", "polarity": "NEG", "time": "FUTURE"}) == "negated"
    assert factuality_class({"certainty": "CERTAIN", "polarity": "POS", "time": "FUTURE"}) == "future"
    assert factuality_class({"certainty": "POSSIBLE", "polarity": "POS", "time": "NON_FUTURE"}) == "uncertain"
    assert factuality_class({"pred": "say"}) is None  # a cross-document mention carries no attributes
    text = "\n".join(f"line {i} said" for i in range(8))
    assert text[_annotated_end(text) + 1:].startswith("line 6")
    said = text.index("said", text.index("line 3"))
    # the body may rejoin lines: the mention is found in its own sentence, not the first "said"
    where = _in_analysis(text.replace("\n", " "), text, said, said + 4)
    assert where == (said, said + 4)
