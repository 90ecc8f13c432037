"""Actors in ACLED naming: data tables (fast) and assignment on parsed sentences (slow)."""

from __future__ import annotations

import pytest

from veille.extractors.actors import ActorResult, assign_actors, class_actor, country_name, period

# --------------------------------------------------------------------------- naming (no spaCy)


def test_country_names_follow_acled():
    assert country_name("COD") == "Democratic Republic of Congo"
    assert country_name("TUR") == "Turkey"
    assert country_name("MLI") == "Mali"


def test_government_period_picks_the_period_of_the_event():
    assert period("UKR", "2020-05-01") == " (2019-)"
    assert period("UKR", "2016-03-01") == " (2014-)"
    assert period("XXX", "2020-05-01") == ""


def test_state_forces_of_another_country_are_external():
    a = class_actor("military", "FRA", "Mali", "MLI", "2020-01-10")
    assert a.name == "Military Forces of France (2017-)"
    assert a.inter == "External/Other forces"
    b = class_actor("police", None, "Philippines", "PHL", "2020-01-10")
    assert b.name == "Police Forces of the Philippines (2016-)"
    assert b.inter == "State forces"


def test_unnamed_actors_take_the_event_country():
    assert class_actor("protesters", None, "Chile", "CHL", None).name == "Protesters (Chile)"
    assert class_actor("civilians", None, "Mali", "MLI", None).inter == "Civilians"
    assert (
        class_actor("unidentified_armed_group", None, "Niger", "NER", None).name == "Unidentified Armed Group (Niger)"
    )
    assert class_actor("unidentified_armed_group", None, "Mexico", "MEX", None).name == "Unidentified Gang (Mexico)"


# --------------------------------------------------------------------------- assignment (spaCy)


def run(text, trigger, event_type, sub, lang, iso3, country, date="2020-05-04") -> ActorResult:
    from veille.nlp import get_nlp

    doc = get_nlp(lang)(text)
    start = text.index(trigger)
    sent = next(s for s in doc.sents if s.start_char <= start < s.end_char)
    return assign_actors(
        doc, (start, start + len(trigger)), (sent.start_char, sent.end_char), event_type, sub, lang, iso3, country, date
    )


@pytest.mark.slow
def test_en_peaceful_protest_has_no_actor2():
    r = run(
        "Hundreds of teachers protested in Santiago on Monday over unpaid wages.",
        "protested",
        "Protests",
        "Peaceful protest",
        "en",
        "CHL",
        "Chile",
    )
    assert (r.actor1, r.actor2, r.inter1, r.inter2) == ("Protesters (Chile)", None, "Protesters", None)


@pytest.mark.slow
def test_en_protest_with_intervention_names_the_police():
    r = run(
        "Police fired tear gas at demonstrators who protested in Lagos against fuel prices.",
        "protested",
        "Protests",
        "Protest with intervention",
        "en",
        "NGA",
        "Nigeria",
    )
    assert r.actor1 == "Protesters (Nigeria)"
    assert r.actor2 == "Police Forces of Nigeria (2015-)"
    assert r.inter2 == "State forces"


@pytest.mark.slow
def test_en_foreign_forces_shelling_civilians():
    r = run(
        "Turkish troops shelled a village near Afrin, killing two civilians.",
        "shelled",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        "en",
        "SYR",
        "Syria",
    )
    assert r.actor1 == "Military Forces of Turkey (2016-)"
    assert r.inter1 == "External/Other forces"
    assert r.actor2 == "Civilians (Syria)"
    assert {e.field for e in r.evidence} >= {"actor1"}


@pytest.mark.slow
def test_en_gunmen_against_villagers():
    r = run(
        "Unidentified gunmen attacked a village near Tillaberi on Sunday, killing five villagers.",
        "attacked",
        "Violence against civilians",
        "Attack",
        "en",
        "NER",
        "Niger",
    )
    assert (r.actor1, r.actor2) == ("Unidentified Armed Group (Niger)", "Civilians (Niger)")
    assert (r.inter1, r.inter2) == ("Political militia", "Civilians")


@pytest.mark.slow
def test_en_named_group_and_anaphora():
    text = (
        "Al Shabaab fighters raided a base of the Somali army near Afgoye. "
        "The militants clashed with soldiers for two hours."
    )
    r = run(text, "clashed", "Battles", "Armed clash", "en", "SOM", "Somalia")
    assert {r.actor1, r.actor2} == {"Al Shabaab", "Military Forces of Somalia (2017-)"}
    assert {r.inter1, r.inter2} == {"Rebel group", "State forces"}


@pytest.mark.slow
def test_en_anti_prefix_is_not_the_group():
    r = run(
        "Anti-Houthi forces shelled a hill in Marib province.",
        "shelled",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        "en",
        "YEM",
        "Yemen",
    )
    assert r.actor1 != "Military Forces of Yemen (2016-) Supreme Political Council"


@pytest.mark.slow
def test_fr_french_army_against_islamic_state():
    text = "Des soldats de l'armée française ont neutralisé une dizaine de jihadistes de l'EI dans la région de Ménaka."
    r = run(text, "neutralisé", "Battles", "Armed clash", "fr", "MLI", "Mali")
    assert {r.actor1, r.actor2} == {"Military Forces of France (2017-)", "Islamic State (Greater Sahara)"}
    assert {r.inter1, r.inter2} == {"External/Other forces", "Rebel group"}


@pytest.mark.slow
def test_fr_peaceful_protest():
    r = run(
        "Des centaines de manifestants ont défilé samedi à Bamako contre la vie chère.",
        "défilé",
        "Protests",
        "Peaceful protest",
        "fr",
        "MLI",
        "Mali",
    )
    assert (r.actor1, r.actor2, r.inter1) == ("Protesters (Mali)", None, "Protesters")


@pytest.mark.slow
def test_fr_armed_men_kill_villagers():
    r = run(
        "Des hommes armés non identifiés ont tué trois villageois dimanche près de Bankass.",
        "tué",
        "Violence against civilians",
        "Attack",
        "fr",
        "MLI",
        "Mali",
    )
    assert (r.actor1, r.actor2) == ("Unidentified Armed Group (Mali)", "Civilians (Mali)")


@pytest.mark.slow
def test_fr_demonym_on_the_trigger():
    r = run(
        "Des frappes aériennes russes ont visé jeudi des positions rebelles dans la province d'Idleb.",
        "frappes aériennes",
        "Explosions/Remote violence",
        "Air/drone strike",
        "fr",
        "SYR",
        "Syria",
    )
    assert r.actor1 == "Military Forces of Russia (2000-)"
    assert r.inter1 == "External/Other forces"


@pytest.mark.slow
def test_fr_shebab_alias():
    r = run(
        "Les shebab ont attaqué mardi une position de l'armée somalienne à Janaale.",
        "attaqué",
        "Battles",
        "Armed clash",
        "fr",
        "SOM",
        "Somalia",
    )
    assert {r.actor1, r.actor2} == {"Al Shabaab", "Military Forces of Somalia (2017-)"}


@pytest.mark.slow
def test_fr_rioters_against_police():
    r = run(
        "Des émeutiers ont incendié un commissariat à Conakry; la police a riposté avec des gaz lacrymogènes.",
        "incendié",
        "Riots",
        "Violent demonstration",
        "fr",
        "GIN",
        "Guinea",
    )
    assert r.actor1 == "Rioters (Guinea)"
    assert r.inter2 == "State forces"
