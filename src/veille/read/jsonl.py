"""JSONL documents: one object per line, ``{"id", "text" or "html", "published"?, "url"?, "lang"?}``.

    >>> from veille.read.jsonl import read_jsonl
    >>> with open("notes.jsonl", "rb") as f:
    ...     for raw in read_jsonl(f, "notes.jsonl"):
    ...         print(raw)

The file is streamed line by line (a crawl dump can be large); a line longer than
``max_line`` bytes is reported and skipped without being held in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from veille.clean.encoding import decode_bytes
from veille.model import RawDocument, ReadError

MAX_LINE = 10 * 1024 * 1024


def _lines(stream: BinaryIO, max_line: int) -> Iterator[bytes | None]:
    """Lines of ``stream``; None stands for a line that was too long (and was skipped)."""
    while True:
        line = stream.readline(max_line + 1)
        if not line:
            return
        if len(line) > max_line and not line.endswith(b"\n"):
            while True:  # drain the rest of the overlong line
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


def _doc(obj: dict, where: str, published: str | None) -> RawDocument | ReadError:
    text, html = obj.get("text"), obj.get("html")
    has_text = isinstance(text, str) and text.strip()
    has_html = isinstance(html, str) and html.strip()
    if not (has_text or has_html):
        return ReadError(where, "missing or empty 'text' (or 'html')")
    doc_id = obj.get("id")
    return RawDocument(
        doc_id=str(doc_id) if doc_id is not None else where,
        text=text if has_text else None,
        html=html if has_html and not has_text else None,
        url=obj.get("url") if isinstance(obj.get("url"), str) else None,
        published=obj.get("published") or published,
        lang=obj.get("lang") if isinstance(obj.get("lang"), str) else None,
        verbatim=bool(has_text),
    )


def read_jsonl(
    stream: BinaryIO, source: str, published: str | None = None, max_line: int = MAX_LINE
) -> Iterator[RawDocument | ReadError]:
    """A RawDocument per line of ``stream`` (binary), or a ReadError naming ``source:line``."""
    n = 0
    for n, line in enumerate(_lines(stream, max_line), 1):
        where = f"{source}:{n}"
        if line is None:
            yield ReadError(where, f"line longer than {max_line} bytes")
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(decode_bytes(line, repair=False))
        except ValueError as exc:
            msg = f"malformed JSON line ({exc.msg})" if isinstance(exc, json.JSONDecodeError) else str(exc)
            yield ReadError(where, msg)
            continue
        if not isinstance(obj, dict):
            yield ReadError(where, "JSON line is not an object")
            continue
        yield _doc(obj, where, published)
    if n == 0:
        yield ReadError(source, "empty input")
