"""End-to-end coding on short reports written for these tests: events and non-events, fr + en."""

from pathlib import Path

import pytest
import yaml

import veille

FIXTURES = Path(__file__).parent / "fixtures"
EVENTS = yaml.safe_load((FIXTURES / "coding_events.yaml").read_text(encoding="utf-8"))
NONEVENTS = yaml.safe_load((FIXTURES / "coding_nonevents.yaml").read_text(encoding="utf-8"))

pytestmark = pytest.mark.slow


def test_fixture_sizes():
    assert len(EVENTS) >= 40 and len(NONEVENTS) >= 40
    assert {c["lang"] for c in EVENTS} == {c["lang"] for c in NONEVENTS} == {"en", "fr"}


@pytest.mark.parametrize("case", EVENTS, ids=lambda c: f"{c['lang']}-{c['sub']}-{c['text'][:30]}")
def test_event_is_coded(case):
    events = veille.extract(case["text"], published=case.get("published"), lang=case["lang"])
    assert events, "no event coded"
    main = events[0]
    assert main.sub_event_type == case["sub"]
    record = main.to_dict()
    assert set(record) >= {"event_id", "event_date", "event_type", "actor1", "iso3", "fatalities", "evidence"}
    assert any(e["field"] == "sub_event_type" for e in record["evidence"])


@pytest.mark.parametrize("case", NONEVENTS, ids=lambda c: f"{c['lang']}-{c['kind']}-{c['text'][:30]}")
def test_nonevent_codes_nothing(case):
    assert veille.extract(case["text"], lang=case["lang"]) == []


def test_mirage_article_in_spirit():
    text = (
        "Des Mirage 2000 de l'armée française ont décollé de Jordanie lundi soir et ont détruit une usine "
        "d'explosifs de l'organisation Etat islamique près d'Al-Qaïm, en Irak. Aucune victime n'a été signalée.\n\n"
        "Le Royaume-Uni envisage de participer aux frappes aériennes en Syrie, tandis que l'Allemagne prévoit "
        "d'envoyer des avions de reconnaissance."
    )
    events = veille.extract(text, published="2015-12-01", lang="fr")
    assert len(events) == 1
    strike = events[0]
    assert strike.sub_event_type == "Air/drone strike"
    assert strike.event_date == "2015-11-30"
    assert strike.fatalities == 0
    assert strike.iso3 == "IRQ"
    assert "France" in (strike.actor1 or "")
