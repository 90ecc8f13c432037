"""HTML pages: one document per page; the main text is extracted when the page is cleaned.

>>> from veille.read.html import read_html
>>> [raw] = read_html(open("page.html", "rb").read(), "page.html")
"""

from __future__ import annotations

from collections.abc import Iterator

from veille.clean.encoding import decode_bytes
from veille.model import RawDocument, ReadError


def read_html(
    data: bytes,
    source: str,
    url: str | None = None,
    published: str | None = None,
    charset: str | None = None,
) -> Iterator[RawDocument | ReadError]:
    """One RawDocument holding the decoded HTML of ``data`` (or a ReadError)."""
    try:
        html = decode_bytes(data, declared=charset)
    except ValueError as exc:
        yield ReadError(source, str(exc))
        return
    if "<" not in html:
        yield ReadError(source, "not HTML (no markup)")
        return
    yield RawDocument(doc_id=source, html=html, url=url, published=published)
