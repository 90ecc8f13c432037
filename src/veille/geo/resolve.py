"""Toponym disambiguation: one gazetteer row per recognised mention.

Disambiguation, one sense per name per document: population and feature class (country,
division, capital, town), the document's country context, and admin hints that follow a
name ("Holubivske, Luhansk", "Douala (Wouri, Littoral)") which select the candidate inside
that division or country.

    >>> from veille.geo import geoparse
    >>> [t.name for t in geoparse("Protesters gathered in Kabul, Afghanistan.", "en")]
    ['Kabul', 'Afghanistan']
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from veille.geo.cues import any_force_nouns, context_areas, context_countries, cue_at, lang_spec, names_forces
from veille.geo.gazetteer import CLOSE_SPELLING, Gazetteer, Row, get_gazetteer
from veille.geo.hints import (
    DIVISION_MARK,
    TOWN_MARK,
    _attach_hints,
    _close,
    _division_next_to,
    _fit,
    _fits,
    _hint_rows,
    _hint_slot,
    _outside_hints,
    _subdivision_next_to,
    _town_word_next_to,
)
from veille.geo.mention import Mention
from veille.geo.normalize import key, plain
from veille.model import Toponym

LOOSE_FLOOR = 0.6  # the least closeness of a loose spelling (gazetteer.closeness)
AREA_RADIUS = 2.0  # degrees (about 200 km): beyond it a small same-name village is not the one meant


def _deg(a: Row, lat: float, lon: float) -> float:
    coslat = math.cos(math.radians(lat))
    return math.hypot(a.latitude - lat, (a.longitude - lon) * coslat)


FEATURE_BONUS = {"PCLI": 5.0, "RGN": 4.0, "ADM1": 0.0, "PPLC": 2.5, "PPL": 0.0}


@dataclass
class Context:
    """What the document is about so far: its countries and first-level divisions."""

    countries: Counter = field(default_factory=Counter)
    admins: Counter = field(default_factory=Counter)

    neighbours: dict[str, tuple[str, ...]] = field(default_factory=dict)

    points: list[tuple[float, float, str]] = field(default_factory=list)  # places chosen so far, with their key

    areas: list[Row] = field(default_factory=list)  # areas named by the forces of the text ("OSCE SMM": Donbas)

    def far_from_areas(self, r: Row) -> bool:
        """A small town lying far from every area of the text."""
        if not self.areas or not r.feature_code.startswith("PPL") or r.population >= 50_000 or r.latitude is None:
            return False
        return all(_deg(r, a.latitude, a.longitude) > AREA_RADIUS for a in self.areas)

    def near_share(self, r: Row, own: str) -> float:
        """Share of the document's other places within about 150 km of ``r``."""
        if r.latitude is None or r.feature_code in ("PCLI", "RGN"):
            return 0.0
        others = [(la, lo) for la, lo, k in self.points if k != own]
        if not others:
            return 0.0
        coslat = math.cos(math.radians(r.latitude))
        close = sum(1 for la, lo in others if (la - r.latitude) ** 2 + ((lo - r.longitude) * coslat) ** 2 < 1.9)
        return close / len(others)

    def without(self, votes: Context) -> Context:
        """This context without some country and division ``votes``."""
        countries, admins = self.countries.copy(), self.admins.copy()
        countries.subtract(votes.countries)
        admins.subtract(votes.admins)
        return Context(+countries, +admins, self.neighbours, self.points, self.areas)

    def score(self, r: Row) -> float:
        s = 0.0
        if total := sum(self.countries.values()):
            s += 2.0 * self.countries.get(r.country_code, 0) / total
            near = sum(self.countries.get(n, 0) for n in self.neighbours.get(r.country_code, ()))
            s += 0.75 * min(1.0, near / total)
        if r.admin1_code and (total := sum(self.admins.values())):
            s += 1.5 * self.admins.get((r.country_code, r.admin1_code), 0) / total
        if self.areas and r.latitude is not None and r.feature_code not in ("PCLI", "RGN"):
            if any(_deg(r, a.latitude, a.longitude) <= 0.75 * AREA_RADIUS for a in self.areas):
                s += 2.0
        return s


