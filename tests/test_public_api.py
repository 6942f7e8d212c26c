import storyworld


def test_public_api_all_is_exactly_the_public_names():
    public = {name for name in vars(storyworld) if not name.startswith("_")} - {
        "annotations", "logging",  # module-level imports, not API
        # subpackages appear as attributes once imported
        "body", "cli", "contract", "errors", "eval", "extract", "ingest", "parse", "pipeline", "registry",
        "resources", "store", "types", "corpus", "settings", "api", "web", "spark",
    }
    assert public == set(storyworld.__all__) - {"__version__"}


def test_public_api_analyze_text_validates(nlp):
    analysis = storyworld.analyze_text("Israel struck a weapons site near Masyaf on Friday, Syrian state media reported.",
                                       published="2023-09-01", outlet="Test Wire")
    storyworld.validate(__import__("json").loads(storyworld.to_json(analysis)))
    assert analysis.document.outlet == "Test Wire"
