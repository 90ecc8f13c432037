"""Where an event happened: choose among the toponyms of a text the one its anchor names.

Rules, in order: toponyms inside the anchor (the trigger's sentence) before others; the
target, not the origin ("took off from Jordan to strike ... near Al Qa'im" -> Al Qa'im);
the most specific (town > division/region > country); then the first. Cues are data in
``resources/<lang>/places.yaml``. ``geo_precision``: 1 the town, 2 near a town or part of
a region, 3 a division/region or a country (at its centre).

    >>> from veille.geo import geoparse, locate_event
    >>> text = "Jets took off from Jordan to strike a site near Al Qa'im."
    >>> place = locate_event(text, geoparse(text, "en"), (0, len(text)), "en")
    >>> place.iso3, place.geo_precision
    ('IRQ', 2)
"""

from __future__ import annotations

import re
from collections import Counter

from veille.geo.cues import (
    LangSpec,
    context_areas,
    context_countries,
    cue_at,
    cue_pattern,
    datelines,
    is_demonym,
    is_modifier,
    lang_spec,
    names_forces,
)
from veille.geo.gazetteer import Row, country_points, get_gazetteer
from veille.geo.hints import hint_gap, road_nouns
from veille.geo.normalize import plain
from veille.geo.resolve import read_as
from veille.model import Evidence, Place, Toponym

SPECIFICITY = {"PPL": 3, "PPLC": 3, "ADM2": 2, "RGN": 2, "ADM1": 2, "PCLI": 1}
COUNTRY_WEIGHT = {"PCLI": 0.6, "ADM1": 1.5, "ADM2": 1.0, "RGN": 1.2}
WINDOW = 45  # characters of left context searched for cues


def _context(text: str, toponyms: list[Toponym], t: Toponym) -> str:
    prev_end = max((o.end for o in toponyms if o.end <= t.start), default=0)
    lo = max(prev_end, t.start - WINDOW)
    # do not look back across a sentence end
    cut = max(text.rfind(". ", lo, t.start), text.rfind("; ", lo, t.start))
    if cut >= 0:
        lo = cut + 2
    return text[lo : t.start]


def _on_road_name(text: str, t: Toponym) -> bool:
    """``t`` names a road, not a place: "Murree road", "the Dhaka-Mymensingh highway", "l'axe Gao-Ansongo"."""
    words = road_nouns()
    after = re.match(r"(?:-[A-Z][\w'’]*(?:\s[A-Z][\w'’]*)?)?\s+([^\W\d]+)", text[t.end : t.end + 40])
    if after and plain(after.group(1)) in words:
        return True
    if t.start > 0 and text[t.start - 1] == "-":  # the second end of "X-Y road"
        after = re.match(r"\s+([^\W\d]+)", text[t.end : t.end + 20])
        if after and plain(after.group(1)) in words:
            return True
    before = plain(text[max(0, t.start - 12) : t.start]).split()[-1:]
    return bool(before) and before[0] in words and "-" in text[t.start : t.end + 25].split(" ")[0]


def _is_reference(text: str, usable: list[Toponym], t: Toponym, left: str, spec: LangSpec) -> bool:
    """``t`` is a reference point for a place named just before it: "X, 10 km west of <t>"."""
    if cue_at(left, spec.reference_cues, at_end=True) is None:
        return False
    return any(o.end <= t.start and t.start - o.end <= WINDOW for o in usable)


def _is_hint(text: str, toponyms: list[Toponym], t: Toponym) -> bool:
    """``t`` qualifies the toponym just before it: "Sirwah (Marib)", "Gao, Mali", "Kinda in Idleb"."""
    prev = [o for o in toponyms if o.end <= t.start]
    return bool(prev) and hint_gap(text[prev[-1].end : t.start]) is not None


