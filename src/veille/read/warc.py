"""WARC and WARC.gz crawls: one document per HTML response record (FastWARC).

    >>> from veille.read.warc import read_warc
    >>> with open("crawl.warc.gz", "rb") as f:
    ...     for raw in read_warc(f, "crawl.warc.gz"):
    ...         print(raw.url)

Records are streamed; compression is detected. A record larger than ``max_record`` is
skipped with an error, a file with no readable record is reported as malformed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from veille.model import RawDocument, ReadError

HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_RECORD = 10 * 1024 * 1024


def read_warc(
    stream: BinaryIO, source: str, published: str | None = None, max_record: int = MAX_RECORD
) -> Iterator[RawDocument | ReadError]:
    """A RawDocument (html) per HTML response record of ``stream``, or a ReadError."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    from veille.clean.encoding import decode_bytes

    seen = 0
    try:
        records = ArchiveIterator(
            stream, record_types=WarcRecordType.response, parse_http=True, fsspec_args=False, quirks_mode=True
        )
        for record in records:
            seen += 1
            uri = record.headers.get("WARC-Target-URI") or f"{source}#{seen}"
            mime = (record.http_content_type or "").lower()
            if mime not in HTML_TYPES:
                continue
            if record.content_length > max_record:
                yield ReadError(uri, f"WARC record too large ({record.content_length} bytes)")
                continue
            try:
                html = decode_bytes(record.reader.read(), declared=record.http_charset)
            except ValueError as exc:
                yield ReadError(uri, str(exc))
                continue
            yield RawDocument(doc_id=uri, html=html, url=uri if "://" in uri else None, published=published)
    except (OSError, ValueError) as exc:
        yield ReadError(source, f"malformed WARC ({exc})")
        return
    if not seen:
        yield ReadError(source, "malformed WARC or no response records")
