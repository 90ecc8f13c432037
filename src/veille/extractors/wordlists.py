"""Shared helpers for the word lists of ``resources/<lang>/*.yaml`` (dates, numbers, fatalities).

>>> import re
>>> bool(re.fullmatch(alternation(["vingt et un"]), "vingt  et un"))
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def norm(s: str) -> str:
    """Lower case, one space between words, typographic apostrophes and hyphens made plain."""
    return re.sub(r"\s+", " ", s.lower().replace("’", "'").replace("‑", "-")).strip()


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` (normalised), longest first, with flexible spaces,
    apostrophes and hyphens ("vingt-et-un" also matches "vingt - et - un")."""
    parts = sorted({norm(w) for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]").replace(r"\-", r"\s*-\s*") for w in parts)
