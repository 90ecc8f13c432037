"""Spelling-insensitive keys for place names.

``key("Al Qa'im") == key("Al-Qaïm") == key("Qaim") == "qaim"``: diacritics, apostrophes,
hyphens, case and a leading transliterated article ("Al", "El", "Ad", ...) do not matter.
The lists of characters and articles live in ``resources/geo/normalize.yaml``.

    >>> from veille.geo.normalize import key, plain
    >>> key("Sévaré"), key("Al-Qaïm"), plain("Al-Qaïm")
    ('sevare', 'qaim', 'al qaim')
"""

from __future__ import annotations

import difflib
import functools
import re

from unidecode import unidecode

from veille.resources import load_yaml

_SPACES = re.compile(r"\s+")


@functools.cache
def _tables() -> tuple[dict[int, str | None], frozenset[str]]:
    spec = load_yaml("geo/normalize.yaml")
    table: dict[int, str | None] = {ord(c): None for c in spec["drop_chars"]}
    table.update({ord(c): " " for c in spec["space_chars"]})
    return table, frozenset(spec["article_prefixes"])


@functools.cache
def _variants() -> dict[str, str]:
    return {plain(a): plain(b) for a, b in load_yaml("geo/normalize.yaml").get("word_variants", {}).items()}


@functools.lru_cache(maxsize=200_000)
def plain(name: str) -> str:
    """Lower-case ASCII form with punctuation folded: ``"Al-Qaïm" -> "al qaim"``."""
    table, _ = _tables()
    s = name.translate(table)
    s = unidecode(s).lower().translate(table)
    return _SPACES.sub(" ", s).strip()


@functools.lru_cache(maxsize=200_000)
def key(name: str) -> str:
    """Lookup key: :func:`plain` without a leading article (``"al qaim" -> "qaim"``), with the
    transliteration variants of common name words and inner articles folded in a name of several
    words (``"tell refaat" -> "tal refaat"``, ``"deir el balah" -> "deir al balah"``)."""
    s = plain(name)
    _, articles = _tables()
    head, sep, rest = s.partition(" ")
    if sep and head in articles and len(rest) >= 3:
        s = rest
    if " " in s:  # inner articles fold too: "Deir el Balah" = "Dayr al Balah"
        variants = _variants()
        s = " ".join("al" if w in articles else variants.get(w, w) for w in s.split(" "))
    return s


def spelling_ratio(a: str, b: str) -> float:
    """How alike two lookup keys are (0..1, :class:`difflib.SequenceMatcher` ratio):
    ``spelling_ratio("quamishli", "qamishli")`` is 0.94."""
    return difflib.SequenceMatcher(None, a, b).ratio()


def is_latin(name: str) -> bool:
    """True if every letter of ``name`` is Latin script (GeoNames has names in all scripts)."""
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF or not c.isalpha() for c in name)


_VOWELS = re.compile(r"(?<=.)[aeiou]+")
_DOUBLE = re.compile(r"(.)\1+")


@functools.cache
def _rewrites() -> tuple[tuple[str, str], ...]:
    return tuple((a, b) for a, b in load_yaml("geo/normalize.yaml")["skeleton_rewrites"])


@functools.lru_cache(maxsize=200_000)
def skeleton(name: str) -> str:
    """Loose key: consonant skeleton of :func:`key` (``"Quamishli" -> "kmsl"``)."""
    s = key(name).replace(" ", "")
    if s.endswith(("ah", "eh")):
        s = s[:-1]
    for a, b in _rewrites():
        s = s.replace(a, b)
    s = _DOUBLE.sub(r"\1", s)
    return _VOWELS.sub("", s)
