"""Language identification per document (py3langid, its model loaded once)."""

from __future__ import annotations


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None for empty text.

    >>> detect_language("Des soldats ont été tués à Gao lundi.")
    'fr'
    """
    sample = text[:4000].strip()
    if not sample:
        return None
    import py3langid

    lang, _score = py3langid.classify(sample)
    return lang
