"""Language identification per document (py3langid over a fixed set of news languages)."""

from __future__ import annotations

import functools
import re

from veille.resources import load_yaml

CLOSE_MARGIN = 15.0  # log-probability gap within which a coded language may take over
MIN_FUNCTION_WORDS = 3  # different function words of that language the text must contain


@functools.cache
def _ranker():
    """py3langid's ranking over the candidate news languages (loaded once)."""
    import py3langid

    py3langid.set_languages(load_yaml("common/languages.yaml")["candidates"])
    return py3langid.rank


@functools.cache
def _function_words() -> dict[str, frozenset[str]]:
    return {lang: frozenset(words) for lang, words in load_yaml("common/function_words.yaml").items()}


def _function_word_count(lang: str, sample: str) -> int:
    words = set(re.findall(r"[^\W\d_]+", sample.lower()))
    return len(words & _function_words().get(lang, frozenset()))


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None for empty text.

    A short note full of local names can read, to a character model, slightly more like a
    language veille does not code than like English ("Boko Haram attacked Dumankara in Wagga
    area ..." came out Tagalog): when a coded language is a close second and the text has at least
    ``MIN_FUNCTION_WORDS`` of its distinctive function words, the coded language is taken.

    >>> detect_language("Des soldats ont été tués à Gao lundi.")
    'fr'
    """
    from veille.nlp import supported_languages

    sample = text[:4000].strip()
    if not sample:
        return None
    ranked = _ranker()(sample)
    lang, top = ranked[0]
    coded = supported_languages()
    if lang not in coded:
        for other, score in ranked[1:4]:
            if (
                other in coded
                and top - score <= CLOSE_MARGIN
                and _function_word_count(other, sample) >= MIN_FUNCTION_WORDS
            ):
                return other
    return lang
