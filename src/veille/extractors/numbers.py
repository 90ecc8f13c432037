"""Numbers written in digits or words, and vague quantities coded the ACLED way.

The words live in ``resources/<lang>/numbers.yaml``: ``words`` (units and tens),
``multipliers`` (hundred, thousand...), ``joiners`` ("-", "and" / "et"), ``vague``
("dozens" = 12, "une dizaine" = 10, "several" = 10 ...), digit separators.

    >>> parse_number("twenty-one", "en")
    21
    >>> parse_number("quatre-vingt-dix-sept", "fr")
    97
    >>> parse_number("1,200", "en")
    1200
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from veille.extractors.wordlists import alternation, norm
from veille.resources import load_yaml

__all__ = ["NumberMatch", "find_numbers", "parse_number"]


@dataclass(slots=True)
class NumberMatch:
    """A number found in a text: its span and value (``vague`` for "dozens", "plusieurs"...)."""

    start: int
    end: int
    text: str
    value: int
    vague: bool = False


@dataclass(slots=True)
class _NumLex:
    words: dict[str, int]
    mult: dict[str, int]
    vague: dict[str, int]
    joiners: tuple[str, ...]
    decimal: str
    word_re: re.Pattern
    token_re: re.Pattern
    digit_re: re.Pattern
    vague_re: re.Pattern | None


@functools.cache
def _lex(lang: str) -> _NumLex:
    data = load_yaml(f"{lang}/numbers.yaml")
    words = {norm(k): int(v) for k, v in (data.get("words") or {}).items()}
    mult = {norm(k): int(v) for k, v in (data.get("multipliers") or {}).items()}
    vague = {norm(k): int(v) for k, v in (data.get("vague") or {}).items()}
    joiners = tuple(data.get("joiners") or ["-"])
    seps = "".join(re.escape(s) for s in data.get("thousands_separators") or [","])
    dec = data.get("decimal_separator", ".")
    b, e = r"(?<![\w-])", r"(?![\w])"
    w_alt = alternation(list(words) + list(mult))
    word_joins = [j for j in joiners if j != "-"]
    join = r"(?:\s*-\s*|" + "".join(rf"\s+{re.escape(j)}\s+|" for j in word_joins) + r"\s+)"
    word_re = re.compile(rf"{b}(?:{w_alt})(?:{join}(?:{w_alt}))*{e}", re.IGNORECASE)
    token_re = re.compile(rf"(?<![\w])(?:{w_alt})(?![\w])", re.IGNORECASE)
    digit_re = re.compile(
        rf"(?<![\w.,/:-])(?:\d{{1,3}}(?:[{seps}]\d{{3}})+(?![\d])|\d+(?:{re.escape(dec)}\d+)?)"
        rf"(?:\s+(?P<mult>{alternation(mult)}))?(?![\w])",
        re.IGNORECASE,
    )
    vague_re = re.compile(rf"{b}(?:{alternation(vague)}){e}", re.IGNORECASE) if vague else None
    return _NumLex(words, mult, vague, joiners, dec, word_re, token_re, digit_re, vague_re)


def _digits_value(s: str, lex: _NumLex) -> int | None:
    m = lex.digit_re.fullmatch(s.strip())
    if not m:
        return None
    num = m.group(0)
    mult = 1
    if m.group("mult"):
        mult = lex.mult.get(norm(m.group("mult")), 1)
        num = num[: m.start("mult") - m.start()].strip()
    if re.fullmatch(r"\d+" + re.escape(lex.decimal) + r"\d+", num) and not re.fullmatch(r"\d{1,3}[.,]\d{3}", num):
        return int(float(num.replace(lex.decimal, ".")) * mult)
    digits = re.sub(r"\D", "", num)
    return int(digits) * mult if digits else None


def _words_value(tokens: Sequence[str], lex: _NumLex) -> int | None:
    total, current, seen = 0, 0, False
    for tok in tokens:
        t = norm(tok)
        if t in lex.words:
            current += lex.words[t]
            seen = True
        elif t in lex.mult:
            m = lex.mult[t]
            current = max(current, 1) * m
            if m >= 1000:
                total += current
                current = 0
            seen = True
        elif t in lex.joiners or t == "":
            continue
        else:
            return None
    return total + current if seen else None


def parse_number(x: str | Sequence[str], lang: str) -> int | None:
    """The value of a number written in digits ("1,200"), words ("vingt et un") or vaguely ("dozens").

    ``x`` is a string or a sequence of tokens (e.g. spaCy token texts). None if it is not a number.
    """
    lex = _lex(lang)
    s = x if isinstance(x, str) else " ".join(x)
    s = s.strip()
    if not s:
        return None
    v = _digits_value(s, lex)
    if v is not None:
        return v
    n = norm(s)
    if n in lex.vague:
        return lex.vague[n]
    if lex.word_re.fullmatch(n):
        return _words_value(lex.token_re.findall(n), lex)
    return None


def find_numbers(text: str, lang: str) -> list[NumberMatch]:
    """All numbers in ``text`` (vague phrases first, then digits, then words), in text order."""
    lex = _lex(lang)
    out: list[NumberMatch] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, value: int | None, vague: bool) -> None:
        s, e = m.span()
        if value is None or any(not (e <= a or s >= b) for a, b in taken):
            return
        out.append(NumberMatch(s, e, m.group(0), value, vague))
        taken.append((s, e))

    if lex.vague_re is not None:
        for m in lex.vague_re.finditer(text):
            add(m, lex.vague.get(norm(m.group(0))), True)
    for m in lex.digit_re.finditer(text):
        add(m, _digits_value(m.group(0), lex), False)
    for m in lex.word_re.finditer(text):
        toks = lex.token_re.findall(m.group(0))
        add(m, _words_value(toks, lex), False)
    out.sort(key=lambda n: n.start)
    return out
