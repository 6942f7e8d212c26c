from __future__ import annotations

import pytest

from storyworld.extract.modality import modality_of


@pytest.mark.parametrize("text, trigger, expected", [
    ("The army attacked the village.", "attacked", "actual"),
    ("The army did not attack the village.", "attack", "negated"),
    ("The army never attacked the village.", "attacked", "negated"),
    ("The rebels could attack the town.", "attack", "hypothetical"),
    ("The rebels would attack if the talks failed.", "attack", "hypothetical"),
    ("Leaders urged the junta to withdraw its soldiers.", "withdraw", "requested"),
    ("The group threatened to attack any ship.", "attack", "threatened"),
    ("The ministers will meet in Doha.", "meet", "planned"),
    ("The army denied attacking the village.", "attacking", "negated"),
])
def test_modality_of(nlp, text, trigger, expected):
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    assert modality_of(token) == expected
