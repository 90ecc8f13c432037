"""Similar reports of a run: the country of a report that names no known place, and the town a
shared name means when the text leaves it open (veille.geo.similar)."""

from __future__ import annotations

import pytest

from veille.geo.similar import RULE, SimilarReports, fill_country, terms
from veille.model import Article, Event, Evidence, Place

# invented village reports; "Kfar Nahleh" and "Wadi Sahm" are no places of the gazetteer
LEBANON = [
    "Protesters angry at the collapse of the pound blocked the coastal highway in Jounieh with burning tyres.",
    "Rioters angry at the collapse of the pound hurled stones at bank branches in Zahle and blocked roads.",
    "Protesters angry at the collapse of the pound blocked the main road in Nabatieh with burning tyres.",
]
MEXICO = [
    "Gunmen of a drug cartel shot dead two police officers at a checkpoint in Culiacan.",
    "Gunmen of a drug cartel killed a shopkeeper in Celaya and left a message signed by the cartel.",
]


def _event(iso3: str | None = None, geonameid: int | None = None, alternatives: tuple[Place, ...] = ()) -> Event:
    e = Event(event_type="Protests", iso3=iso3, geonameid=geonameid, alternatives=alternatives)
    if iso3:
        e.country, e.location, e.latitude, e.longitude, e.geo_precision = "X", "X", 1.0, 1.0, 1
        e.evidence.append(Evidence(field="location", start=0, end=1, text="X", rule="geo:first-specific"))
    return e


def _memory() -> SimilarReports:
    memory = SimilarReports()
    for text in LEBANON:
        memory.learn(text, "en", "LBN")
    for text in MEXICO:
        memory.learn(text, "en", "MEX")
    return memory


def test_terms_drop_function_words_and_numbers():
    assert terms("On 3 May 2020, the protesters blocked 2 roads in Kfar Nahleh.", "en") == {
        "may",
        "protesters",
        "blocked",
        "roads",
        "kfar",
        "nahleh",
    }


def test_guess_votes_with_the_nearest_reports():
    memory = _memory()
    query = "Protesters angry at the collapse of the pound blocked the road in Kfar Nahleh with tyres."
    country, word, share = memory.guess(query, "en")
    assert (country, share) == ("LBN", 1.0)
    assert word in terms(query, "en") and any(word in terms(t, "en") for t in LEBANON)
    assert memory.guess("Gunmen of a drug cartel shot a farmer in Wadi Sahm.", "en")[0] == "MEX"


def test_no_guess_without_shared_rare_words():
    assert _memory().guess("The football team won the cup final on Sunday.", "en") is None
    assert SimilarReports().guess("Protesters blocked the highway.", "en") is None


def test_no_guess_when_neighbours_disagree():
    memory = SimilarReports(min_share=0.9)
    memory.learn("Protesters blocked the highway with burning tyres in the north.", "en", "LBN")
    memory.learn("Protesters blocked the highway with burning tyres in the south.", "en", "MEX")
    assert memory.guess("Protesters blocked the highway with burning tyres.", "en") is None


def test_capacity_forgets_the_oldest_reports():
    memory = SimilarReports(capacity=2)
    memory.learn("Fishermen protested against the new harbour tax.", "en", "SEN")
    memory.learn("Miners went on strike over unpaid wages.", "en", "ZAF")
    memory.learn("Teachers marched to the ministry over late salaries.", "en", "KEN")
    assert len(memory) == 2
    assert memory.guess("Fishermen protested against the harbour tax again.", "en") is None


def test_fill_country_puts_an_unplaced_event_in_the_similar_reports_country():
    memory = _memory()
    text = "Protesters angry at the collapse of the pound blocked the road in Kfar Nahleh with burning tyres."
    event = _event()
    fill_country([event], text, "en", memory)
    assert (event.iso3, event.country, event.geo_precision) == ("LBN", "Lebanon", 3)
    ev = event.evidence[-1]
    assert ev.rule == RULE and text[ev.start : ev.end] == ev.text and ev.text
    assert len(memory) == 5  # a guessed report is not remembered: guesses do not feed guesses


