"""RawInput → Document: decoding, the main text of a page, boilerplate with reasons, language."""

from __future__ import annotations

import pytest

from storyworld.body import extract_document
from storyworld.body.document import document_id
from storyworld.errors import InputError
from storyworld.types import RawInput

ARTICLE = ("Troops shelled the outskirts of the river town on Tuesday, the regional governor said, "
           "and residents fled towards the hills before dawn.")
APPEAL = ("Independent reporting like this depends on you. Please donate today and support our journalism "
          "so that we can keep our newsroom open.")


def _raw(text: str, media_type: str = "text/plain", **kw) -> RawInput:
    return RawInput(origin="text", name="sample", raw=text.encode("utf-8"), media_type=media_type, **kw)


def test_the_body_keeps_the_article_and_removes_an_appeal_with_its_reason():
    document = extract_document(_raw(f"{ARTICLE}\n\n{APPEAL}"))
    assert document.text == ARTICLE
    assert [r.text for r in document.removed] == [APPEAL]
    assert document.removed[0].reason


def test_html_gives_the_main_text_title_and_outlet_not_the_navigation():
    page = (f"<html><head><title>Town shelled | Valley Herald</title>"
            f"<meta property='og:site_name' content='Valley Herald'></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
            f"<article><h1>Town shelled</h1><p>{ARTICLE}</p><p>{ARTICLE.replace('Tuesday', 'Wednesday')}</p>"
            f"</article><footer>Copyright Valley Herald. All rights reserved.</footer></body></html>")
    document = extract_document(_raw(page, "text/html"))
    assert "Tuesday" in document.text and "Wednesday" in document.text
    assert "Sport" not in document.text and "All rights reserved" not in document.text
    assert document.title and "Town shelled" in document.title


def test_the_id_is_the_hash_of_the_kept_text_so_a_copy_with_other_boilerplate_is_the_same_document():
    one = extract_document(_raw(f"{ARTICLE}\n\n{APPEAL}"))
    two = extract_document(_raw(ARTICLE))
    assert one.id == two.id == document_id(ARTICLE)


def test_a_publication_date_given_with_the_input_is_kept_with_where_it_came_from():
    document = extract_document(_raw(ARTICLE, published="2025-03-04", published_source="user"))
    assert (document.published, document.published_source) == ("2025-03-04", "user")


def test_language_is_detected():
    spanish = ("Las tropas bombardearon las afueras de la ciudad el martes, dijo el gobernador regional, "
               "y los vecinos huyeron hacia las colinas antes del amanecer.")
    assert extract_document(_raw(ARTICLE)).language == "en"
    assert extract_document(_raw(spanish)).language == "es"


@pytest.mark.parametrize("text", ["", "   \n\n  ", APPEAL])
def test_nothing_left_after_boilerplate_is_a_coded_input_error(text):
    with pytest.raises(InputError, match="E00[26]"):
        extract_document(_raw(text))


def test_utf16_with_a_byte_order_mark_is_decoded():
    raw = RawInput(origin="text", name="utf16", raw=ARTICLE.encode("utf-16"), media_type="text/plain")
    assert extract_document(raw).text == ARTICLE


def test_document_windows_1252_punctuation_read_as_c1_controls_is_repaired():
    from storyworld.body.text import normalize_text

    # an em dash and curly quotes that came through as U+0097, U+0093, U+0094 (a dateline was missed)
    assert normalize_text("HAMMOND, Ind. (AP) \x97 The \x93DNR\x94 said \x81so.") == \
        "HAMMOND, Ind. (AP) — The “DNR” said so."
