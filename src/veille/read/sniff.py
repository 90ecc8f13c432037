"""Guess the kind of a source (text, html, jsonl, warc, feed) from its name, type and first bytes.

>>> sniff("page", b"<!DOCTYPE html><html>")
'html'
>>> sniff("crawl.warc.gz", b"")
'warc'
"""

from __future__ import annotations

import re
import zlib

GZIP_MAGIC = b"\x1f\x8b"
_FEED = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)
_HTML = re.compile(rb"<(!doctype html|html|head|body|article|div|p|meta|title)[\s>/]", re.I)

EXTENSIONS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonl.gz": "jsonl",
    ".ndjson.gz": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".arc.gz": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".txt": "text",
}
CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/json": "jsonl",
    "application/warc": "warc",
    "text/plain": "text",
}


def gunzip_head(head: bytes, size: int = 65536) -> bytes:
    """The first decompressed bytes of a gzip stream (what is decodable of ``head``)."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, size)
    except zlib.error:
        return b""


def sniff(name: str, head: bytes, content_type: str | None = None) -> str:
    """Input kind of a source called ``name`` whose content starts with ``head``."""
    lower = name.lower().split("?")[0]
    for ext in sorted(EXTENSIONS, key=len, reverse=True):
        if lower.endswith(ext):
            return EXTENSIONS[ext]
    if head.startswith(GZIP_MAGIC):
        head = gunzip_head(head)
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"WARC/"):
        return "warc"
    if start[:1] in (b"{", b"["):
        return "jsonl"
    if _FEED.search(head[:2048]):
        return "feed"
    if _HTML.search(head[:4096]):
        return "html"
    if content_type and content_type in CONTENT_TYPES:
        return CONTENT_TYPES[content_type]
    if start.startswith(b"<?xml") and lower.endswith(".xml"):
        return "feed"
    return "text"


def is_gzip(head: bytes) -> bool:
    return head.startswith(GZIP_MAGIC)


__all__ = ["sniff", "gunzip_head", "is_gzip"]
