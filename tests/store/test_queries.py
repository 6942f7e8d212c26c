from __future__ import annotations

import pytest

from storyworld.store.queries import EventFilter, count_events, events, stats



@pytest.fixture()
def store_with_events(fresh_store, make_analysis):
    fresh_store.save(make_analysis("Israel struck a site near Masyaf on Aug. 25."))
    fresh_store.save(make_analysis("Israel struck another site near Homs on Aug. 26, officials said."))
    return fresh_store


@pytest.mark.parametrize("f, expected", [
    (EventFilter(), 2),
    (EventFilter(type="ASSAULT"), 2),
    (EventFilter(type="PROTEST"), 0),
    (EventFilter(country="SYR"), 2),
    (EventFilter(country="FRA"), 0),
    (EventFilter(type="ASSAULT", country="SYR"), 2),  # read off event_countries' (country, type) index
    (EventFilter(type="PROTEST", country="SYR"), 0),
    (EventFilter(type="ASSAULT", country="ISR", since="2023-08-26"), 0),
    (EventFilter(actor="isra"), 2),
    (EventFilter(since="2023-08-25", until="2023-08-25"), 2),
    (EventFilter(since="2023-08-26"), 0),
    (EventFilter(source="Ynet"), 2),
    (EventFilter(source="Reuters"), 0),
    (EventFilter(modality="negated"), 0),
    (EventFilter(text="Homs"), 1),
    (EventFilter(outlet="JNS"), 2),
])
def test_queries_event_filters(store_with_events, f, expected):
    assert count_events(store_with_events, f) == expected
    assert len(events(store_with_events, f)) == expected


@pytest.mark.parametrize("hostile", [
    "'; DROP TABLE events; --", '" OR 1=1 --', "%", "_", "\\", "NEAR(qq zz", "zzz OR", "*", "a\"b",
])
def test_queries_filters_are_not_injectable(store_with_events, hostile):
    for f in (EventFilter(actor=hostile), EventFilter(source=hostile), EventFilter(text=hostile),
              EventFilter(type=hostile), EventFilter(outlet=hostile)):
        assert count_events(store_with_events, f) == 0
    assert count_events(store_with_events, EventFilter()) == 2  # nothing was dropped


def test_queries_stats(store_with_events):
    summary = stats(store_with_events)
    assert summary["documents"] == 2
    assert summary["events_by_type"] == {"ASSAULT": 2}
    assert summary["events_by_country"] == {"SYR": 2}
    assert summary["top_sources"][0]["name"] == "Ynet"


def test_queries_claims_by_source_kind(fresh_store, make_analysis):
    from dataclasses import replace

    from storyworld.store.queries import ClaimFilter, claims, sources
    from storyworld.types import Source

    base = make_analysis("Israel struck a site near Masyaf on Aug. 25, a source said.")
    anonymous = replace(base.claims[0], sources=(Source("a source", "anonymous"),))
    fresh_store.save(replace(base, claims=(anonymous,)))
    fresh_store.save(make_analysis("Israel struck another site near Homs on Aug. 26, Ynet reported."))
    assert len(claims(fresh_store)) == 2
    only = claims(fresh_store, ClaimFilter(only_kind="anonymous"))
    assert [c["sources"] for c in only] == [[{"name": "a source", "kind": "anonymous"}]]
    assert len(claims(fresh_store, ClaimFilter(source="ynet"))) == 1
    assert len(claims(fresh_store, ClaimFilter(kind="outlet"))) == 1
    assert {s["name"] for s in sources(fresh_store, kind="anonymous")} == {"a source"}


def test_queries_claims_keep_content_and_office(fresh_store, make_analysis):
    from dataclasses import replace

    from storyworld.store.queries import claims
    from storyworld.types import Source, Span

    base = make_analysis("Israel struck a site near Masyaf, army spokesman Avi Levy said.")
    text = base.claims[0].text
    claim = replace(base.claims[0], sources=(Source("Avi Levy", "official", "army spokesman"),),
                    content=Span(text[:33], 0, 33))
    fresh_store.save(replace(base, claims=(claim,)))
    (row,) = claims(fresh_store)
    assert row["content"] == text[:33]
    assert row["sources"] == [{"name": "Avi Levy", "kind": "official", "office": "army spokesman"}]


def test_queries_sources_carry_the_registry_name_and_parent(fresh_store, make_analysis):
    """Issue 28: each source row names the registered body it means (null when unregistered)."""
    from dataclasses import replace as _replace

    from storyworld.store.queries import sources as list_sources
    from storyworld.types import Source as _Source

    base = make_analysis("The Israeli military struck a site near Masyaf on Aug. 25.")
    event = _replace(base.events[0], sources=(_Source("The Israeli military", "organization"),))
    fresh_store.save(_replace(base, events=(event,)))
    rows = {r["name"]: r for r in list_sources(fresh_store)}
    assert (rows["The Israeli military"]["canonical"], rows["The Israeli military"]["parent"]) == (
        "Israel Defense Forces", "Israeli government")
    assert rows["Ynet"]["canonical"] is None


def test_queries_a_source_is_listed_and_counted_alike_either_way_and_leaves_out_what_is_not_current(
        store_with_events, monkeypatch):
    from storyworld.store import queries

    store = store_with_events
    event_id = store.conn.execute("SELECT MIN(id) FROM events").fetchone()[0]
    with store.transaction():
        store.conn.execute("UPDATE events SET state = 'superseded' WHERE id = ?", (event_id,))
    for share in (0.0, 2.0):  # every source common (read in date order), none common (its set of events)
        monkeypatch.setattr(queries, "COMMON_SOURCE_SHARE", share)
        assert count_events(store, EventFilter(source="Ynet")) == len(events(store, EventFilter(source="Ynet"))) == 1
        assert count_events(store, EventFilter(source="Ynet", states=None)) == 2
        assert count_events(store, EventFilter(source="Ynet"), cap=1) == 1
        assert [e["id"] for e in events(store, EventFilter(source="Ynet", states=None))] == \
               [e["id"] for e in events(store, EventFilter(states=None))]
    # a country or no filter: every version less the ones not current
    assert count_events(store, EventFilter()) == count_events(store, EventFilter(country="SYR")) == 1
    assert count_events(store, EventFilter(), cap=1) == 1
    assert count_events(store, EventFilter(states=("superseded",))) == 1
