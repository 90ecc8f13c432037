"""Admin hints: the qualifiers after a place name that say which place of that name is meant.

"Holubivske, Luhansk", "Douala (Wouri, Littoral)", "Jalalpur in Shamli": the text between two
mentions (:func:`hint_gap`) makes the second a hint of the first (:func:`_attach_hints`); a
candidate is then judged by how well it sits inside the rows its hints may mean (:func:`_fit`,
:func:`_outside_hints`). Also the division and town words next to a name ("Ghazni district",
"ville de Gao") that tell a division from the town of the same name, and road nouns.
"""

from __future__ import annotations

import functools
import re

from veille.geo.cues import _words
from veille.geo.gazetteer import Gazetteer, Row
from veille.geo.mention import Mention
from veille.geo.normalize import key, plain


def _hint_slot(text: str, start: int, end: int, mentions: list | None) -> bool:
    """An abbreviation that qualifies the name before it: "(UP)", ", J&K)", "Surat, AP"."""
    left = text[max(0, start - 3) : start]
    right = text[end : end + 2]
    return bool(re.search(r"[(,]\s*$", left)) and bool(re.match(r"\s*[).,;]|\s*$", right))


@functools.cache
def _hint_patterns() -> tuple[re.Pattern, re.Pattern]:
    """Gaps between a place and its qualifier: strong "X, Y" / "X district (Y" and weak "X in Y"."""
    from veille.resources import load_yaml

    spec = load_yaml("geo/normalize.yaml")
    nouns = "|".join(re.escape(w) for w in sorted(spec["place_nouns"], key=len, reverse=True))
    contain = "|".join(re.escape(w) for w in sorted(spec["containment_words"], key=len, reverse=True))
    strong = re.compile(rf"^\s*(?:(?:{nouns})\s*)?(?:,|\()\s*(?:(?:{nouns})\s+(?:of\s+|de\s+|d'|du\s+)?)?$", re.I)
    adjectives = "|".join(re.escape(w) for w in sorted(spec["direction_adjectives"], key=len, reverse=True))
    directions = "|".join(re.escape(w) for w in sorted(spec["direction_nouns"], key=len, reverse=True))
    articles = "|".join(re.escape(w) for w in spec["direction_articles"])
    # a link ending in an apostrophe is glued to the next word ("d'"), the others take a space
    links = "|".join(
        re.escape(w).replace(r"\ ", r"\s+") + ("" if w.endswith("'") else r"\s+")
        for w in sorted(spec["direction_links"], key=len, reverse=True)
    )
    weak = re.compile(
        rf"^\s*,?\s*(?:(?:{nouns})\s+)?(?:{contain})\s+(?:(?:{adjectives})\s+)*"
        rf"(?:(?:{articles})?(?:{directions})\s+(?:{links}))?"
        rf"(?:(?:{nouns})\s+(?:of\s+|de\s+|d'|du\s+)?)?$",
        re.I,
    )
    return strong, weak


@functools.cache
def _division_words() -> frozenset[str]:
    from veille.resources import load_yaml

    words = load_yaml("geo/normalize.yaml")["division_words"]
    return frozenset(plain(w) for w in words if len(w) > 3) - _words("town_words")


def _division_next_to(text: str, m: Mention) -> bool:
    """A division noun right before or after the mention: "Balkh province", "gouvernorat d'Al Bayda"."""
    words = _division_words()
    before = plain(text[max(0, m.start - 20) : m.start]).split()[-2:]
    after = plain(text[m.end : m.end + 20]).split()[:1]
    return bool(words.intersection(before) or words.intersection(after))


def road_nouns() -> frozenset[str]:
    """Nouns after a place name that make it a road's name (``road_nouns`` in normalize.yaml)."""
    return _words("road_nouns")


TOWN_MARK, DIVISION_MARK = "#town", "#division"


_NEXT_WORD = re.compile(r"\s+([^\W\d][\w-]*)")  # the very next word, no bracket or comma between


def _named_by(text: str, m: Mention, list_name: str) -> bool:
    """A noun of ``normalize.yaml``'s list ``list_name`` names the mention: right after it ("Ghazni
    district", "Esmeraldas city") or before it with "of" ("district of Ghazni", "ville de Gao");
    not "X district (Ghazni)", where the noun belongs to X."""
    words = _words(list_name)
    nxt = _NEXT_WORD.match(text, m.end, m.end + 25)
    if nxt is not None and plain(nxt.group(1)) in words:
        return True
    before = plain(text[max(0, m.start - 25) : m.start]).split()[-2:]
    return len(before) == 2 and before[0] in words and before[1] in _words("of_words")


def _town_word_next_to(text: str, m: Mention) -> bool:
    """ "Esmeraldas city", "ville de Gao": the town itself, not the division of that name."""
    return _named_by(text, m, "town_words")


def _subdivision_next_to(text: str, m: Mention) -> bool:
    """ "Ghazni district", "district of Ghazni": the district (or its town), not Ghazni province."""
    return _named_by(text, m, "subdivision_words")


def hint_gap(gap: str) -> str | None:
    """ "strong", "weak" or None for the text between two mentions."""
    if len(gap) > 40:
        return None
    strong, weak = _hint_patterns()
    if strong.match(gap):
        return "strong"
    if weak.match(gap):
        return "weak"
    return None


_UNKNOWN_IN_GAP = re.compile(r"^(\s*[,(])\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}(?:\s+[a-z]+)?\s*[,(]\s*$")


