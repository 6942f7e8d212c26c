"""Every registered extraction rule, checked on its own examples (generated from the registry).

For each rule: every example holds when the rule is on, and at least one of them comes out
differently when the rule alone is switched off (so the examples exercise that rule, not another).
"""

from __future__ import annotations

import json

import pytest

from storyworld import rules
from storyworld.eval.rules import check_example, needed, registered

RULES = registered()


def test_every_rule_has_an_example_and_a_source():
    assert RULES, "no rule is registered"
    for r in RULES:
        assert r.examples, f"{r.key} has no example"
        assert r.source.strip(), f"{r.key} names no source"
        assert r.doc, f"{r.key} has no docstring saying what it decides"


@pytest.mark.slow
@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.key)
def test_rule_examples_hold(rule):
    for example in rule.examples:
        ok, items = check_example(rule, example)
        assert ok, (f"{rule.key}: {example.text!r} should give {example.expected}; got\n"
                    + "\n".join(json.dumps(i, ensure_ascii=False) for i in items))


@pytest.mark.slow
@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.key)
def test_rule_is_needed_by_its_examples(rule):
    assert needed(rule), f"{rule.key}: switched off, every example still holds: the examples do not exercise it"


def test_switching_a_rule_off_is_undone():
    r = RULES[0]
    with rules.disabled(r.key):
        assert r.key in rules._OFF
    assert r.key not in rules._OFF


def test_an_unknown_rule_cannot_be_switched_off():
    with pytest.raises(KeyError):
        with rules.disabled("events/no-such-rule"):
            pass
