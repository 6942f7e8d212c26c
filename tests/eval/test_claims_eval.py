"""The PolNeAR relation scorer: which gold relations are in the denominator (issue 24)."""

from __future__ import annotations

from storyworld.eval.claims import _relations

# "The minister said the bridge would reopen. It was reported that the port had closed."
SAID = {"source": {"spans": [[0, 12]]}, "cue": {"spans": [[13, 17]]}, "content": {"spans": [[18, 41]]}}
REPORTED = {"cue": {"spans": [[49, 57]]}, "content": {"spans": [[58, 84]]}}  # no source: implicit


def test_sourceless_gold_relation_counts_as_a_miss() -> None:
    predicted = [((13, 17), (0, 12), (18, 41), "say")]
    score = _relations(predicted, [SAID, REPORTED], with_content=False)
    assert (score.tp, score.fp, score.fn) == (1, 0, 1)
    assert score.recall == 0.5


def test_sourceless_gold_relation_is_never_matched() -> None:
    """A prediction on the sourceless relation's cue is a false positive, not a match."""
    predicted = [((49, 57), (43, 47), (58, 84), "report")]
    score = _relations(predicted, [REPORTED], with_content=False)
    assert (score.tp, score.fp, score.fn) == (0, 1, 1)


def test_sourced_only_figure_leaves_the_implicit_relation_out() -> None:
    predicted = [((13, 17), (0, 12), (18, 41), "say")]
    score = _relations(predicted, [g for g in (SAID, REPORTED) if g.get("source")], with_content=False)
    assert (score.tp, score.fp, score.fn) == (1, 0, 0)


def test_same_source_merges_one_outlet_under_two_names() -> None:
    from storyworld.eval.claims import _same_source

    assert _same_source("Press Trust of India", "PTI")
    assert _same_source("AP", "the Associated Press")
    assert not _same_source("Reuters", "Associated Press")
    assert not _same_source("Reuters", "the army")
