"""The parse: one model load, documents parsed in order, news words kept whole, paragraphs kept apart."""

from __future__ import annotations

import pytest

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
