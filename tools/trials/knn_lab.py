from storyworld.rules import all_rules
import storyworld.pipeline  # noqa: F401  (registers the stages, so their rules exist)
def labelled():
    out = []
    for r in all_rules():
        for e in r.examples:
            if isinstance(e.expected, dict) and isinstance(e.expected.get("type"), str):
                out.append((e.text, e.expected["type"]))
    return out
