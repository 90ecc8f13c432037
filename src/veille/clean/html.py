"""Main text of a web page: trafilatura tuned for news, plus title, date and canonical URL.

    >>> from veille.clean.html import extract_html
    >>> page = extract_html(open("page.html", encoding="utf-8").read(), url="https://example.org/a")
    >>> page.text, page.title, page.published, page.url

Comments, menus, related-article lists and tables of links are left out; the publication
date comes from the page's metadata and, failing that, htmldate's search of the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from veille.clean.dates import html_date, normalise_date

NEWS_SETTINGS = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "deduplicate": False,
    "with_metadata": True,
}


@dataclass(slots=True)
class HtmlPage:
    """What a page yields: main text (one paragraph per line) and its metadata."""

    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None


def extract_html(html: str, url: str | None = None) -> HtmlPage:
    """Extract the article of ``html``; raises ValueError when the page has no main text."""
    import trafilatura
    from lxml.etree import ParserError

    if not html.strip():
        raise ValueError("empty HTML")
    try:
        tree = trafilatura.load_html(html)
    except (ValueError, ParserError):
        tree = None
    if tree is None:
        raise ValueError("not parseable as HTML")
    doc = trafilatura.bare_extraction(tree, url=url, **NEWS_SETTINGS)
    if doc is None or not (doc.text or "").strip():
        doc = trafilatura.bare_extraction(tree, url=url, favor_recall=True, **NEWS_SETTINGS)
    text = (doc.text or "").strip() if doc is not None else ""
    if not text:
        raise ValueError("no article text found in the HTML")
    published = html_date(trafilatura.load_html(html), url=url) or normalise_date(getattr(doc, "date", None))
    canonical = getattr(doc, "url", None) or url
    return HtmlPage(text=text, title=getattr(doc, "title", None) or None, published=published, url=canonical)


_BLOCK = re.compile(r"(?i)<\s*(br|/p|/div|/li|/h[1-6]|/blockquote|/tr|/section|/article)\b[^>]*>")
_DROP = re.compile(r"(?is)<\s*(script|style|noscript|figure|figcaption)\b.*?<\s*/\s*\1\s*>")
_TAG = re.compile(r"(?s)<[^>]*>")


def html_fragment_text(fragment: str) -> str:
    """Text of a small HTML fragment (a feed entry's content): one block per line.

    >>> html_fragment_text("<p>Un <b>soldat</b> tué.</p><p>Deux blessés.</p>")
    'Un soldat tué.\\nDeux blessés.'
    """
    text = _BLOCK.sub("\n", _DROP.sub(" ", fragment))
    text = unescape(_TAG.sub("", text))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
