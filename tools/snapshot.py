"""Write what storyworld says about a fixed set of real and demo texts, to diff before and after a change.

A refactor that must not change behaviour (rules moved to data, modules split, a service layer)
is checked by diffing two snapshots, not by trusting a handful of metrics:

    .venv/bin/python tools/snapshot.py /tmp/before      # on the old commit
    .venv/bin/python tools/snapshot.py /tmp/after       # on the new one
    diff -r /tmp/before /tmp/after && echo identical

Each file holds one storyworld.analysis/1 JSON per line (in input order: the outlet-home memory
carries from one document to the next, so order matters). Sets that need ../shared are left out
with a note when it is absent. ``--quick`` analyses the first 60 items of each set.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def _jsonl(path: Path):
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _texts():
    """(set name, list of (text, published, outlet)) in a fixed order."""
    sets: dict[str, list[tuple[str, str | None, str | None]]] = {}
    sets["acled-dev"] = [(r["text"], None, None) for r in _jsonl(REPO / "demo/acled-dev/dev.jsonl")]
    eval_dir = SHARED / "eval"
    if not eval_dir.exists():
        print("note: ../shared/eval is absent; only the demo sets are written", file=sys.stderr)
        return sets
    sets["polnear"] = [(r["text"], r.get("published"), r.get("publisher")) for r in _jsonl(eval_dir / "polnear/dev-test.jsonl")]
    sets["case2021"] = [(r["text"], None, None) for r in _jsonl(eval_dir / "case2021-task2/test.jsonl")]
    sets["plover-gsr"] = [(r["text"], None, None) for r in _jsonl(eval_dir / "plover-gsr/plover_gsr.jsonl")]
    sets["meantime"] = [(r["text"], r.get("dct"), None) for r in _jsonl(eval_dir / "meantime/meantime.jsonl")]
    sets["gwn"] = [(r["text"], None, None) for r in _jsonl(eval_dir / "geoparsing/gwn.jsonl")]
    sets["lgl"] = [(r["text"], None, None) for r in _jsonl(eval_dir / "geoparsing/lgl.jsonl")][:250]
    sets["event-location"] = [(r["text"], None, None) for r in _jsonl(eval_dir / "event-location/event_location.jsonl")
                              if r.get("gold")]
    return sets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", help="comma-separated set names")
    parser.add_argument("--evals", action="store_true",
                        help="also write eval-*.json: every floors.json entry and the held-out splits")
    args = parser.parse_args(argv)

    import storyworld
    from storyworld.body import extract_document
    from storyworld.errors import StoryworldError
    from storyworld.pipeline import Pipeline
    from storyworld.types import RawInput

    args.out.mkdir(parents=True, exist_ok=True)
    if not args.only or "demo" in args.only.split(","):
        from storyworld.eval.demo import analyze_demo

        with (args.out / "demo.jsonl").open("w", encoding="utf-8") as handle:
            for _, analysis in analyze_demo(REPO / "demo"):
                handle.write(storyworld.to_json(analysis).replace("\n", " ") + "\n")
    seed = SHARED / "examples/seed-article.txt"
    sets = _texts()
    if seed.exists():
        sets = {"seed": [(seed.read_text(encoding="utf-8"), "2023-09-01", "JNS")], **sets}
    wanted = set(args.only.split(",")) if args.only else None
    for name, items in sets.items():
        if wanted and name not in wanted:
            continue
        if args.quick:
            items = items[:60]
        started = time.time()
        pipeline = Pipeline()
        documents, failed = [], []
        for i, (text, published, outlet) in enumerate(items):
            raw = RawInput(origin="text", name=name, raw=text.encode("utf-8"), media_type="text/plain",
                           outlet=outlet, published=published, published_source="user" if published else None)
            try:
                documents.append(extract_document(raw))
            except StoryworldError as exc:
                failed.append(json.dumps({"item": i, "error": str(exc)}))
        with (args.out / f"{name}.jsonl").open("w", encoding="utf-8") as handle:
            for line in failed:
                handle.write(line + "\n")
            for analysis in pipeline.analyze_documents(documents):
                handle.write(storyworld.to_json(analysis).replace("\n", " ") + "\n")
        print(f"{name}: {len(items)} texts in {time.time() - started:.0f} s", file=sys.stderr)
    if args.evals:
        write_evals(args.out)
    return 0


# evaluations beyond floors.json that a closing note reports: (stage, data, split, limit)
EXTRA_EVALS = [
    ("claims", "../shared/eval/polnear", "test", None),
    ("claims", "../shared/eval/polnear", "dev", None),
    ("places", "../shared/eval/event-location", "dev", None),
    ("events", "../shared/eval/plover-gsr", "test", None),
    ("incidents", "../shared/eval/ecbplus", "dev", None),
]


def write_evals(out: Path) -> None:
    """Every pinned evaluation and the held-out ones, as the JSON `storyworld eval --format json` prints."""
    import os

    from storyworld.eval.floors import load_floors
    from storyworld.eval.scorers import run_eval

    runs = [(key.split(":", 1)[0], e["data"], e.get("split"), e.get("limit")) for key, e in load_floors().items()]
    runs += [r for r in EXTRA_EVALS if r not in runs]
    os.chdir(REPO)
    for stage, data, split, limit in runs:
        started = time.time()
        if "shared" in Path(data).parts and not (REPO / data).exists():
            continue
        report = run_eval(stage, REPO / data, split=split, limit=limit)
        name = f"eval-{report.stage}-{report.dataset}" + (f"-limit{limit}" if limit else "")
        (out / f"{name}.json").write_text(json.dumps(
            {"metrics": report.metrics, "counts": report.counts, "lines": report.lines}, indent=1, sort_keys=True,
            default=str), encoding="utf-8")
        print(f"{name}: {time.time() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
