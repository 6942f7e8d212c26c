from __future__ import annotations

import json
from dataclasses import replace

from click.testing import CliRunner

from storyworld.body.document import document_id
from storyworld.cli import cli
from storyworld.corpus.update import update_incidents
from storyworld.store.queries import EventFilter, incidents
from storyworld.types import ActorRef, Source


def variant(make_analysis, text, *, outlet, published="2023-08-26", sources=(), date="2023-08-25", modality="actual",
            lat=35.0653, lon=36.3421):
    base = make_analysis(text)
    document = replace(base.document, outlet=outlet, published=published, url=f"https://{outlet.lower()}.example/a")
    event = replace(base.events[0], sources=tuple(sources), date=date, modality=modality,
                    location=replace(base.events[0].location, lat=lat, lon=lon))
    return replace(base, document=document, events=(event,))


def test_update_clusters_reports_and_counts_origins(fresh_store, make_analysis):
    reports = [
        variant(make_analysis, "Israel struck a site near Masyaf on Aug. 25, Asharq al-Awsat reported.",
                outlet="JNS", sources=[Source("Asharq al-Awsat", "outlet"), Source("a source", "anonymous")]),
        variant(make_analysis, "Israeli jets hit a weapons site near Masyaf on Friday.", outlet="Ynet",
                published="2023-08-25", sources=[Source("Asharq al-Awsat", "outlet")]),
        variant(make_analysis, "The Syrian army denied that any site near Masyaf was struck on Aug. 25.",
                outlet="SANA Watch", modality="negated", sources=[Source("the Syrian army", "organization")]),
        variant(make_analysis, "Israel struck a site near Aleppo on Aug. 27.", outlet="JNS", date="2023-08-27",
                lat=36.2021, lon=37.1343),
    ]
    ids = []
    for analysis in reports:
        assert fresh_store.save(analysis).status == "added"
        ids.append(analysis.document.id)
    update_incidents(fresh_store, ids)
    found = incidents(fresh_store, sort="reports")
    assert [len(i["reports"]) for i in found] == [3, 1]
    masyaf = found[0]
    assert masyaf["independent_origins"] == 2  # Asharq al-Awsat > a source; the Syrian army
    assert {o["key"] for o in masyaf["origins"]} == {"asharq al-awsat > a source", "syrian army"}
    assert masyaf["first_reported"]["outlet"] == "Ynet"  # published first
    assert masyaf["modality"] == "actual"
    modality = next(c for c in masyaf["conflicts"] if c["field"] == "modality")
    assert {v["value"] for v in modality["values"]} == {"actual", "negated"}
    # incremental and idempotent: running again places nothing twice
    update_incidents(fresh_store, ids)
    assert [len(i["reports"]) for i in incidents(fresh_store, sort="reports")] == [3, 1]


def test_update_links_near_duplicates_to_the_original_incident(fresh_store, make_analysis):
    original = variant(make_analysis, "Israel struck a site near Masyaf on Aug. 25.", outlet="Levant Monitor")
    fresh_store.save(original)
    update_incidents(fresh_store, [original.document.id])
    copy_text = "Israel struck a site near Masyaf on Aug. 25 (syndicated)."
    copy = replace(original.document, id=document_id(copy_text), text=copy_text, outlet="Gulf Ledger")
    fresh_store.save_unanalysed(copy, status="duplicate", duplicate_of=original.document.id)
    update_incidents(fresh_store, [copy.id])
    (incident,) = incidents(fresh_store)
    assert len(incident["reports"]) == 2
    assert incident["reports"][1]["duplicate_of"] == original.document.id
    assert incident["independent_origins"] == 1  # the copy takes the original's chain and publisher


