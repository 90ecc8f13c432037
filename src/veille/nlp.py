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
from spacy.tokens import Doc

from veille.resources import load_yaml


@functools.cache
def model_table() -> dict[str, dict]:
    return load_yaml("common/models.yaml")


def supported_languages() -> frozenset[str]:
    return frozenset(model_table())


@Language.component("veille_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and list items are their own sentences.

    Runs before the parser, which keeps boundaries that are already set.
    """
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text_with_ws[len(token.text) :] or (token.is_space and "\n" in token.text):
            doc[i + 1].is_sent_start = True
    return doc


@functools.cache
def get_nlp(lang: str) -> Language:
    """The spaCy pipeline for ``lang`` (loaded on first use, then cached)."""
    spec = model_table().get(lang)
    if spec is None:
        raise LookupError(f"no spaCy pipeline configured for language {lang!r}")
    nlp = spacy.load(spec["model"], exclude=spec.get("exclude", []))
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("veille_line_breaks", before="parser")
    else:
        nlp.add_pipe("veille_line_breaks", first=True)
    return nlp
