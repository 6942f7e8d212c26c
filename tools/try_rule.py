"""Show what a rule's examples give with the rule on and off, to write examples that exercise it.

    .venv/bin/python tools/try_rule.py modality/negation            # every example of one rule
    .venv/bin/python tools/try_rule.py modality                      # every rule of a stage
    .venv/bin/python tools/try_rule.py events/x --text "Police detained ten protesters." [--view events]
"""

from __future__ import annotations

import argparse
import json
import sys

from storyworld import rules
from storyworld.eval.rules import check_example, example_items, holds, registered


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("key", help="stage/id of a rule, or a stage")
    parser.add_argument("--text", action="append", help="try this text instead of the rule's examples")
    parser.add_argument("--view", help="the items to show (default: the rule's stage's)")
    parser.add_argument("--published")
    args = parser.parse_args(argv)
    chosen = [r for r in registered() if r.key == args.key or r.stage == args.key]
    if not chosen:
        print(f"no rule {args.key}", file=sys.stderr)
        return 2
    bad = 0
    for r in chosen:
        examples = [rules.Example(t, {}, args.view, args.published) for t in args.text] if args.text else r.examples
        print(f"== {r.key}")
        changed = False
        for e in examples:
            on = example_items(r, e)
            with rules.disabled(r.key):
                off = example_items(r, e)
            ok = holds(on, e.expected) if e.expected else None
            off_ok = holds(off, e.expected) if e.expected else None
            changed |= bool(e.expected) and ok != off_ok
            bad += ok is False
            print(f"-- {e.text!r}\n   expected {e.expected}: on={ok} off={off_ok}")
            for label, items in (("on ", on), ("off", off)):
                for item in items:
                    compact = {k: v for k, v in item.items() if v not in (None, "")}
                    compact.pop("evidence", None)
                    print(f"   {label} {json.dumps(compact, ensure_ascii=False)}")
        if not args.text:
            print(f"   needed: {changed}")
            bad += not changed
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
