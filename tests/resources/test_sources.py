"""The source registry: names any article may give one body, as one canonical source (issue 28)."""

from __future__ import annotations

import pytest

from storyworld.resources.sources import find_source, fold_name, registry


@pytest.mark.parametrize("name, canonical", [
    ("the IDF", "Israel Defense Forces"),
    ("The Israeli military", "Israel Defense Forces"),
    ("the Israeli army", "Israel Defense Forces"),
    ("the Council of the EU", "Council of the European Union"),
    ("The Council of the European Union", "Council of the European Union"),
    ("UKMTO", "United Kingdom Maritime Trade Operations"),
    ("U.K. Maritime Trade Operations", "United Kingdom Maritime Trade Operations"),
    ("Ansar Allah", "Houthi movement"),
    ("the Houthis", "Houthi movement"),  # actor-aliases.tsv's Houthis are the registry's Houthi movement
    ("U.N.", "United Nations"),  # an organisation of the actor knowledge base
])
def test_sources_find_source_merges_the_names_of_one_body(name, canonical):
    assert find_source(name).name == canonical


@pytest.mark.parametrize("name", ["the Council", "the army", "the ministry", "Israel", "a source", "Washington"])
def test_sources_a_name_that_means_a_body_only_in_context_is_not_registered(name):
    assert find_source(name) is None


def test_sources_registry_rows_carry_kind_and_parent():
    council = find_source("Council of the EU")
    assert (council.kind, council.parent) == ("organization", "European Union")
    assert all(entry.kind in ("organization", "official", "document") for entry in registry().values())
    assert fold_name("The  U.N.") == "un"
