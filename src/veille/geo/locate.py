"""Where an event happened: choose among the toponyms of a text the one its anchor names.

Rules, in order: toponyms inside the anchor (the trigger's sentence) before others; the
target, not the origin ("took off from Jordan to strike ... near Al Qa'im" -> Al Qa'im);
the most specific (town > division/region > country); then the first. Cues are data in
``resources/<lang>/places.yaml``. ``geo_precision``: 1 the town, 2 near a town or part of
a region, 3 a division/region or a country (at its centre).

    >>> from veille.geo import geoparse, locate_event
    >>> text = "Jets took off from Jordan to strike a site near Al Qa'im."
    >>> locate_event(text, geoparse(text, "en"), (0, len(text)), "en").location
    "Al Qa'im"
"""

from __future__ import annotations

from collections import Counter

from veille.geo.gazetteer import get_gazetteer
from veille.geo.parse import LangSpec, _hint_gap, cue_at, is_demonym, lang_spec
from veille.model import Evidence, Place, Toponym

SPECIFICITY = {"PPL": 3, "PPLC": 3, "RGN": 2, "ADM1": 2, "PCLI": 1}
WINDOW = 45  # characters of left context searched for cues


def _context(text: str, toponyms: list[Toponym], t: Toponym) -> str:
    prev_end = max((o.end for o in toponyms if o.end <= t.start), default=0)
    lo = max(prev_end, t.start - WINDOW)
    # do not look back across a sentence end
    cut = max(text.rfind(". ", lo, t.start), text.rfind("; ", lo, t.start))
    if cut >= 0:
        lo = cut + 2
    return text[lo : t.start]


def _is_hint(text: str, toponyms: list[Toponym], t: Toponym) -> bool:
    """``t`` qualifies the toponym just before it: "Sirwah (Marib)", "Gao, Mali", "Kinda in Idleb"."""
    prev = [o for o in toponyms if o.end <= t.start]
    return bool(prev) and _hint_gap(text[prev[-1].end : t.start]) is not None


def _container(text: str, toponyms: list[Toponym], t: Toponym) -> Toponym | None:
    """The located toponym that qualifies ``t`` right after it ("X (Marib)", "X in Idleb")."""
    nxt = [o for o in toponyms if o.start >= t.end]
    if nxt and nxt[0].latitude is not None and _hint_gap(text[t.end : nxt[0].start]) is not None:
        return nxt[0]
    return None


def locate_event(text: str, toponyms: list[Toponym], anchor: tuple[int, int], lang: str | None = None) -> Place | None:
    """The place of the event whose trigger/sentence span is ``anchor`` (char offsets), or None."""
    spec: LangSpec = lang_spec(lang or "en")
    gaz = get_gazetteer()
    located = [t for t in toponyms if t.country_code and t.latitude is not None and t.feature_code]
    usable = [t for t in located if not is_demonym(t.text, lang or "en")]
    if not usable:  # only "Afghan forces", "Turkish government": the country, as a last resort
        usable = located
    if not usable:
        return None
    a0, a1 = anchor
    inside = [t for t in usable if t.start >= a0 and t.end <= a1]
    pool = inside or usable
    # the main country of the pool: places elsewhere are likely origins or comparisons
    weights = Counter(t.country_code for t in pool)
    top_country = weights.most_common(1)[0][0]

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
    prev = [o for o in toponyms if o.end <= t.start]
    hint_of_unknown = _is_hint(text, toponyms, t) and prev and prev[-1].latitude is None
    if fc in ("PPL", "PPLC"):
        precision = 2 if best_cue or hint_of_unknown else 1
        location = t.name
    else:
        precision = 3
        location = t.name if fc != "PCLI" else gaz.country_names.get(t.country_code, t.name)
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
    )
