from __future__ import annotations

import csv
import io

import pytest

from storyworld.extract.casualties import figures


@pytest.mark.parametrize("sentence, expected", [
    ("At least 55 people were killed in the blast.", [("At least 55 people were killed", 55, "killed", "at least")]),
    ("Police said 146 protesters were wounded.", [("146 protesters were wounded", 146, "wounded", None)]),
    ("Security forces arrested dozens of protesters.", [("arrested dozens", 12, "detained", "vague")]),
    ("Gunmen opened fire on a bus, killing 3.", [("killing 3", 3, "killed", None)]),
    ("The attack left 10 dead and 20 injured.", [("10 dead", 10, "killed", None), ("20 injured", 20, "wounded", None)]),
    ("Three people are missing after the raid.", [("Three people are missing", 3, "missing", None)]),
    ("The fighting has displaced more than 1,200,000 people and killed twenty-five.",
     [("displaced more than 1,200,000", 1200000, "displaced", "more than"), ("killed twenty-five", 25, "killed", None)]),
    ("More than 12 million people have been displaced.",
     [("More than 12 million people have been displaced", 12_000_000, "displaced", "more than")]),
    ("Some 1.5 million were displaced.", [("Some 1.5 million were displaced", 1_500_000, "displaced", "about")]),
    ("A hundred people were arrested.", [("A hundred people were arrested", 100, "detained", None)]),
    ("The death toll from the floods and the attack rose to 40.",
     [("death toll from the floods and the attack rose to 40", 40, "killed", None)]),
    ("No one was hurt, police said.", [("No one was hurt", 0, "wounded", None)]),
    # no figure: a year, a distance, things counted, no kind word
    ("In 2019 killed protesters were mourned.", []),
    ("Troops killed 2 km from the border.", []),
    ("Five rockets were destroyed and 2 drones were captured.", []),
    ("Some 300 troops were deployed to the city.", []),
])
def test_casualties_figures(sentence, expected):
    assert [(sentence[a:b], n, kind, q) for a, b, n, kind, q in figures(sentence)] == expected


def test_casualties_reach_the_contract_the_store_and_the_exports(fresh_store):
    from storyworld import analyze_text
    from storyworld.contract import from_json, to_json, validate
    from storyworld.store.export import export_csv

    text = ("Gunmen attacked the village of Tabag in Kaduna state on Friday, killing at least 7 farmers, "
            "police said. Two other villagers were wounded.")
    analysis = analyze_text(text, published="2023-09-01", outlet="Daily Trust")
    killed = next(c for c in analysis.casualties if c.kind == "killed")
    assert (killed.number, killed.qualifier, killed.text) == (7, "at least", "killing at least 7")
    assert analysis.events[killed.event].type == "ASSAULT"
    assert killed.sentence.text.startswith("Gunmen attacked")
    obj = __import__("json").loads(to_json(analysis))
    validate(obj)
    assert from_json(obj).casualties == analysis.casualties
    del obj["casualties"]  # an object written before the extension still reads
    assert from_json(obj).casualties == ()

    fresh_store.save(analysis)
    out = io.StringIO()
    export_csv(fresh_store, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    attack = next(r for r in rows if r["type"] == "ASSAULT")
    assert attack["fatalities"] == "7" and attack["fatalities_source"].startswith("Gunmen attacked")
