import pytest

from veille.extractors.dates import find_dates, resolve_date


@pytest.mark.parametrize(
    "text,published,lang,date,precision",
    [
        ("On 12 March 2021, farmers blocked the road.", None, "en", "2021-03-12", 1),
        ("Police said on March 12, 2021 that two shops burned.", None, "en", "2021-03-12", 1),
        ("Around 12 March 2021 (as reported), a body was found.", None, "en", "2021-03-12", 2),
        ("Between 3 and 5 June 2019, clashes went on.", None, "en", "2019-06-03", 2),
        ("On the night of 3-4 June 2019, gunmen raided a farm.", None, "en", "2019-06-03", 1),
        ("In early June 2019, students marched.", None, "en", "2019-06-01", 3),
        ("An attack on 14/6/2019 left a guard hurt.", None, "en", "2019-06-14", 1),
        ("Gunmen stormed a bar on Friday night.", "2022-09-13", "en", "2022-09-09", 1),
        ("Protesters marched yesterday in the capital.", "2022-09-13", "en", "2022-09-12", 1),
        ("Soldiers clashed with rebels last week.", "2022-09-13", "en", "2022-09-06", 2),
        ("Le 1er juin 2019, des éleveurs ont manifesté.", None, "fr", "2019-06-01", 1),
        ("Vendredi 7 juin, une embuscade a visé un convoi.", "2019-06-09", "fr", "2019-06-07", 1),
        ("Des hommes armés ont attaqué lundi soir un poste.", "2015-12-01", "fr", "2015-11-30", 1),
        ("Un poste a été attaqué mardi.", "2015-12-01", "fr", "2015-12-01", 1),
        ("Dans la nuit de samedi à dimanche, des tirs ont visé la caserne.", "2021-02-16", "fr", "2021-02-13", 1),
        ("Dans la nuit du 3 au 4 juin, un camp a été attaqué.", "2019-06-05", "fr", "2019-06-03", 1),
        ("Avant-hier, la foule a envahi la mairie.", "2020-01-02", "fr", "2019-12-31", 1),
        ("Le 28 décembre, un marché a été incendié.", "2020-01-03", "fr", "2019-12-28", 1),
    ],
)
def test_resolve_date(text, published, lang, date, precision):
    r = resolve_date(text, None, published, lang)
    assert r is not None
    assert (r.date, r.precision) == (date, precision)
    assert text[r.start : r.end] == r.text


def test_no_publication_no_guess():
    assert resolve_date("Gunmen stormed a bar on Friday night.", None, None, "en") is None
    assert resolve_date("Le 1er juin, des éleveurs ont manifesté.", None, None, "fr") is None
    # a year elsewhere in the text is enough
    r = resolve_date("Le 1er juin, des éleveurs ont manifesté. En 2019, la crise a duré.", None, None, "fr")
    assert r is not None and r.date == "2019-06-01"


def test_ignored_dates_and_anchor():
    text = "The war has raged since 3 March 2011. On 5 May 2016 a market was shelled."
    assert resolve_date(text, None, None, "en").date == "2016-05-05"
    text = "On 2 May 2016 rebels met. On 5 May 2016 they shelled a market."
    anchor = (text.index("shelled"), text.index("shelled") + 7)
    assert resolve_date(text, anchor, None, "en").date == "2016-05-05"


def test_may_is_not_a_month_in_lowercase():
    assert find_dates("They may 10 times refuse.", "en") == []
    assert resolve_date("Officials said talks may resume.", None, "2020-05-05", "en") is None


def test_last_weekday_and_dateline():
    assert resolve_date("Rebels attacked a base last Monday.", None, "2022-09-12", "en").date == "2022-09-05"
    assert resolve_date("Des rebelles ont attaqué lundi dernier.", None, "2022-09-14", "fr").date == "2022-09-12"
    text = "GAO, 14 septembre 2022 (AFP) - Des hommes armés ont attaqué lundi un marché."
    r = resolve_date(text, None, None, "fr")
    assert (r.date, r.text) == ("2022-09-12", "lundi")
