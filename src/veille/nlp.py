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


SENTENCE_END = frozenset(".!?…")
CLOSERS = frozenset("»”\"')]")


def _ends_sentence(token) -> bool:
    """Does a sentence end after ``token``? (final punctuation, not an initial or short abbreviation)."""
    if token.text in CLOSERS and token.i > 0:
        token = token.doc[token.i - 1]
    text = token.text
    if text not in SENTENCE_END and not (len(text) > 1 and text[-1] in SENTENCE_END):
        return False
    if len(text) > 1 and text[-1] == "." and (len(text) <= 4 and text[:1].isupper() or "." in text[:-1]):
        return False  # "Mr.", "Dr.", "St.", "J.", "U.S." are abbreviations or initials
    if text == "." and token.i > 0:
        prev = token.doc[token.i - 1].text
        if len(prev) <= 2 and prev[:1].isupper():  # "M .", "J ." split by the tokenizer
            return False
    return True


@Language.component("veille_sentences")
def sentences(doc: Doc) -> Doc:
    """Rule-based sentence boundaries, set before the parser (which keeps them).

    A line break always ends a sentence (headlines, datelines, list items); final punctuation
    ends one when the next word starts with a capital, a digit or a quote. Elsewhere no
    boundary is allowed, so a dateline ("PARIS, 3 mai (AFP) -") stays with its lead sentence.
    """
    for i, token in enumerate(doc[1:], start=1):
        prev = doc[i - 1]
        if token.is_space:
            token.is_sent_start = False
            continue
        line_break = "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text)
        starts_like_sentence = token.text[:1].isupper() or token.text[:1].isdigit() or token.text[:1] in "«“\"'-–—"
        prev_word = prev if not prev.is_space else doc[i - 2] if i >= 2 else prev
        opened = i >= 2 and prev_word.is_sent_start  # the word after an opening quote
        token.is_sent_start = line_break or (starts_like_sentence and not opened and _ends_sentence(prev_word))
    return doc


@functools.cache
def get_nlp(lang: str) -> Language:
    """The spaCy pipeline for ``lang`` (loaded on first use, then cached)."""
    spec = model_table().get(lang)
    if spec is None:
        raise LookupError(f"no spaCy pipeline configured for language {lang!r}")
    nlp = spacy.load(spec["model"], exclude=spec.get("exclude", []))
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("veille_sentences", before="parser")
    else:
        nlp.add_pipe("veille_sentences", first=True)
    return nlp
