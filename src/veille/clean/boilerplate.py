"""Boilerplate tails and notices: what a news page adds around the article.

    >>> from veille.clean.boilerplate import cut_boilerplate
    >>> text = "Des manifestants ont défilé à Lyon.\\nÀ LIRE AUSSI\\nLa réforme en trois questions\\nLe Sénat vote"
    >>> result = cut_boilerplate(text)
    >>> result.text
    'Des manifestants ont défilé à Lyon.'
    >>> [c.rule for c in result.cuts]
    ['teaser']

Lines (paragraphs) are classified with the markers of ``resources/<lang>/boilerplate.yaml``
(every language that has the file, since pages mix languages) and ``common/boilerplate.yaml``:

- ``tail_headings`` ("Sur le même sujet", "Most read"): in the second part of the text
  everything from the heading on is cut; earlier, the heading and its link lines.
- ``link_headings`` ("Voir aussi", "Latest news"): the heading and its link lines; what
  follows too when it is in the second part of the text and is not mostly prose.
- ``teaser_prefixes`` ("À lire aussi", ">>"): the teaser line is cut; a bare marker line
  takes the headline-like lines after it along.
- ``notices`` (newsletter, sharing, cookies, paywall, credits): the line is cut.
- a final run of three or more title-like lines (capitalised, a few words, no closing
  punctuation) is cut.

Offsets of :class:`~veille.model.Cut` and ``body_end`` refer to the text before cutting.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from veille.model import Cut
from veille.resources import ROOT, load_yaml

HEADING_MAX = 70  # a tail heading is a short line
TEASER_MAX = 300
NOTICE_MAX = 300
HEADLINE_MAX = 150
TAIL_FROM = 0.3  # a tail heading after this share of the text cuts everything after it
MIN_RUN = 3

_LEAD = re.compile(r"^[\s\-–—•*·|#]+")
_CLOSED = re.compile(r"""[.!?…;:]["'»”’)\]]*\s*$""")
_SEP = re.compile(r"""^(\s*[:\-–—>»|.]|\s*$|\s+[A-Z0-9«"“'‘])""")


@dataclass(slots=True)
class Markers:
    """Compiled marker patterns (one alternation per kind)."""

    tail_headings: re.Pattern | None
    link_headings: re.Pattern | None
    teaser_prefixes: re.Pattern | None
    notices: re.Pattern | None


@dataclass(slots=True)
class Cleaned:
    """The text after cutting, where the body ended and what was cut."""

    text: str
    body_end: int
    cuts: list[Cut] = field(default_factory=list)