def _attach_hints(mentions: list[Mention], text: str, gaz: Gazetteer) -> None:
    """Admin hints: a mention followed by ", X", " (X", " district, X" or " in X" gets X (and
    X's own hints). A hint in brackets, or one that names a single country, is strict."""
    for a, b in reversed(list(zip(mentions, mentions[1:], strict=False))):
        gap = hint_gap(text[a.end : b.start])
        if gap is None:  # "Pipri, Kaushambi (UP)": a name the gazetteer lacks between them
            gap = hint_gap(_UNKNOWN_IN_GAP.sub(r"\1", text[a.end : b.start]))
        if gap is None:
            continue
        if key(a.text) == key(b.text):  # "Hays (Hays, Al Hudaydah)", "Santa Ana (Santa Ana)":
            divisions = tuple(i for i in b.candidates if gaz.rows[i].feature_code in ("ADM1", "ADM2"))
            if "(" in text[a.end : b.start] and divisions:  # the town in its division of the same name
                b.candidates, b.rule = divisions, b.rule + ":division"
                a.hints.append(b)
            a.hints.extend(b.hints)
            a.strict = a.strict or b.strict or bool(divisions)
            continue
        if not b.candidates:  # "Kasumbalesa (territoire de Sakania, Haut-Katanga)": pass Sakania's hints on
            a.hints.extend(b.hints)
            a.strict = a.strict or b.strict
            continue
        if b.rule == "demonym":
            continue
        a.hints.append(b)
        if b.loose:
            continue
        top = gaz.rows[b.candidates[0]]
        one_country = len({gaz.rows[i].country_code for i in b.candidates}) == 1
        if gap == "strong" and ("(" in text[a.end : b.start] or top.feature_code in ("PCLI", "ADM1", "RGN")):
            a.strict = True
        elif gap == "weak" and one_country and top.feature_code != "PCLI":
            a.strict = True
    for a in reversed(mentions):  # chains: "Douala (Wouri, Littoral)"
        for b in list(a.hints):
            a.hints.extend(h for h in b.hints if h not in a.hints)


def _hint_rows(gaz: Gazetteer, ms: list[Mention], first_pass: bool) -> list[Row]:
    """Rows the hints may mean: all their candidates at first, then what they resolved to."""
    out = []
    for m in ms:
        for h in m.hints:
            if h.loose:  # a loosely spelled hint confirms nothing
                continue
            if first_pass:
                out.extend(gaz.rows[i] for i in h.candidates)
            elif h.choice is not None:
                out.append(gaz.rows[h.choice])
    return out


def _fit(row: Row, hint: Row) -> int:
    """How well ``row`` sits inside the hint ``hint``: 2 inside it (same division, or a nearby
    town), 1 in the same country only, 0 not at all. Division codes of the packaged data are
    matched by name and sometimes wrong, so the country alone keeps a candidate possible."""
    if row == hint:
        return 2
    if row.country_code != hint.country_code:
        return 0
    if hint.feature_code in ("PCLI", "RGN"):
        return 2 if row.feature_code != "PCLI" else 0
    if hint.feature_code == "ADM1":
        if row.feature_code == "ADM1":
            return 0
        return 2 if hint.admin1_code is not None and row.admin1_code == hint.admin1_code else 1
    if row.feature_code in ("PCLI", "ADM1"):
        return 0
    if hint.admin1_code and row.admin1_code == hint.admin1_code:
        return 2
    if None not in (row.latitude, hint.latitude):
        if abs(row.latitude - hint.latitude) < 1.5 and abs(row.longitude - hint.longitude) < 1.5:
            return 2
    return 1


def _outside_hints(row: Row, hints: list[Row], readings: list[Row]) -> bool:
    """A town that lies outside every division or town its hints name, as far as the data can
    tell (a division without a known code only tells the country). ``readings``: all the rows
    the hints may mean; when one of them contains the town, the hint was misread, not the town
    ("Ludhiana (Pendjab)" is not wrong because Pendjab was read as Pakistan's Punjab)."""
    if row.feature_code == "PCLI" or any(_fit(row, h) == 2 for h in readings):
        return False
    if row.feature_code in ("ADM1", "RGN"):  # "Rocha, Paraiba": not the Rocha of another country
        return bool(hints) and all(h.country_code != row.country_code for h in hints)
    sure = [
        h
        for h in hints
        if h.feature_code in ("PCLI", "ADM1")
        or h.population > max(row.population, 20_000)
        or (h.feature_code == "ADM2" and row.population < 50_000)  # a district vetoes a small town only
    ]
    if not sure:  # "Morelia, Michoacán": a hint read as a hamlet elsewhere proves nothing
        return False
    for h in sure:
        f = _fit(row, h)
        if f == 2 or (f == 1 and h.feature_code == "ADM1" and h.admin1_code is None):
            return False
    return True


def _close(row: Row, hint: Row) -> bool:
    """``row`` lies within about 50 km of a town or district ``hint`` (not itself)."""
    if row == hint or hint.feature_code not in ("PPL", "PPLC", "ADM2") or None in (row.latitude, hint.latitude):
        return False
    return abs(row.latitude - hint.latitude) < 0.45 and abs(row.longitude - hint.longitude) < 0.45


def _fits(row: Row, hint: Row) -> bool:
    return _fit(row, hint) > 0
