"""The time stage: expressions resolved against the publication date, and event dates."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest

from storyworld.extract.times import date_events, extract_times, tag_times
from storyworld.extract.times import resolve as tr
from storyworld.types import Event, Span, TimeMention


def _mention(mentions, text):
    found = [m for m in mentions if m.text == text]
    assert found, f"{text!r} not among {[m.text for m in mentions]}"
    return found[0]


def _event(parsed, trigger: str, *, modality: str = "actual", event_type: str = "ASSAULT",
           occurrence: str | None = None) -> Event:
    """An event whose trigger is the first word of ``occurrence`` (default: the trigger itself),
    with the parser's sentence as evidence, as the events stage builds it."""
    text = parsed.document.text
    start = text.index(occurrence or trigger)
    sentence = next(s for s in parsed.doc.sents if s.start_char <= start < s.end_char)
    return Event(type=event_type, trigger=trigger, modality=modality, trigger_start=start,
                 evidence=Span(sentence.text, sentence.start_char, sentence.end_char))


def test_times_seed_article_dates_resolve_against_publication(make_parsed, seed_path):
    parsed = make_parsed(seed_path.read_text("utf-8"), published="2023-09-01")
    mentions = extract_times(parsed)
    friday = _mention(mentions, "Friday")
    assert (friday.value, friday.precision) == ("2023-09-01", "day")
    assert parsed.document.text[friday.start:friday.end] == "Friday"  # the span leaves "on" out
    assert _mention(mentions, "Aug. 31").value == "2023-08-31"
    assert _mention(mentions, "Aug. 25").value == "2023-08-25"
    recently = _mention(mentions, "recently")
    assert recently.value is None and recently.precision is None  # kept, unresolved


def test_times_seed_events_take_their_governing_date(make_parsed, seed_path):
    text = seed_path.read_text("utf-8")
    parsed = make_parsed(text, published="2023-09-01")
    times = extract_times(parsed)
    demand = _event(parsed, "made", event_type="REQUEST", occurrence="made the demand")
    strike = _event(parsed, "struck")
    reported = _event(parsed, "demanded", event_type="REQUEST")
    dated = date_events(parsed, [demand, strike, reported], times=times)
    assert (dated[0].date, dated[0].date_precision) == ("2023-08-31", "day")
    assert (dated[1].date, dated[1].date_precision) == ("2023-08-25", "day")
    # "... Asharq al-Awsat reported on Friday": Friday dates the report, not the demand; the lead's
    # demand continues the story whose anchor is the demand made on Aug. 31
    assert (dated[2].date, dated[2].date_precision) == ("2023-08-31", "day")


@pytest.mark.parametrize("text, published, expression, value, precision", [
    ("Talks broke down last week.", "2023-09-01", "last week", "2023-W34", "week"),
    ("The convoy was hit two days ago.", "2023-09-01", "two days ago", "2023-08-30", "day"),
    ("Earlier this month, rebels took the town.", "2023-09-20", "Earlier this month", "2023-09", "month"),
    ("Fighting resumed this week.", "2023-09-01", "this week", "2023-W35", "week"),
    ("The ministers met on Friday.", "2023-09-06", "Friday", "2023-09-01", "day"),
    ("The ministers will meet on Friday.", "2023-09-06", "Friday", "2023-09-08", "day"),
    ("Gunmen struck the village on Dec. 31.", "2024-01-03", "Dec. 31", "2023-12-31", "day"),
    ("The vote will be held on Jan. 5.", "2023-12-28", "Jan. 5", "2024-01-05", "day"),
    ("The war began in 2011.", "2023-09-01", "2011", "2011", "year"),
    ("Shells landed at 2 p.m. near the market.", "2023-09-01", "2 p.m.", "2023-09-01", "day"),
    ("The camp was built in May 2010.", "2023-09-01", "May 2010", "2010-05", "month"),
    ("Clashes erupted late last July.", "2023-03-22", "late last July", "2022-07", "month"),
    ("Profits fell in the third quarter.", "2023-11-02", "the third quarter", "2023", "year"),
    ("The ceasefire collapsed yesterday.", "2023-03-01", "yesterday", "2023-02-28", "day"),
    ("The plant closed on March 01 , 2008 .", "2023-03-01", "March 01 , 2008", "2008-03-01", "day"),
    ("Talks began on Friday , 3 March , 2006 in Lima .", "2023-03-01", "Friday , 3 March , 2006", "2006-03-03", "day"),
])
def test_times_relative_expressions_normalize(make_parsed, text, published, expression, value, precision):
    mention = _mention(extract_times(make_parsed(text, published=published)), expression)
    assert (mention.value, mention.precision) == (value, precision)


def test_times_durations_are_not_timeline_points(make_parsed):
    mentions = extract_times(make_parsed("Strikes went on for the past two weeks.", published="2023-09-01"))
    assert all("two weeks" not in m.text for m in mentions)


