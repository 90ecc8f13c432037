"""Cross-article dedup on hand-written Event records (no database, no extractor)."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest

from veille.dedup import (
    THRESHOLD,
    Cluster,
    canonical_fatalities,
    canonical_record,
    cluster_events,
    haversine_km,
    merge_mentions,
    pair_score,
)
from veille.model import Event, Evidence

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "multi_article"))
import oracle  # noqa: E402

GAO = dict(iso3="MLI", country="Mali", admin1="Gao", location="Gao", latitude=16.27, longitude=-0.04, geonameid=2457163)


def attack(doc: str, date: str = "2024-05-06", **kw) -> Event:
    base = dict(
        doc_id=doc,
        event_date=date,
        time_precision=1,
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Islamic State (Sahel)",
        inter1="Rebel group",
        actor2="Military Forces of Mali (2021-)",
        inter2="State forces",
        geo_precision=1,
        fatalities=5,
        confidence=0.8,
        **GAO,
    )
    base.update(kw)
    return Event(**base)


def protest(doc: str, group: str, date: str = "2024-05-06") -> Event:
    return Event(
        doc_id=doc,
        event_date=date,
        time_precision=1,
        event_type="Protests",
        sub_event_type="Peaceful protest",
        actor1="Protesters (France)",
        inter1="Protesters",
        assoc_actor_1=group,
        iso3="FRA",
        country="France",
        location="Lyon",
        latitude=45.75,
        longitude=4.85,
        geonameid=2996944,
        geo_precision=1,
    )


def merged(a: Event, b: Event) -> bool:
    s = pair_score(a, b)
    return s is not None and s >= THRESHOLD


def test_haversine():
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.1)


def test_fatalities_lowest_nonzero_report():
    assert canonical_fatalities([0, 12, 9, 15]) == 9
    assert canonical_fatalities([0, 0]) == 0
    assert canonical_fatalities([]) == 0


def test_same_event_different_wording_and_tolls_merges():
    fr = attack("fr", fatalities=12, lang="fr")
    en = attack("en", date="2024-05-07", fatalities=10, lang="en")  # a day off: "Monday" read differently
    assert merged(fr, en)


def test_attacks_a_week_apart_stay_apart():
    assert pair_score(attack("a"), attack("b", date="2024-05-13")) is None


def test_same_day_protests_by_different_groups_stay_apart():
    assert pair_score(protest("a", "Farmers (France)"), protest("b", "Teachers (France)")) is None
    assert merged(protest("a", "Farmers (France)"), protest("b", "Farmers (France)"))


def test_other_country_or_far_place_is_blocked():
    assert pair_score(attack("a"), attack("b", iso3="NER")) is None
    far = attack("b", geonameid=None, location="Ansongo", latitude=15.66, longitude=0.50)  # ~90 km
    assert pair_score(attack("a"), far) is None


def test_nearby_place_without_geonameid_merges():
    near = attack("b", geonameid=None, location="Gao outskirts", latitude=16.33, longitude=0.02, geo_precision=2)
    assert merged(attack("a"), near)


def test_country_level_mention_merges_only_when_unambiguous():
    country_level = dict(location="Mali", geonameid=None, latitude=17.0, longitude=-4.0, geo_precision=3)
    anonymous = dict(actor1="Unidentified Armed Group (Mali)", actor2=None)
    vague = attack("v", **country_level, **anonymous)
    assert merged(attack("a"), vague)
    assert [len(c.mentions) for c in cluster_events([attack("a"), vague])] == [2]
    # two same-day clashes elsewhere in Mali: which one "in Mali" is about is anybody's guess
    kidal = attack("k", geonameid=2455290, location="Kidal", latitude=18.44, longitude=1.41)
    assert [len(c.mentions) for c in cluster_events([attack("a"), kidal, vague])] == [1, 1, 1]


def test_mention_without_country_needs_shared_actors():
    nowhere = dict(location=None, latitude=None, longitude=None, iso3=None, country=None, geonameid=None)
    assert merged(attack("a"), attack("b", **nowhere))  # the same named actors
    anonymous = attack("b", actor1="Unidentified Armed Group (Mali)", actor2=None, **nowhere)
    assert pair_score(attack("a"), anonymous) is None


def test_event_types_must_be_compatible():
    vac = attack("b", event_type="Violence against civilians", sub_event_type="Attack", actor2="Civilians (Mali)")
    assert merged(attack("a"), vac)
    demo = attack("b", event_type="Protests", sub_event_type="Peaceful protest")
    assert pair_score(attack("a"), demo) is None


def test_low_time_precision_widens_the_window():
    month = attack("b", date="2024-05-20", time_precision=3)
    assert pair_score(attack("a"), month) is not None
    assert pair_score(attack("a"), attack("b", date="2024-05-10")) is None


def test_mentions_of_one_document_never_merge():
    clusters = cluster_events([attack("a"), attack("a"), attack("b")])
    assert [len(c.mentions) for c in clusters] == [2, 1]
    assert {m.doc_id for m in clusters[0].mentions} == {"a", "b"}


def test_canonical_takes_most_precise_place_and_date_and_lowest_toll():
    region = attack("a", fatalities=12, geo_precision=3, geonameid=None, location="Gao region", time_precision=2)
    town = attack(
        "b",
        fatalities=0,
        geo_precision=1,
        date="2024-05-05",
        evidence=[Evidence("location", 10, 13, "Gao", "gazetteer")],
    )
    third = attack("c", fatalities=9)
    canon = merge_mentions([region, town, third], "ev-1")
    assert canon.event_id == "ev-1" and canon.doc_id == "a"
    assert (canon.location, canon.geo_precision, canon.geonameid) == ("Gao", 1, 2457163)
    assert canon.time_precision == 1
    assert canon.fatalities == 9
    assert [e.rule for e in canon.evidence if e.field == "location"] == ["gazetteer [doc b]"]


def test_event_id_stable_as_sources_are_added():
    cluster = Cluster("ev-x")
    cluster.add(attack("a"))
    first = canonical_record(cluster)
    cluster.add(attack("b", fatalities=3))
    second = canonical_record(cluster)
    assert first["event_id"] == second["event_id"] == "ev-x"
    assert second["source_count"] == 2 and second["fatalities"] == 3
    assert [s["doc_id"] for s in second["sources"]] == ["a", "b"]


def test_corpus_clusters_match_gold():
    articles = oracle.load_articles()
    mentions = [e for a in articles for e in oracle.events_for(a)]
    clusters = cluster_events(mentions)
    gold = oracle.load_gold()
    main = {}
    for c in clusters:
        for m in c.mentions:
            if m is next(x for x in mentions if x.doc_id == m.doc_id):
                main[m.doc_id] = c.event_id
    docs = [d for d in gold if gold[d]]
    for a, b in itertools.combinations(docs, 2):
        assert (gold[a] == gold[b]) == (main[a] == main[b]), (a, b)
    # the Boulkessi attack mentioned in passing by e4-en-1 joins its cluster
    boulkessi = next(c for c in clusters if "e1-fr-1" in c.doc_ids)
    assert "e4-en-1" in boulkessi.doc_ids


def test_order_of_arrival_does_not_change_partition_on_corpus():
    articles = oracle.load_articles()
    mentions = [e for a in articles for e in oracle.events_for(a)]

    def partition(ms):
        return sorted(sorted(f"{m.doc_id}/{m.event_date}" for m in c.mentions) for c in cluster_events(ms))

    assert partition(mentions) == partition(list(reversed(mentions)))
