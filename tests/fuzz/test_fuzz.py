"""Fuzzing as tests: every reader and ``analyze`` briefly on each run (the long runs are
``tools/fuzz.py``'s), and every input a fuzz run or the issue found, replayed from ``corpus/``.

Any bytes in, a RawInput, a Document, an Analysis or a coded StoryworldError out, never another
exception and never an E020 (a guard catching what nobody expected); in a batch, every good
article among fuzzed files is stored.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).parent / "corpus"


def _load_fuzz():
    spec = importlib.util.spec_from_file_location("storyworld_fuzz", REPO / "tools" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


FUZZ = _load_fuzz()
def brief(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def targets():
    return FUZZ.Targets()


def _no_finding(finding) -> None:
    assert finding is None, f"{finding.kind}: {finding.detail}"


@brief(300)
@given(FUZZ.STRATEGIES["files"])
def test_fuzz_every_reader_yields_inputs_or_coded_errors(targets, example):
    _no_finding(targets.files(example))


@brief(200)
@given(FUZZ.STRATEGIES["fetch"])
def test_fuzz_a_fetched_response_of_any_bytes_gives_an_input_or_a_coded_error(targets, example):
    _no_finding(targets.fetch(example))


@brief(300)
@given(FUZZ.STRATEGIES["body"])
def test_fuzz_the_body_step_gives_a_document_or_a_coded_error(targets, example):
    _no_finding(targets.body(example))


@pytest.mark.slow  # runs the spaCy model
@brief(40)
@given(FUZZ.STRATEGIES["analyze"])
def test_fuzz_analyze_gives_an_analysis_or_a_coded_error(targets, example):
    _no_finding(targets.analyze(example))


@pytest.mark.slow  # runs the spaCy model
@brief(8)
@given(FUZZ.STRATEGIES["batch"])
def test_fuzz_a_batch_loses_no_good_article_among_fuzzed_files(targets, example):
    _no_finding(targets.batch(example))


CASES = sorted(p for p in CORPUS.iterdir() if p.name.split("-", 1)[0] in FUZZ.STRATEGIES)
NEEDS_MODEL = {"analyze", "batch"}


@pytest.mark.parametrize("path", [pytest.param(p, marks=[pytest.mark.slow] if p.name.split("-", 1)[0] in NEEDS_MODEL
                                               else []) for p in CASES], ids=[p.name for p in CASES])
def test_fuzz_corpus_replays_without_a_finding(path):
    failures = FUZZ.replay(path.parent, only=path.name)
    assert failures == [], failures


def test_fuzz_corpus_has_a_case_for_each_failure_the_issue_lists():
    names = {p.name for p in CASES}
    for listed in ("files-utf16-lone-surrogate.txt", "files-jsonl-lone-surrogate.jsonl",
                   "files-jsonl-nested-20000.jsonl", "files-warc-without-target-uri.warc",
                   "files-gzip-bomb-32mb.warc.gz"):
        assert listed in names
