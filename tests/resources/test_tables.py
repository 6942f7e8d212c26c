"""The data folder has one loader, and every word list says what it is for and is read by some module."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from storyworld.resources.tables import numbers, read_cells, read_table, word_file, word_map, word_set, words

SRC = Path(__file__).resolve().parents[2] / "src" / "storyworld"
WORDS = resources.files("storyworld.resources").joinpath("data/words")
STAGES = sorted(p.name[:-5] for p in WORDS.iterdir() if p.name.endswith(".toml"))
CODE = {path: path.read_text("utf-8") for path in SRC.rglob("*.py")}


@pytest.mark.parametrize("stage", STAGES)
def test_every_word_list_says_what_it_is_for_and_holds_something(stage):
    for name, table in word_file(stage).items():
        assert isinstance(table, dict), f"{stage}.{name} is not a table"
        assert len(table.get("about", "").split()) >= 4, f"{stage}.{name} has no 'about' saying what it is for"
        held = [k for k in table if k != "about"]
        assert held, f"{stage}.{name} holds nothing"
        if "words" in table:
            assert table["words"] and all(isinstance(w, str) and w for w in table["words"]), f"{stage}.{name}"


def _read_somewhere(key: str) -> bool:
    stage, name = key.split(".", 1)
    quoted = re.compile(rf"[\"']{re.escape(stage)}\.{re.escape(name)}[\"']")
    # a module may also build the key from its stage's name: f"{stage}.{name}" or a table of names
    loose = re.compile(rf"[\"']{re.escape(name)}[\"']")
    return any(quoted.search(text) for text in CODE.values()) or any(
        f'"{stage}.' in text and loose.search(text) for text in CODE.values())


@pytest.mark.parametrize("stage", STAGES)
def test_every_word_list_is_read_by_some_module(stage):
    unused = [f"{stage}.{name}" for name in word_file(stage) if not _read_somewhere(f"{stage}.{name}")]
    assert not unused, f"word lists no module reads: {unused}"


def test_no_module_outside_resources_opens_the_data_folder():
    offenders = [str(p.relative_to(SRC)) for p, text in CODE.items()
                 if "resources" not in p.relative_to(SRC).parts[:1] and re.search(r"[\"']data/", text)]
    assert not offenders, f"read data files through storyworld.resources.tables: {offenders}"


def test_the_loader_reads_each_kind():
    assert "say" in word_set("modality.request_verbs") or "demand" in word_set("modality.request_verbs")
    assert words("modality.future_aux") == ("will", "shall", "'ll")
    assert any(row["lemma"] == "say" for row in read_table("attribution-cues.tsv"))
    assert all(len(row) >= 2 for row in read_cells("coref-synonyms.tsv"))
    with pytest.raises(KeyError, match="no word list"):
        words("modality.no_such_list")
    assert numbers("times.months")["sep"] == 9 and "about" not in numbers("times.months")
    assert word_map("times.parts_of_day")["night"] == "NI"
