"""Language identification per document (py3langid over a fixed set of news languages)."""

from __future__ import annotations

import functools

from veille.resources import load_yaml


@functools.cache
def _classifier():
    import py3langid

    py3langid.set_languages(load_yaml("common/languages.yaml")["candidates"])
    return py3langid.classify


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None for empty text.

    >>> detect_language("Des soldats ont été tués à Gao lundi.")
    'fr'
    """
    sample = text[:4000].strip()
    if not sample:
        return None
    lang, _score = _classifier()(sample)
    return lang
