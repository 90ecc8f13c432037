"""Language data and text cues for place names.

Per-language place data (``resources/<lang>/places.yaml``: entity labels, stop words,
origin/near/target cues, modifiers) as a :class:`LangSpec`; demonyms
(``resources/<lang>/places_demonyms.yaml``) and the "<demonym> capital" phrase; the groups,
institutions and forces that tie a text to a country or an area (``geo/context_cues.yaml``,
``geo/context_areas.yaml``); the search for a cue in a name's left context; and the word lists
of ``geo/normalize.yaml``. Used by recognition (:mod:`veille.geo.recognise`), the admin hints
(:mod:`veille.geo.hints`), disambiguation (:mod:`veille.geo.resolve`) and event location
(:mod:`veille.geo.locate`).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from veille.geo.gazetteer import Gazetteer, Row, get_gazetteer
from veille.geo.normalize import plain
from veille.resources import lang_files


@dataclass(frozen=True)
class LangSpec:
    """Per-language data from ``resources/<lang>/places.yaml``."""

    lang: str
    entity_labels: frozenset[str]
    blocking_labels: frozenset[str]
    strip_prefixes: tuple[str, ...]
    stop_words: frozenset[str]
    origin_cues: tuple[str, ...] = ()
    near_cues: tuple[str, ...] = ()
    target_cues: tuple[str, ...] = ()
    modifier_after: tuple[str, ...] = ()
    modifier_suffixes: tuple[str, ...] = ()
    modifier_before: tuple[str, ...] = ()
    force_nouns: frozenset[str] = frozenset()
    capital_words: tuple[str, ...] = ()
    reference_cues: tuple[str, ...] = ()
    slot_cues: tuple[str, ...] = ()
    institution_nouns: tuple[str, ...] = ()


@functools.cache
def lang_spec(lang: str) -> LangSpec:
    d = lang_files(lang, "places.yaml") or lang_files("en", "places.yaml")
    return LangSpec(
        lang=lang,
        entity_labels=frozenset(d.get("entity_labels", [])),
        blocking_labels=frozenset(d.get("blocking_labels", [])),
        strip_prefixes=tuple(sorted(d.get("strip_prefixes", []), key=len, reverse=True)),
        stop_words=frozenset(plain(w) for w in d.get("stop_words", [])),
        origin_cues=tuple(plain(w) for w in d.get("origin_cues", [])),
        near_cues=tuple(plain(w) for w in d.get("near_cues", [])),
        target_cues=tuple(plain(w) for w in d.get("target_cues", [])),
        modifier_after=tuple(plain(w) for w in d.get("modifier_after", [])),
        modifier_suffixes=tuple(d.get("modifier_suffixes", [])),
        modifier_before=tuple(plain(w) for w in d.get("modifier_before", [])),
        force_nouns=frozenset(plain(w) for w in d.get("force_nouns", [])),
        capital_words=tuple(d.get("capital_words", [])),
        reference_cues=tuple(plain(w) for w in d.get("reference_cues", [])),
        slot_cues=tuple(plain(w) for w in d.get("slot_cues", [])),
        institution_nouns=tuple(sorted((plain(w) for w in d.get("institution_nouns", [])), key=len, reverse=True)),
    )


@functools.cache
def demonyms(lang: str) -> dict[str, str]:
    """``resources/<lang>/places_demonyms.yaml``: plain demonym -> country code or region name."""
    d = lang_files(lang, "places_demonyms.yaml") or {}
    return {plain(k): str(v) for k, v in d.items() if not k.startswith("_")}


@functools.cache
def demonyms_any_case(lang: str) -> bool:
    """French writes demonyms as lower-case adjectives ("l'armée malienne")."""
    return bool((lang_files(lang, "places_demonyms.yaml") or {}).get("_any_case"))


def _demonym_row(gaz: Gazetteer, target: str) -> int | None:
    if len(target) == 2 and target.isupper():
        return gaz.countries.get(target)
    for i in gaz.lookup(target):
        if gaz.rows[i].feature_code == "RGN":
            return i
    return None


def _capital_phrase(text: str, start: int, end: int, spec: LangSpec) -> tuple[int, int] | None:
    """The span of "<demonym> capital" / "capitale <demonym>" around a demonym, or None."""
    for w in spec.capital_words:
        after = re.match(rf"\s+{re.escape(w)}\b", text[end : end + len(w) + 3], re.I)
        if after:
            return start, end + after.end()
        lo = max(0, start - len(w) - 3)
        before = re.search(rf"\b{re.escape(w)}\s+$", text[lo:start], re.I)
        if before:
            return lo + before.start(), end
    return None


def lang_of(spec: LangSpec) -> str:
    return spec.lang


def is_demonym(text: str, lang: str) -> bool:
    s = plain(text)
    table = demonyms(lang)
    return s in table or (s.endswith("s") and s[:-1] in table)


@functools.cache
def cue_pattern() -> tuple[re.Pattern, dict[str, str]]:
    from veille.resources import load_yaml

    table = {str(n): cc for cc, names in load_yaml("geo/context_cues.yaml").items() for n in names}
    alts = "|".join(re.escape(n) for n in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])"), table


def context_countries(text: str) -> Counter:
    """Countries that groups and institutions named in ``text`` tie it to (``geo/context_cues.yaml``)."""
    pattern, table = cue_pattern()
    return Counter(table[m.group(0)] for m in pattern.finditer(text))


@functools.cache
def _area_pattern() -> tuple[re.Pattern | None, dict[str, str]]:
    from veille.resources import load_yaml

    table = {str(n): area for area, names in (load_yaml("geo/context_areas.yaml") or {}).items() for n in names}
    if not table:
        return None, {}
    alts = "|".join(re.escape(n) for n in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])"), table


def context_areas(text: str, gaz: Gazetteer | None = None) -> list[tuple[Row, re.Match]]:
    """Areas that forces and missions named in ``text`` tie it to (``geo/context_areas.yaml``):
    the gazetteer row of each area (a region or a division) with the first match naming it."""
    pattern, table = _area_pattern()
    if pattern is None:
        return []
    gaz = gaz or get_gazetteer()
    out: dict[str, tuple[Row, re.Match]] = {}
    for m in pattern.finditer(text):
        area = table[m.group(0)]
        if area in out:
            continue
        rows = [gaz.rows[i] for i in gaz.lookup(area) if gaz.rows[i].feature_code in ("RGN", "ADM1")]
        if rows and rows[0].latitude is not None:
            out[area] = (rows[0], m)
    return list(out.values())


def cue_at(left: str, cues: tuple[str, ...], at_end: bool) -> str | None:
    """The longest cue found in the left context ``left``: at its end (before an optional
    article) if ``at_end``, else anywhere. Cues are :func:`plain` forms."""
    left = " " + plain(left) + " "
    best = None
    for c, pattern in _cue_patterns(cues, at_end):
        if pattern.search(left) and (best is None or len(c) > len(best)):
            best = c
    return best


@functools.lru_cache(maxsize=64)
def _cue_patterns(cues: tuple[str, ...], at_end: bool) -> tuple[tuple[str, re.Pattern], ...]:
    """Compiled once per cue list (``cue_at`` runs for every toponym)."""
    tail = "(?: the| la| le| les| l)? $" if at_end else " "
    return tuple((c, re.compile(rf" {re.escape(c)}{tail}")) for c in cues)


def names_forces(text: str, start: int, end: int, nouns: frozenset[str]) -> bool:
    """The name at ``text[start:end]`` qualifies forces: "Turkish forces", "US military forces",
    "les forces turques" (``nouns``: the force nouns of :class:`LangSpec`)."""
    after = plain(text[end : end + 30]).split()[:2]
    before = plain(text[max(0, start - 30) : start]).split()[-1:]
    words = after[:1] + [" ".join(after)] + before
    return any(w in nouns for w in words)


@functools.cache
def any_force_nouns() -> frozenset[str]:
    """The force nouns of every language with place data (for code that does not know the language)."""
    from veille.nlp import supported_languages

    return frozenset().union(*(lang_spec(lang).force_nouns for lang in supported_languages()))


def is_modifier(text: str, end: int, lang: str) -> bool:
    """The name ending at ``end`` qualifies an actor: "Saudi-led coalition", "Iran-backed militia"."""
    return any(text.startswith(suffix, end) for suffix in lang_spec(lang).modifier_suffixes)


@functools.cache
def _words(key: str) -> frozenset[str]:
    """A word list of ``resources/geo/normalize.yaml``."""
    from veille.resources import load_yaml

    return frozenset(load_yaml("geo/normalize.yaml")[key])


@functools.cache
def _articles() -> frozenset[str]:
    from veille.resources import load_yaml

    return frozenset(load_yaml("geo/normalize.yaml")["article_prefixes"])


# A dateline opens a news story, one of its lines or the text after a headline: "WASHINGTON (AP) -",
# "ALBUQUERQUE, N.M. --", "SEOUL, South Korea (CNN) -", "PARIS, 3 mai (AFP) -": a place in capitals,
# maybe its state or country, maybe a date, maybe the agency or station in brackets, then a dash. With
# the bracket it may follow anything (a byline: "... Associated Press WASHINGTON (AP) -").
_DATELINE_BODY = (
    r"(?P<name>[A-ZÀ-Ý][A-ZÀ-Ý'’.\- ]{1,40}?)"
    r"(?:,\s*[A-Z][\w.]{0,20}(?:\s[A-Z][\w.]*){0,2})?"
    r"(?:,?\s*\d{1,2}\s+\w+\.?(?:\s+\d{4})?)?"
)
_DATELINE = re.compile(
    r"(?m)(?:^[ \t]*|(?<=[.!?\"”:] ))" + _DATELINE_BODY + r"\s*(?P<agency>\([^()\n]{1,30}\))?\s*(?:[—–]|--?)"
)
_DATELINE_AGENCY = re.compile(
    r"(?<=\s)(?P<name>[A-ZÀ-Ý][A-ZÀ-Ý'’.\- ]{1,40}?)\s*(?P<agency>\([^()\n]{1,30}\))\s*(?:[—–]|--?)"
)


@functools.lru_cache(maxsize=64)  # read by recognition and again by the event locator
def datelines(text: str) -> tuple[tuple[tuple[int, int], tuple[int, int] | None], ...]:
    """The dateline places of ``text`` (the span of the name in capitals) and the span of the agency
    or station in brackets after them, if any: that bracket is no place ("(AP)" is no Andhra Pradesh).

        >>> datelines("WASHINGTON (AP) - The Senate voted.")
        (((0, 10), (11, 15)),)
    """
    out = {}
    for m in [*_DATELINE.finditer(text), *_DATELINE_AGENCY.finditer(text)]:
        name = m.group("name").rstrip(" .")
        if len(name) < 3 or not name.isupper():
            continue
        start = m.start("name")
        agency = m.span("agency") if m.group("agency") else None
        out[start] = ((start, start + len(name)), agency)
    return tuple(out[k] for k in sorted(out))
