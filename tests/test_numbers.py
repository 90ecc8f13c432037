import pytest

from veille.extractors.numbers import find_numbers, parse_number


@pytest.mark.parametrize(
    "text,lang,value",
    [
        ("7", "en", 7),
        ("1,200", "en", 1200),
        ("twenty-one", "en", 21),
        ("one hundred and five", "en", 105),
        ("two dozen", "en", 24),
        ("dozens", "en", 12),
        ("a dozen", "en", 12),
        ("hundreds", "en", 100),
        ("several", "en", 10),
        ("3 million", "en", 3000000),
        ("douze", "fr", 12),
        ("vingt et un", "fr", 21),
        ("soixante-dix-sept", "fr", 77),
        ("quatre-vingt-dix-neuf", "fr", 99),
        ("deux cents", "fr", 200),
        ("trois mille cinq cents", "fr", 3500),
        ("1 200", "fr", 1200),
        ("une quinzaine", "fr", 15),
        ("une dizaine", "fr", 10),
        ("plusieurs", "fr", 10),
    ],
)
def test_parse_number(text, lang, value):
    assert parse_number(text, lang) == value


def test_parse_number_tokens_and_junk():
    assert parse_number(["forty", "-", "two"], "en") == 42
    assert parse_number("village", "en") is None
    assert parse_number("", "fr") is None


def test_find_numbers_spans():
    text = "Three farmers and 12 herders met; une vingtaine"
    found = find_numbers(text, "en")
    assert [(n.text, n.value) for n in found][:2] == [("Three", 3), ("12", 12)]
    fr = find_numbers("Une vingtaine de personnes et 1 200 manifestants", "fr")
    assert [n.value for n in fr] == [20, 1200]
    assert fr[0].vague and not fr[1].vague
