"""Offline geoparsing: find place names in a text, resolve them, and locate events.

    >>> from veille.geo import geoparse, locate_event
    >>> text = "Des soldats ont été tués près de Gao (Mali)."
    >>> tops = geoparse(text, lang="fr")
    >>> [(t.text, t.country_code) for t in tops]
    [('Gao', 'ML'), ('Mali', 'ML')]
    >>> locate_event(text, tops, (0, len(text)), lang="fr").geo_precision
    2

The gazetteer (GeoNames towns of 500+ people, first-level divisions, countries, French
exonyms) is built once into the user's cache dir; see :mod:`veille.geo.gazetteer`.
"""

from __future__ import annotations

from veille.geo import recognise, resolve
from veille.geo.gazetteer import Gazetteer, get_gazetteer
from veille.geo.locate import locate_event
from veille.model import Toponym

__all__ = ["Gazetteer", "geoparse", "get_gazetteer", "locate_event"]


def _language(text: str, lang: str | None, doc) -> str:
    from veille.nlp import supported_languages

    if lang is None and doc is not None:
        lang = doc.lang_
    if lang is None:
        from veille.clean.lang import detect_language

        lang = detect_language(text)
    return lang if lang in supported_languages() else "en"


def geoparse(text: str, lang: str | None = None, doc=None, unresolved: bool = False) -> list[Toponym]:
    """Place names of ``text`` resolved to GeoNames entries (char offsets into ``text``).

    ``doc``: a spaCy Doc of ``text`` already parsed by the caller (else parsed here).
    ``unresolved``: also return the place names the gazetteer could not resolve (no coordinates).
    """
    lang = _language(text, lang, doc)
    if doc is None:
        from veille.nlp import get_nlp

        doc = get_nlp(lang)(text)
    gaz = get_gazetteer()
    mentions = recognise.recognise(doc, lang, gaz)
    resolve.resolve(mentions, text, gaz, lang)
    return resolve.to_toponyms(mentions, gaz, unresolved=unresolved)