def fold(line: str) -> str:
    """Accents stripped, case kept, leading bullets removed: ``"• À LIRE"`` → ``"A LIRE"``."""
    decomposed = unicodedata.normalize("NFKD", line.replace("ß", "ss"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _LEAD.sub("", plain).strip()


def _compile(patterns: list[str]) -> re.Pattern | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None


@functools.cache
def load_markers() -> Markers:
    """Markers of every language folder holding a ``boilerplate.yaml``, plus ``common``."""
    kinds: dict[str, list[str]] = {"tail_headings": [], "link_headings": [], "teaser_prefixes": [], "notices": []}
    for path in sorted(ROOT.glob("*/boilerplate.yaml")):
        data = load_yaml(f"{path.parent.name}/boilerplate.yaml") or {}
        for kind, patterns in kinds.items():
            patterns.extend(data.get(kind) or [])
    return Markers(**{kind: _compile(patterns) for kind, patterns in kinds.items()})


def is_headline_like(line: str) -> bool:
    """A short line without closing punctuation: a link title, a menu entry, a heading."""
    s = line.strip()
    return 0 < len(s) <= HEADLINE_MAX and not _CLOSED.search(s)


def _teaser(markers: Markers, folded: str) -> str | None:
    """'bare' for a marker alone on its line, 'line' for a teaser with its title, else None."""
    if markers.teaser_prefixes is None or len(folded) > TEASER_MAX:
        return None
    m = markers.teaser_prefixes.match(folded)
    if not m:
        return None
    rest = folded[m.end() :]
    if m.group(0)[-1:].isalpha() and not _SEP.match(rest):
        return None  # "A lire les commentaires, ..." is prose
    return "bare" if not rest.strip(" :-–—>»|.") else "line"


def _heading(pattern: re.Pattern | None, folded: str) -> bool:
    if pattern is None or len(folded) > HEADING_MAX:
        return False
    m = pattern.match(folded)
    return bool(m) and (not m.group(0)[-1:].isalpha() or bool(_SEP.match(folded[m.end() :])))


def is_prose(line: str) -> bool:
    """A paragraph of running text: long, or a closed sentence of some length."""
    s = line.strip()
    return len(s) > HEADLINE_MAX or (len(s) >= 80 and bool(_CLOSED.search(s)))


def is_title_like(line: str) -> bool:
    """A headline of another article: a capitalised line of a few words, no closing punctuation.

    Stricter than :func:`is_headline_like`: code, addresses, dated list items, tweets'
    signatures and short labels are not titles.
    """
    s = line.strip()
    if s[:1] in "-•*":
        s = s[1:].strip()
    if not (20 <= len(s) <= HEADLINE_MAX) or _CLOSED.search(s) or "@" in s or "://" in s:
        return False
    return s[:1].isupper() and len(s.split()) >= 4


def _notice(markers: Markers, folded: str) -> bool:
    return markers.notices is not None and len(folded) <= NOTICE_MAX and bool(markers.notices.match(folded))


def cut_boilerplate(text: str, markers: Markers | None = None, tail_only: bool = False) -> Cleaned:
    """Cut teasers, notices and link tails from ``text`` (one paragraph per line).

    With ``tail_only`` only a tail is cut (what follows the body), so the kept text is a
    prefix of ``text`` and offsets into it are unchanged.
    """
    markers = markers or load_markers()
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    lines = [text[a:b] for a, b in spans]
    folded = [fold(line) for line in lines]
    rule: list[str | None] = [None] * len(lines)

    def take_links(i: int, why: str) -> None:
        """Cut the headline-like lines that follow line ``i`` (blank lines skipped)."""
        for j in range(i + 1, min(len(lines), i + 12)):
            if not folded[j]:
                continue
            if rule[j] is None and is_headline_like(lines[j]):
                rule[j] = why
            else:
                break

    n = len(lines)
    for i in range(n):
        f = folded[i]
        if not f or rule[i]:
            continue
        if _heading(markers.link_headings, f):
            rule[i] = "heading"
            take_links(i, "heading")
            rest = [lines[j] for j in range(i + 1, n) if rule[j] is None]
            prose = sum(len(x) for x in rest if is_prose(x))
            if spans[i][0] >= TAIL_FROM * len(text) and prose <= 0.5 * sum(len(x) for x in rest):
                for j in range(i, n):
                    rule[j] = rule[j] or "tail"
                break
            continue
        if _heading(markers.tail_headings, f):
            if spans[i][0] >= TAIL_FROM * len(text):
                for j in range(i, n):
                    rule[j] = rule[j] or "tail"
                break
            rule[i] = "heading"
            take_links(i, "heading")
            continue
        kind = _teaser(markers, f)
        if kind:
            rule[i] = "teaser"
            if kind == "bare":
                take_links(i, "teaser")
            continue
        if _notice(markers, f):
            rule[i] = "notice"

    # A final run of headline-like lines (related links, menus) after real prose.
    kept = [i for i in range(n) if folded[i] and rule[i] is None]
    run: list[int] = []
    for i in reversed(kept):
        if not is_title_like(lines[i]):
            break
        run.append(i)
    if len(run) >= MIN_RUN:
        before = sum(len(lines[i]) for i in kept if i < min(run))
        if before >= sum(len(lines[i]) for i in run):
            for i in run:
                rule[i] = "headline-run"

    if tail_only:
        last = max((i for i in range(n) if folded[i] and rule[i] is None), default=-1)
        for i in range(last + 1):
            rule[i] = None

    cuts: list[Cut] = []
    out: list[str] = []
    prev = -1
    for i, (a, b) in enumerate(spans):
        if rule[i] is None:
            out.append(lines[i])
        elif cuts and cuts[-1].rule == rule[i] and all(rule[k] or not folded[k] for k in range(prev + 1, i)):
            cuts[-1] = Cut(cuts[-1].start, b, text[cuts[-1].start : b], rule[i])
        else:
            cuts.append(Cut(a, b, text[a:b], rule[i]))
        if rule[i]:
            prev = i
    # The body ends where only cuts and blank lines remain.
    last = max((i for i in range(n) if folded[i] and rule[i] is None), default=-1)
    body_end = spans[last][1] if last >= 0 else 0
    cleaned = "\n".join(out)
    if tail_only:
        cleaned = text[:body_end]
    else:
        cleaned = re.sub(r"\n{3,}", "\n\n", cleaned.strip("\n"))
    return Cleaned(text=cleaned, body_end=body_end, cuts=cuts)
