"""The closing-block test for the page's own voice: the same answers as its regex, in linear time."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from storyworld.body.boilerplate import has_page_voice, split_boilerplate
from storyworld.resources.tables import words

PIECES = ["you", "your", "our", "us", "we", "journalism", "reporter", "reporters", "stories", "news", "readers",
          "support", "false news", "fake news", "misinformation", "yours", "ours", "newsy", "youth", "the", "x",
          " ", " ", "\n", ",", ".", "-", "'", "é", "YOU", "Our"]


def regex_page_voice(text: str) -> bool:
    """The rule as it was written: a reader word, anything on the line, a topic word; or a phrase."""
    either = lambda key: "|".join(words(key))  # noqa: E731
    pattern = re.compile(rf"\b({either('body.reader_words')})\b.*\b({either('body.page_voice_topics')})\b|"
                         rf"\b({either('body.page_voice_phrases')})\b", re.IGNORECASE)
    return bool(pattern.search(text))


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25).map(" ".join) | st.lists(st.sampled_from(PIECES)).map("".join))
def test_boilerplate_page_voice_answers_as_its_regex(text):
    assert has_page_voice(text) == regex_page_voice(text)


def test_boilerplate_a_long_line_of_reader_words_next_to_an_appeal_is_read_at_once():
    """1 MB of "you you …" after a closing appeal is tested for the page's voice: the regex needed
    hours for it (in C, past the reach of any time budget), and then said no, as this does."""
    paragraphs = ["Rebels shelled the market in Kora on Monday, killing four people, officials said.",
                  "Please donate today so we can keep reporting.", "you " * 250_000]
    kept, removed = split_boilerplate(paragraphs)
    assert kept == [paragraphs[0], paragraphs[2]] and [r.reason for r in removed] == ["appeal"]