def test_times_may_the_verb_is_not_a_month(make_parsed):
    mentions = extract_times(make_parsed("May the talks succeed. Aid may arrive in May.", published="2023-03-01"))
    assert [m.text for m in mentions] == ["May"] and mentions[0].start > 25


def test_times_without_publication_keep_text_and_no_value(make_parsed):
    mentions = extract_times(make_parsed("Troops withdrew on Friday and last week.", published=None))
    assert {m.text for m in mentions} == {"Friday", "last week"}
    assert all(m.value is None for m in mentions)


@pytest.mark.parametrize("sentence", [
    "Rebels attacked the post on {wd}.", "The army said it had shelled the town on {wd}.",
    "Israel struck the site on Dec. {day}.", "Militants seized the base on Jan. {day}.",
])
@pytest.mark.parametrize("published", ["2023-01-02", "2023-09-01", "2024-02-29", "2023-12-31"])
def test_times_past_tense_never_resolves_after_publication(make_parsed, sentence, published):
    for wd, day in zip(("Monday", "Wednesday", "Friday", "Sunday"), (1, 5, 20, 31)):
        text = sentence.format(wd=wd, day=day)
        parsed = make_parsed(text, published=published)
        for mention in extract_times(parsed):
            assert mention.value is not None
            assert tr.value_start(mention.value) <= date.fromisoformat(published), (text, mention)


def test_times_actual_event_skips_a_date_after_publication(make_parsed):
    text = "Israel struck the site on Sept. 5."
    parsed = make_parsed(text, published="2023-09-01")
    future = TimeMention("Sept. 5", text.index("Sept."), len(text) - 1, "2023-09-05", "day")
    dated = date_events(parsed, [_event(parsed, "struck")], times=[future])
    assert (dated[0].date, dated[0].date_precision) == ("2023-09-01", "reported")
    planned = date_events(parsed, [_event(parsed, "struck", modality="planned")], times=[future])
    assert planned[0].date == "2023-09-05"


def test_times_thin_event_is_dated_by_its_report_never_as_a_day(make_parsed):
    text = "Gunmen attacked a checkpoint near the border."
    parsed = make_parsed(text, published="2023-09-01")
    dated = date_events(parsed, [_event(parsed, "attacked")], times=extract_times(parsed))
    assert (dated[0].date, dated[0].date_precision) == ("2023-09-01", "reported")
    planned = date_events(parsed, [_event(parsed, "attacked", modality="planned")], times=extract_times(parsed))
    assert planned[0].date is None and planned[0].date_precision is None
    unpublished = make_parsed(text, published=None)
    assert date_events(unpublished, [_event(unpublished, "attacked")], times=[])[0].date is None


def test_times_report_day_bounds_an_undated_event(make_parsed):
    text = "Rebels shelled the market in Goma, the army said on Tuesday."
    parsed = make_parsed(text, published="2023-09-01")
    dated = date_events(parsed, [_event(parsed, "shelled")], times=extract_times(parsed))
    assert (dated[0].date, dated[0].date_precision) == ("2023-08-29", "reported")


def test_times_story_anchor_dates_the_sentences_that_continue_it(make_parsed):
    text = ("Protesters blocked the main road into the capital. They burned tyres near the ministry.\n"
            "Police arrested twelve people on Wednesday evening, officials said.\n"
            "The group had staged a similar march. It will march again next week.")
    parsed = make_parsed(text, published="2023-09-01")
    events = [_event(parsed, "blocked", event_type="PROTEST"), _event(parsed, "burned", event_type="PROTEST"),
              _event(parsed, "staged", event_type="PROTEST"),
              _event(parsed, "march", event_type="PROTEST", modality="planned", occurrence="march again")]
    dated = date_events(parsed, events, times=extract_times(parsed))
    assert [(e.date, e.date_precision) for e in dated[:2]] == [("2023-08-30", "day")] * 2
    assert (dated[2].date, dated[2].date_precision) == ("2023-09-01", "reported")  # had staged: before the story
    assert dated[3].date != "2023-08-30"  # a plan does not inherit the story's past day


def test_times_paragraph_anchor_beats_the_story_anchor(make_parsed):
    text = ("Troops shelled the port on Aug. 30.\n"
            "Earlier this month, rebels seized a bridge. They destroyed the crossing.")
    parsed = make_parsed(text, published="2023-09-01")
    dated = date_events(parsed, [_event(parsed, "destroyed")], times=extract_times(parsed))
    assert (dated[0].date, dated[0].date_precision) == ("2023-09", "month")


def test_times_hostile_input_is_bounded(make_parsed):
    assert tag_times("", "2023-09-01") == []
    assert extract_times(make_parsed("", published="2023-09-01")) == []
    shouting = tag_times("ON FRIDAY, AUG. 31, TROOPS LEFT; 2023 WAS HARD.", "2023-09-01")
    assert any(t.value == "2023" for t in shouting)
    huge = " ".join(["troops moved on Friday and in 2019 while talks"] * 250)  # 2,000 words, no period
    started = time.perf_counter()
    found = tag_times(huge, "2023-09-01")
    assert time.perf_counter() - started < 5
    assert len(found) == 500
    assert tag_times("Friday", "not a date")[0].value is None


