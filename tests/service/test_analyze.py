"""The service's analyze: one path for the library, the CLI and the API, whoever asks."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyworld import settings, to_json
from storyworld.errors import InputError
from storyworld.service import analyze_path, analyze_text

ARTICLES = Path(__file__).parents[1] / "articles"
FRENCH = ("Les manifestants ont défilé dans les rues de Paris samedi pour protester contre la réforme des retraites, "
          "selon la police.")


@pytest.mark.slow  # runs the spaCy model
def test_analyze_text_and_path_give_the_analysis_the_pipeline_gives(tmp_path):
    from storyworld.body import extract_document
    from storyworld.pipeline import Pipeline
    from storyworld.types import RawInput

    text = (ARTICLES / "harbour-strike.txt").read_text("utf-8")
    direct = Pipeline().analyze_document(extract_document(RawInput(
        origin="text", name="<text>", raw=text.encode(), published="2025-01-14", published_source="user",
        outlet="Red Sea Wire")))
    from_text = analyze_text(text, published="2025-01-14", outlet="Red Sea Wire")
    from_path = analyze_path(str(ARTICLES / "harbour-strike.txt"), published="2025-01-14", outlet="Red Sea Wire")
    assert to_json(from_text) == to_json(direct)
    assert to_json(from_path) == to_json(from_text).replace('"<text>"', f'"{ARTICLES / "harbour-strike.txt"}"')


def _via_text(text, tmp_path, **options):
    return analyze_text(text, **options)


def _via_path(text, tmp_path, **options):
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    return analyze_path(str(path), **options)


@pytest.mark.parametrize("analyze", [_via_text, _via_path], ids=["text", "path"])
def test_analyze_checks_language_and_size_the_same_way(analyze, tmp_path):
    with pytest.raises(InputError, match="E008"):
        analyze(FRENCH, tmp_path)
    with pytest.raises(InputError, match="E005"):
        analyze(FRENCH, tmp_path, settings=settings.load(None, {"max_input_bytes": "50"}))


@pytest.mark.slow  # runs the spaCy model
def test_analyze_text_takes_the_stage_list_from_the_settings():
    values = settings.load(None, {"stages": "actors.v1,places.v1"})
    analysis = analyze_text("Protesters marched in Nairobi on Monday, police said.", settings=values)
    assert analysis.stages == ("actors.v1", "places.v1") and analysis.events == ()
