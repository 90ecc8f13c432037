"""One spaCy pipeline per language, loaded once per process.

The model names live in ``resources/common/models.yaml`` so that adding a language
means adding data. Components a stage does not need are excluded at load time.

    >>> from veille.nlp import get_nlp
    >>> nlp = get_nlp("fr")
    >>> doc = nlp("Des soldats ont été tués à Gao.")
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

from veille.resources import load_yaml


@functools.cache
def model_table() -> dict[str, dict]:
    return load_yaml("common/models.yaml")


def supported_languages() -> frozenset[str]:
    return frozenset(model_table())


@functools.cache
def get_nlp(lang: str) -> Language:
    """The spaCy pipeline for ``lang`` (loaded on first use, then cached)."""
    spec = model_table().get(lang)
    if spec is None:
        raise LookupError(f"no spaCy pipeline configured for language {lang!r}")
    return spacy.load(spec["model"], exclude=spec.get("exclude", []))
