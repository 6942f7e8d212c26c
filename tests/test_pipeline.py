from __future__ import annotations

import signal
import time

import pytest

from storyworld.errors import StageError
from storyworld.pipeline import Pipeline, check_order
from storyworld.registry import StageSpec, all_stages, get_stage


def test_pipeline_refuses_a_stage_before_what_it_needs():
    with pytest.raises(StageError, match="E302"):
        Pipeline(stages=("events.v1", "actors.v1"))
    with pytest.raises(StageError, match="events"):
        check_order([get_stage("actors.v1"), get_stage("events.date.v1")])


def test_pipeline_default_order_is_valid_and_registered():
    pipeline = Pipeline()
    assert set(pipeline.stages) <= set(all_stages())
    assert all("." in name and name.rsplit(".", 1)[1].startswith("v") for name in pipeline.stages)


def test_pipeline_a_stage_sees_only_the_parts_it_requires(make_parsed, monkeypatch):
    """A stage that reads a part its spec does not declare fails loudly, even when an earlier
    stage assigned that part: the order check can then prove the real dependencies."""
    from storyworld import registry

    def reads_actors(parsed, parts):
        return tuple(parts["actors"])

    monkeypatch.setitem(registry._STAGES, "test.undeclared.v1",
                        StageSpec("test.undeclared.v1", reads_actors, requires=("doc.ents",), assigns="extra"))
    monkeypatch.setitem(registry._STAGES, "test.declared.v1",
                        StageSpec("test.declared.v1", reads_actors, requires=("actors",), assigns="extra"))
    parsed = make_parsed("Israeli jets struck a site near Masyaf on Friday.")
    with pytest.raises(StageError, match=r"E301.*test\.undeclared\.v1.*KeyError.*actors") as info:
        Pipeline(stages=("actors.v1", "test.undeclared.v1")).run_stages(parsed)
    assert info.value.stage == "test.undeclared.v1"
    Pipeline(stages=("actors.v1", "test.declared.v1")).run_stages(parsed)  # declared: the same stage works
    with pytest.raises(StageError, match="E302"):
        Pipeline(stages=("test.declared.v1", "actors.v1"))  # and its order is checked


def test_pipeline_stage_failure_names_the_stage_and_the_document(make_parsed, monkeypatch):
    from storyworld.extract import times

    def broken(parsed):
        raise ValueError("bad calendar")

    monkeypatch.setattr(times, "extract_times", broken)
    with pytest.raises(StageError, match=r"E301.*times\.v1.*bad calendar") as info:
        Pipeline().run_stages(make_parsed("Israel struck a site on Friday."))
    assert info.value.stage == "times.v1"


@pytest.mark.slow  # runs the spaCy model
def test_pipeline_run_keeps_going_past_a_failing_document(monkeypatch):
    from storyworld.ingest import read_bytes_input
    from storyworld.extract import times

    real = times.extract_times

    def flaky(parsed):
        if "explode" in parsed.document.text:
            raise ValueError("boom")
        return real(parsed)

    monkeypatch.setattr(times, "extract_times", flaky)
    raws = [read_bytes_input(t.encode(), name=f"doc{i}") for i, t in enumerate(
        ["Protesters marched in Nairobi on Monday, police said.",
         "This one will explode inside a stage, officials said on Monday.",
         "Troops withdrew from the town of Bakhmut on Tuesday, the ministry said."])]
    outcomes = list(Pipeline().run(raws))
    assert [o.name for o in outcomes] == ["doc0", "doc1", "doc2"]
    assert outcomes[0].analysis and outcomes[2].analysis
    assert outcomes[1].error is not None and "doc1" in str(outcomes[1].error)