def test_time_resolve_weekday_same_day_and_last():
    friday = date(2023, 9, 1)
    assert tr.weekday(4, friday, None) == friday
    assert tr.weekday(4, friday, None, "last") == date(2023, 8, 25)
    assert tr.weekday(0, friday, "future") == date(2023, 9, 4)


def test_time_resolve_month_day_crosses_the_year():
    assert tr.month_day(12, 31, date(2025, 1, 3), None) == date(2024, 12, 31)
    assert tr.month_day(1, 2, date(2024, 12, 30), None) == date(2025, 1, 2)
    assert tr.month_day(1, 2, date(2024, 12, 30), "past") == date(2024, 1, 2)
    assert tr.month_day(2, 30, date(2024, 1, 1), None) is None


def test_time_resolve_mention_values_cut_to_contract_precision():
    assert tr.to_mention_value("2013-03-22TAF") == ("2013-03-22", "day")
    assert tr.to_mention_value("2013-W11-WE") == ("2013-W11", "week")
    assert tr.to_mention_value("1989-Q3") == ("1989", "year")
    assert tr.to_mention_value("PRESENT_REF") == (None, None)
    assert tr.value_end("2024-02") == date(2024, 2, 29)


def test_times_single_word_sets_are_yearly():
    found = {t.text: (t.type, t.value) for t in
             tag_times("The fair is held annually; the board meets every week and reports yearly.", "2023-09-01")}
    assert found["annually"] == ("SET", "P1Y") and found["yearly"] == ("SET", "P1Y")
    assert found["every week"] == ("SET", "P1W")


def test_times_story_anchor_never_passes_the_sentence_report_day(make_parsed):
    text = ("Rebels shelled the port on Wednesday.\n"
            "The army cited fresh recruits from the north on Tuesday. Troops seized the bridge.")
    parsed = make_parsed(text, published="2023-09-01")
    events = [_event(parsed, "recruits", event_type="MOBILIZE"), _event(parsed, "seized", event_type="COERCE")]
    dated = date_events(parsed, events, times=extract_times(parsed))
    assert (dated[0].date, dated[0].date_precision) == ("2023-08-29", "reported")
    assert (dated[1].date, dated[1].date_precision) == ("2023-08-30", "day")


def test_times_past_perfect_background_is_no_story_anchor(make_parsed):
    text = ("The decree, which had been issued two weeks ago, was read out in Jakarta.\n"
            "The minister has banned the imports.")
    parsed = make_parsed(text, published="2023-09-01")
    dated = date_events(parsed, [_event(parsed, "banned", event_type="SANCTION")], times=extract_times(parsed))
    assert (dated[0].date, dated[0].date_precision) == ("2023-09-01", "reported")


def test_times_ongoing_event_is_on_the_publication_day_and_a_month_can_anchor(make_parsed):
    text = "Investigators are searching the shop. Its owner was robbed late last month, police said."
    parsed = make_parsed(text, published="2023-09-01")
    ongoing = date_events(parsed, [_event(parsed, "searching", event_type="COERCE")], times=extract_times(parsed))
    assert (ongoing[0].date, ongoing[0].date_precision) == ("2023-09-01", "day")
    text = "Rebels took the town. The assault last month followed a long siege."
    parsed = make_parsed(text, published="2023-09-12")
    took = date_events(parsed, [_event(parsed, "took", event_type="COERCE")], times=extract_times(parsed))
    assert (took[0].date, took[0].date_precision) == ("2023-08", "month")
    old = make_parsed(text, published="2023-11-12")  # "last month" is October: recent again
    stale = make_parsed("Rebels took the town. The assault in March followed a long siege.", published="2023-11-12")
    assert date_events(old, [_event(old, "took", event_type="COERCE")], times=extract_times(old))[0].date == "2023-10"
    assert date_events(stale, [_event(stale, "took", event_type="COERCE")],
                       times=extract_times(stale))[0].date_precision == "reported"


def test_tense_of_an_ing_word_under_a_root_preposition_returns():
    """A line-broken fragment ("with tourists, killing four …") can make a preposition the root: the
    verb whose tense an "-ing" word takes is found in a few steps, never by walking the root's head
    (spaCy hands out a new Token on each ``.head``: a loop that compared objects never ended)."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from storyworld.extract.times.event_dates import tensed_verb

    words = ["with", "tourists", ",", "killing", "four", "guards"]
    doc = Doc(Vocab(), words=words, heads=[0, 0, 0, 0, 5, 3], deps=["ROOT", "pobj", "punct", "conj", "nummod", "dobj"],
              pos=["ADP", "NOUN", "PUNCT", "VERB", "NUM", "NOUN"], tags=["IN", "NNS", ",", "VBG", "CD", "NNS"])
    found = []
    worker = threading.Thread(target=lambda: found.append(tensed_verb(doc[3])), daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "tensed_verb did not return"
    assert found[0].i == 3  # no verb above it: the word keeps its own (no) tense
