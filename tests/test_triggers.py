"""Triggers, modality and refinements: fast checks on the lexicons (no spaCy model)."""

import pytest

from veille.extractors.modality import ModalityGate
from veille.extractors.triggers import TriggerLexicon, event_type_of


def types(lang: str, text: str) -> list[str]:
    return [m.sub_event_type for m in TriggerLexicon.for_language(lang).find(text)]


def test_every_sub_event_type_is_the_codebooks():
    table = event_type_of()
    assert len(table) == 25
    assert table["Air/drone strike"] == "Explosions/Remote violence"
    assert table["Looting/property destruction"] == "Strategic developments"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_lexicons_compile_and_use_codebook_names(lang):
    lex = TriggerLexicon.for_language(lang)
    assert {sub for sub, _, _ in lex.triggers} <= set(event_type_of())


def test_longer_reading_wins_over_a_nested_word():
    assert "Grenade" not in types("en", "They fired a rocket-propelled grenade at the post.")
    assert "Grenade" not in types("en", "Police fired tear gas grenades at the crowd.")
    assert "Grenade" not in types("fr", "La police a tiré des grenades lacrymogènes.")


def test_month_name_is_not_a_march():
    assert "Peaceful protest" not in types("en", "On 12 March 2023, soldiers clashed with militants.")
    assert "Peaceful protest" in types("en", "Thousands marched through the capital.")


def test_french_air_strike_with_long_gap():
    text = "Des Mirage 2000 de l'armée française ont décollé de Jordanie lundi soir et ont détruit une usine."
    assert "Air/drone strike" in types("fr", text)


@pytest.mark.parametrize(
    "lang,sentence,word,expected",
    [
        ("en", "Rebels threatened to attack the town.", "attack", "planned"),
        ("en", "Britain is preparing to join air strikes in Syria.", "air strikes", "planned"),
        ("en", "Police did not arrest anyone.", "arrest", "planned"),
        ("en", "Gunmen attacked the town on Monday.", "attacked", None),
        ("fr", "Le Royaume-Uni prévoit de mener des frappes en Syrie.", "frappes", "planned"),
        ("fr", "Les rebelles ont attaqué la ville lundi.", "attaqué", None),
    ],
)
def test_modality_gate(lang, sentence, word, expected):
    start = sentence.index(word)
    got = ModalityGate.for_language(lang).check(sentence, start, start + len(word))
    assert (got is not None) == (expected is not None)


def test_french_future_is_not_an_event_but_conditional_is_reported_speech():
    gate = ModalityGate.for_language("fr")
    assert gate.check("x", 0, 1, morph="Mood=Ind|Tense=Fut") == "planned"
    assert gate.check("x", 0, 1, morph="Mood=Cnd|Tense=Pres") is None


@pytest.mark.parametrize(
    "lang,sentence",
    [
        ("en", "An earthquake struck the region, killing 12 people."),
        ("en", "The striker scored in the final minute of the match."),
        ("fr", "Un séisme a frappé la région, faisant douze morts."),
        ("fr", "Cinq personnes ont été tuées dans un accident de la route."),
    ],
)
def test_nonevent_cues(lang, sentence):
    assert ModalityGate.for_language(lang).nonevent_cue(sentence)
