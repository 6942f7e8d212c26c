from storyworld.eval.bodies import page_scores, score


def test_bodies_metric_matches_the_benchmark_definition():
    gold = "one two three four five six"
    assert page_scores(gold, gold) == (1.0, 1.0, True)
    p, r, same = page_scores(gold, gold + " seven")  # one extra shingle
    assert r == 1.0 and 0.7 < p < 0.8 and not same
    p, r, _ = page_scores(gold, "")
    assert p is None and r == 0.0
    assert score([(gold, gold), (gold, "nothing alike at all here")])["accuracy"] == 0.5


def test_bodies_boilerplate_reader_rule():
    from storyworld.body.boilerplate import classify_paragraph

    news = ("The streaming service said subscriptions rose by four million in the quarter as new subscribers "
            "signed up after the launch of its cheaper advertising tier in Europe and Asia, analysts said.")
    assert classify_paragraph(news) is None
    assert classify_paragraph("Subscribe to Dnipro Daily for full access to our reporting.") == "appeal"
    assert classify_paragraph("This article was republished from the Kivu Post under a content-sharing agreement.") == "copyright"
