"""Bytes to text: sniff binaries, pick the encoding, repair mojibake.

    >>> decode_bytes("Sécurité".encode("cp1252"))
    'Sécurité'
    >>> decode_bytes("Sécurité".encode("utf-8"), declared="windows-1252")
    'Sécurité'

Web pages lie about their encoding both ways: cp1252 served as UTF-8 and UTF-8
served as cp1252/latin-1. Bytes that decode as UTF-8 are UTF-8 (a random cp1252 text
with accents almost never does); otherwise the declared charset is tried, then cp1252.
Text that was decoded twice (``SÃ©curitÃ©``) is repaired.
"""

from __future__ import annotations

import codecs
import re

BINARY_MAGIC = (
    b"%PDF",
    b"PK\x03\x04",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"\x7fELF",
    b"BZh",
    b"\xfd7zXZ",
    b"Rar!",
    b"7z\xbc\xaf",
    b"\x00\x00\x01\x00",
    b"OggS",
    b"ID3",
    b"fLaC",
    b"RIFF",
)
_MOJIBAKE = re.compile("[ÃÂâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENC = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: a known file signature, NUL bytes or many control bytes."""
    head = data[:8192]
    if head.startswith(BINARY_MAGIC) or b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(head) // 50)


def declared_charset(data: bytes) -> str | None:
    """The charset a document declares in its first bytes (HTML meta or XML prolog)."""
    head = data[:4096]
    m = _XML_ENC.search(head) or _CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def fix_mojibake(text: str) -> str:
    """Undo a UTF-8 → cp1252 double decoding (``Ã©`` → ``é``) when the whole text allows it."""
    if len(_MOJIBAKE.findall(text)) < 2:
        return text
    for enc in ("cp1252", "latin-1"):
        try:
            fixed = text.encode(enc).decode("utf-8")
        except UnicodeError:
            continue
        if len(_MOJIBAKE.findall(fixed)) < len(_MOJIBAKE.findall(text)):
            return fixed
    return text


def _whatwg(name: str | None) -> str | None:
    if not name:
        return None
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return None
    return "cp1252" if canonical in ("iso8859-1", "latin-1", "ascii") else canonical


def decode_bytes(data: bytes, declared: str | None = None, repair: bool = True) -> str:
    """Decode ``data`` to text; raises ValueError for empty or binary input.

    ``declared`` is the charset given by the transport (HTTP header, WARC, feed);
    the document's own declaration is read when it is missing. ``repair=False`` leaves
    mojibake alone (for text whose offsets must stay those of the input).
    """
    fix = fix_mojibake if repair else str
    if not data.strip():
        raise ValueError("empty input")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    if looks_binary(data):
        raise ValueError("binary data, not text")
    try:
        return fix(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # Not UTF-8, whatever the label says: a truncated last character is still UTF-8.
    if len(data) - utf8_error.start <= 3 and utf8_error.reason == "unexpected end of data":
        return fix(data.decode("utf-8", errors="ignore"))
    # WHATWG: a latin-1 label means cp1252 (its superset for the 0x80-0x9f range).
    candidates = [_whatwg(declared), _whatwg(declared_charset(data)), "cp1252"]
    for enc in candidates:
        if not enc:
            continue
        try:
            if codecs.lookup(enc).name == "utf-8":
                continue
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    text = data.decode("cp1252", errors="replace")
    if text.count("\ufffd") > max(4, len(text) // 100):
        raise ValueError(f"undecodable text (not UTF-8 at byte {utf8_error.start}, nor cp1252)")
    return text
