"""RSS and Atom feeds (feedparser): one document per entry.

    >>> from veille.read.feed import read_feed
    >>> for raw in read_feed(open("news.rss", "rb").read(), "news.rss", fetch=None):
    ...     print(raw.doc_id)

An entry whose content holds the full article (``full_text_chars`` or more) is read from
the feed; otherwise its link is fetched and read as a page (``fetch``), falling back to
the entry's summary when the link cannot be read. Without ``fetch`` the summary is used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from veille.clean.dates import normalise_date
from veille.clean.html import html_fragment_text
from veille.model import RawDocument, ReadError

FULL_TEXT_CHARS = 1200

Fetch = Callable[[str], Iterator[RawDocument | ReadError]]


def _entry_text(entry: dict) -> str:
    parts = [c.get("value", "") for c in entry.get("content") or []]
    best = max(parts, key=len, default="")
    summary = entry.get("summary") or ""
    return html_fragment_text(best if len(best) >= len(summary) else summary)


def read_feed(
    data: bytes,
    source: str,
    fetch: Fetch | None = None,
    published: str | None = None,
    full_text_chars: int = FULL_TEXT_CHARS,
) -> Iterator[RawDocument | ReadError]:
    """A RawDocument per entry of the feed in ``data`` (or a ReadError)."""
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if parsed.get("bozo") and not any(e.get("link") or _entry_text(e) for e in entries):
        entries = []  # a broken feed whose entries hold nothing usable
    if not entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            yield ReadError(source, f"malformed feed ({type(reason).__name__}: {reason})")
        else:
            yield ReadError(source, "feed has no entries")
        return
    for n, entry in enumerate(entries, 1):
        link = entry.get("link")
        doc_id = link or entry.get("id") or f"{source}#{n}"
        date = normalise_date(entry.get("published_parsed") or entry.get("updated_parsed")) or published
        title = entry.get("title")
        text = _entry_text(entry)
        if len(text) < full_text_chars and link and fetch is not None:
            fetched = list(fetch(link))
            docs = [d for d in fetched if isinstance(d, RawDocument)]
            if docs:
                for doc in docs:
                    doc.doc_id = link
                    doc.published = doc.published or date
                    doc.title = doc.title or title
                    yield doc
                continue
            if not text:
                yield from fetched
                continue
        if not text:
            yield ReadError(doc_id, "feed entry has no content and no readable link")
            continue
        yield RawDocument(doc_id=doc_id, text=text, url=link, published=date, title=title)
