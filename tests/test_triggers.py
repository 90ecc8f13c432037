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
    assert ModalityGate.for_language(lang).vetoes(sentence)


@pytest.mark.parametrize(
    "lang,sentence,expected",
    [
        (
            "en",
            "Militia fighters fired heavy and medium weapons at the outskirts of the port.",
            "Shelling/artillery/missile attack",
        ),
        ("en", "A shell fired from the hills fell on a farm near the river.", "Shelling/artillery/missile attack"),
        ("en", "The army re-captured the district capital after a week.", "Government regains territory"),
        ("en", "Traders were baton charged by the police at the bazaar.", "Attack"),
        ("en", "Residents blocked the avenue with burning objects overnight.", "Violent demonstration"),
        ("en", "Elders brokered a truce between the two clans.", "Agreement"),
        (
            "fr",
            "Les miliciens ont effectué des tirs d'armes lourdes et moyennes sur le quartier.",
            "Shelling/artillery/missile attack",
        ),
        ("fr", "Des commerçants ont été chargés à coups de matraques par la police.", "Attack"),
        ("fr", "Les notables ont négocié une trêve entre les deux clans.", "Agreement"),
        ("en", "Militants turned two schools into military barracks.", "Headquarters or base established"),
        ("fr", "Les miliciens ont transformé deux écoles en casernes militaires.", "Headquarters or base established"),
    ],
)
def test_plain_wordings_of_events(lang, sentence, expected):
    assert expected in types(lang, sentence)


@pytest.mark.parametrize(
    "lang,sentence,word,vetoed",
    [
        # a clash or a riot that followed an accident or a storm is still an event ...
        ("en", "Bikers clashed with police after a road accident killed their friend.", "clashed", False),
        ("fr", "Des motards ont affronté la police à la suite d'un accident de la route.", "affronté", False),
        # ... but people killed or displaced after a flood are flood victims
        ("en", "Three people were killed after floods hit the valley.", "killed", True),
        ("en", "Thousands were displaced after floods hit the valley.", "displaced", True),
        ("en", "A flood killed three people in the valley.", "killed", True),
    ],
)
def test_background_nonevent_cues_veto_only_what_a_disaster_explains(lang, sentence, word, vetoed):
    gate = ModalityGate.for_language(lang)
    lex = TriggerLexicon.for_language(lang)
    trigger = next(t for t in lex.find(sentence) if word in t.text)
    assert gate.vetoed(gate.vetoes(sentence), trigger.event_type) is vetoed


def test_nonevent_cue_inside_an_organisation_name_does_not_veto():
    gate = ModalityGate.for_language("en")
    sentence = "A leader of the Farmers League was beaten to death by four men."
    start = sentence.index("Farmers League")
    assert gate.vetoes(sentence)  # "league" alone reads as sport ...
    assert not gate.vetoes(sentence, [(start, start + len("Farmers League"))])  # ... not inside a name


@pytest.mark.parametrize(
    "lang,sentence",
    [
        ("en", "Leaders gathered in Brussels for a summit on trade."),
        ("en", "The minister stormed out of the meeting."),
        ("en", "He surrendered his passport to the court."),
        ("fr", "Le président s'est rendu à Bamako mardi."),
        ("en", "Shell profits hit a record this quarter."),
        ("en", "Police recaptured two prisoners on Monday."),
        ("en", "Firefighters responded to a house fire."),
        ("en", "The ministry delivered anti-aircraft systems."),
        ("fr", "Le matraquage publicitaire continue."),
    ],
)
def test_plain_words_of_ordinary_news_are_no_events(lang, sentence):
    assert types(lang, sentence) == []