def _score(gaz: Gazetteer, i: int, surface: str, ctx: Context) -> float:
    r = gaz.rows[i]
    s = math.log10(r.population + 10)
    if plain(r.name) == plain(surface):
        s += 1.5 + FEATURE_BONUS.get(r.feature_code, 0.0)
    elif r.feature_code != "PPLC":  # a capital's old or foreign name is no capital ("Salisbury")
        s += FEATURE_BONUS.get(r.feature_code, 0.0)
    if r.latitude is None:
        s -= 4.0
    return s + ctx.score(r)


def _confirmed(gaz: Gazetteer, best: int, ms: list[Mention], hint_rows: list[Row], ctx: Context, npass: int) -> bool:
    """A loose-spelling match needs support: it fits the admin hint, lies in a country the
    document names (or a neighbour of one), or is a close spelling of this place and of no place
    of another country ("Quamishli" is Qamishli; "Tengiz" is not Tangier). Whatever supports it,
    a spelling that far from the place's names is no match ("Finiels" is no Versailles)."""
    row = gaz.rows[best]
    if gaz.closeness(ms[0].text, best) < LOOSE_FLOOR:
        return False
    if hint_rows:  # inside the hint: a loose spelling elsewhere in its country is another place
        return any(_fit(row, h) == 2 for h in hint_rows)
    if ctx.countries.get(row.country_code, 0) > (1 if npass else 0):
        return True
    surface = ms[0].text
    if gaz.closeness(surface, best) < CLOSE_SPELLING:
        return False
    return not any(
        gaz.rows[j].country_code != row.country_code and gaz.closeness(surface, j) >= CLOSE_SPELLING
        for j in ms[0].candidates
        if j != best
    )


def _one_country(gaz: Gazetteer, ms: list[Mention]) -> bool:
    """All readings of the name lie in one country (and it is not a loose spelling): the name
    itself tells the document's country."""
    return not ms[0].loose and len({gaz.rows[i].country_code for i in ms[0].candidates}) == 1


def _foreign_village(gaz: Gazetteer, row: Row, ms: list[Mention], ctx: Context, named: set[str]) -> bool:
    """A small town of a country the rest of the document never mentions is more likely a
    local place missing from the gazetteer than a trip abroad ("in Bat Galim ... of Haifa"); so is
    a division when the text names another country outright (``named``: "Freetown (Western Area
    Urban) ... Sierra Leone" is no Western Region of Uganda), and a loosely spelled town of any size."""
    small_town = row.feature_code.startswith("PPL") and row.population < 50_000
    division = row.feature_code in ("ADM1", "ADM2") and bool(named - {row.country_code})
    if not (small_town or division or ms[0].loose and row.feature_code.startswith("PPL")):
        return False
    others = ctx.countries.copy()
    # its own votes: of the first pass, and of the start when all its readings lie in one country
    others[row.country_code] -= len(ms) * (2 if _one_country(gaz, ms) else 1)
    if others[row.country_code] > 0 or sum(v for v in others.values() if v > 0) < 2:
        return False
    return not any(others.get(n, 0) > 0 for n in ctx.neighbours.get(row.country_code, ()))


def _gives_way(gaz: Gazetteer, row: Row, m: Mention, ctx: Context, named: set[str]) -> bool:
    """The hint of ``m`` read as ``row`` is a foreign division or village that will give way (see
    :func:`_foreign_village`), so it vetoes nothing: "Freetown (Western Area Urban, province de
    l'Ouest) ... Sierra Leone" read "Western" as Uganda's region."""
    h = next((h for h in m.hints if h.choice is not None and gaz.rows[h.choice] == row), None)
    return h is not None and _foreign_village(gaz, row, [h], ctx, named)