def test_pipeline_marks_non_english_as_skipped():
    from storyworld.ingest import read_bytes_input

    raw = read_bytes_input("Les manifestants ont défilé dans les rues de Paris samedi pour protester contre "
                           "la réforme des retraites, selon la police.".encode(), name="fr.txt")
    (outcome,) = Pipeline().run([raw])
    assert outcome.analysis is None and outcome.document.language == "fr"
    assert "E008" in outcome.skipped_reason


def test_hyphenated_event_nouns_stay_one_noun(nlp):
    """"sit-in" split into "sit - in" hides the protest from the events stage; any case, either number."""
    doc = nlp('They staged a sit-in. "Sit-ins" spread, and a gun-battle followed (a shoot-out).')
    words = {t.text: t.pos_ for t in doc}
    assert words["sit-in"] == words["Sit-ins"] == words["gun-battle"] == words["shoot-out"] == "NOUN"
    assert "-" not in words


def _slow_stage(monkeypatch, *, pause):
    """A stage ``test.slow.v1`` that takes ``pause(seconds)`` on a text with "slow" in it;
    returns the list to which it appends once it has run to its end."""
    from storyworld import registry

    finished: list[str] = []

    def slow(parsed, parts):
        if "slow" in parsed.document.text:
            pause(30)
        finished.append(parsed.document.origin)
        return ()

    monkeypatch.setitem(registry._STAGES, "test.slow.v1",
                        StageSpec("test.slow.v1", slow, requires=("doc.ents",), assigns="extra"))
    return finished