def test_update_incidents_cli_json(fresh_store, make_analysis):
    a = variant(make_analysis, "Israel struck a site near Masyaf on Aug. 25.", outlet="JNS")
    b = variant(make_analysis, "Israel hit a site near Masyaf on Aug. 25, officials said.", outlet="Ynet")
    for x in (a, b):
        fresh_store.save(x)
    update_incidents(fresh_store, [a.document.id, b.document.id])
    out = CliRunner().invoke(cli, ["incidents", "--db", fresh_store.path, "--format", "json", "--min-reports", "2"])
    obj = json.loads(out.stdout)
    assert obj["schema"] == "storyworld.incidents/1"
    (incident,) = obj["incidents"]
    assert incident["independent_origins"] == 2 and incident["type"] == "ASSAULT"
    assert set(incident) >= {"id", "type", "modality", "date", "date_precision", "location", "actors", "reports",
                             "origins", "independent_origins", "first_reported", "conflicts"}
    empty = CliRunner().invoke(cli, ["incidents", "--db", fresh_store.path, "--format", "json", "--min-reports", "3"])
    assert json.loads(empty.stdout)["incidents"] == []


def test_update_a_place_named_only_in_the_dateline_is_not_where_it_happened(fresh_store, make_analysis):
    from storyworld.corpus.update import _to_report
    from storyworld.store.incidents import REPORT_SQL

    text = "DUBAI, July 12 (Gulf Ledger) — A tanker sailing through the Red Sea was hit on Saturday."
    base = make_analysis(text)
    event = replace(base.events[0], date=None, date_precision=None,
                    location=replace(base.events[0].location, text="DUBAI", name="Dubai", country="ARE"))
    analysis = replace(base, events=(event,))
    fresh_store.save(analysis)
    row = fresh_store.conn.execute(REPORT_SQL + " WHERE e.document_id = ?", (analysis.document.id,)).fetchone()
    assert row["lat"] is not None
    report = _to_report(row, fresh_store)
    # where it was filed: a soft place that agrees with a report near Dubai and vetoes none far away
    assert report.location_soft and report.location_inferred and report.location_country is None
    assert _to_report(row).lat is not None and not _to_report(row).location_soft  # without the store, the row
    from storyworld.corpus.incidents import location_compatible

    at_hodeidah = replace(report, event_id=99, lat=14.8, lon=42.95, location_soft=False, location_inferred=False,
                          location_country="YEM", location_precision="city")
    assert location_compatible(report, at_hodeidah) == 0.3
    assert location_compatible(report, replace(at_hodeidah, lat=report.lat + 0.05, lon=report.lon,
                                               location_country="ARE")) > 0.5


def test_update_the_dateline_town_lent_to_a_later_sentence_is_not_where_it_happened(fresh_store, make_analysis):
    """The places stage gives a sentence that names no place the dateline's town ("DAKAR, Oct. 3 …
    According to AFP, the demonstrators marched …"): that is where the story was filed."""
    from storyworld.corpus.update import _in_dateline_only, _to_report
    from storyworld.store.incidents import REPORT_SQL

    text = ("DAKAR, Oct. 3 (West Africa Report) — Police in Bamako fired tear gas on Friday.\n\n"
            "According to AFP, the demonstrators marched towards the Ministry of Energy.")
    base = make_analysis(text)
    start = text.index("According")
    later = replace(base.events[0], evidence=replace(base.events[0].evidence, text=text[start:], start=start,
                                                     end=len(text)),
                    location=replace(base.events[0].location, text="DAKAR", name="Dakar", country="SEN"))
    analysis = replace(base, events=(later,))
    fresh_store.save(analysis)
    row = fresh_store.conn.execute(REPORT_SQL + " WHERE e.document_id = ?", (analysis.document.id,)).fetchone()
    assert _to_report(row, fresh_store).location_soft
    named = dict(row, location_text="Ministry of Energy")  # a place the sentence names stays
    assert not _in_dateline_only(fresh_store, named)


def test_update_a_report_finds_an_incident_placed_only_at_sea(fresh_store, make_analysis):
    """An incident whose best place is a sea (a point at its middle, no finer precision) matches by
    country, so a later report placed at a port 600 km from that point must still find it."""
    at_sea = variant(make_analysis, "Houthi forces attacked the tanker Sea Lark in the Red Sea on July 12.",
                     outlet="Red Sea Wire", date="2025-07-12", published="2025-07-12", lat=20.0, lon=38.5)
    at_sea = replace(at_sea, events=(replace(at_sea.events[0], location=replace(
        at_sea.events[0].location, precision=None, country=None, name="Red Sea", text="Red Sea")),))
    at_port = variant(make_analysis, "Houthi forces attacked the tanker Sea Lark off Hodeidah on July 12.",
                      outlet="Gulf Ledger", date="2025-07-12", published="2025-07-12", lat=14.8, lon=42.95)
    for analysis in (at_sea, at_port):
        fresh_store.save(analysis)
        update_incidents(fresh_store, [analysis.document.id])
    (incident,) = incidents(fresh_store)
    assert len(incident["reports"]) == 2


