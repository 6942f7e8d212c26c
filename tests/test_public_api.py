import json
import types

import storyworld


def test_public_api_all_is_exactly_the_public_names():
    public = {
        name for name, value in vars(storyworld).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType) and name != "annotations"
    }
    assert public == set(storyworld.__all__) - {"__version__"}


def test_public_api_analyze_text_validates(nlp):
    analysis = storyworld.analyze_text("Israel struck a weapons site near Masyaf on Friday, Syrian state media reported.",
                                       published="2023-09-01", outlet="Test Wire")
    storyworld.validate(json.loads(storyworld.to_json(analysis)))
    assert analysis.document.outlet == "Test Wire"
