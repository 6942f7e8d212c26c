"""`storyworld incidents --explain ID` (issue 28): why each report joined, how each origin was keyed."""

from __future__ import annotations

import json
from dataclasses import replace

from click.testing import CliRunner

from storyworld.cli import cli
from storyworld.corpus.explain import explain_incident
from storyworld.corpus.incidents import MIN_SCORE, WEIGHTS
from storyworld.corpus.update import update_incidents
from storyworld.store.queries import incidents
from storyworld.types import Source


def _report(make_analysis, text, *, outlet, sources, published="2023-08-26"):
    base = make_analysis(text)
    document = replace(base.document, outlet=outlet, published=published, url=f"https://{outlet.lower()}.example/a")
    return replace(base, document=document, events=(replace(base.events[0], sources=tuple(sources)),))


def _store_with_incident(fresh_store, make_analysis):
    reports = [
        _report(make_analysis, "Israel struck a site near Masyaf on Aug. 25, the IDF said.", outlet="Coast Herald",
                sources=[Source("the IDF", "organization")]),
        _report(make_analysis, "Israeli jets hit a site near Masyaf on Aug. 25, the Israeli military said.",
                outlet="Valley Times", sources=[Source("The Israeli military", "organization")]),
        _report(make_analysis, "A site near Masyaf was struck on Aug. 25, a resident said.", outlet="Hill Post",
                sources=[Source("a resident", "anonymous")]),
    ]
    for analysis in reports:
        fresh_store.save(analysis)
    update_incidents(fresh_store, [a.document.id for a in reports])
    (incident,) = incidents(fresh_store)
    return incident


def test_explain_each_report_joined_on_its_best_match_and_each_key_from_its_chain(fresh_store, make_analysis):
    incident = _store_with_incident(fresh_store, make_analysis)
    found = explain_incident(fresh_store, incident["id"])
    assert found["weights"] == WEIGHTS and found["min_score"] == MIN_SCORE
    first, *rest = found["joined"]
    assert first["how"] == "first"
    for joined in rest:
        assert joined["how"] == "matched" and joined["scores"]["score"] >= MIN_SCORE
        assert set(joined["scores"]) == {"date", "place", "parties", "evidence", "type", "score"}
        assert joined["fields"]["type"] == {"this": "ASSAULT", "matched": "ASSAULT"}
    keys = {r["outlet"]: r for r in found["origin_reports"]}
    idf = keys["Coast Herald"]["sources"][0]
    assert (idf["written"], idf["resolved"]) == ("the IDF", "Israel Defense Forces") and "registry" in idf["why"]
    assert keys["Valley Times"]["key"] == keys["Coast Herald"]["key"] == "israel defense forces"
    assert keys["Hill Post"]["key"] == "hill post > a resident" and "unnamed" in keys["Hill Post"]["key_rule"]
    # the explanation counts what the incident counts
    assert len(found["independent_origins"]) == incident["independent_origins"] == 2


def test_explain_cli_prints_the_reasons_and_refuses_an_unknown_incident(fresh_store, make_analysis):
    incident = _store_with_incident(fresh_store, make_analysis)
    out = CliRunner().invoke(cli, ["incidents", "--db", fresh_store.path, "--explain", str(incident["id"])])
    assert out.exit_code == 0, out.output
    assert "matched event" in out.output and "key 'israel defense forces'" in out.output
    assert "2 independent origin(s)" in out.output
    as_json = CliRunner().invoke(cli, ["incidents", "--db", fresh_store.path, "--explain", str(incident["id"]),
                                       "--format", "json"])
    assert json.loads(as_json.stdout)["id"] == incident["id"]
    missing = CliRunner().invoke(cli, ["incidents", "--db", fresh_store.path, "--explain", "999"])
    assert missing.exit_code == 2 and "no incident 999" in missing.output
