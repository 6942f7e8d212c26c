from __future__ import annotations

import pytest
from click.testing import CliRunner

from storyworld import settings
from storyworld.cli import cli
from storyworld.errors import ConfigError


def test_settings_shipped_defaults_match_the_table():
    assert settings.shipped_defaults() == settings.defaults()


def test_settings_are_documented_in_the_shipped_file():
    from importlib import resources

    text = resources.files("storyworld").joinpath("default_settings.toml").read_text()
    for s in settings.SETTINGS:
        assert s.help, s.name
        before = text.split(f"\n{s.name} =", 1)[0]
        assert before.rstrip().splitlines()[-1].startswith("#"), f"{s.name} has no comment line"


def test_settings_overlay_order(tmp_path):
    config = tmp_path / "sw.toml"
    config.write_text("batch_size = 4\nmax_input_bytes = 1000\n")
    values = settings.load(config, {"batch_size": "8"})
    assert values["batch_size"] == 8 and values["max_input_bytes"] == 1000


@pytest.mark.parametrize("overrides, code", [({"nope": "1"}, "E201"), ({"batch_size": "many"}, "E202")])
def test_settings_bad_values_are_config_errors(overrides, code):
    with pytest.raises(ConfigError, match=code):
        settings.load(None, overrides)


def test_settings_cli_lists_and_applies(tmp_path):
    runner = CliRunner()
    out = runner.invoke(cli, ["--setting", "batch_size", "3", "settings"], env={"COLUMNS": "200"})
    assert out.exit_code == 0 and "batch_size" in out.output and " 3 " in out.output
    big = tmp_path / "big.txt"
    big.write_text("Protesters gathered in Nairobi on Monday, police said. " * 100)
    result = runner.invoke(cli, ["--setting", "max_input_bytes", "500", "analyze", str(big)])
    assert result.exit_code == 1 and "E005" in result.stderr
    bad = runner.invoke(cli, ["--setting", "colour", "red", "settings"])
    assert bad.exit_code == 2 and "E201" in bad.stderr
