"""Plain text documents: one document per source.

>>> from veille.read.text import read_text
>>> [raw] = read_text("Des soldats ont été tués.".encode(), "note.txt")
"""

from __future__ import annotations

from collections.abc import Iterator

from veille.clean.encoding import decode_bytes
from veille.model import RawDocument, ReadError


def read_text(
    data: bytes, source: str, published: str | None = None, charset: str | None = None
) -> Iterator[RawDocument | ReadError]:
    """One RawDocument holding the decoded text of ``data`` (or a ReadError)."""
    try:
        text = decode_bytes(data, declared=charset)
    except ValueError as exc:
        yield ReadError(source, str(exc))
        return
    yield RawDocument(doc_id=source, text=text, published=published)
