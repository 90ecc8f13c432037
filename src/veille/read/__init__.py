"""Readers: turn sources (paths, URLs, stdin) into Articles, one per document.

    >>> from veille.read import iter_documents
    >>> for item in iter_documents(["notes.jsonl", "page.html", "https://example.org/feed.rss"]):
    ...     print(item)

Each item is an :class:`~veille.model.Article` or a :class:`~veille.model.ReadError`
(bad input never stops the batch). One module per source kind turns bytes into
:class:`~veille.model.RawDocument` records (:mod:`.text`, :mod:`.html`, :mod:`.jsonl`,
:mod:`.feed`, :mod:`.warc`; :mod:`.url` fetches), which :func:`veille.clean.clean_document`
turns into Articles. ``input_format="auto"`` sniffs the kind (:mod:`.sniff`).

Streams (JSONL, WARC) are read record by record; a single document (HTML, text, feed)
larger than ``max_bytes`` is refused without being read.
"""

from __future__ import annotations

import gzip
import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from veille.clean import clean_document
from veille.model import Article, RawDocument, ReadError
from veille.read.feed import read_feed
from veille.read.html import read_html
from veille.read.jsonl import read_jsonl
from veille.read.sniff import is_gzip, sniff
from veille.read.text import read_text
from veille.read.url import Fetcher, FetchError
from veille.read.warc import read_warc

INPUT_FORMATS = ("auto", "text", "html", "jsonl", "warc", "feed")
MAX_BYTES = 10 * 1024 * 1024
STREAMED = ("jsonl", "warc")

__all__ = ["INPUT_FORMATS", "MAX_BYTES", "Fetcher", "iter_documents", "iter_raw", "read_one"]


def is_url(source: str) -> bool:
    return "://" in source[:12] and source.split("://", 1)[0].isalpha()


def _head(stream: BinaryIO, size: int = 65536) -> bytes:
    return stream.peek(size)[:size] if hasattr(stream, "peek") else b""


def _too_large(size: int | None, cap: int) -> str:
    what = f"{size / 1e6:.1f} MB" if size is not None else "more"
    return f"too large ({what}, limit {cap / 1e6:g} MB for one document); split it or use JSONL/WARC"


def _read_capped(stream: BinaryIO, source: str, cap: int) -> bytes:
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise ValueError(_too_large(None, cap))
    return data


def _from_bytes(
    data: bytes,
    kind: str,
    source: str,
    url: str | None,
    published: str | None,
    charset: str | None,
    fetcher: Fetcher,
) -> Iterator[RawDocument | ReadError]:
    if is_gzip(data) and kind != "warc":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            yield ReadError(source, f"corrupt gzip data ({exc})")
            return
    if kind == "html":
        yield from read_html(data, source, url=url, published=published, charset=charset)
    elif kind == "feed":
        yield from read_feed(
            data, source, fetch=lambda link: _from_url(link, "html", None, fetcher), published=published
        )
    elif kind == "jsonl":
        yield from read_jsonl(io.BytesIO(data), source, published=published)
    elif kind == "warc":
        yield from read_warc(io.BytesIO(data), source, published=published)
    elif kind == "text":
        yield from read_text(data, source, published=published, charset=charset)
    else:
        yield ReadError(source, f"unknown input format {kind!r}")


def _from_url(
    url: str, input_format: str, published: str | None, fetcher: Fetcher
) -> Iterator[RawDocument | ReadError]:
    try:
        page = fetcher.fetch(url)
    except FetchError as exc:
        yield ReadError(url, str(exc))
        return
    kind = input_format if input_format != "auto" else sniff(page.final_url, page.body[:65536], page.content_type)
    for item in _from_bytes(page.body, kind, url, page.final_url, published, page.charset, fetcher):
        if isinstance(item, RawDocument) and item.doc_id == url and kind in ("html", "text"):
            item.url = item.url or page.final_url
        yield item


def _from_stream(
    stream: BinaryIO, source: str, input_format: str, published: str | None, fetcher: Fetcher, max_bytes: int
) -> Iterator[RawDocument | ReadError]:
    head = _head(stream)
    kind = input_format if input_format != "auto" else sniff(source if source != "-" else "", head)
    if kind == "warc":
        yield from read_warc(stream, source, published=published)
        return
    if kind == "jsonl":
        if is_gzip(head):
            stream = gzip.GzipFile(fileobj=stream)
        try:
            yield from read_jsonl(stream, source, published=published)
        except (OSError, EOFError) as exc:
            yield ReadError(source, f"corrupt compressed data ({exc})")
        return
    try:
        data = _read_capped(stream, source, max_bytes)
    except ValueError as exc:
        yield ReadError(source, str(exc))
        return
    yield from _from_bytes(data, kind, source, None, published, None, fetcher)


def iter_raw(
    sources: Iterable[str],
    input_format: str = "auto",
    published: str | None = None,
    fetcher: Fetcher | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[RawDocument | ReadError]:
    """Raw documents (before cleaning) of ``sources``: paths, URLs or ``-`` for stdin."""
    fetcher = fetcher or Fetcher()
    for source in sources:
        if is_url(source):
            yield from _from_url(source, input_format, published, fetcher)
            continue
        try:
            if source == "-":
                yield from _from_stream(sys.stdin.buffer, source, input_format, published, fetcher, max_bytes)
                continue
            path = Path(source)
            if path.is_dir():
                yield ReadError(source, "is a directory")
                continue
            size = path.stat().st_size
            with open(path, "rb", buffering=1 << 16) as f:
                if size > max_bytes and input_format not in STREAMED:
                    kind = input_format if input_format != "auto" else sniff(source, _head(f))
                    if kind not in STREAMED:
                        yield ReadError(source, _too_large(size, max_bytes))
                        continue
                yield from _from_stream(f, source, input_format, published, fetcher, max_bytes)
        except OSError as exc:
            yield ReadError(source, exc.strerror or str(exc))


def iter_documents(
    sources: Iterable[str],
    input_format: str = "auto",
    published: str | None = None,
    lang: str | None = None,
    *,
    fetcher: Fetcher | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Article | ReadError]:
    """Yield an Article (or a ReadError) per document found in ``sources``; ``-`` is stdin.

    ``fetcher`` sets how URLs are fetched (limits, address checks); ``max_bytes`` caps a
    single HTML, text or feed document.
    """
    for raw in iter_raw(sources, input_format, published, fetcher, max_bytes):
        if isinstance(raw, ReadError):
            yield raw
            continue
        try:
            yield clean_document(raw, lang=lang, keep_offsets=raw.verbatim)
        except ValueError as exc:
            yield ReadError(raw.doc_id, str(exc))
        except Exception as exc:  # a bug on one page must not stop the batch
            yield ReadError(raw.doc_id, f"cannot clean ({type(exc).__name__}: {exc})")


def read_one(source: str, input_format: str = "auto") -> Article:
    """Read a single source; raises ValueError with the reader's message on failure."""
    for item in iter_documents([source], input_format=input_format):
        if isinstance(item, ReadError):
            raise ValueError(str(item))
        return item
    raise ValueError(f"{source}: no document")
