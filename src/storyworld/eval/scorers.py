"""Which module scores which stage, and where its gold data lives by default.

Each scorer module has ``evaluate(data: Path, *, split: str | None, limit: int | None) -> EvalReport``.
``data`` may be a shared benchmark folder or the demo corpus (``demo/``): a scorer that supports
both tells them apart by content.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from ..errors import ConfigError, Errors
from .metrics import EvalReport

SCORERS: dict[str, tuple[str, str]] = {
    # stage: (module, default data path relative to the current directory)
    "seed": ("storyworld.eval.seed", "../shared/examples/seed-article.txt"),
    "contract": ("storyworld.eval.contract", "demo"),
    "bodies": ("storyworld.eval.bodies", "../shared/eval/article-extraction-benchmark"),
    "boilerplate": ("storyworld.eval.boilerplate", "demo"),
    "events": ("storyworld.eval.events", "../shared/eval/case2021-task2"),
    "claims": ("storyworld.eval.claims", "../shared/eval/polnear"),
    "places": ("storyworld.eval.places", "../shared/eval/geoparsing"),
    "times": ("storyworld.eval.times", "../shared/eval/tempeval3"),
    "incidents": ("storyworld.eval.incidents", "../shared/eval/ecbplus"),
    "rules": ("storyworld.eval.rules", "."),
    "casualties": ("storyworld.eval.casualties", "../shared/eval/plover-gsr"),  # killed/wounded figures (--split dev|test)
    "revisions": ("storyworld.eval.revisions", "demo"),  # stories that change across documents (--split dev|test)
    "real": ("storyworld.eval.real", "gold-real"),  # real news, end to end (--split dev|test)  # the rules' own examples (no data; --split STAGE)
}


def available_stages() -> list[str]:
    out = []
    for stage, (module, _) in SCORERS.items():
        try:
            importlib.import_module(module)
        except ModuleNotFoundError:
            continue
        out.append(stage)
    return out


def run_eval(stage: str, data: str | Path | None = None, *, split: str | None = None,
             limit: int | None = None) -> EvalReport:
    if stage not in SCORERS:
        raise ConfigError(Errors.E304.format(stage=stage, options=", ".join(available_stages())))
    module_name, default = SCORERS[stage]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        raise ConfigError(Errors.E304.format(stage=stage, options=", ".join(available_stages()))) from exc
    path = Path(data if data is not None else default)
    if not path.exists():
        raise ConfigError(Errors.E303.format(path=path, hint="pass --data PATH (see ../shared/eval/README.md)"))
    return module.evaluate(path, split=split, limit=limit)
