"""Named, versioned stages: each declares what it requires and what it assigns.

A name such as ``places.v1`` never changes meaning; new behaviour gets ``.v2``. Built-in stages
register through the same decorator an add-on would use. This is a plain store of specs, below
every stage: it imports none of them. The built-ins register when ``extract.stages`` is imported,
which ``pipeline`` does; ``Pipeline`` checks the order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .errors import ConfigError, Errors


@dataclass(frozen=True)
class StageSpec:
    name: str
    func: Callable[..., Any]  # func(parsed, parts) -> tuple of results
    requires: tuple[str, ...]
    assigns: str
    # loads what the stage reads from disk or builds on first use (the gazetteer: a minute on a fresh
    # install), so that the pipeline can do it once, outside any document's time budget
    warm: Callable[[], Any] | None = None


_STAGES: dict[str, StageSpec] = {}


def stage(name: str, *, requires: tuple[str, ...] = (), assigns: str,
          warm: Callable[[], Any] | None = None) -> Callable:
    def register(func: Callable) -> Callable:
        _STAGES[name] = StageSpec(name=name, func=func, requires=tuple(requires), assigns=assigns, warm=warm)
        return func

    return register


def get_stage(name: str) -> StageSpec:
    try:
        return _STAGES[name]
    except KeyError:
        raise ConfigError(
            Errors.E202.format(name="stages", detail=f"unknown stage '{name}'; known: {', '.join(sorted(_STAGES))}")
        ) from None


def all_stages() -> dict[str, StageSpec]:
    return dict(_STAGES)