def _busy(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


@pytest.mark.slow  # runs the spaCy model
def test_pipeline_a_document_past_its_budget_is_stopped_in_its_stage_and_skipped(monkeypatch):
    """In the main thread the timer signal stops the stage where it is: a stage that grows with the
    square of a text cannot run on for minutes past the budget."""
    from storyworld.ingest import read_bytes_input

    finished = _slow_stage(monkeypatch, pause=_busy)
    raws = [read_bytes_input(text.encode(), name=name) for name, text in [
        ("slow.txt", "A slow report: protesters marched in Nairobi on Monday, police said."),
        ("fast.txt", "Troops withdrew from the town on Tuesday, the ministry said.")]]
    slow, fast = Pipeline(stages=("actors.v1", "test.slow.v1"), max_seconds=1).run(raws)
    assert str(slow.error).startswith("[E026] slow.txt: skipped: too slow — analysis ran past 1 s (in test.slow.v1)")
    assert slow.analysis is None and fast.analysis is not None
    assert finished == ["fast.txt"]  # the slow stage never ran to its end


@pytest.mark.slow  # runs the spaCy model
def test_pipeline_budget_outside_the_main_thread_is_checked_after_each_stage(monkeypatch):
    """The API analyses in worker threads, which no signal reaches: there the budget is checked
    when the stage returns."""
    import threading

    from storyworld.ingest import read_bytes_input

    finished = _slow_stage(monkeypatch, pause=lambda seconds: time.sleep(1.5))
    raw = read_bytes_input(b"A slow report: protesters marched in Nairobi on Monday, police said.", name="slow.txt")
    outcomes = []
    worker = threading.Thread(target=lambda: outcomes.extend(
        Pipeline(stages=("actors.v1", "test.slow.v1"), max_seconds=1).run([raw])))
    worker.start()
    worker.join()
    assert "[E026]" in str(outcomes[0].error) and finished == ["slow.txt"]


def test_pipeline_budget_zero_is_no_limit_and_restores_the_signal_handler():
    import signal

    from storyworld.pipeline import Budget

    before = signal.getsignal(signal.SIGALRM)
    budget = Budget(0, name="x")
    with budget.running("body"):
        _busy(0.01)
    budget.check("stage")  # no limit: never too slow
    timed = Budget(30, name="y")
    with timed.running("body"):
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
    assert signal.getsignal(signal.SIGALRM) == before and signal.getitimer(signal.ITIMER_REAL)[0] == 0


@pytest.mark.slow  # runs the spaCy model
def test_pipeline_a_long_text_is_parsed_alone_on_its_own_budget():
    """A text over PARSE_ALONE characters is parsed on its own and its parse counts against its
    budget; the short texts of its batch are parsed together, as before."""
    from storyworld.ingest import read_bytes_input
    from storyworld.pipeline import PARSE_ALONE

    paragraph = "Troops shelled the village of Kora on Tuesday and residents fled north, officials said. " * 6
    long_text = "\n\n".join([paragraph] * (PARSE_ALONE // len(paragraph) + 40))
    raws = [read_bytes_input(b"Protesters marched in Nairobi on Monday, police said.", name="short.txt"),
            read_bytes_input(long_text.encode(), name="long.txt")]
    short, long_outcome = Pipeline(max_seconds=1).run(raws)
    assert short.analysis is not None
    assert str(long_outcome.error).startswith("[E026] long.txt: skipped: too slow — analysis ran past 1 s (in the parse)")


@pytest.mark.slow  # runs the spaCy model
def test_pipeline_an_interrupt_that_is_swallowed_comes_again(monkeypatch):
    """An exception raised inside a garbage collector's callback, a __del__ or a bare ``except:``
    is dropped; the timer fires again until the stage stops."""
    from storyworld.ingest import read_bytes_input

    swallowed = []

    def stubborn(seconds):
        try:
            _busy(seconds)
        except BaseException:  # noqa: BLE001 (as a careless library would)
            swallowed.append(True)
        _busy(seconds)

    finished = _slow_stage(monkeypatch, pause=stubborn)
    raw = read_bytes_input(b"A slow report: protesters marched in Nairobi on Monday, police said.", name="slow.txt")
    (outcome,) = Pipeline(stages=("actors.v1", "test.slow.v1"), max_seconds=1).run([raw])
    assert "[E026]" in str(outcome.error) and swallowed == [True] and finished == []


@pytest.mark.slow  # runs the spaCy model
def test_pipeline_warm_up_is_outside_every_documents_budget(monkeypatch):
    """What a stage loads on first use (the gazetteer is built then, a minute on a fresh install)
    is loaded once before the first document's budget starts: it never makes that document E026."""
    from storyworld import registry
    from storyworld.ingest import read_bytes_input

    warmed: list[int] = []

    def warm():
        _busy(1.5)  # longer than the whole budget below
        warmed.append(1)

    monkeypatch.setitem(registry._STAGES, "test.warm.v1",
                        StageSpec("test.warm.v1", lambda parsed, parts: (), requires=("doc.ents",),
                                  assigns="extra", warm=warm))
    raws = [read_bytes_input(text.encode(), name=name) for name, text in [
        ("first.txt", "Protesters marched in Nairobi on Monday, police said."),
        ("second.txt", "Troops withdrew from the town on Tuesday, the ministry said.")]]
    pipeline = Pipeline(stages=("test.warm.v1",), max_seconds=1)
    first, second = pipeline.run(raws)
    assert first.error is None and first.analysis is not None
    assert second.error is None and second.analysis is not None
    assert warmed == [1]  # once per pipeline
    assert pipeline.timings["warm-up"] >= 1.5


def test_budget_alarm_does_not_raise_again_while_the_first_is_on_its_way_out():
    """The timer fires again every 0.1 s until disarmed (a raise inside a gc callback is dropped),
    but not while its first _OutOfTime is being handled: a second one raised inside the budget's
    own __exit__ escaped every handler (the fuzzer found it on a loaded machine)."""
    from storyworld.pipeline import _Alarm, _OutOfTime

    raised = 0
    alarm = _Alarm.arm(0.01)
    assert alarm is not None
    try:
        try:
            _busy(1)
        except _OutOfTime:
            raised += 1
            try:
                _busy(0.35)  # unwinding slowly: the timer fires again meanwhile
            except _OutOfTime:
                raised += 1
    finally:
        alarm.disarm()
    assert raised == 1
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0
