"""A document's identity is its text and where it was published (issue 28)."""

from __future__ import annotations

import pytest

from storyworld.body.document import copy_id, document_id, is_same_report, normal_url

TEXT = "Protesters marched through central Kisumu on Monday against new fuel taxes."


@pytest.mark.parametrize("url, outlet, stored_url, stored_outlet, same", [
    (None, None, "https://a.example/x", "Lake Daily", True),  # nothing says it is another report
    ("https://a.example/x", None, "https://a.example/x", "Lake Daily", True),
    ("HTTPS://www.a.example/x/#top", "Other", "https://a.example/x", "Lake Daily", True),  # the URL decides
    ("https://b.example/y", "Lake Daily", "https://a.example/x", "Lake Daily", False),  # another URL
    (None, "Coast Wire", "https://a.example/x", "Lake Daily", False),  # another outlet
    (None, "the AP", None, "Associated Press", True),  # one outlet by two of its names
    ("https://b.example/y", None, None, None, False),  # a published copy of a text of unknown origin
])
def test_identity_same_report(url, outlet, stored_url, stored_outlet, same):
    assert is_same_report(url, outlet, stored_url=stored_url, stored_outlet=stored_outlet) is same


def test_identity_copy_id_is_stable_and_differs_from_the_text_hash():
    first = copy_id(TEXT, url="https://b.example/y", outlet="Coast Wire")
    assert first == copy_id(TEXT, url="http://www.b.example/y/", outlet=None)  # the same URL
    assert first != document_id(TEXT) != copy_id(TEXT, url=None, outlet="Coast Wire")
    assert normal_url("  ") is None