def _many_events(make_analysis, n: int, *, tag: str):
    """One document of ``n`` events on one day at one place, each against another named ship: every
    event opens an incident, and every earlier one is a candidate for the next."""
    import string

    def name(k):
        return "".join(string.ascii_lowercase[(k // 26 ** i) % 26] for i in range(3)).capitalize()

    text = " ".join(f"Gunmen attacked the ship {name(k)} near Masyaf on Aug. 25 ({tag})." for k in range(n))
    base = make_analysis(text)
    events, start = [], 0
    for k in range(n):
        sentence = f"Gunmen attacked the ship {name(k)} near Masyaf on Aug. 25 ({tag})."
        events.append(replace(base.events[0], evidence=replace(base.events[0].evidence, text=sentence, start=start,
                                                               end=start + len(sentence)),
                              target=ActorRef(f"the {name(k)}", f"the {name(k)}", None, None)))
        start += len(sentence) + 1
    return replace(base, events=tuple(events))


def test_issue_25_placing_an_event_costs_the_same_few_statements_whatever_the_document_size(tmp_path,
                                                                                             make_analysis):
    """Was: every report of every candidate incident re-read its whole document (its lead) for each
    event placed, so a 359-event article took 65 s to place. Now the statements run per event stay
    fixed as the document (and the number of candidate incidents) grows."""
    from storyworld.store import Store

    per_event = {}
    for n in (10, 80):
        store = Store.open(tmp_path / f"{n}.db")
        analysis = _many_events(make_analysis, n, tag=str(n))
        store.save(analysis)
        statements = []
        store.conn.set_trace_callback(statements.append)
        update_incidents(store, [analysis.document.id])
        store.conn.set_trace_callback(None)
        assert len(incidents(store)) == n  # every ship is its own incident
        per_event[n] = len(statements) / n
        store.close()
    assert per_event[80] <= per_event[10] + 1, per_event


def test_update_a_rolled_back_document_leaves_nothing_remembered(fresh_store, make_analysis):
    """Reports are remembered per connection; a rollback forgets them, since its event ids come back
    for the next document."""
    import pytest

    first = variant(make_analysis, "Israel struck a site near Masyaf on Aug. 25.", outlet="JNS")
    with pytest.raises(RuntimeError):
        with fresh_store.transaction():
            fresh_store.save(first)
            update_incidents(fresh_store, [first.document.id])
            assert fresh_store.memo["incident_reports"]
            raise RuntimeError("killed")
    assert fresh_store.memo == {}
    other = variant(make_analysis, "Gunmen attacked a checkpoint near Aleppo on Aug. 27.", outlet="Ynet",
                    date="2023-08-27", lat=36.2021, lon=37.1343)
    for analysis in (other, first):
        fresh_store.save(analysis)
        update_incidents(fresh_store, [analysis.document.id])
    assert sorted(len(i["reports"]) for i in incidents(fresh_store)) == [1, 1]


def test_issue_28_one_source_written_three_ways_is_one_origin(fresh_store, make_analysis):
    """Reports through "the Council" (defined in its own text), "the Council of the EU" and "the
    Council of the European Union" have one independent origin: the source registry and each
    document's own definitions name one body."""
    reports = [
        variant(make_analysis, "The Council of the European Union (the Council) struck a site near Masyaf on Aug. 25, "
                "the Council said.", outlet="Brussels Courier", sources=[Source("the Council", "organization")]),
        variant(make_analysis, "The Council of the EU struck a site near Masyaf.", outlet="Nairobi Ledger",
                sources=[Source("the Council of the EU", "organization")]),
        variant(make_analysis, "A site near Masyaf was struck, the Council of the European Union said.",
                outlet="Wire Digest", sources=[Source("The Council of the European Union", "organization")]),
    ]
    for analysis in reports:
        fresh_store.save(analysis)
    update_incidents(fresh_store, [a.document.id for a in reports])
    (incident,) = incidents(fresh_store)
    assert len(incident["reports"]) == 3
    assert incident["independent_origins"] == 1
    assert [o["name"] for o in incident["origins"]] == ["Council of the European Union"]
    # each report still shows its chain as its text wrote it
    assert sorted(r["sources"][0]["name"] for r in incident["reports"]) == sorted([
        "the Council", "the Council of the EU", "The Council of the European Union"])


def test_issue_28_a_merged_incident_keeps_its_last_summary_names_the_survivor_and_logs_the_merge(
        fresh_store, make_analysis):
    from storyworld.corpus.update import rebuild_summary
    from storyworld.store import incidents as table
    from storyworld.store.changes import history

    first = variant(make_analysis, "Israel struck a site near Masyaf on Aug. 25.", outlet="Levant Monitor")
    second = variant(make_analysis, "Israel struck a site near Aleppo on Aug. 25.", outlet="Gulf Ledger",
                     lat=36.2021, lon=37.1343)
    for analysis in (first, second):
        fresh_store.save(analysis)
    update_incidents(fresh_store, [first.document.id, second.document.id])
    older, younger = sorted(i["id"] for i in incidents(fresh_store))
    with fresh_store.transaction():
        assert table.merge_into(fresh_store, older, younger)  # both stored: the younger keeps its row
        rebuild_summary(fresh_store, older, cause=second.document.id)
        rebuild_summary(fresh_store, younger, cause=second.document.id, emptied="merged", merged_into=older)
    (survivor,) = incidents(fresh_store)
    assert survivor["id"] == older and len(survivor["reports"]) == 2
    (merged,) = incidents(fresh_store, EventFilter(states=("merged",)))
    assert merged["id"] == younger and merged["merged_into"] == older and len(merged["reports"]) == 1
    assert [c["change"] for c in history(fresh_store, "incident", younger)] == ["created", "merged"]
    from storyworld.corpus.explain import explain_incident

    explained = explain_incident(fresh_store, younger)
    assert explained["state"] == "merged" and explained["merged_into"] == older
    assert len(explain_incident(fresh_store, older)["joined"]) == 2
    # an incident made and merged within one transaction leaves no row behind
    with fresh_store.transaction():
        fresh = table.new_incident(fresh_store, "ASSAULT", "actual", "2023-08-25")
        assert not table.merge_into(fresh_store, older, fresh)
    assert table.incident_version(fresh_store, fresh) is None


def test_update_a_report_dated_by_its_week_finds_the_incident_of_a_day_in_that_week(fresh_store, make_analysis):
    # "2009-W02" as written sorts after every day of 2009: its incident was in no day's window
    week = variant(make_analysis, "A man stabbed his mother and his former girlfriend to death in their apartment.",
                   outlet="Coast Wire", published="2009-01-14", date="2009-W02")
    week = replace(week, events=(replace(week.events[0], date_precision="week"),))
    day = variant(make_analysis, "A New Bedford man murdered his mother and his former girlfriend on Saturday.",
                  outlet="Bay Journal", published="2009-01-14", date="2009-01-10")
    for analysis in (week, day):
        assert fresh_store.save(analysis).status == "added"
        update_incidents(fresh_store, [analysis.document.id])
    assert [len(i["reports"]) for i in incidents(fresh_store)] == [2]


def test_update_an_old_day_in_a_document_dates_none_of_its_undated_reports(fresh_store, make_analysis):
    from storyworld.corpus.update import _read_lead

    text = ("A woman has been charged with murder over the killings. The clerks were gunned down on April 11, 1967. "
            "Police met on Friday.")
    base = variant(make_analysis, text, outlet="Dominion Dispatch", published="2008-11-29", date=None)
    old = replace(base.events[0], date="1967-04-11", date_precision="day")
    recent = replace(base.events[0], date="2008-11-28", date_precision="day")
    for events, expected in (((base.events[0], old), None), ((base.events[0], old, recent), "2008-11-28")):
        analysis = replace(base, document=replace(base.document, id=f"doc-{len(events)}"), events=events)
        assert fresh_store.save(analysis).status == "added"
        assert _read_lead(fresh_store, analysis.document.id).date == expected
