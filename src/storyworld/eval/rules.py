"""`storyworld eval rules`: every extraction rule's examples, run through the whole pipeline.

Each example is a text and what a stage must say about it (``storyworld.rules``). The text is
analysed with the default stages (published on ``EXAMPLE_DATE`` unless the example says otherwise),
the stage's items are flattened to dicts of strings (``view_items``), and ``expected`` is checked:

- ``{"type": "ASSAULT", "modality": "actual"}``: some item has all these fields;
- ``{"not": {"type": "ASSAULT"}}``: no item has them (``{"not": {}}``: the stage says nothing);
- a field name ending in ``~`` matches a substring (``{"evidence~": "shot dead"}``).

Two figures: examples that hold (all must), and rules that are *needed*: switched off
(``rules.disabled``), at least one of their examples comes out differently. A rule none of whose
examples needs it is either dead code or shown by the wrong examples.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import rules as rule_registry
from ..errors import StoryworldError
from .metrics import EvalReport

EXAMPLE_DATE = "2025-06-13"  # a Friday: "on Monday", "last week" in an example resolve against it
DEFAULT_VIEW = {"modality": "events", "event-places": "events", "event-dates": "events"}
VIEWS = ("body", "actors", "places", "times", "claims", "events", "casualties")


def registered(stage: str | None = None) -> list[rule_registry.Rule]:
    """Every rule (importing the stages registers them), or one stage's."""
    from ..extract import stages  # noqa: F401

    return rule_registry.all_rules(stage)


def _chain(sources) -> str:
    return " > ".join(s.name for s in sources)


def view_items(analysis, view: str) -> list[dict[str, Any]]:
    """The items of one part of an analysis, each flattened to the fields an example may name."""
    if view == "events":
        return [{
            "type": e.type, "modality": e.modality, "trigger": e.trigger, "mode": e.mode, "cameo": e.cameo,
            "acled": e.acled, "evidence": e.evidence.text,
            "actor": e.actor.text if e.actor else None, "actor_name": e.actor.name if e.actor else None,
            "actor_country": e.actor.country if e.actor else None, "actor_role": e.actor.role if e.actor else None,
            "target": e.target.text if e.target else None, "target_name": e.target.name if e.target else None,
            "target_country": e.target.country if e.target else None,
            "target_role": e.target.role if e.target else None,
            "place": (e.location.name or e.location.text) if e.location else None,
            "place_text": e.location.text if e.location else None,
            "place_country": e.location.country if e.location else None,
            "date": e.date, "date_precision": e.date_precision, "sources": _chain(e.sources),
        } for e in analysis.events]
    if view == "casualties":
        return [{"number": c.number, "kind": c.kind, "qualifier": c.qualifier, "text": c.text,
                 "sentence": c.sentence.text,
                 "event_type": analysis.events[c.event].type if c.event is not None else None}
                for c in analysis.casualties]
    if view == "places":
        return [{"text": p.text, "name": p.name, "country": p.country, "feature": p.feature,
                 "geonameid": p.geonameid} for p in analysis.places]
    if view == "claims":
        return [{"cue": c.cue, "sources": _chain(c.sources), "source": c.sources[-1].name if c.sources else None,
                 "kind": c.sources[-1].kind if c.sources else None, "text": c.text, "direct": c.direct,
                 "content": c.content.text if c.content else None, "disputes": c.disputes is not None,
                 "disputes_source": (analysis.claims[c.disputes].sources[-1].name
                                     if c.disputes is not None and analysis.claims[c.disputes].sources else None)}
                for c in analysis.claims]
    if view == "times":
        return [{"text": t.text, "value": t.value, "precision": t.precision} for t in analysis.times]
    if view == "actors":
        return [{"text": a.text, "name": a.name, "country": a.country, "role": a.role, "kind": a.kind}
                for a in analysis.actors]
    if view == "body":
        paragraphs = [p.strip() for p in analysis.document.text.split("\n") if p.strip()]
        return [{"kept": p} for p in paragraphs] + [{"removed": r.text, "reason": r.reason}
                                                    for r in analysis.document.removed]
    raise ValueError(f"unknown view {view!r} (one of {', '.join(VIEWS)})")


def _has(item: dict[str, Any], fields: dict[str, Any]) -> bool:
    for name, want in fields.items():
        if name.endswith("~"):
            got = item.get(name[:-1])
            if got is None or str(want) not in str(got):
                return False
        elif item.get(name, _MISSING) != want:
            return False
    return True


_MISSING = object()


def holds(items: list[dict[str, Any]], expected: dict[str, Any]) -> bool:
    if set(expected) == {"not"}:
        return not any(_has(item, expected["not"]) for item in items)
    return any(_has(item, expected) for item in items)


def analyse_example(example: rule_registry.Example):
    from ..body import extract_document
    from ..pipeline import Pipeline
    from ..types import RawInput

    html = example.text.lstrip().startswith("<")
    raw = RawInput(origin="text", name="<example>", raw=example.text.encode("utf-8"),
                   media_type="text/html" if html else "text/plain", published=example.published or EXAMPLE_DATE,
                   published_source="user")
    return Pipeline().analyze_document(extract_document(raw))


def example_items(rule: rule_registry.Rule, example: rule_registry.Example) -> list[dict[str, Any]]:
    view = example.view or DEFAULT_VIEW.get(rule.stage, rule.stage)
    return view_items(analyse_example(example), view)


def check_example(rule: rule_registry.Rule, example: rule_registry.Example) -> tuple[bool, list[dict[str, Any]]]:
    """Whether the example holds, and the items it was checked against (for the failure message)."""
    items = example_items(rule, example)
    return holds(items, example.expected), items


def needed(rule: rule_registry.Rule) -> bool:
    """Switched off, the rule changes what at least one of its examples says (an example whose
    text is all lost without it, E006, is changed too)."""

    def changed(example: rule_registry.Example) -> bool:
        try:
            return not check_example(rule, example)[0]
        except StoryworldError:
            return True

    with rule_registry.disabled(rule.key):
        return any(changed(e) for e in rule.examples)


def evaluate(data: Path | None = None, *, split: str | None = None, limit: int | None = None) -> EvalReport:
    """Every rule's examples (``--split STAGE`` for one stage's rules; ``--limit N`` the first N rules)."""
    report = EvalReport(stage="rules", dataset="examples" + (f"-{split}" if split else ""))
    chosen = registered(split)[:limit] if limit else registered(split)
    passed = total = used = 0
    for r in chosen:
        for example in r.examples:
            ok, _ = check_example(r, example)
            total += 1
            passed += ok
            if not ok:
                report.lines.append(f"FAIL  {r.key}: {example.text[:80]!r} expected {example.expected}")
        if needed(r):
            used += 1
        else:
            report.lines.append(f"UNNEEDED  {r.key}: switched off, every example still holds")
    report.add_ratio("examples.passed", passed, total)
    report.add_ratio("rules.needed", used, len(chosen))
    return report
