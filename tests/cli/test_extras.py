"""A command that needs an extra which is not installed says so in one line (E205), exits 1 and
shows no traceback. The missing module is simulated with ``sys.modules[name] = None``."""

from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner

from storyworld.cli import cli
from storyworld.errors import MissingExtraError, require_extra


def line(command: str, extra: str) -> str:
    return f"error: [E205] storyworld {command} needs the {extra} extra: pip install 'storyworld[{extra}]'"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def assert_one_line(result, command: str, extra: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.stderr.strip() == line(command, extra)
    assert "Traceback" not in result.output and result.stdout == ""


@pytest.fixture()
def store(tmp_path):
    from storyworld.store import Store

    Store.open(tmp_path / "s.db").close()
    return str(tmp_path / "s.db")


@pytest.mark.parametrize("missing", ["fastapi", "uvicorn"])
def test_serve_without_the_web_extra(monkeypatch, store, missing):
    monkeypatch.setitem(sys.modules, missing, None)
    assert_one_line(run("serve", "--db", store), "serve", "web")


def test_serve_without_the_web_extra_says_so_before_looking_for_the_store(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "fastapi", None)
    assert_one_line(run("serve", "--db", str(tmp_path / "absent.db")), "serve", "web")


def test_export_parquet_without_the_parquet_extra(monkeypatch, store, tmp_path):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    out = tmp_path / "events.parquet"
    assert_one_line(run("export", "--db", store, "--format", "parquet", "-o", str(out)),
                    "export --format parquet", "parquet")
    assert not out.exists()


def test_export_csv_needs_no_extra(monkeypatch, store, tmp_path):
    for name in ("pyarrow", "fastapi", "uvicorn", "scorch"):
        monkeypatch.setitem(sys.modules, name, None)
    result = run("export", "--db", store, "--format", "csv", "-o", str(tmp_path / "events.csv"))
    assert result.exit_code == 0, result.output


def test_eval_incidents_without_the_eval_extra(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "scorch", None)
    data = tmp_path / "ecbplus.jsonl"
    data.write_text("", encoding="utf-8")
    assert_one_line(run("eval", "incidents", "--data", str(data)), "eval incidents", "eval")


def test_require_extra_passes_present_modules_and_reraises_other_import_errors(monkeypatch):
    require_extra("eval", "x", "json")  # present: nothing raised
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingExtraError, match=r"^\[E205\] storyworld x needs the parquet extra"):
        require_extra("parquet", "x", "json", "pyarrow")
    # a module that is there but lacks one of its own dependencies is a broken install, not a missing extra
    monkeypatch.setitem(sys.modules, "storyworld_missing_dependency", None)
    import types

    class Finder:
        def find_spec(self, name, path=None, target=None):
            if name == "storyworld_broken":
                import importlib.util

                return importlib.util.spec_from_loader(name, Loader())
            return None

    class Loader:
        def create_module(self, spec):
            return types.ModuleType(spec.name)

        def exec_module(self, module):
            import storyworld_missing_dependency  # noqa: F401

    monkeypatch.setattr(sys, "meta_path", [Finder(), *sys.meta_path])
    with pytest.raises(ModuleNotFoundError) as info:
        require_extra("web", "x", "storyworld_broken")
    assert info.value.name == "storyworld_missing_dependency"
