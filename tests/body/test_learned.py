"""The learned boilerplate classifier: its fixed page split, its shipped weights, its decisions."""

from __future__ import annotations

from storyworld.body import learned
from storyworld.body.boilerplate import split_boilerplate
from storyworld.eval.boilerplate import segment_counts
from storyworld.resources.tables import read_json

NEWS = ["Kora market shelled", "Rebels shelled the market in Kora on Monday, killing four people, officials said.",
        "The army said it had pushed the fighters back towards the hills by nightfall."]
MENU = ["Home", "News", "Sport", "Weather", "Contact", "Imprint", "Privacy policy", "Terms of use"]


def test_learned_split_is_by_page_fixed_and_about_thirty_percent():
    ids = [f"{n:016x}" for n in range(2000)]
    share = sum(map(learned.held_out, ids)) / len(ids)
    assert 0.27 < share < 0.33
    assert [learned.held_out(i) for i in ids[:50]] == [learned.held_out(i) for i in ids[:50]]


def test_learned_weights_ship_as_json_with_their_provenance():
    payload = read_json("boilerplate-model.json")
    assert "trafilatura-eval" in payload["about"] and payload["pages"] > 500
    assert len(payload["weights"]) > 1000 and all(isinstance(w, float) for w in payload["weights"].values())


def test_learned_menu_lines_score_higher_than_news_sentences():
    probabilities = learned.drop_probabilities(NEWS[:1] + MENU + NEWS[1:])
    menu, news = probabilities[1:1 + len(MENU)], probabilities[1 + len(MENU):]
    assert min(menu) > max(news)


def test_learned_classifier_removes_a_menu_but_no_sentence_of_the_story():
    kept, removed = split_boilerplate(NEWS[:1] + MENU + NEWS[1:])
    assert kept[0] == NEWS[0] and NEWS[1] in kept and NEWS[2] in kept
    assert {r.text for r in removed if r.reason == "learned"} >= {"Home", "Sport", "Privacy policy"}


def test_learned_gold_labels_need_one_side_only():
    keep, drop = ["the market was shelled"], ["subscribe to read"]
    assert learned.gold_label("On Monday the market was shelled, they said.", keep, drop) == 0
    assert learned.gold_label("Please subscribe to read the rest.", keep, drop) == 1
    assert learned.gold_label("the market was shelled; subscribe to read", keep, drop) is None
    assert learned.gold_label("Weather", keep, drop) is None


def test_learned_html_blocks_are_innermost_blocks_without_scripts():
    html = ("<html><head><title>t</title></head><body><nav><ul><li>Home</li><li>News</li></ul></nav>"
            "<div><p>First  paragraph.</p><p>Second</p><script>var x = 1;</script></div></body></html>")
    assert learned.html_blocks(html) == ["Home", "News", "First paragraph.", "Second"]


def test_segment_metric_counts_found_segments_after_whitespace_normalising():
    output = "Rebels shelled\nthe market.\n\nSubscribe now"
    assert segment_counts(output, ["Rebels shelled the market.", "Aid arrived."], ["Subscribe now", "Menu"]) == (1, 1, 1, 1)
    assert segment_counts("", ["a"], ["b"]) == (0, 1, 0, 1)
