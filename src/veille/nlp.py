"""One spaCy pipeline per language, loaded once per process.

The model names live in ``resources/common/models.yaml`` so that adding a language
means adding data. Components a stage does not need are excluded at load time.

    >>> from veille.nlp import get_nlp
    >>> nlp = get_nlp("fr")
    >>> doc = nlp("Des soldats ont été tués à Gao.")
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from veille.resources import load_yaml

if TYPE_CHECKING:  # spaCy is imported on first use: a process that only hands work to workers never needs it
    from spacy.language import Language
    from spacy.tokens import Doc


@functools.cache
def model_table() -> dict[str, dict]:
    return load_yaml("common/models.yaml")


def supported_languages() -> frozenset[str]:
    return frozenset(model_table())


SENTENCE_END = frozenset(".!?…")
CLOSERS = frozenset("»”\"')]")


def _ends_sentence(words: list[str], k: int) -> bool:
    """Does a sentence end after token ``k`` of ``words``? (final punctuation, not an initial or short
    abbreviation)."""
    if words[k] in CLOSERS and k > 0:
        k -= 1
    text = words[k]
    if text not in SENTENCE_END and not (len(text) > 1 and text[-1] in SENTENCE_END):
        return False
    if len(text) > 1 and text[-1] == "." and (len(text) <= 4 and text[:1].isupper() or "." in text[:-1]):
        return False  # "Mr.", "Dr.", "St.", "J.", "U.S." are abbreviations or initials
    if text == "." and k > 0:
        prev = words[k - 1]
        if len(prev) <= 2 and prev[:1].isupper():  # "M .", "J ." split by the tokenizer
            return False
    return True


def sentence_starts(doc: Doc) -> list[bool]:
    """Which tokens of ``doc`` start a sentence (the rules of :func:`sentences`).

    A line break always ends a sentence (headlines, datelines, list items); final punctuation
    ends one when the next word starts with a capital, a digit or a quote. Elsewhere no
    boundary is allowed, so a dateline ("PARIS, 3 mai (AFP) -") stays with its lead sentence.
    Works on plain token texts (one pass over the tokens), so it is cheap enough to run on a
    text that is only tokenized, before deciding what to parse.
    """
    toks = [(t.text, t.is_space) for t in doc]
    words = [w for w, _ in toks]
    starts = [False] * len(toks)
    if starts:
        starts[0] = True
    for i in range(1, len(toks)):
        text, space = toks[i]
        if space:
            continue
        prev, prev_space = toks[i - 1]
        if prev_space and "\n" in prev:  # a line break
            starts[i] = True
            continue
        c = text[:1]
        if not (c.isupper() or c.isdigit() or c in "«“\"'-–—"):
            continue
        k = i - 2 if prev_space and i >= 2 else i - 1  # the word before (a space token skipped)
        opened = i >= 2 and starts[k]  # the word after an opening quote
        starts[i] = not opened and _ends_sentence(words, k)
    return starts


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the sentences :func:`sentence_starts` finds (as ``doc.sents`` would give)."""
    starts = sentence_starts(doc)
    firsts = [i for i, s in enumerate(starts) if s] + [len(doc)]
    spans = []
    for a, b in zip(firsts, firsts[1:], strict=False):
        last = doc[b - 1]
        spans.append((doc[a].idx, last.idx + len(last.text)))
    return spans


# doc.user_data keys set by the pipeline when it parsed a masked text (see veille.pipeline)
UNMASKED_TEXT = "veille_unmasked_text"  # the text before masking (same length, same offsets)
TEXT_SENTENCES = "veille_text_sentences"  # sentence spans of that text, as its own parse would give


def doc_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Sentence spans (char offsets) of the text ``doc`` stands for.

    Usually ``doc.sents``; for a doc parsed from a masked text, the sentences of the unmasked
    text (the masked ones included), so that sentence numbers and spans do not depend on masking.
    """
    spans = doc.user_data.get(TEXT_SENTENCES)
    if spans:
        return spans
    spans = [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else []
    return spans or [(0, len(doc.text))]


def doc_text(doc: Doc) -> str:
    """The text ``doc`` stands for: ``doc.text``, or the unmasked text of a masked parse."""
    return doc.user_data.get(UNMASKED_TEXT) or doc.text


def sentences(doc: Doc) -> Doc:
    """Rule-based sentence boundaries (:func:`sentence_starts`), set before the parser (which keeps them).

    The spaCy component ``veille_sentences`` (registered by :func:`get_nlp`)."""
    from spacy.attrs import SENT_START

    if len(doc) < 2:
        return doc
    arr = doc.to_array([SENT_START]).astype("int64")  # token 0 keeps what it has
    arr[1:] = [1 if s else -1 for s in sentence_starts(doc)[1:]]
    doc.from_array([SENT_START], arr.reshape(-1, 1).view("uint64"))
    return doc


@functools.cache
def get_nlp(lang: str) -> Language:
    """The spaCy pipeline for ``lang`` (loaded on first use, then cached)."""
    spec = model_table().get(lang)
    if spec is None:
        raise LookupError(f"no spaCy pipeline configured for language {lang!r}")
    import spacy
    from spacy.language import Language

    if not Language.has_factory("veille_sentences"):
        Language.component("veille_sentences", func=sentences)
    nlp = spacy.load(spec["model"], exclude=spec.get("exclude", []))
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("veille_sentences", before="parser")
    else:
        nlp.add_pipe("veille_sentences", first=True)
    return nlp
