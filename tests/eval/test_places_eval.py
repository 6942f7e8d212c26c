"""The places scorer: end-to-end spans mapped from the body the system kept back into the text as
given (written here), and the splits it knows."""

from __future__ import annotations

import pytest

from storyworld.body.boilerplate import split_boilerplate
from storyworld.body.text import normalize_text, paragraphs
from storyworld.errors import ConfigError
from storyworld.eval.places import align, evaluate

TEXT = ("Home | World | Africa\n\n"
        "Rebels  shelled the market in Goma on Tuesday,\nthe army said.\u00a0 Aid reached\tBukavu.\n\n\n"
        "Follow us on Telegram for live updates from the region.\n\n"
        "Goma's mayor asked for help.")


def _body(text: str) -> str:
    kept, _ = split_boilerplate(paragraphs(normalize_text(text)))
    return "\n\n".join(kept)


def test_align_maps_every_kept_name_back_to_its_offset_in_the_text():
    body = _body(TEXT)
    assert "Home |" not in body and "Telegram" not in body  # the body stage cut two paragraphs
    offsets = align(TEXT, body)
    assert offsets is not None and len(offsets) == len(body)
    for name in ("Goma", "Bukavu", "mayor"):
        start = body.rindex(name)
        s, e = offsets[start], offsets[start + len(name) - 1] + 1
        assert TEXT[s:e] == name
    # the second "Goma" of the body is the second of the text, not the first
    assert offsets[body.rindex("Goma")] == TEXT.rindex("Goma")


def test_align_refuses_a_body_it_cannot_find():
    assert align("Rebels shelled Goma.", "Troops entered Bukavu.") is None


def test_unknown_split_is_refused(tmp_path):
    with pytest.raises(ConfigError):
        evaluate(tmp_path, split="nowhere")


def test_places_align_reads_c1_controls_as_the_body_step_repairs_them():
    from storyworld.eval.places import align

    # the body step reads "\x97" as the em dash it was; offsets stay the original's, one to one
    original = "HAMMOND, Ind. (AP) \x97 The state fined boaters."
    body = "HAMMOND, Ind. (AP) — The state fined boaters."
    offsets = align(original, body)
    assert offsets is not None  # it was: the dash is no "\x97", so the paragraph was not found
    assert offsets[body.index("—")] == original.index("\x97") and offsets[body.index("fined")] == original.index("fined")
