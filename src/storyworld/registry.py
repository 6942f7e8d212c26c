"""Named, versioned stages: each declares what it requires and what it assigns.

A name such as ``places.v1`` never changes meaning; new behaviour gets ``.v2``. Built-in stages
register through the same decorator an add-on would use. ``Pipeline`` checks the order.
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


_STAGES: dict[str, StageSpec] = {}


def stage(name: str, *, requires: tuple[str, ...] = (), assigns: str) -> Callable:
    def register(func: Callable) -> Callable:
        _STAGES[name] = StageSpec(name=name, func=func, requires=tuple(requires), assigns=assigns)
        return func

    return register


def get_stage(name: str) -> StageSpec:
    _load_builtins()
    try:
        return _STAGES[name]
    except KeyError:
        raise ConfigError(
            Errors.E202.format(name="stages", detail=f"unknown stage '{name}'; known: {', '.join(sorted(_STAGES))}")
        ) from None


def all_stages() -> dict[str, StageSpec]:
    _load_builtins()
    return dict(_STAGES)


def _load_builtins() -> None:
    # Importing the modules runs their @stage decorators.
    from .extract import stages  # noqa: F401
