"""`storyworld eval contract`: every analysis of the demo corpus validates and round-trips."""

from __future__ import annotations

from pathlib import Path

from ..contract.serialize import from_json, to_dict, validate
from ..errors import ContractError
from .demo import analyze_demo
from .metrics import EvalReport


def evaluate(data: Path, *, split: str | None = None, limit: int | None = None) -> EvalReport:
    report = EvalReport(stage="contract", dataset="demo")
    n = valid = roundtrip = 0
    for article, analysis in analyze_demo(data):
        if limit is not None and n >= limit:
            break
        n += 1
        obj = to_dict(analysis)
        try:
            validate(obj)
        except ContractError as exc:
            report.lines.append(f"INVALID {article.file}: {exc}")
            continue
        valid += 1
        again = to_dict(from_json(obj))
        if again == obj:
            roundtrip += 1
        else:
            report.lines.append(f"ROUND-TRIP DIFFERS {article.file}")
    report.metrics["valid"] = valid / n if n else 0.0
    report.metrics["roundtrip"] = roundtrip / n if n else 0.0
    report.counts["valid"] = report.counts["roundtrip"] = n
    return report