_CAPITALISED = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:[a-z]{1,3}\s+)?[A-Z][\w'’-]*)*")


def _qualifies_unknown(text: str, toponyms: list[Toponym], t: Toponym) -> bool:
    """``t`` qualifies a name the gazetteer does not know: "Kindjandi (Gueskerou, Diffa)" gives
    Diffa, but the event happened at (or near) Kindjandi: precision 2, not 1."""
    prev = [o for o in toponyms if o.end <= t.start]
    if prev and hint_gap(text[prev[-1].end : t.start]) is not None:
        return prev[-1].latitude is None
    left = text[max(0, t.start - 60) : t.start]
    names = list(_CAPITALISED.finditer(left))
    if not names:
        return False
    last = names[-1]
    return last.start() > 0 and hint_gap(left[last.end() :]) is not None


def _area_place(text: str, cc: str | None) -> Place | None:
    """The area that forces named in ``text`` tie it to (of country ``cc`` if given), precision 3."""
    gaz = get_gazetteer()
    area = next((a for a in context_areas(text, gaz) if cc is None or a[0].country_code == cc), None)
    if area is None:
        return None
    row, m = area
    return Place(
        iso3=gaz.iso3.get(row.country_code),
        country=gaz.country_names.get(row.country_code),
        admin1=gaz.admin1_name(row) if row.feature_code == "ADM1" else None,
        location=row.name,
        latitude=row.latitude,
        longitude=row.longitude,
        geonameid=row.geonameid,
        geo_precision=3,
        evidence=Evidence(field="location", start=m.start(), end=m.end(), text=m.group(0), rule="geo:area-cue"),
    )


def _country_from_cues(text: str, anchor: tuple[int, int]) -> Place | None:
    """No place name at all: the country a named group ties the text to ("Taliban"), at the
    country's point, precision 3."""
    area = _area_place(text, None)
    if area is not None:
        return area
    found = context_countries(text)
    if not found:
        return None
    iso3 = get_gazetteer().iso3.get(found.most_common(1)[0][0])
    m = next(iter(cue_pattern()[0].finditer(text)))
    evidence = Evidence(field="location", start=m.start(), end=m.end(), text=m.group(0), rule="geo:context-cue")
    return country_place(iso3, evidence) if iso3 else None


def country_place(iso3: str, evidence: Evidence) -> Place | None:
    """Country ``iso3`` at its point, precision 3 (from the gazetteer's small country table, so a
    process that has not loaded the gazetteer can call it)."""
    point = country_points().get(iso3)
    if point is None:
        return None
    return Place(
        iso3=iso3,
        country=point["country"],
        location=point["country"],
        latitude=point["latitude"],
        longitude=point["longitude"],
        geonameid=point["geonameid"],
        geo_precision=3,
        evidence=evidence,
    )


def _container(text: str, toponyms: list[Toponym], t: Toponym) -> Toponym | None:
    """The located toponym that qualifies ``t`` right after it ("X (Marib)", "X in Idleb")."""
    nxt = [o for o in toponyms if o.start >= t.end]
    if nxt and nxt[0].latitude is not None and hint_gap(text[t.end : nxt[0].start]) is not None:
        return nxt[0]
    return None


def locate_event(text: str, toponyms: list[Toponym], anchor: tuple[int, int], lang: str | None = None) -> Place | None:
    """The place of the event whose trigger/sentence span is ``anchor`` (char offsets), or None."""
    spec: LangSpec = lang_spec(lang or "en")
    located = [t for t in toponyms if t.country_code and t.latitude is not None and t.feature_code]
    usable = [
        t
        for t in located
        if not (is_demonym(t.text, lang or "en") and t.feature_code in ("PCLI", "RGN"))  # "Somali region" is a place
        and not is_modifier(text, t.end, lang or "en")
    ]
    if not usable:
        # only demonyms: "Palestinian farmers" or "Azerbaijani frontline" tell where; "Israeli
        # forces", "Turkish border guards" tell who acted, often abroad, so a group tied to one
        # country ("QSD", "pro-Hadi") comes first, and the forces' country is the last resort
        people = [
            t
            for t in located
            if not is_modifier(text, t.end, spec.lang) and not names_forces(text, t.start, t.end, spec.force_nouns)
        ]
        if people:
            usable = people
        elif located:
            return _country_from_cues(text, anchor) or locate_from(text, toponyms, located, anchor, spec)
    if not usable:
        return _country_from_cues(text, anchor)
    return locate_from(text, toponyms, usable, anchor, spec)


def locate_from(
    text: str, toponyms: list[Toponym], usable: list[Toponym], anchor: tuple[int, int], spec: LangSpec
) -> Place:
    """The event place among the ``usable`` toponyms (see :func:`locate_event`)."""
    gaz = get_gazetteer()
    a0, a1 = anchor
    inside = [t for t in usable if t.start >= a0 and t.end <= a1]
    pool = inside or usable
    if inside and all(t.feature_code in ("PCLI", "RGN") for t in inside):
        # the sentence names only a country ("in Mali"): a town of that country named elsewhere
        # in the text is more precise
        countries = {t.country_code for t in inside}
        pool = inside + [t for t in usable if t not in inside and t.country_code in countries]
    # the main country of the pool: places elsewhere are likely origins or comparisons
    # (countries named outright are often actors, "US drone strike": they count less than towns
    # and divisions; groups tied to one country, "Taliban", count too)
    weights: Counter = Counter()
    for t in pool:
        weights[t.country_code] += COUNTRY_WEIGHT.get(t.feature_code, 1.0)
    for cc, n in context_countries(text).items():
        if cc in weights:
            weights[cc] += 0.5 * min(n, 2)
    top_country = max(weights, key=lambda cc: (weights[cc], -min(t.start for t in pool if t.country_code == cc)))

    dateline_spans = {span for span, _ in datelines(text)}
    best, best_key, best_cue, best_rule = None, None, None, ""
    for order, t in enumerate(pool):
        left = _context(text, toponyms, t)
        near = cue_at(left, spec.near_cues, at_end=False)
        origin = None if near else cue_at(left, spec.origin_cues, at_end=True)
        target = cue_at(left, spec.target_cues, at_end=True)
        spec_rank = SPECIFICITY.get(t.feature_code, 3)
        container = _container(text, toponyms, t)
        if container is not None and container.country_code != t.country_code:
            spec_rank = 0  # "Rihaniya in al-Hasakeh" resolved abroad: trust the container
        if _is_hint(text, toponyms, t):
            spec_rank -= 1
        if _on_road_name(text, t):
            spec_rank -= 2  # "on Murree road in Rawalpindi", "the Dhaka-Mymensingh highway": road names
        if _is_reference(text, usable, t, left, spec):
            spec_rank -= 2  # "in Sirwah district west of Marib city": Marib only tells where Sirwah is
        if (t.start, t.end) in dateline_spans:
            spec_rank -= 2  # "BAMAKO (AFP) -": where the story was filed, not always where it happened
        rank = (
            0 if origin else 1,
            1 if t.country_code == top_country else 0,
            spec_rank,
            1 if (target or near) else 0,
            -order,
        )
        if best_key is None or rank > best_key:
            best, best_key, best_cue = t, rank, near
            best_rule = f"near:{near}" if near else (f"target:{target}" if target else "first-specific")
    t = best
    fc = t.feature_code
    if fc == "PCLI":  # only the country: the area its forces tie the text to ("OSCE SMM": Donbas)
        area = _area_place(text, t.country_code)
        if area is not None:
            return area
    hint_of_unknown = _qualifies_unknown(text, toponyms, t)
    if fc in ("PPL", "PPLC"):
        precision = 2 if best_cue or hint_of_unknown else 1
        location = t.name
    else:
        # a division that qualifies an unknown village ("à Boni, dans la région de Mopti"): near
        # a named place inside it, precision 2; else the division or country itself, 3
        precision = 2 if fc == "ADM2" or (hint_of_unknown and fc in ("ADM1", "RGN")) else 3
        location = t.name if fc != "PCLI" else gaz.country_names.get(t.country_code, t.name)
    alternatives = _alternatives(text, toponyms, t) if fc in ("PPL", "PPLC", "ADM1", "ADM2") else ()
    namesake = _namesake(toponyms, t, alternatives)
    if namesake is not None:  # "from Beirut to Tripoli": Lebanon's Tripoli
        t, alternatives = namesake, ()
        location = t.name
        best_rule = "namesake-of-named-country"
    admin1 = t.admin1 if fc != "PCLI" else None
    return Place(
        iso3=gaz.iso3.get(t.country_code),
        country=gaz.country_names.get(t.country_code),
        admin1=admin1,
        location=location,
        latitude=t.latitude,
        longitude=t.longitude,
        geonameid=t.geonameid,
        geo_precision=precision,
        evidence=Evidence(field="location", start=t.start, end=t.end, text=t.text, rule=f"geo:{best_rule}"),
        alternatives=tuple(_namesake_place(gaz.rows[i], precision) for i in alternatives),
    )


def _namesake_place(r: Row, precision: int) -> Place:
    """A namesake as a place the event may move to (no evidence of its own yet)."""
    gaz = get_gazetteer()
    return Place(
        iso3=gaz.iso3.get(r.country_code),
        country=gaz.country_names.get(r.country_code),
        admin1=gaz.admin1_name(r),
        location=r.name,
        latitude=r.latitude,
        longitude=r.longitude,
        geonameid=r.geonameid,
        geo_precision=precision,
    )


def _namesake(toponyms: list[Toponym], t: Toponym, alternatives: tuple[int, ...]) -> Toponym | None:
    """``t`` read as its namesake abroad (one of ``alternatives``) in the one country where another
    place of the text lies ("from Beirut to Tripoli"), or None."""
    if not alternatives:
        return None
    gaz = get_gazetteer()
    countries = {o.country_code for o in toponyms if o.latitude is not None}
    rows = [gaz.rows[i] for i in alternatives if gaz.rows[i].country_code in countries]
    if len({r.country_code for r in rows}) != 1:
        return None
    return read_as(t, max(rows, key=lambda r: r.population), gaz)


def _same_kind(r: Row, chosen: Row, floor: float) -> bool:
    """A namesake of the same kind: a town of ``floor`` people or more for a town, a division for a
    division ("North East" is a region of Ghana, Botswana and Singapore)."""
    if chosen.feature_code in ("ADM1", "ADM2"):
        return r.feature_code == chosen.feature_code
    return r.feature_code in ("PPL", "PPLC") and r.population >= floor


ALTERNATIVE_SHARE = 0.05  # a same-named town abroad counts from this share of the chosen one's people


def _alternatives(text: str, toponyms: list[Toponym], t: Toponym) -> tuple[int, ...]:
    """Same-named places of other countries (:func:`_same_kind`: towns of 20,000 people or more and
    at least a twentieth of the chosen town's, divisions of its level), when nothing else in the text
    speaks for the chosen place's country: no other place or people of that country, no group tied
    to it. "Tripoli" alone may be Lebanon's; reports like this one settle it (:mod:`veille.geo.similar`)."""
    gaz = get_gazetteer()
    if any(o.country_code == t.country_code and o.geonameid != t.geonameid for o in toponyms if o.latitude is not None):
        return ()  # another place of its country, its division of the same name too ("San Jose (San Jose)")
    if t.country_code in context_countries(text):
        return ()
    readings = gaz.lookup(t.text)
    chosen = next((gaz.rows[i] for i in readings if gaz.rows[i].geonameid == t.geonameid), None)
    if chosen is None:
        return ()
    floor = max(20_000, ALTERNATIVE_SHARE * chosen.population)
    found = [
        i for i in readings if gaz.rows[i].country_code != t.country_code and _same_kind(gaz.rows[i], chosen, floor)
    ]
    return tuple(sorted(found, key=lambda i: -gaz.rows[i].population))  # the largest of a country first
