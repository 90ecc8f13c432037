"""Cleaning: boilerplate tails, encodings, dates, main-text extraction (fixtures written here)."""

from __future__ import annotations

from veille.clean import clean_document, clean_text
from veille.clean.boilerplate import cut_boilerplate
from veille.clean.dates import normalise_date
from veille.clean.encoding import decode_bytes, fix_mojibake
from veille.clean.html import extract_html, html_fragment_text
from veille.model import RawDocument

BODY_FR = [
    "Au moins trois soldats ont été tués lundi dans une embuscade près de la ville de Ménaka, "
    "dans le nord-est du pays, a annoncé l'armée dans un communiqué publié mardi soir.",
    "Selon une source sécuritaire locale, les assaillants, lourdement armés, circulaient à moto et "
    "ont pris la fuite vers la frontière après un échange de tirs qui a duré plus d'une heure.",
    "Le gouvernement a condamné l'attaque et promis que les auteurs seraient retrouvés et jugés, "
    "tandis que des renforts étaient envoyés dans la zone pour sécuriser les axes routiers.",
]

NEWS_PAGE_FR = f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>Trois soldats tués dans une embuscade près de Ménaka - Le Journal</title>
<link rel="canonical" href="https://journal.example.fr/afrique/embuscade-menaka">
<meta property="article:published_time" content="2021-03-16T08:30:00+01:00">
</head><body>
<header><nav><ul><li><a href="/">Accueil</a></li><li><a href="/monde">Monde</a></li>
<li><a href="/afrique">Afrique</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<h1>Trois soldats tués dans une embuscade près de Ménaka</h1>
<p>{BODY_FR[0]}</p>
<p><strong>À LIRE AUSSI</strong></p>
<p><a href="/x">Sahel : le retrait des troupes étrangères en questions</a></p>
<p>{BODY_FR[1]}</p>
<p>&gt;&gt; <a href="/y">Notre dossier sur la sécurité au Sahel</a></p>
<p>{BODY_FR[2]}</p>
<p>Inscrivez-vous à notre newsletter pour recevoir l'essentiel de l'actualité chaque matin</p>
<h2>Les articles les plus lus</h2>
<ul><li><a href="/a">Le prix de l'essence atteint un nouveau record en mars</a></li>
<li><a href="/b">Football : le club de la capitale remporte la coupe nationale</a></li>
<li><a href="/c">Météo : un week-end ensoleillé attendu sur tout le pays</a></li></ul>
</article></main>
<footer><p>© 2021 Le Journal. Tous droits réservés.</p></footer>
</body></html>"""


def test_french_news_page_keeps_only_the_article():
    article = clean_document(RawDocument(doc_id="p.html", html=NEWS_PAGE_FR))
    for para in BODY_FR:
        assert para in article.text
    for junk in ("LIRE AUSSI", "retrait des troupes", "Notre dossier", "newsletter", "plus lus", "essence", "Météo"):
        assert junk not in article.text, junk
    assert article.published == "2021-03-16"
    assert article.url == "https://journal.example.fr/afrique/embuscade-menaka"
    assert article.title and "Ménaka" in article.title
    assert article.lang == "fr"
    assert {c.rule for c in article.cuts} >= {"teaser", "notice"}


def test_cuts_point_into_the_text_before_cutting():
    text = "\n".join([BODY_FR[0], "A LIRE AUSSI", "Mali : la transition prolongée de six mois", BODY_FR[1]])
    result = cut_boilerplate(clean_text(text))
    assert result.text == BODY_FR[0] + "\n" + BODY_FR[1]
    [cut] = result.cuts
    assert cut.rule == "teaser"
    assert text[cut.start : cut.end] == cut.text
    assert cut.text.startswith("A LIRE AUSSI")


def test_tail_heading_and_headline_run_in_plain_text_en():
    body = [
        "Police fired tear gas at hundreds of protesters who gathered outside parliament on Friday.",
        "Organisers said the march would continue until the bill was withdrawn, and more rallies are planned.",
    ]
    text = "\n".join(
        body
        + [
            "Most read",
            "Storm brings flooding to the coast",
            "Markets rally after the central bank decision",
        ]
    )
    result = cut_boilerplate(text)
    assert result.text == "\n".join(body)
    assert result.body_end == len(body[0]) + 1 + len(body[1])
    assert result.cuts[-1].rule == "tail"

    run = "\n".join(
        body
        + [
            "Election results announced in the northern region",
            "New stadium opens its doors to the public",
            "Local bakery wins the national bread contest",
        ]
    )
    assert cut_boilerplate(run).text == "\n".join(body)


def test_prose_and_code_are_not_cut():
    text = "\n".join(
        [
            "A lire les commentaires des lecteurs, la réforme divise profondément le pays depuis des mois.",
            ">>> print(value)  # a Python prompt, not a teaser",
            "set-option -g mouse on",
            "bind-key r source-file",
            "unbind C-b",
        ]
    )
    assert cut_boilerplate(text).text == text


def test_sections_of_the_article_survive_a_link_heading():
    paragraph = "The investigation found that the contract had been awarded without any tender, officials said. "
    text = "\n".join([paragraph * 3, "More on the inquiry", paragraph * 2, paragraph * 2])
    out = cut_boilerplate(text).text
    assert out.count(paragraph) == 7


def test_german_markers():
    text = "\n".join(
        [
            "Die Polizei hat am Samstag in der Innenstadt mehrere Demonstranten festgenommen, hieß es.",
            "Lesen Sie auch: Neue Proteste gegen das Gesetz",
            "Mehr zum Thema",
            "Regierung kündigt neue Maßnahmen an",
        ]
    )
    assert cut_boilerplate(text).text.startswith("Die Polizei") and "Lesen" not in cut_boilerplate(text).text


def test_verbatim_text_keeps_offsets():
    text = "Protesters  gathered in  Lyon.\nFollow us on Twitter for more news"
    article = clean_document(RawDocument(doc_id="1", text=text, verbatim=True), lang="en")
    assert article.text == "Protesters  gathered in  Lyon."
    assert text.startswith(article.text)


def test_decode_bytes_encodings():
    assert decode_bytes("Sécurité à Gao".encode("cp1252")) == "Sécurité à Gao"
    assert decode_bytes("Sécurité".encode(), declared="windows-1252") == "Sécurité"
    assert (
        decode_bytes(b'<meta charset="iso-8859-1"><p>\x93Caf\xe9\x94</p>') == '<meta charset="iso-8859-1"><p>“Café”</p>'
    )
    mojibake = "Les élèves ont manifesté à Nantes".encode().decode("cp1252")
    assert fix_mojibake(mojibake) == "Les élèves ont manifesté à Nantes"


def test_normalise_date():
    assert normalise_date("2020-03-03T10:00:00+01:00") == "2020-03-03"
    assert normalise_date("Tue, 03 Mar 2020 10:00:00 GMT") == "2020-03-03"
    assert normalise_date("2020-13-45") is None
    assert normalise_date("not a date") is None


def test_fragment_text():
    assert (
        html_fragment_text("<p>Un <b>soldat</b> tué.</p><p>Deux&nbsp;blessés.</p>") == "Un soldat tué.\nDeux blessés."
    )


def test_truncated_html_still_yields_the_article():
    page = NEWS_PAGE_FR[: NEWS_PAGE_FR.index(BODY_FR[2]) + 60]
    result = extract_html(page)
    assert BODY_FR[0] in result.text


def test_language_of_a_short_note_full_of_local_names(monkeypatch):
    from veille.clean import lang

    # the character model ranks the note Tagalog, English a close second: English is taken when the
    # note has English function words ...
    monkeypatch.setattr(lang, "_ranker", lambda: lambda text: [("tl", -100.0), ("en", -104.0)])
    assert lang.detect_language("On Monday gunmen attacked Ngalda in Bakassi and killed two herders.") == "en"
    # ... and not when it has none
    assert lang.detect_language("Ang mga tao ay pumunta sa palengke ng bayan.") == "tl"
    # a Spanish text close to French keeps its language: "de", "la", "en" are no French words here
    monkeypatch.setattr(lang, "_ranker", lambda: lambda text: [("es", -100.0), ("fr", -103.0)])
    assert lang.detect_language("Ataque a la base de la MINUSMA en Gao") == "es"


def test_language_of_real_short_texts():
    from veille.clean.lang import detect_language

    assert detect_language("Paro de la CUT en Bogotá contra la reforma") == "es"
    assert detect_language("Les soldats ont repoussé une attaque contre le camp de Kidal.") == "fr"
    assert detect_language("Gunmen attacked the convoy near the border on Monday and killed two soldiers.") == "en"
