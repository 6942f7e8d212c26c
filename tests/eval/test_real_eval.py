"""The real-news scorer: end-to-end figures from gold offsets into a shared text (written here)."""

from __future__ import annotations

import json

import pytest

from storyworld.eval.metrics import PRF, EvalReport
from storyworld.eval.real import RealArticle, _Tally, locate, score_article
from storyworld.types import ActorRef, Analysis, Claim, Document, Event, Location, Removed, Source, Span

TEXT = ("Rebels shelled the market in Goma on Tuesday, killing four people, the army said.\n\n"
        "The  government denied that it had arrested the journalist.\n\n"
        "Copyright 2025 Valley Herald. All rights reserved.")


def _span(part: str) -> list[int]:
    start = TEXT.index(part)
    return [start, start + len(part)]


GOLD = {
    "published": "2025-06-13", "published_from": "record", "outlet": None,
    "boilerplate": [{"span": _span("Copyright 2025 Valley Herald. All rights reserved."), "reason": "copyright"}],
    "events": [
        {"sentence": _span("Rebels shelled the market in Goma on Tuesday, killing four people, the army said."),
         "trigger": _span("shelled"), "type": "ASSAULT", "mode": "shelling", "modality": "actual",
         "actor": {"span": _span("Rebels"), "country": "COD", "role": "REB"},
         "target": {"span": _span("the market"), "country": "COD", "role": "CVL"},
         "place": {"span": _span("Goma"), "name": "Goma", "country": "COD", "lat": -1.68, "lon": 29.23,
                   "precision": "city"},
         "date": "2025-06-10", "date_precision": "day", "sources": [{"name": "the army", "kind": "organization"}]},
        {"sentence": _span("The  government denied that it had arrested the journalist."), "trigger": _span("arrested"),
         "type": "COERCE", "mode": "arrest", "modality": "negated", "actor": None, "target": None, "place": None,
         "date": None, "date_precision": None, "sources": [{"name": "The government", "kind": "organization"}]},
    ],
    "claims": [{"span": _span("Rebels shelled the market in Goma on Tuesday, killing four people, the army said."),
                "cue": _span("said"), "direct": False, "sources": [{"name": "the army", "kind": "organization"}]}],
}
BODY = TEXT[:TEXT.index("Copyright")].strip().replace("The  government", "The government")


def _analysis(*, arrested_actual: bool) -> Analysis:
    shelled = BODY.index("shelled")
    arrested = BODY.index("arrested")
    second = BODY.index("The government")
    army = (Source("the army", "organization"),)
    events = [
        Event(type="ASSAULT", trigger="shelled", evidence=Span(BODY[:second].strip(), 0, second - 2), modality="actual",
              actor=ActorRef("Rebels", country="COD"), target=ActorRef("the market", country=None),
              location=Location("Goma", "Goma", 1, -1.6792, 29.2228, "COD", "city"), date="2025-06-10",
              sources=army, trigger_start=shelled),
        Event(type="COERCE", trigger="arrested", evidence=Span(BODY[second:], second, len(BODY)),
              modality="actual" if arrested_actual else "negated", trigger_start=arrested),
        Event(type="PROTEST", trigger="x", evidence=Span(BODY[:5], 0, 5), trigger_start=0),
    ]
    claims = [Claim(text=BODY[:second].strip(), start=0, end=second - 2, cue="said", sources=army)]
    document = Document(id="x", text=BODY, removed=(Removed("Copyright 2025 Valley Herald. All rights reserved.",
                                                            "copyright"),))
    return Analysis(document=document, events=tuple(events), claims=tuple(claims))


def _score(analysis):
    article = RealArticle("test", "a1", "dev", TEXT, None, json.loads(json.dumps(GOLD)))
    tally, events, report = _Tally(), [PRF(0, 0, 0)], EvalReport("real", "test")
    report.counts["events_from_boilerplate"] = 0
    score_article(article, analysis, tally, events, report)
    tally.report(report)
    return events[0], report.metrics, report.counts


def test_locate_finds_a_passage_across_whitespace_changes_and_not_a_removed_one():
    assert locate(BODY, TEXT, _span("The  government denied")) == (BODY.index("The government"),
                                                                   BODY.index("The government") + len("The government denied"))
    assert locate(BODY, TEXT, GOLD["boilerplate"][0]["span"]) is None


def test_found_events_count_with_every_field_and_extras_are_false_positives():
    events, metrics, counts = _score(_analysis(arrested_actual=False))
    assert (events.tp, events.fp, events.fn) == (2, 1, 0)
    assert metrics["actor_country.accuracy"] == 1.0 and counts["actor_country.accuracy"] == 1
    assert metrics["target_country.accuracy"] == 0.0  # the system gave no country for the market
    assert metrics["dates.accuracy"] == 1.0 and metrics["places_50km.accuracy"] == 1.0
    assert metrics["event_chains.accuracy"] == 0.5  # the denial's chain (the government) is missing
    assert metrics["modality_traps.accuracy"] == 1.0
    assert metrics["claims_with_chain.accuracy"] == 1.0
    assert metrics["boilerplate_removed.recall"] == 1.0 and metrics["paragraphs_kept.accuracy"] == 1.0


def test_a_denied_arrest_coded_as_happened_is_a_modality_trap():
    _, metrics, _ = _score(_analysis(arrested_actual=True))
    assert metrics["modality_traps.accuracy"] == 0.0
    assert metrics["modality.accuracy_on_found"] == 0.5


def test_an_article_the_system_could_not_read_misses_everything():
    events, metrics, _ = _score(None)
    assert (events.tp, events.fn) == (0, 2)
    assert metrics["dates.accuracy"] == 0.0 and metrics["claims_found.recall"] == 0.0


@pytest.mark.slow
def test_eval_real_runs_end_to_end_on_a_written_set(tmp_path):
    from storyworld.eval.real import evaluate

    shared = tmp_path / "shared" / "eval"
    shared.mkdir(parents=True)
    (shared / "x.jsonl").write_text(json.dumps({"id": "a1", "text": TEXT}) + "\n", encoding="utf-8")
    gold_dir = tmp_path / "repo" / "gold-real"
    (gold_dir / "dev").mkdir(parents=True)
    (gold_dir / "articles.csv").write_text("corpus,file,id,split,chars,published\ntest,x.jsonl,a1,dev,1,\n")
    (gold_dir / "dev" / "test__a1.json").write_text(json.dumps(GOLD), encoding="utf-8")
    report = evaluate(gold_dir, split="dev")
    assert report.counts["articles"] == 1 and report.counts["events"] == 2
    assert report.metrics["boilerplate_removed.recall"] == 1.0


def test_a_reported_bound_is_never_a_right_date_but_its_bound_is_checked():
    from storyworld.eval.real import _bound_holds, _date_right

    assert _date_right("2016-09-22", "2016-09")
    assert not _date_right("2016-09-22", "2016-09", "reported")
    assert _bound_holds("2016-09-22", "2016-09-21") and _bound_holds("2016-09-22", "2016-09")
    assert not _bound_holds("2016-09-22", "2016-09-23")
