"""Cleaning: main text, boilerplate tails, publication date, language.

    >>> from veille.clean import clean_document
    >>> from veille.model import RawDocument
    >>> article = clean_document(RawDocument(doc_id="a", html="<html>...</html>", url="https://example.org/a"))

``clean_document`` turns a reader's :class:`~veille.model.RawDocument` into the
:class:`~veille.model.Article` every later stage works on: HTML goes through the main-text
extractor (:mod:`veille.clean.html`), then teasers, notices and link tails are cut
(:mod:`veille.clean.boilerplate`) and the language is identified (:mod:`veille.clean.lang`).
"""

from __future__ import annotations

import re
import unicodedata

from veille.clean.boilerplate import cut_boilerplate
from veille.clean.encoding import fix_mojibake
from veille.clean.html import extract_html
from veille.clean.lang import detect_language
from veille.model import Article, RawDocument

__all__ = ["clean_document", "clean_text"]

_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")


def clean_text(text: str) -> str:
    """Normalise line ends, runs of spaces and Unicode (NFC); one paragraph per line."""
    text = unicodedata.normalize("NFC", fix_mojibake(text.replace("\r\n", "\n").replace("\r", "\n")))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def clean_document(raw: RawDocument, lang: str | None = None, keep_offsets: bool = False) -> Article:
    """Article of ``raw`` (its ``html`` or else its ``text``); raises ValueError if nothing is left.

    ``keep_offsets`` (default: ``raw.verbatim``, set for a JSONL ``text``): the text is
    not rewritten, only a boilerplate tail is cut, so offsets into it stay valid.
    """
    keep_offsets = keep_offsets or raw.verbatim
    published = raw.published
    title = raw.title
    url = raw.url
    if raw.html is not None:
        page = extract_html(raw.html, url=raw.url)
        text = page.text
        title = title or page.title
        published = published or page.published
        url = url or page.url
    else:
        text = raw.text or ""
    if raw.html is not None or not keep_offsets:
        text = clean_text(text)
    if not text.strip():
        raise ValueError("no text")
    cleaned = cut_boilerplate(text, tail_only=keep_offsets and raw.html is None)
    if not cleaned.text.strip():  # everything looked like boilerplate: keep it rather than lose it
        cleaned.text, cleaned.cuts, cleaned.body_end = text, [], len(text)
    if lang and lang != "auto":
        language = lang
    else:
        language = raw.lang or detect_language(cleaned.text)
    return Article(
        doc_id=raw.doc_id,
        text=cleaned.text,
        url=url,
        title=title,
        published=published,
        lang=language,
        body_end=cleaned.body_end,
        cuts=cleaned.cuts,
    )