def test_fill_country_remembers_placed_reports_only():
    memory = SimilarReports()
    fill_country([_event("LBN", 1)], "Protesters blocked the coastal highway in Jounieh.", "en", memory)
    fill_country([], "Protesters blocked the coastal highway in Byblos.", "en", memory)
    fill_country([_event("LBN", 2, (Place(iso3="LBY"),))], "Protesters blocked the highway in Tripoli.", "en", memory)
    assert len(memory) == 1


def test_a_shared_town_name_moves_to_the_similar_reports_country():
    lebanon = Place(iso3="LBN", country="Lebanon", location="Tripoli", latitude=34.4, longitude=35.8, geonameid=2)
    memory = _memory()
    text = "Protesters angry at the collapse of the pound blocked the road in Tripoli with burning tyres."
    event = _event("LBY", 1, (lebanon,))
    fill_country([event], text, "en", memory)
    assert (event.iso3, event.geonameid, event.location, event.latitude) == ("LBN", 2, "Tripoli", 34.4)
    assert event.evidence[0].rule.endswith("+" + RULE) and event.evidence[-1].rule == RULE
    # the similar reports speak for a country where the name is no town: the event stays
    stay = _event("LBY", 1, (lebanon,))
    fill_country([stay], "Gunmen of a drug cartel shot two men in Tripoli.", "en", memory)
    assert stay.iso3 == "LBY"


def test_an_open_town_carries_its_namesakes():
    from veille import extract

    [event] = extract("On 3 May 2023, protesters blocked the main square in Tripoli.", lang="en")
    assert event.iso3 == "LBY" and [p.iso3 for p in event.alternatives] == ["LBN"]
    assert event.alternatives[0].geo_precision == event.geo_precision


def test_country_points_are_a_side_table_of_the_gazetteer():
    from veille.geo.gazetteer import cache_path, country_points

    points = country_points()
    assert points["LBN"]["country"] == "Lebanon" and 33 < points["LBN"]["latitude"] < 35
    assert cache_path().with_name(cache_path().name.replace("gazetteer-", "countries-")).with_suffix(".json").exists()


@pytest.mark.parametrize(
    ("text", "open_", "iso3"),
    [
        ("On 3 May 2023, protesters blocked the main square in Tripoli.", True, "LBY"),
        ("On 3 May 2023, protesters blocked the main square in Tripoli, Lebanon.", False, "LBN"),
        ("On 3 May 2023, protesters marched from Beirut to Tripoli.", False, "LBN"),
        ("On 3 May 2023, GNA forces shelled positions in Tripoli.", False, "LBY"),
    ],
)
def test_a_town_name_is_left_open_only_when_the_text_says_nothing_else(text, open_, iso3):
    from veille import extract

    [event] = extract(text, lang="en")
    assert (bool(event.alternatives), event.iso3) == (open_, iso3)


def test_pipeline_places_a_village_report_by_earlier_similar_reports():
    from veille.pipeline import DocResult, Pipeline

    texts = [
        "On 2 May 2023, protesters angry at the collapse of the pound blocked the highway in Zahle with burning tyres.",
        "On 3 May 2023, protesters angry at the collapse of the pound blocked the highway in Sidon with burning tyres.",
        "On 4 May 2023, protesters angry at the collapse of the pound blocked the highway in Kfar Nahleh with "
        "burning tyres.",
    ]
    arts = [Article(doc_id=f"d{i}", text=t, lang="en", published="2023-05-05") for i, t in enumerate(texts)]
    results = [r for r in Pipeline().run(arts) if isinstance(r, DocResult)]
    assert [r.events[0].iso3 for r in results] == ["LBN", "LBN", "LBN"]
    assert results[2].events[0].geo_precision == 3
    alone = [r for r in Pipeline(similar_reports=False).run(arts) if isinstance(r, DocResult)]
    assert alone[2].events[0].iso3 is None
