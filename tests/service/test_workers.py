"""`storyworld ingest --workers N`: the same store whatever N, nothing added twice, nothing lost
to a bad file or a dead worker, and progress a log can follow."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from storyworld.ingest import count_files, read_bytes_input
from storyworld.service import ingest, resolve_settings
from storyworld.service import workers
from storyworld.service.workers import NOT_RUN, WorkerPool, worth_workers
from storyworld.store import Store
from storyworld.store.content import store_content

DEMO = Path(__file__).resolve().parents[2] / "demo"


def _ingest(folder: Path, db: Path, *, workers: int):
    with Store.open(db) as store:
        report = ingest([folder], store=store, meta=DEMO, workers=workers)
        return report, store_content(store)


@pytest.mark.slow  # runs the spaCy model, in this process and in two workers
def test_workers_store_the_same_content_whatever_their_number(tmp_path, monkeypatch):
    monkeypatch.setattr(workers, "PAYS_OFF", 1)  # 32 files: worth two workers, whatever the threshold
    folder = tmp_path / "articles"
    shutil.copytree(DEMO / "articles", folder)  # a near-duplicate, an article in French, outlets with homes
    (folder / "sw-broken.html").write_bytes(b"\x00\x01\x02" * 100)  # a bad file among good ones
    files: list[int] = []

    one, one_content = _ingest(folder, tmp_path / "one.db", workers=1)
    with Store.open(tmp_path / "two.db") as store:
        two = ingest([folder], store=store, meta=DEMO, workers=2, on_files_done=files.append)
        two_content = store_content(store)

    assert two_content == one_content
    assert (two.added, two.duplicates, two.skipped, two.events) == (one.added, one.duplicates, one.skipped, one.events)
    assert two.added == 29 and two.duplicates == 1 and two.skipped == 1
    assert two.failed == one.failed and len(two.failed) == 1 and "sw-broken.html" in two.failed[0]
    assert files == sorted(files) and files[-1] == count_files([folder]) == 32

    again, again_content = _ingest(folder, tmp_path / "two.db", workers=2)
    assert again.added == 0 and again.duplicates == 0 and again.existing == 31 and len(again.failed) == 1
    assert again_content == one_content
    assert again.timings.get("parse", 0.0) == 0.0  # the workers found every article stored before parsing it


def _raw(name: str):
    return read_bytes_input(f"Text of {name}.".encode(), name=name, origin="text")


def test_workers_a_dead_worker_costs_its_articles_one_error_each(monkeypatch):
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    import dying_worker
    from storyworld.extract.outlet_homes import OutletHomes

    names = ["a.txt", "b.txt", "c-die.txt", "d.txt", "e.txt", "f.txt"]
    with WorkerPool(2, settings=resolve_settings(), chunk=1, start=dying_worker.start,
                    task=dying_worker.analyse) as pool:
        done = list(pool.run(((i, _raw(name)) for i, name in enumerate(names)), homes=OutletHomes()))
        assert pool.restarts >= 2  # the death, then the chunk tried again alone
    assert [item.outcome.name for item in done] == names  # in input order, none lost
    failed = {item.outcome.name: str(item.outcome.error) for item in done if item.outcome.error is not None}
    assert list(failed) == ["c-die.txt"]
    assert failed["c-die.txt"].startswith("[E028] c-die.txt: the worker process analysing it died")
    assert "--workers 1" in failed["c-die.txt"]


class _FakePool:
    """Hands back what a worker would have, with the outlet home it was given."""

    def __init__(self, given: list):
        self.given, self.again = given, []

    def run(self, inputs, *, homes):
        from storyworld.service.workers import Analysed

        for (tag, raw), (outcome, home) in zip(inputs, self.given):
            yield Analysed(tag, raw, outcome, home, False)

    def analyse_again(self, raw, *, home):
        from storyworld.errors import InputError
        from storyworld.pipeline import Outcome
        from storyworld.service.workers import Analysed

        self.again.append((raw.name, home))
        return Analysed(None, raw, Outcome(name=raw.name, error=InputError("[E020] analysed again")), home, False)


def test_workers_an_article_given_another_outlet_home_is_analysed_again(fresh_store):
    from storyworld.errors import InputError
    from storyworld.pipeline import Outcome
    from storyworld.service.ingest import store_in_order
    from storyworld.types import Document

    def outcome(name):
        document = Document(id=name * 8, text=f"Text of {name}.", url=f"https://paper.example/{name}",
                            language="en")
        return Outcome(name=name, document=document, error=InputError("[E026] first try"))

    # the writer knows no home for paper.example yet: the first worker guessed one, the second none,
    # the third never reached the stages (its marker comes back from another process: equal, not identical)
    pool = _FakePool([(outcome("a"), "US.TX"), (outcome("b"), None), (outcome("c"), pickle.loads(pickle.dumps(NOT_RUN)))])
    done = list(store_in_order([(1, _raw("a")), (2, _raw("b")), (3, _raw("c"))], store=fresh_store, pool=pool))
    assert pool.again == [("a", None)]
    assert [(tag, str(o.error)) for tag, o, _result in done] == [
        (1, "[E020] analysed again"), (2, "[E026] first try"), (3, "[E026] first try")]


def test_workers_a_model_not_installed_stops_the_ingest_as_with_one_process(tmp_path, fresh_store, monkeypatch):
    from storyworld.errors import ConfigError

    monkeypatch.setattr(workers, "PAYS_OFF", 1)

    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"An article about Kenya, called {name}.", encoding="utf-8")
    settings = {**resolve_settings(), "model": "no_such_model"}
    with pytest.raises(ConfigError, match=r"^\[E203\] spaCy pipeline 'no_such_model' is not installed"):
        ingest([tmp_path / "a.txt", tmp_path / "b.txt"], store=fresh_store, settings=settings, workers=2)


def test_workers_a_few_articles_are_analysed_in_this_process():
    few, workers = worth_workers(range(5), 2)
    assert workers == 1 and list(few) == list(range(5))
    many, workers = worth_workers(iter(range(100)), 2)
    assert workers == 2 and list(many) == list(range(100))


def test_workers_that_die_before_any_work_stop_the_ingest(monkeypatch):
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    import dying_worker
    from storyworld.errors import ConfigError
    from storyworld.extract.outlet_homes import OutletHomes

    with WorkerPool(2, settings=resolve_settings(), chunk=1, start=dying_worker.start,
                    task=dying_worker.analyse) as pool:
        with pytest.raises(ConfigError, match=r"^\[E029\] worker processes die before they analyse anything"):
            list(pool.run(((i, _raw(f"{i}-die.txt")) for i in range(4)), homes=OutletHomes()))