def _prefer_seat(gaz: Gazetteer, best: int, ms: list[Mention], text: str, hint_rows: list[Row]) -> int:
    """A bare name shared by a division and its seat town means the town ("Gao" -> Gao town),
    unless a division word is next to it ("Gao region", "province de Gao")."""
    row = gaz.rows[best]
    if row.feature_code not in ("ADM1", "ADM2"):
        return best
    for m in ms:
        if _division_next_to(text, m) and not (row.feature_code == "ADM1" and _subdivision_next_to(text, m)):
            return best
    for i in ms[0].candidates:
        r = gaz.rows[i]
        if r.feature_code.startswith("PPL") and r.country_code == row.country_code and r.admin1_code == row.admin1_code:
            if not hint_rows or any(_fits(r, h) for h in hint_rows):
                return i
    return best


def resolve(mentions: list[Mention], text: str, gaz: Gazetteer | None = None, lang: str = "en") -> None:
    """Choose one row per mention (``mention.choice``), one sense per name per document."""
    gaz = gaz or get_gazetteer()
    origin_cues = lang_spec(lang).origin_cues
    _attach_hints(mentions, text, gaz)
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.candidates:  # one sense per name, but "Esmeraldas city" is not "Esmeraldas province"
            same_named = any(h.rule.endswith(":division") and key(h.text) == key(m.text) for h in m.hints)
            if m.rule.endswith(":division"):
                mark = DIVISION_MARK
            elif same_named or _town_word_next_to(text, m):
                mark = TOWN_MARK
            else:
                mark = DIVISION_MARK if _division_next_to(text, m) else ""
            by_key[key(m.text) + mark].append(m)

    # country context: countries named outright, then the countries of unambiguous names
    areas = [row for row, _ in context_areas(text, gaz)]
    ctx = Context(neighbours=gaz.neighbours, areas=areas)
    named: set[str] = set()  # countries the text names outright (or by their groups)
    force_votes: Counter = Counter()  # votes of countries named only as the forces' nationality
    for cc, n in context_countries(text).items():
        ctx.countries[cc] += min(n, 2)
        named.add(cc)
    for ms in by_key.values():
        if all(m.rule.endswith(":modifier") for m in ms):
            continue
        rows = [gaz.rows[i] for i in ms[0].candidates]
        if rows[0].feature_code == "PCLI" and not ms[0].loose:  # "Serail" is no Sierra Leone
            if all(cue_at(text[max(0, m.start - 30) : m.start], origin_cues, at_end=True) for m in ms):
                continue  # "migrants (mostly from Afghanistan)": where people came from, not where it happened
            ctx.countries[rows[0].country_code] += 2 * len(ms)
            if all(names_forces(text, m.start, m.end, any_force_nouns()) for m in ms):
                force_votes[rows[0].country_code] += 2 * len(ms)
            else:
                named.add(rows[0].country_code)  # "US military forces" names who acted, not where
        elif rows[0].country_code and _one_country(gaz, ms):
            ctx.countries[rows[0].country_code] += len(ms)
    qualifiers = {id(h) for m in mentions for h in m.hints}  # mentions that qualify another
    heads: dict[int, list[Mention]] = defaultdict(list)  # hint -> the mentions it qualifies
    for m in mentions:
        for h in m.hints:
            heads[id(h)].append(m)
    for npass in range(2):
        chosen = Context()
        for k, ms in by_key.items():
            hint_rows = _hint_rows(gaz, ms, npass == 0)
            division = any(_division_next_to(text, m) for m in ms)
            sub = any(_subdivision_next_to(text, m) for m in ms)
            qualifier = any(id(m) in qualifiers for m in ms)
            slot = any(_hint_slot(text, m.start, m.end, None) for m in ms)
            head_rows = [
                gaz.rows[j]
                for m in ms
                for h in heads.get(id(m), ())
                if not h.loose
                for j in (h.candidates[:10] if npass == 0 or h.choice is None else (h.choice,))
            ]
            best, best_s = None, -1e9
            for i in ms[0].candidates:
                s = _score(gaz, i, ms[0].text, ctx) + 2.5 * ctx.near_share(gaz.rows[i], k)
                fc = gaz.rows[i].feature_code
                if k.endswith(TOWN_MARK) and fc in ("ADM1", "ADM2"):
                    s -= 12.0  # a division only when no town bears the name
                if fc == "ADM1" and sub:
                    s -= 4.0
                elif (division or qualifier) and fc == "ADM1":
                    s += 4.0 if division else 2.5
                elif fc == "ADM2" and (division or qualifier or slot):  # "X (Pobe-Mengao, Soum)"
                    s += 4.0 if division else 3.5
                if hint_rows:
                    s += 4.0 * max(_fit(gaz.rows[i], h) for h in hint_rows)
                    if any(_close(gaz.rows[i], h) for h in hint_rows):  # "Jalalpur, Shamli": the one by Shamli
                        s += 1.5
                if head_rows:  # "Ludhiana (Pendjab)": the Punjab that contains a Ludhiana
                    s += 1.5 * max(_fit(r, gaz.rows[i]) for r in head_rows)
                if s > best_s:
                    best, best_s = i, s
            best = _prefer_seat(gaz, best, ms, text, hint_rows)
            if ms[0].loose and not _confirmed(gaz, best, ms, hint_rows, ctx.without(Context(force_votes)), npass):
                for m in ms:
                    m.choice = None
                continue
            if (
                npass == 1
                and not any(_fits(gaz.rows[best], h) for h in hint_rows)  # no hint, or none that holds it
                and (_foreign_village(gaz, gaz.rows[best], ms, ctx, named) or ctx.far_from_areas(gaz.rows[best]))
            ):
                for m in ms:
                    m.choice = None
                continue
            for m in ms:
                m.choice = best
                # a hint read only as a district elsewhere does not veto a city ("Rancagua (O'Higgins)")
                big = gaz.rows[best].population >= 50_000
                m_hints = [  # a region ("Golfe" read as the Persian Gulf) contains nothing for sure
                    h
                    for h in _hint_rows(gaz, [m], npass == 0)
                    if h.feature_code != "RGN"
                    and not (big and h.feature_code == "ADM2")
                    and not (npass == 1 and _gives_way(gaz, h, m, ctx, named))
                ]
                if (
                    m.strict
                    and m_hints
                    and gaz.rows[best].feature_code.startswith("PPL")
                    and not any(_fits(gaz.rows[best], h) for h in m_hints)
                ):
                    m.choice = None  # "Abu Salim (Tripoli)": not the Abu of another country
                elif npass == 1 and m_hints and _outside_hints(gaz.rows[best], m_hints, _hint_rows(gaz, [m], True)):
                    m.choice = None  # "Vodyane, Donetsk": not a Vodyane of another province
            if all(m.choice is None for m in ms):
                continue
            r = gaz.rows[best]
            if r.country_code:
                chosen.countries[r.country_code] += len(ms)
            if r.admin1_code and r.feature_code != "PCLI":
                chosen.admins[(r.country_code, r.admin1_code)] += len(ms)
            if r.latitude is not None and r.feature_code not in ("PCLI", "RGN"):
                chosen.points.append((r.latitude, r.longitude, k))
        ctx = Context(ctx.countries + chosen.countries, chosen.admins, gaz.neighbours, chosen.points, areas)


def to_toponyms(mentions: list[Mention], gaz: Gazetteer | None = None, unresolved: bool = False) -> list[Toponym]:
    """Toponyms of the resolved mentions (and of the others too if ``unresolved``)."""
    gaz = gaz or get_gazetteer()
    out = []
    for m in mentions:
        if m.choice is None and not unresolved:
            continue
        t = Toponym(text=m.text, start=m.start, end=m.end)
        out.append(t if m.choice is None else read_as(t, gaz.rows[m.choice], gaz))
    return out


def read_as(t: Toponym, r: Row, gaz: Gazetteer) -> Toponym:
    """The toponym ``t`` (its text and span) read as the gazetteer row ``r``."""
    return Toponym(
        text=t.text,
        start=t.start,
        end=t.end,
        geonameid=r.geonameid,
        name=r.name,
        latitude=r.latitude,
        longitude=r.longitude,
        country_code=r.country_code,
        admin1=gaz.admin1_name(r),
        feature_code=r.feature_code,
    )
