"""The extraction rules: each a named decision with the examples that justify it and where they came from.

A rule is a function of the extract stages that decides something a reader could argue with ("a
participle that modifies a noun is background, not an event"; "a country that aid goes to is a
party, not where it happened"). Registering it makes it visible and testable::

    @rule("events", "participle-modifier",
          examples=[("The detained protesters were released on Monday.", {"not": {"type": "COERCE"}}),
                    ("Police detained the protesters on Monday.", {"type": "COERCE"})],
          source="demo corpus", off=False)
    def participle_modifier(token) -> bool: ...

- ``examples`` are (text, expected) pairs run through the whole pipeline; ``expected`` is checked
  against the stage's items (``storyworld.eval.rules`` says how): a dict of fields that some item has,
  or ``{"not": {...}}`` for fields that no item has.
- ``source`` names the data the rule was made or tuned on ("acled-dev round 5", "PolNeAR dev", …).
- ``off`` is what the rule returns when it is switched off (``disabled(...)``): the answer the code
  would give without it. The generated test switches each rule off and checks that at least one of its
  examples then comes out differently, so every example really exercises its rule. ``IDENTITY`` returns
  the first argument unchanged (for rules that filter or rewrite a list).

``storyworld rules`` lists the registry; ``storyworld eval rules`` scores every example.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

STAGES = ("body", "actors", "places", "times", "claims", "events", "modality", "event-places", "event-dates",
          "casualties")


class _Identity:
    def __repr__(self) -> str:
        return "IDENTITY"


IDENTITY = _Identity()  # off-value: return the first argument unchanged


@dataclass(frozen=True)
class Example:
    """One text and what the stage must say about it. ``view`` names the items checked when they are not
    the rule's own stage's (a modality rule checks events); ``published`` anchors relative dates."""

    text: str
    expected: dict
    view: str | None = None
    published: str | None = None

    def to_dict(self) -> dict:
        out: dict[str, Any] = {"text": self.text, "expected": self.expected}
        if self.view:
            out["view"] = self.view
        if self.published:
            out["published"] = self.published
        return out


@dataclass(frozen=True)
class Rule:
    stage: str
    id: str
    examples: tuple[Example, ...]
    source: str
    func: Callable = field(compare=False, repr=False)
    off: Any = field(default=None, compare=False, repr=False)
    doc: str = ""

    @property
    def key(self) -> str:
        return f"{self.stage}/{self.id}"

    def to_dict(self) -> dict:
        return {"stage": self.stage, "id": self.id, "source": self.source, "doc": self.doc,
                "examples": [e.to_dict() for e in self.examples]}


_RULES: dict[str, Rule] = {}
_OFF: frozenset[str] = frozenset()  # keys of the rules switched off (empty in normal runs)
_CACHES: list[Callable] = []  # caches whose values depend on rules: cleared when rules are switched


def _example(item) -> Example:
    if isinstance(item, Example):
        return item
    text, expected, *rest = item
    return Example(text, expected, *rest)


def rule(stage: str, id: str, *, examples, source: str, off: Any = None) -> Callable:
    """Register ``func`` as the rule ``stage/id`` (see the module docstring)."""
    if stage not in STAGES:
        raise ValueError(f"rule {id!r}: unknown stage {stage!r} (one of {', '.join(STAGES)})")
    examples = tuple(_example(e) for e in examples)
    if not examples:
        raise ValueError(f"rule {stage}/{id} has no example")

    def register(func: Callable) -> Callable:
        key = f"{stage}/{id}"
        if key in _RULES and _RULES[key].func.__qualname__ != func.__qualname__:
            raise ValueError(f"rule {key} is registered twice")
        doc = " ".join((func.__doc__ or "").split())

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            if _OFF and key in _OFF:
                return args[0] if off is IDENTITY else off
            return func(*args, **kwargs)

        _RULES[key] = Rule(stage=stage, id=id, examples=examples, source=source, func=wrapper, off=off, doc=doc)
        wrapper.rule = _RULES[key]
        return wrapper

    return register


def rule_cache(maxsize: int = 4096) -> Callable:
    """``functools.lru_cache`` for a function whose answer depends on rules: switching rules clears it."""

    def decorate(func: Callable) -> Callable:
        cached = functools.lru_cache(maxsize=maxsize)(func)
        _CACHES.append(cached.cache_clear)
        return cached

    return decorate


@contextmanager
def disabled(*keys: str) -> Iterator[None]:
    """Switch the rules ``stage/id`` off inside the block (for tests and for measuring a rule)."""
    global _OFF
    unknown = [k for k in keys if k not in _RULES]
    if unknown:
        raise KeyError(f"unknown rule(s): {', '.join(unknown)}")
    before = _OFF
    _OFF = before | frozenset(keys)
    for clear in _CACHES:
        clear()
    try:
        yield
    finally:
        _OFF = before
        for clear in _CACHES:
            clear()


def all_rules(stage: str | None = None) -> list[Rule]:
    """The registered rules (a module's rules register when it is imported: callers import
    ``storyworld.extract.stages`` first, as ``storyworld.eval.rules.registered`` does)."""
    return [r for r in sorted(_RULES.values(), key=lambda r: (STAGES.index(r.stage), r.id))
            if stage is None or r.stage == stage]


def get_rule(key: str) -> Rule:
    return _RULES[key]
