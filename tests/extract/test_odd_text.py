"""Odd text never crashes a stage, and what comes out still honours the contract (issue 4)."""

from __future__ import annotations

import pytest

from storyworld.contract.serialize import to_dict, validate

LONG_SENTENCE = ("Troops moved north and " * 500) + "the army said it shelled positions near Kharkiv."
LIST = "\n".join(f"- {i}. Police detained {i} protesters in Tbilisi, the ministry said." for i in range(1, 40))
TABLE = "\n".join(f"Kharkiv | {i} | drones | struck | {2020 + i % 5}-0{1 + i % 9}-1{i % 9}" for i in range(60))
CAPS = "RUSSIA DEMANDS IRANIAN MILITIAS WITHDRAW FROM HAMA, ASHARQ AL-AWSAT REPORTS\n\nISRAEL STRUCK MASYAF."
NESTED_QUOTES = ('"He told me, \'They said "withdraw now" and then they struck,\' and left," '
                 'a resident said, according to "Ynet" and \'the source\'.')
UNBALANCED = '"We will respond," Kanyuka said. "They fired first. ” ― \n\n“ “ ” said: : according to'


@pytest.mark.parametrize("text", [LONG_SENTENCE, LIST, TABLE, CAPS, NESTED_QUOTES, UNBALANCED],
                         ids=["2000-word-sentence", "list", "flattened-table", "all-caps", "nested-quotes",
                              "unbalanced-quotes"])
def test_odd_text_runs_every_stage_and_validates(make_parsed, text):
    from storyworld.pipeline import Pipeline

    analysis = Pipeline().run_stages(make_parsed(text, published="2024-05-01", outlet="Test Wire"))
    validate(to_dict(analysis))
    for claim in analysis.claims:
        assert text[claim.start:claim.end] == claim.text
        if claim.content is not None:
            assert text[claim.content.start:claim.content.end] == claim.content.text
    for event in analysis.events:
        assert text[event.evidence.start:event.evidence.end] == event.evidence.text


def test_a_list_of_reports_keeps_each_item_apart(make_parsed):
    from storyworld.pipeline import Pipeline

    analysis = Pipeline().run_stages(make_parsed(LIST, published="2024-05-01"))
    assert all("\n" not in c.text for c in analysis.claims)
    assert len(analysis.claims) >= 30  # one per line: a line break ends a sentence
