"""Shared metrics and the report every scorer returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..geo import haversine_km  # noqa: F401  (re-exported for scorers)


@dataclass(frozen=True)
class PRF:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "PRF") -> "PRF":
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


def prf(tp: int, fp: int, fn: int) -> PRF:
    return PRF(tp, fp, fn)


@dataclass
class EvalReport:
    """What a scorer measured.

    ``metrics`` maps a dotted name (``"tempeval3.relaxed_f1"``) to a value in [0, 1] (or km for
    distances); ``counts`` maps a name to the number of items it was measured on; ``lines`` are
    extra human-readable rows (confusions, anchors, per-type tables).
    """

    stage: str
    dataset: str
    metrics: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def add_prf(self, name: str, score: PRF) -> None:
        self.metrics[f"{name}.precision"] = score.precision
        self.metrics[f"{name}.recall"] = score.recall
        self.metrics[f"{name}.f1"] = score.f1
        self.counts[name] = score.tp + score.fn

    def add_ratio(self, name: str, right: int | float, n: int) -> None:
        """An accuracy-like figure: ``right`` of ``n`` (0.0 when there is nothing to score)."""
        self.metrics[name] = right / n if n else 0.0
        self.counts[name] = n

    def to_dict(self) -> dict:
        return {"stage": self.stage, "dataset": self.dataset, "metrics": self.metrics,
                "counts": self.counts, "lines": self.lines}
